#include "core/bench/benchmark.h"

#include "core/decode/decoded.h"
#include "core/storage/retrying_http.h"
#include "core/util/error.h"

#include <sys/resource.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <unordered_map>

namespace shardscope {

namespace {
using Clock = std::chrono::steady_clock;

// After this many errors a run stops: a dead target must not keep a
// benchmark going through every object's retry budget.
constexpr std::uint64_t kMaxErrors = 10;

double cpuSecondsNow()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

Percentiles percentiles(std::vector<std::int64_t> &nanos)
{
    if (nanos.empty())
        return {};
    const LatencySummary s = summarizeLatencies(nanos);
    return {s.p50, s.p95, s.p99};
}

// Everything measured during a run, under one mutex: workers report requests
// and deliveries, the ticker turns the counts into one series point per interval.
class Meter
{
public:
    Meter(int workers, std::size_t batchSize, Clock::time_point start, bool explicitBatches = false)
        : m_explicitBatches(explicitBatches), m_batchSize(std::max<std::size_t>(1, batchSize)), m_start(start), m_lastBatch(start), m_lastTick(start),
          m_workerItems(std::size_t(workers), 0), m_workerItemsAtTick(std::size_t(workers), 0),
          m_cpuAtStart(cpuSecondsNow()), m_cpuAtTick(m_cpuAtStart), m_retriesAtStart(retriesSoFar())
    {
    }

    void request(std::uint64_t wireBytes, std::chrono::nanoseconds latency, bool ok)
    {
        std::lock_guard lock(m_mutex);
        ++m_requests;
        m_wire += wireBytes;
        m_intervalLatency.push_back(latency.count());
        m_allLatency.push_back(latency.count());
        if (!ok)
            ++m_errors;
    }

    void delivered(int worker, std::uint64_t items, std::uint64_t payload)
    {
        const auto now = Clock::now();
        std::lock_guard lock(m_mutex);
        m_items += items;
        m_payload += payload;
        if (worker >= 0 && std::size_t(worker) < m_workerItems.size())
            m_workerItems[std::size_t(worker)] += items;
        if (m_explicitBatches)
            return; // batchCompleted() marks them
        m_sinceBatch += items;
        while (m_sinceBatch >= m_batchSize) {
            m_sinceBatch -= m_batchSize;
            markBatch(now);
        }
    }

    // A sampler batch is complete (explicit batches).
    void batchCompleted()
    {
        const auto now = Clock::now();
        std::lock_guard lock(m_mutex);
        markBatch(now);
    }

    // Counts an error unless the request hook counted it already.
    void error(const std::string &message, bool count = true)
    {
        std::lock_guard lock(m_mutex);
        if (count)
            ++m_errors;
        if (m_firstError.empty())
            m_firstError = message;
    }

    void markBatch(Clock::time_point now) // under m_mutex
    {
        const std::int64_t gap = std::chrono::duration_cast<std::chrono::nanoseconds>(now - m_lastBatch).count();
        m_lastBatch = now;
        m_intervalBatch.push_back(gap);
        m_allBatch.push_back(gap);
        ++m_batches;
        if (m_firstBatch < 0)
            m_firstBatch = std::chrono::duration<double>(now - m_start).count();
    }

    bool changedSinceTick() const
    {
        std::lock_guard lock(m_mutex);
        return m_items != m_itemsAtTick || m_payload != m_payloadAtTick || m_wire != m_wireAtTick ||
               m_requests != m_requestsAtTick;
    }

    std::uint64_t errors() const
    {
        std::lock_guard lock(m_mutex);
        return m_errors;
    }

