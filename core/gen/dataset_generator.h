#pragma once

#include "core/util/splitmix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// Synthetic WebDataset-style samples, deterministic for a seed: images of
// class-dependent patterns (.png), labels (.cls), metadata (.json), captions
// (.txt) and random bytes (.bin, .npy-free raw payload).
struct SampleSpec
{
    std::vector<std::string> extensions = {"png", "cls", "json"};
    std::uint64_t binSize = 1024; // size of .bin members
    int imageSize = 32;           // width = height of .png members
    int classes = 10;
    std::uint64_t seed = 1;
};

// The members of sample `index` as (extension, bytes); throws
// Error(InvalidArgument) for an unknown extension.
std::vector<std::pair<std::string, std::string>> generateSample(const SampleSpec &spec, std::uint64_t index);

// Deterministic pseudo-random bytes for (seed, index).
std::string randomPayload(std::uint64_t seed, std::uint64_t index, std::uint64_t size);

// The class of sample `index` (what its .cls holds and its image shows).
int sampleClass(const SampleSpec &spec, std::uint64_t index);

// Archive formats shards are written in.
enum class ShardFormat { Tar, TarGz, TarLz4, Zip };
ShardFormat parseShardFormat(const std::string &name); // "tar", "tar.gz"/"tgz", "tar.lz4", "zip"
std::string shardExtension(ShardFormat f);             // ".tar", ".tar.gz", ...

// Builds an archive in memory from (member name, bytes) pairs, in order.
std::string writeArchive(ShardFormat format, const std::vector<std::pair<std::string, std::string>> &members);

} // namespace shardscope
