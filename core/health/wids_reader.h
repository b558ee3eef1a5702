#pragma once

#include "core/storage/store_factory.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace shardscope {

// WebDataset's wids shard index: {"__kind__": "wids-shard-index-v1",
// "name": ..., "shardlist": [{"url": ..., "nsamples": N}, ...]}.
struct WidsIndex
{
    struct Shard
    {
        std::string url;
        std::uint64_t samples = 0;
    };
    std::string name;
    std::vector<Shard> shards;
    std::uint64_t totalSamples = 0;
};

constexpr std::size_t kMaxWidsIndexBytes = std::size_t(256) << 20;

// Parses and validates; throws Error(Protocol) "<origin>: $.shardlist[3].nsamples: reason".
WidsIndex parseWidsIndex(const std::string &json, const std::string &origin);

struct WidsCheck
{
    std::uint64_t shards = 0;
    std::uint64_t samplesCounted = 0;
    std::vector<std::string> mismatches; // shard URL and both counts
};

// Counts every listed shard's samples (WebDataset rule, the shard reader) and
// compares with the index. URLs must be ones shardscope opens (ais://, s3://,
// file://, local://); an unreadable shard is a mismatch naming it.
// `progress(done, total)` after each shard; a set `cancel` stops with Error(Cancelled).
WidsCheck verifyWidsIndex(const WidsIndex &index, const StoreOptions &options,
                          const std::function<void(std::size_t, std::size_t)> &progress = {},
                          const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
