#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace shardscope {

// The demo data set: a small multimodal classification set whose content
// matches its labels, reproducible from a seed (same spec, same bytes).
// Every sample is a picture of one shape (its class) in a named colour, size,
// position and background with a little noise, plus
//   .cls   the class index (a line of classes.txt)
//   .txt   a caption that describes the picture
//   .json  class name, colour, size, background and bounding box
//   .wav   (every extrasEvery-th sample) a short chirp whose pitch follows the class
//   .npy   (the same samples) the bounding box as int32 [x0, y0, x1, y1]
// written as WebDataset shards under train/ and val/, with classes.txt and a
// dataset config (dataset.json) beside them.
struct DemoSpec
{
    std::uint64_t seed = 1;
    int imageSize = 64;
    std::uint64_t trainShards = 8;
    std::uint64_t valShards = 2;
    std::uint64_t samplesPerShard = 64;
    std::uint64_t extrasEvery = 5; // samples with .wav and .npy: every n-th
    // Plant the defects an audit should find (see demoDefects).
    bool defects = false;
    // Where the data set lives, for the dataset config: provider "ais", "s3" or
    // "local" and a bucket; an empty provider writes no config.
    std::string provider = "local";
    std::string bucket = "demo";
    std::string prefix; // inside the bucket, "" or ending in '/'
};

// The classes, in label order: circle, square, triangle, star, cross, diamond.
const std::vector<std::string> &demoClassNames();

// What sample `index` shows (train samples come first, then val).
struct DemoSampleInfo
{
    std::string key; // "sample-000123"
    int label = 0;
    std::string className, colorName, sizeName, backgroundName, position;
    std::uint8_t color[3] = {0, 0, 0};
    std::uint8_t background[3] = {0, 0, 0};
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0; // bounding box: [x0, x1) x [y0, y1) pixels
    bool extras = false;                // has .wav and .npy
};
DemoSampleInfo demoSampleInfo(const DemoSpec &spec, std::uint64_t index);

// The members of sample `index` as (extension, bytes), in archive order.
std::vector<std::pair<std::string, std::string>> demoSampleMembers(const DemoSpec &spec, std::uint64_t index);

// The objects of the data set, in writing order: train shards, val shards,
// classes.txt, then dataset.json (when spec.provider is set). Names are
// relative to spec.prefix.
std::size_t demoObjectCount(const DemoSpec &spec);
std::string demoObjectName(const DemoSpec &spec, std::size_t object);
std::string demoObjectBytes(const DemoSpec &spec, std::size_t object);

// With spec.defects: one line per planted defect (what and where), for the
// user to compare with what an audit reports. Empty without defects.
std::vector<std::string> demoDefects(const DemoSpec &spec);

class Store;

// Writes the demo into `bucket` (created when missing) unless its
// dataset.json (or, without a provider, classes.txt) is there already.
// `progress(done, total)` after each object; returning false stops (Error
// Cancelled). Returns whether anything was written. Throws the store's Error.
bool ensureDemoDataset(Store &store, const std::string &bucket, const DemoSpec &spec,
                       const std::function<bool(std::size_t, std::size_t)> &progress = {});

// Throws Error(InvalidArgument) naming the field when the spec cannot make a
// data set (no shards, too many samples, image too small for a shape, ...).
void validateDemoSpec(const DemoSpec &spec);

} // namespace shardscope
