#pragma once

#include "core/health/lint.h"

#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// Advice drawn from an audit, each item with the numbers behind it, and
// ready-to-run re-shard recipes (generated and shown; shardscope never runs them).
struct Advice
{
    struct Item
    {
        std::string topic; // "shard_size" | "key_pattern" | "missing_extension" | "duplicates" | "unreadable"
                           // | "stray"
        std::string text;
    };
    std::vector<Item> items;
    // The numbers behind the shard-size advice.
    std::uint64_t medianShardBytes = 0;
    std::uint64_t meanSampleBytes = 0;
    double samplesPerShard = 0;
    std::uint64_t targetShardBytes = 0;
    std::uint64_t suggestedShards = 0;
    bool reshard = false; // whether a re-shard would fix something
    // AIStore's dsort job spec (JSON) that regroups the existing shards' records
    // by key into shards of the target size: `ais start dsort -f spec.json`.
    std::string dsortSpec;
    // AIStore's ishard command line, for re-sharding from the original loose files.
    std::string ishardCommand;
};

struct AdviceOptions
{
    std::uint64_t targetShardBytes = 256ull << 20; // what a re-shard aims for
    std::uint64_t tooSmallBytes = 16ull << 20;     // median below this: request overhead dominates
    std::uint64_t tooLargeBytes = 2ull << 30;      // median above this: coarse shuffle, slow resume
    std::string sourceBucket; // "ais://bucket" of the shards (for the recipes); from the report when empty
    std::string destinationBucket; // default: the source bucket with "-resharded"
};

Advice adviseOnReport(const LintReport &report, const AdviceOptions &options = {});

// "shard-{00000..00041}" when every name is <prefix><same-width digits><suffix>
// (the suffix, e.g. ".tar", cut off as dsort's input_format wants), else "".
std::string shardNameTemplate(const std::vector<std::string> &names, const std::string &extension);

} // namespace shardscope
