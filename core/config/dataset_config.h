#pragma once

#include "core/data/sources.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shardscope {

// The dataset configuration the GUI edits, the CLI runs and the export turns
// into training scripts. A versioned JSON document (schema_version 1):
//
// {
//   "schema_version": 1,
//   "name": "demo",
//   "endpoint_env": "AIS_ENDPOINT",                 // a variable NAME, never a secret
//   "sources": [{"id": "images", "provider": "ais", "bucket": "demo",
//                "group": {"prefix": "train/"}}],   // or {"names": [...]} or {"template": "s-{0..9}.tar"}
//   "splits": {"train": {"images": ["train/"]}, "val": {"images": ["val/"]}},
//   "split": "train",                               // which split to read (optional)
//   "dataset": {"kind": "map", "key_rule": "webdataset", "get_batch_size": 64},
//   "sampler": {"kind": "dynamic", "batch_size": 32, "max_batch_bytes": 4000000, "drop_last": false,
//               "allow_oversized": false, "saturation": 0.8, "shuffle": false, "seed": 0, "window": 1024},
//   "workers": 4,
//   "decoders": ["png", "cls"]
// }
// The sampler part of a dataset config ("sampler" in the JSON): one value
// that the dataset editor, batch tuning and the samplers share.
struct SamplerSettings
{
    enum class Kind
    {
        Sequential,
        Random,
        Fixed,
        Dynamic,
        Packed
    };

    Kind kind = Kind::Sequential;
    std::size_t batchSize = 0; // 0: no batching (one item at a time)
    double maxBatchBytes = 0;
    bool dropLast = false;
    bool allowOversized = false;
    double saturation = 0.8;
    bool shuffle = false;
    std::uint64_t seed = 0;
    std::size_t window = 1024;

    // Dynamic and packed batches fill a byte budget (max_batch_bytes).
    bool byBytes() const { return kind == Kind::Dynamic || kind == Kind::Packed; }
    bool operator==(const SamplerSettings &o) const;
    bool operator!=(const SamplerSettings &o) const { return !(*this == o); }
};

struct DatasetConfig
{
    struct Source
    {
        std::string id;
        std::string provider = "ais"; // ais | s3 | local
        std::string bucket;
        ObjectGroup group;            // default: the whole bucket
        bool operator==(const Source &o) const;
    };
    enum class Kind { Map, Iterable, Shard, GetBatch };
    using SamplerKind = SamplerSettings::Kind;

    int schemaVersion = 1;
    std::string name;
    std::string endpointEnv = "AIS_ENDPOINT";
    std::vector<Source> sources;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> splits; // split -> source id -> prefixes
    std::optional<std::string> split;
    Kind kind = Kind::Iterable;
    std::string keyRule = "webdataset";
    std::size_t getBatchSize = 64;
    SamplerSettings sampler;
    int workers = 4;
    std::vector<std::string> decoders;

    bool operator==(const DatasetConfig &o) const;

    // The prefix_map entry for a source under the chosen split: nullopt when
    // no split is chosen or the split does not mention the source... which in
    // AIStore's prefix_map means the whole source, so a split that names other
    // sources only selects nothing here (see effectiveSelection).
    PrefixSelection selectionFor(const std::string &sourceId) const;
};

// Parses and validates; throws Error(InvalidArgument) "<file>: $.path.to.field: reason".
// Names (the config's name, source ids, split names) are printable text: a
// control character or a line separator in one is an error. Other strings
// (buckets aside) may hold any text and are quoted wherever they are written.
DatasetConfig parseDatasetConfig(const std::string &json, const std::string &origin);

// The largest config file loadDatasetConfig reads (64 MiB).
constexpr std::size_t kMaxConfigBytes = std::size_t(64) << 20;
// Reads at most kMaxConfigBytes + 1 bytes (also from a pipe or a device);
// throws Error(Io) when the file cannot be read, Error(InvalidArgument) when
// it is larger than that or not a valid config, naming the file.
DatasetConfig loadDatasetConfig(const std::string &path);
// Canonical, indented JSON; throws Error(InvalidArgument) when a string is not UTF-8.
std::string serializeDatasetConfig(const DatasetConfig &config);
// Throws what loading the config back would throw ("<origin>: $.path: reason"):
// exports are written only for configs that load (a GUI-built config has not
// been through parseDatasetConfig).
void validateDatasetConfig(const DatasetConfig &config, const std::string &origin = "the config");
void saveDatasetConfig(const DatasetConfig &config, const std::string &path); // atomic (temp + rename)

std::string kindName(DatasetConfig::Kind k);
std::string samplerName(SamplerSettings::Kind k);
inline std::string samplerName(const SamplerSettings &s)
{
    return samplerName(s.kind);
}

// Where `s` holds a character no name may hold: a control character (U+0000
// to U+001F, U+007F to U+009F), a line or paragraph separator (U+2028,
// U+2029), or a byte that is not UTF-8. `offset` is its byte offset; `what`
// says which ("the control character U+000A", "a byte that is not UTF-8").
// nullopt when `s` is clean.
struct NameProblem
{
    std::size_t offset = 0;
    std::string what;
};
std::optional<NameProblem> findNameProblem(const std::string &s);

// The store URL of a source, e.g. "ais://demo".
std::string sourceUrl(const DatasetConfig::Source &s);

} // namespace shardscope
