#pragma once

#include "core/health/findings.h"
#include "core/storage/store.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace shardscope {

struct LintOptions
{
    int workers = 4;
    std::uint64_t maxMemberBytes = 64ull << 20; // large_member above this
    std::uint64_t minShardBytes = 1ull << 20;   // small_shard below this (the last shard is exempt)
    std::uint64_t maxShardBytes = 4ull << 30;   // large_shard above this
    double modalityShare = 0.5;                 // an extension at least this share of samples has is expected
    std::size_t maxExamples = 20;               // per finding kind
    // Keys remembered for duplicate_key across shards (a 64-bit hash and a
    // shard number each, ~40 bytes); past this the check stops and says so.
    std::uint64_t maxTrackedKeys = 20'000'000;
    // How often the calling thread wakes while the workers read (0: it just
    // waits for them). See lintDataset: keeps idle cores from slowing the readers.
    std::chrono::microseconds wakeInterval{200};
};

// What to audit: shards (objects) in one or more sources, each source a
// bucket of a store that every worker opens for itself.
struct LintInput
{
    struct Source
    {
        std::function<std::unique_ptr<Store>()> open;
        std::string bucket;
    };
    struct Shard
    {
        std::size_t source = 0;
        std::string name;
        std::uint64_t size = 0; // from the listing
    };
    std::string target; // what the user named (a URL or a config file), for the report
    std::vector<Source> sources;
    std::vector<Shard> shards;
};

struct ShardStats
{
    std::string name;
    std::string url;
    std::uint64_t bytes = 0; // object size (listing; the bytes read when the listing had none)
    std::uint64_t samples = 0;
    std::uint64_t members = 0;
    std::uint64_t memberBytes = 0; // data bytes of the members
    bool readable = true;
    double bytesPerSample() const { return samples ? double(memberBytes) / double(samples) : 0.0; }
};

struct LintReport
{
    std::string target;
    std::uint64_t shards = 0;
    std::uint64_t shardsRead = 0; // fewer than shards when stopped
    std::uint64_t samples = 0;
    std::uint64_t members = 0;
    std::uint64_t bytes = 0;       // shard bytes
    std::uint64_t memberBytes = 0; // sample data bytes
    bool cancelled = false;
    bool duplicateCheckComplete = true; // false: more keys than LintOptions::maxTrackedKeys
    double seconds = 0;
    std::vector<ShardStats> shardStats;              // in input order
    std::map<std::string, std::uint64_t> extensions; // extension -> samples that have it
    // Histograms in powers of two: bin k counts sizes in [2^(k-1), 2^k) bytes, bin 0 the empty ones.
    std::vector<std::uint64_t> shardSizeBins = std::vector<std::uint64_t>(64, 0);
    std::vector<std::uint64_t> sampleSizeBins = std::vector<std::uint64_t>(64, 0);
    std::vector<Finding> findings; // errors first
    LintOptions options;

    std::uint64_t count(Severity s) const; // occurrences of that severity
    // Whether anything at `threshold` or worse was found (the --fail-on gate).
    bool failsAt(Severity threshold) const;
};

struct LintProgress
{
    std::uint64_t shardsDone = 0;
    std::uint64_t shardsTotal = 0;
    std::uint64_t samples = 0;
    std::uint64_t bytes = 0;
};
using LintProgressSink = std::function<void(const LintProgress &)>; // called from worker threads

// Reads every shard once with `options.workers` threads, streaming (only
// names and counts are kept, never sample bytes), and reports what is wrong.
// A set `cancel` stops the workers at the next member: the report is then
// partial and says so (cancelled = true). Unreadable shards are findings,
// not errors; errors are thrown only for bad options.
LintReport lintDataset(const LintInput &input, const LintOptions &options,
                       const LintProgressSink &progress = {}, const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
