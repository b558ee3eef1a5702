#include "core/bench/cluster_verdict.h"

#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace shardscope {
namespace {

std::string num(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

Verdict judgeWithCluster(const BenchResult &r, const AisClusterRates &cluster, unsigned cpuCores)
{
    const Verdict client = judgeBenchmark(r, cpuCores);
    std::vector<const AisTargetRates *> answered;
    for (const auto &t : cluster.targets)
        if (t.answered)
            answered.push_back(&t);
    if (answered.empty())
        return {client.bound,
                client.explanation + " (No target answered statistics: the cluster's side is unknown.)",
                client.next};

    // Errors, by target.
    if (cluster.errors > 0) {
        std::string by;
        for (const auto *t : answered)
            if (t->errors > 0)
                by += (by.empty() ? "" : ", ") + t->id + ": " + std::to_string(t->errors);
        return {"cluster-errors",
                "Targets counted " + std::to_string(cluster.errors) + " errors (" + by + "). " +
                    client.explanation,
                "Look at the failing target(s) first (ais show cluster, their logs): errors cost more than "
                "tuning."};
    }
    if (client.bound == "failing" || client.bound == "error-bound")
        return client;
    if (client.bound == "cpu-bound")
        return {client.bound, client.explanation + " The targets were not the limit.", client.next};

    // One hot target: far more GETs than the mean.
    if (answered.size() >= 2 && cluster.getN >= 50 && cluster.imbalance >= 1.5) {
        const auto *hot = *std::max_element(answered.begin(), answered.end(),
                                            [](const auto *a, const auto *b) { return a->getN < b->getN; });
        return {
            "hot-target",
            "Target " + hot->id + " served " + std::to_string(hot->getN) + " of " +
                std::to_string(cluster.getN) + " GETs (imbalance " + num("%.2f", cluster.imbalance) +
                ", max / mean per target): placement skew, the data read lives mostly on it.",
            "Spread the data over all targets: more, smaller shards or objects with distinct names (AIStore "
            "places by name), or read several prefixes at once."};
    }
    // One slow target: latency far above the others', or a busy disk.
    for (const auto *t : answered) {
        std::vector<double> others;
        for (const auto *o : answered)
            if (o != t && o->meanLatencyMs >= 0)
                others.push_back(o->meanLatencyMs);
        const double m = median(others);
        const bool slow = t->meanLatencyMs >= 0 && m > 0 && t->meanLatencyMs >= 2 * m;
        if (slow || t->diskUtilPercent >= 80)
            return {
                "slow-target",
                "Target " + t->id + ": mean GET latency " + num("%.2f", t->meanLatencyMs) + " ms" +
                    (m > 0 ? " vs " + num("%.2f", m) + " ms on the others" : std::string()) + ", disk " +
                    num("%.0f", t->diskUtilPercent) +
                    "% busy: a slow or busy disk, not placement (imbalance " +
                    num("%.2f", cluster.imbalance) + ").",
                "Check that target's mountpaths and disks (ais storage, ais show performance), or move its "
                "load elsewhere."};
    }
    for (const auto *t : answered)
        if (t->cpuPercent >= 80)
            return {"cluster-cpu",
                    "Target " + t->id + " used " + num("%.0f", t->cpuPercent) +
                        "% CPU while the client used " + num("%.0f", r.cpuPercent()) +
                        "%: the cluster's CPU is the limit.",
                    "Fewer, larger requests (shards, get-batch) cost the targets less per sample; or add "
                    "targets."};
    return {client.bound,
            client.explanation + " The cluster was not the limit (imbalance " +
                num("%.2f", cluster.imbalance) + ").",
            client.next};
}

std::string clusterRatesJson(const AisClusterRates &rates)
{
    nlohmann::ordered_json targets = nlohmann::ordered_json::array();
    for (const auto &t : rates.targets) {
        nlohmann::ordered_json j = {{"id", toValidUtf8(t.id)}, {"answered", t.answered}};
        if (!t.answered) {
            j["error"] = toValidUtf8(t.error);
        } else {
            j["get_n"] = t.getN;
            j["get_bytes"] = t.getBytes;
            j["getbatch_obj_n"] = t.getBatchObjN;
            j["get_per_s"] = t.getPerSecond;
            j["mb_per_s"] = t.mbPerSecond;
            j["mean_latency_ms"] = t.meanLatencyMs >= 0 ? nlohmann::ordered_json(t.meanLatencyMs) : nullptr;
            j["cpu_percent"] = t.cpuPercent;
            j["disk_util_percent"] = t.diskUtilPercent;
            j["mem_used"] = t.memUsed;
            j["errors"] = t.errors;
        }
        targets.push_back(std::move(j));
    }
    nlohmann::ordered_json j = {{"seconds", rates.seconds},     {"targets", targets},
                                {"imbalance", rates.imbalance}, {"get_n", rates.getN},
                                {"errors", rates.errors},       {"unanswered", rates.unanswered}};
    return j.dump();
}

} // namespace shardscope
