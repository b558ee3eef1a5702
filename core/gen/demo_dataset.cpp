#include "core/gen/demo_dataset.h"

#include "core/config/dataset_config.h"
#include "core/gen/dataset_generator.h"
#include "core/gen/png_writer.h"
#include "core/storage/store.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace shardscope {
namespace {

struct Named
{
    const char *name;
    std::uint8_t rgb[3];
};

// Shape colours and backgrounds, far enough apart to tell at a glance.
const Named kColors[] = {{"red", {215, 40, 40}},     {"green", {40, 160, 60}},    {"blue", {40, 80, 215}},
                         {"yellow", {235, 200, 30}}, {"orange", {240, 130, 30}},  {"purple", {135, 60, 175}},
                         {"pink", {235, 110, 170}},  {"cyan", {40, 190, 200}}};
const Named kBackgrounds[] = {{"grey", {128, 128, 128}}, {"white", {242, 242, 242}}, {"black", {25, 25, 25}},
                              {"beige", {225, 210, 175}}};
const char *const kSizes[] = {"small", "medium", "large"};

constexpr int kNoise = 6; // +- per channel

enum Shape { Circle, Square, Triangle, Star, Cross, Diamond, ShapeCount };

// Deterministic draws for one sample: the n-th number of (seed, index).
struct Draws
{
    std::uint64_t state;
    Draws(std::uint64_t seed, std::uint64_t index)
        : state(splitmix64(splitmix64(seed) ^ (index * 0x9e3779b97f4a7c15ull)))
    {
    }
    std::uint64_t next() { return state = splitmix64(state); }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

bool insidePolygon(const std::vector<std::array<double, 2>> &poly, double u, double v)
{
    bool in = false;
    for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const auto &a = poly[i];
        const auto &b = poly[j];
        if ((a[1] > v) != (b[1] > v) && u < (b[0] - a[0]) * (v - a[1]) / (b[1] - a[1]) + a[0])
            in = !in;
    }
    return in;
}

const std::vector<std::array<double, 2>> &starPolygon()
{
    static const std::vector<std::array<double, 2>> poly = [] {
        std::vector<std::array<double, 2>> p;
        for (int i = 0; i < 10; ++i) {
            const double r = i % 2 == 0 ? 1.0 : 0.42;
            const double a = -M_PI / 2 + i * M_PI / 5;
            p.push_back({r * std::cos(a), r * std::sin(a)});
        }
        return p;
    }();
    return poly;
}

// Whether the point (u, v) of the shape's box, both in [-1, 1], is in the shape.
bool insideShape(int shape, double u, double v)
{
    switch (shape) {
    case Circle: return u * u + v * v <= 1.0;
    case Square: return true;
    case Triangle: return std::abs(u) <= (v + 1) / 2; // apex up, base at the bottom
    case Star: return insidePolygon(starPolygon(), u, v);
    case Cross: return std::abs(u) <= 1.0 / 3 || std::abs(v) <= 1.0 / 3;
    case Diamond: return std::abs(u) + std::abs(v) <= 1.0;
    }
    return false;
}

std::uint8_t clampByte(int v) { return static_cast<std::uint8_t>(std::clamp(v, 0, 255)); }

std::string image(const DemoSpec &spec, std::uint64_t index, const DemoSampleInfo &s)
{
    const int n = spec.imageSize;
    const int shape = s.label;
    const double cx = (s.x0 + s.x1) / 2.0, cy = (s.y0 + s.y1) / 2.0, half = (s.x1 - s.x0) / 2.0;
    std::uint64_t noise = splitmix64(spec.seed ^ splitmix64(index + 0x51));
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * n * 3);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const bool inBox = x >= s.x0 && x < s.x1 && y >= s.y0 && y < s.y1;
            const bool on = inBox && insideShape(shape, (x + 0.5 - cx) / half, (y + 0.5 - cy) / half);
            const std::uint8_t *c = on ? s.color : s.background;
            std::uint8_t *p = &px[(static_cast<std::size_t>(y) * n + x) * 3];
            noise = splitmix64(noise);
            for (int k = 0; k < 3; ++k)
                p[k] = clampByte(c[k] + static_cast<int>((noise >> (16 * k)) % (2 * kNoise + 1)) - kNoise);
        }
    return encodePngRgb(n, n, px);
}

