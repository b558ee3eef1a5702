#pragma once

#include "core/bench/benchmark.h"

#include <string>
#include <utility>
#include <vector>

namespace shardscope {

// The knee of a worker sweep: the first step where doubling the workers (or
// going to the next step) gains less than `minGain` (10%) throughput. When
// every step still gains, the knee is the last step and `saturated` is false.
struct Knee
{
    std::size_t index = 0;
    int workers = 0;
    bool saturated = false; // a step past the knee exists and gained < minGain
    double gainAfter = 0;   // relative gain of the step after the knee (e.g. 0.04)
};
// `steps`: (workers, items/s) in increasing worker order. Throws
// Error(InvalidArgument) when empty or not increasing.
Knee findKnee(const std::vector<std::pair<int, double>> &steps, double minGain = 0.10);

struct SweepStep
{
    int workers = 0;
    BenchResult result;
};

// "1,2,4,8": increasing worker counts, each 1..1024 (the CLI's --workers of
// sweep and the GUI's sweep field). Throws Error(InvalidArgument) otherwise.
std::vector<int> parseWorkerCounts(const std::string &text);

// Runs `spec` once per worker count (each for spec.duration or one epoch).
// `onStep` after each step; `onSample` is passed to runBenchmark. Stops
// after the current step on `cancel`.
std::vector<SweepStep> runSweep(const BenchSpec &spec, const std::vector<int> &workerCounts,
                                const std::function<void(const SweepStep &)> &onStep = {},
                                const std::function<void(const BenchSample &)> &onSample = {},
                                const std::atomic<bool> *cancel = nullptr);

// What limits a run, in plain words, with the next thing to try.
struct Verdict
{
    std::string bound;       // failing, error-bound, listing-bound, decode-bound, cpu-bound, request-bound, bandwidth-bound
    std::string explanation; // what the numbers say
    std::string next;        // what to try
};
Verdict judgeBenchmark(const BenchResult &r, unsigned cpuCores);

} // namespace shardscope
