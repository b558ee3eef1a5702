#pragma once

#include "core/storage/store.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shardscope {

struct LatencySummary
{
    double p50 = 0, p95 = 0, p99 = 0, mean = 0, max = 0; // milliseconds
};

// Percentiles of latencies given in nanoseconds (the vector is reordered).
LatencySummary summarizeLatencies(std::vector<std::int64_t> &nanos);

struct ObjectBenchConfig
{
    std::function<std::unique_ptr<Store>()> openStore; // one per worker thread
    std::string bucket;
    std::vector<std::string> names;   // objects to read
    int workers = 1;
    std::chrono::milliseconds duration{0}; // 0: read every name once (one epoch)
};

struct ObjectBenchResult
{
    std::uint64_t items = 0;
    std::uint64_t bytes = 0;
    std::uint64_t errors = 0;
    double seconds = 0;
    int workers = 0;
    LatencySummary latency;
    std::string firstError;

    double itemsPerSecond() const { return seconds > 0 ? items / seconds : 0; }
    double bytesPerSecond() const { return seconds > 0 ? bytes / seconds : 0; }
};

// W threads, each with its own store (own connections), GET objects from a
// shared cursor over `names` (round-robin for a timed run), timing every
// request. Stops early when `cancel` is set.
ObjectBenchResult runObjectGetBench(const ObjectBenchConfig &config, const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