std::string caption(const DemoSampleInfo &s, int variant)
{
    switch (variant) {
    case 0:
        return "a " + s.sizeName + " " + s.colorName + " " + s.className + " on a " + s.backgroundName +
               " background";
    case 1:
        return "a " + s.colorName + " " + s.className + ", " + s.sizeName + ", in the " + s.position + " of a " +
               s.backgroundName + " picture";
    default:
        return "a " + s.sizeName + " " + s.colorName + " " + s.className + " in the " + s.position + ", " +
               s.backgroundName + " background";
    }
}

void put16(std::string &out, std::uint16_t v)
{
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string &out, std::uint32_t v)
{
    put16(out, static_cast<std::uint16_t>(v & 0xffff));
    put16(out, static_cast<std::uint16_t>(v >> 16));
}

// 0.4 s of 16-bit mono PCM at 8 kHz: a chirp from the class's note up a fifth.
std::string chirp(int label)
{
    const int rate = 8000, frames = rate * 2 / 5;
    const double f0 = 220.0 * std::pow(2.0, label * 2 / 12.0), f1 = f0 * 1.5;
    std::string data;
    double phase = 0;
    for (int i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / frames;
        phase += 2 * M_PI * (f0 + (f1 - f0) * t) / rate;
        const double envelope = std::min({1.0, t * 20, (1 - t) * 20});
        const auto value = static_cast<std::int16_t>(std::lround(12000 * envelope * std::sin(phase)));
        put16(data, static_cast<std::uint16_t>(value));
    }
    std::string out = "RIFF";
    put32(out, static_cast<std::uint32_t>(36 + data.size()));
    out += "WAVEfmt ";
    put32(out, 16);
    put16(out, 1); // PCM
    put16(out, 1); // mono
    put32(out, rate);
    put32(out, rate * 2);
    put16(out, 2);
    put16(out, 16);
    out += "data";
    put32(out, static_cast<std::uint32_t>(data.size()));
    return out + data;
}

// A version 1.0 .npy of int32 values, shape (n,).
std::string npyInt32(const std::vector<int> &values)
{
    std::string header =
        "{'descr': '<i4', 'fortran_order': False, 'shape': (" + std::to_string(values.size()) + ",), }";
    const std::size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    put16(out, static_cast<std::uint16_t>(header.size()));
    out += header;
    for (int v : values)
        put32(out, static_cast<std::uint32_t>(v));
    return out;
}

std::string sampleJson(const DemoSampleInfo &s, int imageSize)
{
    const nlohmann::json j = {{"key", s.key},
                              {"label", s.label},
                              {"class", s.className},
                              {"color", s.colorName},
                              {"size", s.sizeName},
                              {"background", s.backgroundName},
                              {"position", s.position},
                              {"bbox", {s.x0, s.y0, s.x1, s.y1}},
                              {"image_size", {imageSize, imageSize}}};
    return j.dump();
}

std::string shardName(std::uint64_t shard, std::uint64_t trainShards)
{
    char buf[64];
    if (shard < trainShards)
        std::snprintf(buf, sizeof buf, "train/shard-%05llu.tar", static_cast<unsigned long long>(shard));
    else
        std::snprintf(buf, sizeof buf, "val/shard-%05llu.tar", static_cast<unsigned long long>(shard - trainShards));
    return buf;
}

// Planted defects (spec.defects): where they are.
constexpr std::uint64_t kTruncatedShard = 1;
constexpr std::uint64_t kUnlabelledShard = 0, kUnlabelledPosition = 5;
constexpr std::uint64_t kDuplicateShard = 2, kDuplicatePosition = 9, kDuplicateOf = 3;

std::string shardBytes(const DemoSpec &spec, std::uint64_t shard)
{
    std::vector<std::pair<std::string, std::string>> members;
    for (std::uint64_t p = 0; p < spec.samplesPerShard; ++p) {
        const std::uint64_t index = shard * spec.samplesPerShard + p;
        std::string key = demoSampleInfo(spec, index).key;
        if (spec.defects && shard == kDuplicateShard && p == kDuplicatePosition)
            key = demoSampleInfo(spec, shard * spec.samplesPerShard + kDuplicateOf).key;
        for (auto &[ext, bytes] : demoSampleMembers(spec, index)) {
            if (spec.defects && shard == kUnlabelledShard && p == kUnlabelledPosition && ext == "cls")
                continue;
            members.emplace_back(key + "." + ext, std::move(bytes));
        }
    }
    std::string tar = writeArchive(ShardFormat::Tar, members);
    if (spec.defects && shard == kTruncatedShard)
        tar.resize(tar.size() * 3 / 5);
    return tar;
}