    BenchSample tick(Clock::time_point now)
    {
        const double cpu = cpuSecondsNow();
        std::lock_guard lock(m_mutex);
        BenchSample s;
        const double dt = std::max(1e-9, std::chrono::duration<double>(now - m_lastTick).count());
        s.t = std::chrono::duration<double>(now - m_start).count();
        s.itemsPerSecond = double(m_items - m_itemsAtTick) / dt;
        s.payloadBytesPerSecond = double(m_payload - m_payloadAtTick) / dt;
        s.wireBytesPerSecond = double(m_wire - m_wireAtTick) / dt;
        s.requestsPerSecond = double(m_requests - m_requestsAtTick) / dt;
        for (std::size_t w = 0; w < m_workerItems.size(); ++w) {
            s.workerItemsPerSecond.push_back(double(m_workerItems[w] - m_workerItemsAtTick[w]) / dt);
            m_workerItemsAtTick[w] = m_workerItems[w];
        }
        for (const std::int64_t ns : m_intervalLatency) {
            std::size_t b = 0;
            for (std::int64_t us = ns / 1000; us > 1 && b + 1 < BenchSample::kLatencyBuckets; us >>= 1)
                ++b;
            ++s.latencyHistogram[b];
        }
        s.requestLatency = percentiles(m_intervalLatency);
        s.batchLatency = percentiles(m_intervalBatch);
        m_intervalLatency.clear();
        m_intervalBatch.clear();
        s.items = m_itemsAtTick = m_items;
        s.payloadBytes = m_payloadAtTick = m_payload;
        s.wireBytes = m_wireAtTick = m_wire;
        s.requests = m_requestsAtTick = m_requests;
        s.errors = m_errors;
        s.retries = retriesSoFar() - m_retriesAtStart;
        s.cpuPercent = 100.0 * (cpu - m_cpuAtTick) / dt;
        m_cpuAtTick = cpu;
        m_lastTick = now;
        return s;
    }

