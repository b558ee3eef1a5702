#pragma once

#include "core/bench/sweep.h"

#include <string>
#include <vector>

namespace shardscope {

// Benchmark results as files: JSON (the CLI's --json, the GUI's Export JSON)
// and CSV of the time series. JSON has at least items, bytes, seconds,
// items_per_s, bytes_per_s, errors, workers and latency_ms {p50, p95, p99}.
std::string benchResultJson(const BenchResult &r, bool withSeries, unsigned cpuCores);
std::string benchSeriesCsv(const BenchResult &r);
std::string sweepJson(const std::vector<SweepStep> &steps, unsigned cpuCores);
std::string sweepCsv(const std::vector<SweepStep> &steps);
// Several runs (a comparison, or runs one after another) as one JSON array.
std::string benchResultsJson(const std::vector<BenchResult> &runs, bool withSeries, unsigned cpuCores);
// The steps of a sweep from its runs (each run's workers).
std::vector<SweepStep> sweepSteps(const std::vector<BenchResult> &runs);

} // namespace shardscope