std::string datasetConfig(const DemoSpec &spec)
{
    DatasetConfig c;
    c.name = "shardscope demo: shapes";
    DatasetConfig::Source src;
    src.id = "shapes";
    src.provider = spec.provider;
    src.bucket = spec.bucket;
    src.group.prefix = spec.prefix;
    c.sources.push_back(src);
    c.splits["train"]["shapes"] = {spec.prefix + "train/"};
    c.splits["val"]["shapes"] = {spec.prefix + "val/"};
    c.split = "train";
    c.kind = DatasetConfig::Kind::Shard;
    c.sampler.kind = DatasetConfig::SamplerKind::Fixed;
    c.sampler.batchSize = 32;
    c.workers = 4;
    c.decoders = {"png", "cls", "json", "txt", "wav", "npy"};
    return serializeDatasetConfig(c);
}

} // namespace

const std::vector<std::string> &demoClassNames()
{
    static const std::vector<std::string> names = {"circle", "square", "triangle", "star", "cross", "diamond"};
    return names;
}

DemoSampleInfo demoSampleInfo(const DemoSpec &spec, std::uint64_t index)
{
    DemoSampleInfo s;
    char key[32];
    std::snprintf(key, sizeof key, "sample-%06llu", static_cast<unsigned long long>(index));
    s.key = key;
    Draws d(spec.seed, index);
    s.label = d.below(ShapeCount);
    s.className = demoClassNames()[static_cast<std::size_t>(s.label)];
    const Named &color = kColors[d.below(static_cast<int>(std::size(kColors)))];
    const Named &bg = kBackgrounds[d.below(static_cast<int>(std::size(kBackgrounds)))];
    s.colorName = color.name;
    s.backgroundName = bg.name;
    std::copy(color.rgb, color.rgb + 3, s.color);
    std::copy(bg.rgb, bg.rgb + 3, s.background);
    const int sizeClass = d.below(3);
    s.sizeName = kSizes[sizeClass];
    const int n = spec.imageSize;
    // small: 25-35% of the picture, medium: 40-50%, large: 55-70%
    const double lo[] = {0.25, 0.40, 0.55}, span[] = {0.10, 0.10, 0.15};
    const double frac = lo[sizeClass] + span[sizeClass] * static_cast<double>(d.next() % 1000) / 1000.0;
    const int side = std::max(4, static_cast<int>(frac * n) & ~1);
    const int room = n - side - 2; // at least one pixel of background on each side
    s.x0 = 1 + d.below(std::max(1, room));
    s.y0 = 1 + d.below(std::max(1, room));
    s.x1 = s.x0 + side;
    s.y1 = s.y0 + side;
    const double cx = (s.x0 + s.x1) / 2.0 / n, cy = (s.y0 + s.y1) / 2.0 / n;
    const std::string row = cy < 0.4 ? "top" : cy > 0.6 ? "bottom" : "middle";
    const std::string col = cx < 0.4 ? "left" : cx > 0.6 ? "right" : "centre";
    s.position = row == "middle" && col == "centre" ? "centre" : row + " " + col;
    s.extras = spec.extrasEvery > 0 && index % spec.extrasEvery == 0;
    return s;
}

std::vector<std::pair<std::string, std::string>> demoSampleMembers(const DemoSpec &spec, std::uint64_t index)
{
    const DemoSampleInfo s = demoSampleInfo(spec, index);
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("png", image(spec, index, s));
    out.emplace_back("cls", std::to_string(s.label));
    out.emplace_back("txt", caption(s, static_cast<int>(splitmix64(spec.seed + index) % 3)));
    out.emplace_back("json", sampleJson(s, spec.imageSize));
    if (s.extras) {
        out.emplace_back("wav", chirp(s.label));
        out.emplace_back("npy", npyInt32({s.x0, s.y0, s.x1, s.y1}));
    }
    return out;
}

