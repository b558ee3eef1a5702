#pragma once

#include "core/bench/object_get_bench.h"
#include "core/data/loader.h"
#include "core/storage/store.h"
#include "core/util/name_list.h"

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shardscope {

// How a benchmark reads the data: the seed's single-threaded GET loop (the
// baseline every ratio is against), a map dataset (workers fetch by index in
// sampler order), an iterable dataset (the loader over objects), the shard
// reader (whole shards, samples out) or AIStore's get-batch.
enum class BenchMethod { Baseline, Map, Iterable, Shard, GetBatch };
std::string benchMethodName(BenchMethod m);          // "baseline", "map", "object", "shard", "get-batch"
BenchMethod parseBenchMethod(const std::string &name); // also "iterable" = "object"; throws Error(InvalidArgument)

// What Compare runs unless told otherwise (CLI and GUI alike): the baseline
// first (ratios need it), then for objects the map and iterable datasets and,
// where the store has it (ais://), GetBatch; for shards the shard reader.
std::vector<BenchMethod> defaultCompareMethods(bool shards, bool storeHasGetBatch);

struct BenchSpec
{
    BenchMethod method = BenchMethod::Iterable;
    std::function<std::unique_ptr<Store>()> openStore; // one per worker thread
    std::string bucket;
    std::string storeScheme; // "ais", "s3", "local", "file": the verdict's advice fits the store
    // Objects or shards, in read order, with their sizes from the listing,
    // packed (a million-object run keeps ~23 MB, not whole listing entries).
    NameList names;
    int workers = 4;                 // Baseline always uses 1
    std::chrono::milliseconds duration{0}; // 0: one epoch (every object once)
    std::size_t batchSize = 32;            // items per batch for batch latency and time to first batch
    // Map: the sampler's batches (index lists into names), read batch by batch
    // as a DataLoader with a batch sampler does; empty: batches of batchSize items.
    std::vector<std::vector<std::size_t>> batches;
    std::size_t getBatchSize = 64;         // objects per get-batch request
    bool shuffle = false;                  // map: random order (seeded)
    std::uint64_t seed = 0;
    bool decode = false;                   // decode every member as the loader core would
    std::chrono::milliseconds interval{250}; // time series resolution
    double listingSeconds = 0;             // how long resolving `objects` took (for the verdict)
};

struct Percentiles
{
    double p50 = 0, p95 = 0, p99 = 0; // milliseconds
};

// One point of the live time series: rates over the interval that ended at `t`.
struct BenchSample
{
    double t = 0;                  // seconds since start
    double itemsPerSecond = 0;     // samples (shard mode) or objects delivered
    double payloadBytesPerSecond = 0; // sample bytes delivered
    double wireBytesPerSecond = 0;    // bytes received (incl. archive headers)
    double requestsPerSecond = 0;
    std::vector<double> workerItemsPerSecond; // per worker
    Percentiles requestLatency;    // requests finished in this interval
    Percentiles batchLatency;      // time between consecutive batches
    // Requests of this interval by latency: bucket i counts [2^i, 2^(i+1)) microseconds.
    static constexpr std::size_t kLatencyBuckets = 24;
    std::array<std::uint32_t, kLatencyBuckets> latencyHistogram{};
    std::uint64_t items = 0, payloadBytes = 0, wireBytes = 0, requests = 0; // totals so far
    std::uint64_t errors = 0, retries = 0;                                  // totals so far
    double cpuPercent = 0; // this process, 100 = one core busy
};

struct BenchResult
{
    BenchMethod method = BenchMethod::Iterable;
    std::string storeScheme; // from the spec
    int workers = 0;
    std::uint64_t items = 0;
    std::uint64_t payloadBytes = 0;
    std::uint64_t wireBytes = 0;
    std::uint64_t requests = 0;
    std::uint64_t batches = 0;    // batches completed
    std::uint64_t errors = 0;
    std::uint64_t retries = 0;
    double seconds = 0;
    double timeToFirstBatch = -1; // seconds; -1: no batch completed
    double cpuSeconds = 0;
    double decodeSeconds = 0;     // time spent decoding (decode on)
    double listingSeconds = 0;
    bool cancelled = false;
    bool endedByError = false;     // a failure (or too many) ended the run before its time or epoch
    LatencySummary requestLatency; // whole run
    LatencySummary batchLatency;
    std::string firstError;
    std::vector<BenchSample> series;

    double itemsPerSecond() const { return seconds > 0 ? items / seconds : 0; }
    double payloadBytesPerSecond() const { return seconds > 0 ? payloadBytes / seconds : 0; }
    double wireBytesPerSecond() const { return seconds > 0 ? wireBytes / seconds : 0; }
    double requestsPerSecond() const { return seconds > 0 ? requests / seconds : 0; }
    double cpuPercent() const { return seconds > 0 ? 100.0 * cpuSeconds / seconds : 0; }
};

// Runs one benchmark on the calling thread (workers on their own threads) and
// calls `onSample` from a ticker thread every spec.interval with the newest
// point of the series (keep it cheap: copy it into a buffer). Ends at the
// deadline, after one epoch, on `cancel`, or on a fatal error (recorded in
// firstError, never thrown). Throws Error(InvalidArgument) for a spec that
// cannot run (nothing to read, workers out of 1..1024).
BenchResult runBenchmark(const BenchSpec &spec, const std::function<void(const BenchSample &)> &onSample = {},
                         const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
