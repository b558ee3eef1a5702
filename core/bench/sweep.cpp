#include "core/bench/sweep.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <cstdio>

namespace shardscope {

Knee findKnee(const std::vector<std::pair<int, double>> &steps, double minGain)
{
    if (steps.empty())
        throw Error(ErrorKind::InvalidArgument, "a sweep needs at least one step");
    for (std::size_t i = 1; i < steps.size(); ++i)
        if (steps[i].first <= steps[i - 1].first)
            throw Error(ErrorKind::InvalidArgument, "sweep steps must have increasing worker counts");
    for (std::size_t i = 0; i + 1 < steps.size(); ++i) {
        // Compare with the step that doubles the workers, else the next one.
        std::size_t j = i + 1;
        for (std::size_t k = i + 1; k < steps.size(); ++k)
            if (steps[k].first == 2 * steps[i].first) {
                j = k;
                break;
            }
        const double base = steps[i].second;
        const double gain = base > 0 ? steps[j].second / base - 1.0 : (steps[j].second > 0 ? 1e9 : 0.0);
        if (gain < minGain)
            return {i, steps[i].first, true, gain};
    }
    return {steps.size() - 1, steps.back().first, false, 0};
}

std::vector<SweepStep> runSweep(const BenchSpec &spec, const std::vector<int> &workerCounts,
                                const std::function<void(const SweepStep &)> &onStep,
                                const std::function<void(const BenchSample &)> &onSample,
                                const std::atomic<bool> *cancel)
{
    if (workerCounts.empty())
        throw Error(ErrorKind::InvalidArgument, "a sweep needs at least one worker count");
    for (std::size_t i = 0; i < workerCounts.size(); ++i)
        if (workerCounts[i] < 1 || workerCounts[i] > 1024 || (i > 0 && workerCounts[i] <= workerCounts[i - 1]))
            throw Error(ErrorKind::InvalidArgument, "sweep worker counts must increase, each between 1 and 1024");
    std::vector<SweepStep> steps;
    for (int w : workerCounts) {
        if (cancel && cancel->load())
            break;
        BenchSpec s = spec;
        s.workers = w;
        SweepStep step{w, runBenchmark(s, onSample, cancel)};
        if (step.result.cancelled)
            break; // a partial step would distort the curve
        steps.push_back(step);
        if (onStep)
            onStep(steps.back());
    }
    return steps;
}

namespace {
std::string fmt(const char *f, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}
} // namespace

Verdict judgeBenchmark(const BenchResult &r, unsigned cpuCores)
{
    // The advice fits the store: targets and get-batch are AIStore's, a local
    // folder's limits are its disk and the page cache.
    const bool cluster = r.storeScheme == "ais";
    const bool local = r.storeScheme == "local" || r.storeScheme == "file";
    const std::string rate = fmt("%.0f", r.itemsPerSecond()) + " items/s, " +
                             humanBytes(static_cast<unsigned long long>(r.wireBytesPerSecond())) + "/s on the wire";
    if (r.items == 0 && r.errors > 0)
        return {"failing", "Nothing was read: " + r.firstError,
                local ? "Check that the folder exists and is readable, then run again."
                : cluster
                    ? "Check the endpoint, the bucket and the cluster's health (Cluster tab), then run again."
                    : "Check the endpoint, the bucket and the credentials, then run again."};
    if (r.endedByError || (r.requests > 0 && double(r.errors) > 0.01 * double(r.requests)))
        return {"error-bound",
                std::to_string(r.errors) + " of " + std::to_string(r.requests) + " requests failed (" +
                    std::to_string(r.retries) + " retries)" + (r.endedByError ? ", which ended the run" : "") +
                    "; first: " + r.firstError,
                "Fix the failing objects or nodes first: errors and retries cost more than any tuning gains."};
    if (r.listingSeconds > 0 && r.listingSeconds > r.seconds)
        return {"listing-bound",
                "Listing took " + fmt("%.1f", r.listingSeconds) + " s, longer than reading (" + fmt("%.1f", r.seconds) +
                    " s at " + rate + ").",
                "List once and keep the result (export the dataset config), or pack objects into shards: "
                "fewer names to list."};
    if (r.seconds > 0 && r.decodeSeconds > 0.5 * r.seconds)
        return {"decode-bound",
                "Decoding took " + fmt("%.0f", 100.0 * r.decodeSeconds / r.seconds) + "% of the run (" + rate + ").",
                "Decode in more workers, decode only the members training needs, or store pre-decoded arrays."};
    if (cpuCores > 0 && r.cpuPercent() > 85.0 * cpuCores)
        return {"cpu-bound",
                "The client used " + fmt("%.0f", r.cpuPercent()) + "% CPU of " +
                    std::to_string(cpuCores * 100) + "% (" + rate + ").",
                std::string("The client machine is the limit: fewer, larger requests (") +
                    (cluster ? "shards, get-batch" : "shards") + "), less decoding, or more cores."};
    const double perRequest = r.requests > 0 ? double(r.wireBytes) / double(r.requests) : 0;
    if (perRequest < 256.0 * 1024)
        return {"request-bound",
                "Requests carry " + humanBytes(static_cast<unsigned long long>(perRequest)) +
                    " each on average; " + "per-request latency (p50 " + fmt("%.2f", r.requestLatency.p50) +
                    " ms) sets the pace (" + rate + ").",
                std::string(
                    local     ? "Pack small files into shards (shard reader): one open and one read per "
                                "shard instead of per file; add workers up to the sweep's knee."
                    : cluster ? "Pack small objects into shards (shard reader) or fetch them with get-batch; "
                                "add workers up to the sweep's knee."
                              : "Pack small objects into shards (shard reader); add workers up to the "
                                "sweep's knee.")};
    return {"bandwidth-bound",
            "Requests carry " + humanBytes(static_cast<unsigned long long>(perRequest)) +
                " each on average (" + rate + ").",
            local
                ? "The disk (or the page cache) is the limit: more workers help little; use faster storage, "
                  "or compress or shrink samples."
            : cluster
                ? "More workers help little once the link is full: compress or shrink samples, or spread "
                  "reads over more targets."
                : "More workers help little once the link is full: compress or shrink samples, or read from "
                  "a store closer to this machine."};
}

std::vector<int> parseWorkerCounts(const std::string &text)
{
    std::vector<int> out;
    std::size_t pos = 0;
    auto bad = [&text] {
        return Error(ErrorKind::InvalidArgument,
                     "worker counts must be increasing, each between 1 and 1024, as in 1,2,4,8: not '" +
                         text + "'");
    };
    while (pos <= text.size()) {
        const std::size_t comma = std::min(text.find(',', pos), text.size());
        std::string part = text.substr(pos, comma - pos);
        pos = comma + 1;
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t") + 1);
        if (part.empty())
            continue; // "1,,2" and a trailing comma are forgiven
        if (part.size() > 4 || part.find_first_not_of("0123456789") != std::string::npos)
            throw bad();
        const int w = std::stoi(part);
        if (w < 1 || w > 1024 || (!out.empty() && w <= out.back()))
            throw bad();
        out.push_back(w);
    }
    if (out.empty())
        throw bad();
    return out;
}

} // namespace shardscope
