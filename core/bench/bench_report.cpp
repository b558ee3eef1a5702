#include "core/bench/bench_report.h"

#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace shardscope {

namespace {
using json = nlohmann::ordered_json;

json latencyJson(const LatencySummary &l)
{
    return {{"p50", l.p50}, {"p95", l.p95}, {"p99", l.p99}, {"mean", l.mean}, {"max", l.max}};
}

json resultJson(const BenchResult &r, bool withSeries, unsigned cpuCores)
{
    const Verdict v = judgeBenchmark(r, cpuCores);
    json j = {
        {"mode", benchMethodName(r.method)},
        {"workers", r.workers},
        {"items", r.items},
        {"bytes", r.payloadBytes},
        {"wire_bytes", r.wireBytes},
        {"requests", r.requests},
        {"batches", r.batches},
        {"seconds", r.seconds},
        {"items_per_s", r.itemsPerSecond()},
        {"bytes_per_s", r.payloadBytesPerSecond()},
        {"wire_bytes_per_s", r.wireBytesPerSecond()},
        {"requests_per_s", r.requestsPerSecond()},
        {"errors", r.errors},
        {"retries", r.retries},
        {"latency_ms", latencyJson(r.requestLatency)},
        {"batch_latency_ms", latencyJson(r.batchLatency)},
        {"time_to_first_batch_s", r.timeToFirstBatch},
        {"cpu_percent", r.cpuPercent()},
        {"decode_seconds", r.decodeSeconds},
        {"listing_seconds", r.listingSeconds},
        {"cancelled", r.cancelled},
        {"ended_by_error", r.endedByError},
        // The verdict and the first error may quote a name that is not UTF-8.
        {"verdict",
         {{"bound", v.bound}, {"explanation", toValidUtf8(v.explanation)}, {"next", toValidUtf8(v.next)}}},
    };
    if (!r.firstError.empty())
        j["first_error"] = toValidUtf8(r.firstError);
    if (withSeries) {
        json series = json::array();
        for (const auto &s : r.series)
            series.push_back({{"t", s.t},
                              {"items_per_s", s.itemsPerSecond},
                              {"payload_bytes_per_s", s.payloadBytesPerSecond},
                              {"wire_bytes_per_s", s.wireBytesPerSecond},
                              {"requests_per_s", s.requestsPerSecond},
                              {"worker_items_per_s", s.workerItemsPerSecond},
                              {"latency_ms", {{"p50", s.requestLatency.p50}, {"p95", s.requestLatency.p95},
                                              {"p99", s.requestLatency.p99}}},
                              {"batch_latency_ms", {{"p50", s.batchLatency.p50}, {"p95", s.batchLatency.p95},
                                                    {"p99", s.batchLatency.p99}}},
                              {"errors", s.errors},
                              {"retries", s.retries},
                              {"cpu_percent", s.cpuPercent}});
        j["series"] = series;
    }
    return j;
}
} // namespace

std::string benchResultJson(const BenchResult &r, bool withSeries, unsigned cpuCores)
{
    return resultJson(r, withSeries, cpuCores).dump(2) + "\n";
}

std::string benchResultsJson(const std::vector<BenchResult> &runs, bool withSeries, unsigned cpuCores)
{
    json all = json::array();
    for (const auto &r : runs)
        all.push_back(resultJson(r, withSeries, cpuCores));
    return all.dump(2) + "\n";
}

std::vector<SweepStep> sweepSteps(const std::vector<BenchResult> &runs)
{
    std::vector<SweepStep> steps;
    for (const auto &r : runs)
        steps.push_back({r.workers, r});
    return steps;
}

std::string benchSeriesCsv(const BenchResult &r)
{
    std::ostringstream out;
    out << "t_s,items_per_s,payload_bytes_per_s,wire_bytes_per_s,requests_per_s,latency_p50_ms,latency_p95_ms,"
           "latency_p99_ms,batch_p50_ms,batch_p95_ms,batch_p99_ms,errors,retries,cpu_percent\n";
    for (const auto &s : r.series)
        out << s.t << ',' << s.itemsPerSecond << ',' << s.payloadBytesPerSecond << ',' << s.wireBytesPerSecond << ','
            << s.requestsPerSecond << ',' << s.requestLatency.p50 << ',' << s.requestLatency.p95 << ','
            << s.requestLatency.p99 << ',' << s.batchLatency.p50 << ',' << s.batchLatency.p95 << ','
            << s.batchLatency.p99 << ',' << s.errors << ',' << s.retries << ',' << s.cpuPercent << '\n';
    return out.str();
}

std::string sweepJson(const std::vector<SweepStep> &steps, unsigned cpuCores)
{
    json j;
    json arr = json::array();
    std::vector<std::pair<int, double>> points;
    for (const auto &s : steps) {
        arr.push_back(resultJson(s.result, false, cpuCores));
        points.emplace_back(s.workers, s.result.itemsPerSecond());
    }
    j["steps"] = arr;
    if (!points.empty()) {
        const Knee k = findKnee(points);
        j["knee"] = {{"workers", k.workers}, {"index", k.index}, {"saturated", k.saturated}, {"gain_after", k.gainAfter}};
        j["recommended_workers"] = k.workers;
    }
    return j.dump(2) + "\n";
}

std::string sweepCsv(const std::vector<SweepStep> &steps)
{
    std::ostringstream out;
    out << "workers,items_per_s,payload_bytes_per_s,wire_bytes_per_s,latency_p50_ms,latency_p95_ms,latency_p99_ms,"
           "errors\n";
    for (const auto &s : steps)
        out << s.workers << ',' << s.result.itemsPerSecond() << ',' << s.result.payloadBytesPerSecond() << ','
            << s.result.wireBytesPerSecond() << ',' << s.result.requestLatency.p50 << ','
            << s.result.requestLatency.p95 << ',' << s.result.requestLatency.p99 << ',' << s.result.errors << '\n';
    return out.str();
}

} // namespace shardscope
