#pragma once

#include "core/shard/sample_keys.h"
#include "core/storage/store.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace shardscope {

// One WebDataset sample: the members sharing a key, in archive order.
struct Sample
{
    std::string shard; // object name of the shard
    std::string key;
    std::vector<std::pair<std::string, std::string>> members; // (extension, bytes)

    const std::string *member(const std::string &ext) const;
    std::uint64_t bytes() const;
};

// A problem met while reading a shard, with what it was about.
struct ShardProblem
{
    std::string shard;
    std::string member; // empty when the archive as a whole is unreadable
    std::string message;
};

enum class ErrorPolicy
{
    Stop,
    Skip
};

struct ShardReadOptions
{
    KeyRule rule = KeyRule::WebDataset;
    ErrorPolicy onError = ErrorPolicy::Stop;
    // A larger sample is an error (absurd shards), found while it streams:
    // never more than this is held for one sample.
    std::uint64_t maxSampleBytes = 1ull << 31;
    // The SDK rule holds a whole shard's samples until the shard ends (as
    // AISShardReader does): a shard whose members add up to more (bytes and
    // bookkeeping) is an error, found while it streams.
    std::uint64_t maxSdkShardBytes = 1ull << 32;
};

// What a pass over shards met, besides samples.
struct ShardReadCounters
{
    std::uint64_t shards = 0;
    std::uint64_t samples = 0;
    std::uint64_t members = 0;
    std::uint64_t membersWithoutKey = 0; // no extension: belongs to no sample
    std::uint64_t otherEntries = 0;      // directories, links
    // WebDataset rule: a key that came back after another (among a shard's first 262,144 keys)
    std::uint64_t repeatedKeys = 0;
    std::uint64_t shardsWithErrors = 0;
};

// Streams shards (tar, tar.gz, tar.lz4, tar.zst, zip) from a store without
// holding a shard in memory (only the sample being assembled, at most
// maxSampleBytes; the SDK rule keeps a shard's samples until its end, as the
// SDK groups them, at most maxSdkShardBytes), and turns members into samples
// by the key rule.
class ShardReader
{
public:
    using SampleSink = std::function<bool(Sample &&)>; // false: stop reading
    using ProblemSink = std::function<void(const ShardProblem &)>;

    ShardReader(Store &store, std::string bucket, ShardReadOptions options);

    // Reads one shard. With ErrorPolicy::Stop a problem throws Error naming
    // the shard and the member; with Skip it is reported to `problems`, the
    // sample being assembled is dropped and the rest of the shard skipped.
    // Returns false when `sink` asked to stop.
    bool read(const std::string &shard, const SampleSink &sink, const ProblemSink &problems,
              const std::atomic<bool> *cancel = nullptr);

    const ShardReadCounters &counters() const { return m_counters; }

private:
    Store &m_store;
    std::string m_bucket;
    ShardReadOptions m_options;
    ShardReadCounters m_counters;
};

} // namespace shardscope