    void finish(BenchResult &r, Clock::time_point end)
    {
        std::lock_guard lock(m_mutex);
        r.items = m_items;
        r.payloadBytes = m_payload;
        r.wireBytes = m_wire;
        r.requests = m_requests;
        r.batches = m_batches;
        r.errors = m_errors;
        r.retries = retriesSoFar() - m_retriesAtStart;
        r.seconds = std::chrono::duration<double>(end - m_start).count();
        r.timeToFirstBatch = m_firstBatch;
        r.cpuSeconds = cpuSecondsNow() - m_cpuAtStart;
        r.firstError = m_firstError;
        if (!r.firstError.empty() && r.errors == 0)
            r.errors = 1;
        r.requestLatency = summarizeLatencies(m_allLatency);
        r.batchLatency = summarizeLatencies(m_allBatch);
    }

private:
    mutable std::mutex m_mutex;
    bool m_explicitBatches;
    std::size_t m_batchSize;
    std::uint64_t m_batches = 0;
    Clock::time_point m_start, m_lastBatch, m_lastTick;
    std::uint64_t m_items = 0, m_payload = 0, m_wire = 0, m_requests = 0, m_errors = 0;
    std::uint64_t m_itemsAtTick = 0, m_payloadAtTick = 0, m_wireAtTick = 0, m_requestsAtTick = 0;
    std::vector<std::uint64_t> m_workerItems, m_workerItemsAtTick;
    std::uint64_t m_sinceBatch = 0;
    double m_firstBatch = -1;
    std::vector<std::int64_t> m_intervalLatency, m_allLatency, m_intervalBatch, m_allBatch;
    double m_cpuAtStart, m_cpuAtTick;
    std::uint64_t m_retriesAtStart;
    std::string m_firstError;
};

std::string extensionOf(const std::string &name)
{
    const auto slash = name.rfind('/');
    const auto dot = name.find('.', slash == std::string::npos ? 0 : slash + 1);
    return dot == std::string::npos ? std::string() : name.substr(dot + 1);
}

// Decodes like the loader core would; returns the time it took. A member that
// does not decode counts as decoded (its bytes stay raw), as in the loader.
std::chrono::nanoseconds decodeItem(const std::string &ext, const std::string &bytes, const std::string &what)
{
    const auto t0 = Clock::now();
    try {
        (void)decodeMember(ext, bytes, what);
    } catch (...) {
        // Any failure to decode (an Error or a library's exception on odd
        // data) leaves the member raw, as in the loader.
    }
    return Clock::now() - t0;
}
} // namespace

std::string benchMethodName(BenchMethod m)
{
    switch (m) {
    case BenchMethod::Baseline: return "baseline";
    case BenchMethod::Map: return "map";
    case BenchMethod::Iterable: return "object";
    case BenchMethod::Shard: return "shard";
    case BenchMethod::GetBatch: return "get-batch";
    }
    return "object";
}

std::vector<BenchMethod> defaultCompareMethods(bool shards, bool storeHasGetBatch)
{
    if (shards)
        return {BenchMethod::Baseline, BenchMethod::Shard};
    std::vector<BenchMethod> methods = {BenchMethod::Baseline, BenchMethod::Map, BenchMethod::Iterable};
    if (storeHasGetBatch)
        methods.push_back(BenchMethod::GetBatch);
    return methods;
}

BenchMethod parseBenchMethod(const std::string &name)
{
    if (name == "baseline")
        return BenchMethod::Baseline;
    if (name == "map")
        return BenchMethod::Map;
    if (name == "object" || name == "iterable")
        return BenchMethod::Iterable;
    if (name == "shard")
        return BenchMethod::Shard;
    if (name == "get-batch")
        return BenchMethod::GetBatch;
    throw Error(ErrorKind::InvalidArgument,
                "unknown benchmark mode \"" + name + "\": use baseline, map, object, shard or get-batch");
}

BenchResult runBenchmark(const BenchSpec &spec, const std::function<void(const BenchSample &)> &onSample,
                         const std::atomic<bool> *cancel)
{
    if (spec.names.empty())
        throw Error(ErrorKind::InvalidArgument, "nothing to read: the listing is empty");
    const int workers = spec.method == BenchMethod::Baseline ? 1 : spec.workers;
    if (workers < 1 || workers > 1024)
        throw Error(ErrorKind::InvalidArgument, "workers must be between 1 and 1024");
    if (!spec.openStore)
        throw Error(ErrorKind::InvalidArgument, "benchmark without a store");

    BenchResult result;
    result.method = spec.method;
    result.storeScheme = spec.storeScheme;
    result.workers = workers;
    result.listingSeconds = spec.listingSeconds;
    const bool timed = spec.duration.count() > 0;
    const auto start = Clock::now();
    const auto deadline = start + spec.duration;
    const bool explicitBatches = spec.method == BenchMethod::Map && !spec.batches.empty();
    for (const auto &b : spec.batches)
        for (std::size_t i : b)
            if (i >= spec.names.size())
                throw Error(ErrorKind::InvalidArgument, "benchmark: a batch names item " + std::to_string(i) +
                                                            " of " + std::to_string(spec.names.size()));
    Meter meter(workers, spec.batchSize, start, explicitBatches);
    std::atomic<bool> stop{false};
    std::atomic<std::int64_t> decodeNanos{0};
    auto shouldStop = [&] {
        return stop.load() || (cancel && cancel->load()) || (timed && Clock::now() >= deadline) ||
               meter.errors() >= kMaxErrors;
    };

    // The ticker: one series point per interval, until the run ends.
    std::mutex tickMutex;
    std::condition_variable tickCv;
    bool running = true;
    std::thread ticker([&] {
        auto next = start + spec.interval;
        std::unique_lock lock(tickMutex);
        while (running) {
            if (tickCv.wait_until(lock, next, [&] { return !running; }))
                break;
            lock.unlock();
            try {
                const BenchSample s = meter.tick(Clock::now());
                result.series.push_back(s);
                if (onSample)
                    onSample(s);
            } catch (...) {
                meter.error(errorFromException(std::current_exception(), "benchmark time series").what());
                stop = true;
            }
            lock.lock();
            next += spec.interval;
        }
    });

    if (spec.method == BenchMethod::Baseline || spec.method == BenchMethod::Map) {
        // Workers fetch by index, in sampler order, each with its own store.
        std::vector<std::size_t> order(spec.names.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        if (spec.method == BenchMethod::Map && spec.shuffle)
            std::shuffle(order.begin(), order.end(), std::mt19937_64(spec.seed));
        // Units of work: single items in sampler order, or the sampler's batches
        // (a map dataset with a batch sampler).
        const std::size_t unitCount = explicitBatches ? spec.batches.size() : order.size();
        auto unitLength = [&](std::size_t u) { return explicitBatches ? spec.batches[u].size() : std::size_t(1); };
        auto unitItem = [&](std::size_t u, std::size_t k) { return explicitBatches ? spec.batches[u][k] : order[u]; };
        std::atomic<std::uint64_t> cursor{0};
        auto readByIndex = [&](int w) {
            std::unique_ptr<Store> store;
            try {
                store = spec.openStore();
            } catch (const Error &e) {
                meter.error(e.what());
                return;
            }
            std::string bytes;
            while (!shouldStop()) {
                const std::uint64_t next = cursor.fetch_add(1);
                if (!timed && next >= unitCount)
                    break;
                const std::size_t u = std::size_t(next % unitCount);
                bool whole = true;
                for (std::size_t k = 0; k < unitLength(u); ++k) {
                    const std::size_t item = unitItem(u, k);
                    if (shouldStop()) {
                        whole = false;
                        break;
                    }
                    const std::string name(spec.names[item]);
                    bytes.clear();
                    GetRequest req;
                    req.cancel = cancel;
                    const auto t0 = Clock::now();
                    try {
                        store->get(spec.bucket, name, req, [&bytes](const char *d, std::size_t n) {
                            bytes.append(d, n);
                            return true;
                        });
                    } catch (const Error &e) {
                        whole = false;
                        if (e.kind() == ErrorKind::Cancelled)
                            break;
                        meter.request(0, Clock::now() - t0, false);
                        meter.error(e.what(), false);
                        continue;
                    }
                    meter.request(bytes.size(), Clock::now() - t0, true);
                    if (spec.decode)
                        decodeNanos += decodeItem(extensionOf(name), bytes, name).count();
                    meter.delivered(w, 1, bytes.size());
                }
                if (explicitBatches && whole)
                    meter.batchCompleted();
            }
        };
        auto work = [&](int w) {
            // The thread's boundary: nothing escapes it (that would end the process).
            try {
                readByIndex(w);
            } catch (...) {
                meter.error(errorFromException(std::current_exception(), "benchmark worker " + std::to_string(w)).what());
                stop = true;
            }
        };
        std::vector<std::thread> threads;
        for (int w = 0; w < workers; ++w)
            threads.emplace_back(work, w);
        for (auto &t : threads)
            t.join();
    } else {
        // Shards: the wire size of a shard request is the shard's size (looked up by name).
        std::unordered_map<std::string, std::uint64_t> sizes;
        LoaderOptions lo;
        lo.workers = workers;
        lo.prefetch = 1024;
        lo.shard.onError = ErrorPolicy::Skip;
        lo.batchSize = spec.getBatchSize;
        const Loader::Mode mode = spec.method == BenchMethod::Shard      ? Loader::Mode::Shards
                                  : spec.method == BenchMethod::GetBatch ? Loader::Mode::GetBatch
                                                                         : Loader::Mode::Objects;
        const bool shards = mode == Loader::Mode::Shards;
        if (shards)
            for (std::size_t i = 0; i < spec.names.size(); ++i)
                sizes.emplace(spec.names[i], spec.names.sizeAt(i));
        std::atomic<bool> winding{false};
        // The loader reads the spec's names in place (they outlive it): no copy of a million names.
        const std::shared_ptr<const NameList> names(std::shared_ptr<void>{}, &spec.names);
        do {
            winding = false;
            Loader loader(
                mode, spec.openStore, spec.bucket, names, lo,
                [&](const RequestTiming &t) {
                    // Requests cut short because the run ends are not failures.
                    if (!t.ok && (winding.load() || (cancel && cancel->load())))
                        return;
                    // A shard request moves the whole shard over the wire.
                    std::uint64_t wire = t.bytes;
                    if (shards && t.ok)
                        if (auto it = sizes.find(t.name); it != sizes.end())
                            wire = it->second;
                    meter.request(wire, t.latency, t.ok);
                },
                [&](const ShardProblem &p) {
                    meter.error(p.shard + (p.member.empty() ? "" : "/" + p.member) + ": " + p.message);
                });
            try {
                LoaderItem item;
                while (loader.next(item)) {
                    if (spec.decode) {
                        if (shards)
                            for (const auto &[ext, bytes] : item.sample.members)
                                decodeNanos += decodeItem(ext, bytes, item.name + "/" + item.sample.key).count();
                        else
                            decodeNanos += decodeItem(extensionOf(item.name), item.bytes, item.name).count();
                    }
                    meter.delivered(item.worker, 1, item.size());
                    if (shouldStop()) {
                        winding = true;
                        loader.cancel();
                        break;
                    }
                }
            } catch (const Error &e) {
                if (e.kind() != ErrorKind::Cancelled)
                    meter.error(e.what(), false);
                stop = true;
            } catch (...) {
                meter.error(errorFromException(std::current_exception(), "benchmark of " + spec.bucket).what(), false);
                stop = true;
            }
        } while (timed && !shouldStop());
    }

    const auto end = Clock::now();
    {
        std::lock_guard lock(tickMutex);
        running = false;
    }
    tickCv.notify_all();
    ticker.join();
    // The last partial interval, so the series ends where the run did.
    if (result.series.empty() || meter.changedSinceTick()) {
        const BenchSample s = meter.tick(end);
        result.series.push_back(s);
        if (onSample)
            onSample(s);
    }
    meter.finish(result, end);
    result.decodeSeconds = double(decodeNanos.load()) / 1e9;
    result.cancelled = cancel && cancel->load();
    result.endedByError = !result.cancelled && (stop.load() || result.errors >= kMaxErrors);
    return result;
}

} // namespace shardscope
