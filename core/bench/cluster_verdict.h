#pragma once

#include "core/bench/sweep.h"
#include "core/storage/ais_cluster_stats.h"

#include <string>

namespace shardscope {

// The verdict from both sides of a run: the client's numbers (BenchResult)
// and the cluster's (its targets' rates over the same run). Adds to
// judgeBenchmark's bounds:
//   hot-target     one target serves far more GETs than the mean (imbalance
//                  >= 1.5): placement skew; next: spread the data
//   slow-target    one target's mean GET latency is >= 2x the others' or
//                  its disk >= 80% busy: a slow or busy disk
//   cluster-cpu    a target's node used >= 80% CPU while the client did not
//   cluster-errors targets counted errors (named, with their counts)
// and otherwise says the cluster was not the limit and gives the client's
// verdict.
Verdict judgeWithCluster(const BenchResult &r, const AisClusterRates &cluster, unsigned cpuCores);

// The `cluster` object of `bench --cluster-stats --json`: per target get_n,
// get_bytes, getbatch_obj_n, get_per_s, mb_per_s, mean_latency_ms (null below
// kMinRequestsForLatency requests), cpu_percent, disk_util_percent,
// mem_used, errors, answered (+ error), then imbalance, get_n, errors,
// unanswered.
std::string clusterRatesJson(const AisClusterRates &rates);

} // namespace shardscope