std::size_t demoObjectCount(const DemoSpec &spec)
{
    return static_cast<std::size_t>(spec.trainShards + spec.valShards) + 1 + (spec.provider.empty() ? 0 : 1);
}

std::string demoObjectName(const DemoSpec &spec, std::size_t object)
{
    const std::uint64_t shards = spec.trainShards + spec.valShards;
    if (object < shards)
        return shardName(object, spec.trainShards);
    if (object == shards)
        return "classes.txt";
    if (object == shards + 1 && !spec.provider.empty())
        return "dataset.json";
    throw Error(ErrorKind::InvalidArgument, "the demo has no object number " + std::to_string(object));
}

std::string demoObjectBytes(const DemoSpec &spec, std::size_t object)
{
    const std::uint64_t shards = spec.trainShards + spec.valShards;
    if (object < shards)
        return shardBytes(spec, object);
    if (object == shards) {
        std::string text;
        for (const std::string &name : demoClassNames())
            text += name + "\n";
        return text;
    }
    if (object == shards + 1 && !spec.provider.empty())
        return datasetConfig(spec);
    throw Error(ErrorKind::InvalidArgument, "the demo has no object number " + std::to_string(object));
}

std::vector<std::string> demoDefects(const DemoSpec &spec)
{
    if (!spec.defects)
        return {};
    const std::uint64_t n = spec.samplesPerShard;
    const std::string truncated = shardName(kTruncatedShard, spec.trainShards);
    return {
        truncated + " is truncated: it ends in the middle of a member",
        shardName(kUnlabelledShard, spec.trainShards) + ": sample " +
            demoSampleInfo(spec, kUnlabelledShard * n + kUnlabelledPosition).key + " has no .cls label",
        shardName(kDuplicateShard, spec.trainShards) + ": key " +
            demoSampleInfo(spec, kDuplicateShard * n + kDuplicateOf).key + " is used by two samples",
    };
}

bool ensureDemoDataset(Store &store, const std::string &bucket, const DemoSpec &spec,
                       const std::function<bool(std::size_t, std::size_t)> &progress)
{
    validateDemoSpec(spec);
    const std::size_t total = demoObjectCount(spec);
    try {
        store.head(bucket, spec.prefix + demoObjectName(spec, total - 1)); // written last: the demo is whole
        return false;
    } catch (const Error &e) {
        if (e.kind() != ErrorKind::ObjectNotFound && e.kind() != ErrorKind::BucketNotFound)
            throw;
    }
    try {
        store.createBucket(bucket);
    } catch (const Error &e) {
        if (e.kind() != ErrorKind::AlreadyExists)
            throw;
    }
    for (std::size_t i = 0; i < total; ++i) {
        store.putBytes(bucket, spec.prefix + demoObjectName(spec, i), demoObjectBytes(spec, i));
        if (progress && !progress(i + 1, total))
            throw Error(ErrorKind::Cancelled, "writing the demo data set to " + store.url(bucket) + " was stopped");
    }
    return true;
}

void validateDemoSpec(const DemoSpec &spec)
{
    auto bad = [](const std::string &what) { throw Error(ErrorKind::InvalidArgument, "demo data set: " + what); };
    if (spec.imageSize < 16 || spec.imageSize > 1024)
        bad("the image size must be between 16 and 1024 pixels, not " + std::to_string(spec.imageSize));
    if (spec.trainShards < 1 || spec.trainShards > 10000 || spec.valShards > 10000)
        bad("it needs 1 to 10000 train shards and at most 10000 val shards");
    if (spec.samplesPerShard < 1 || spec.samplesPerShard > 100000)
        bad("samples per shard must be between 1 and 100000, not " + std::to_string(spec.samplesPerShard));
    if (spec.defects && (spec.trainShards < 3 || spec.samplesPerShard < 10))
        bad("--defects needs at least 3 train shards of at least 10 samples (the defects go into the first three)");
    if (!spec.provider.empty() && spec.provider != "ais" && spec.provider != "s3" && spec.provider != "local")
        bad("no dataset config for provider \"" + spec.provider + "\" (ais, s3 or local)");
    if (!spec.prefix.empty() && spec.prefix.back() != '/')
        bad("the prefix \"" + spec.prefix + "\" must end in '/'");
}

} // namespace shardscope
