#include "core/bench/object_get_bench.h"

#include "core/util/error.h"

#include <algorithm>
#include <mutex>
#include <thread>

namespace shardscope {

LatencySummary summarizeLatencies(std::vector<std::int64_t> &nanos)
{
    LatencySummary s;
    if (nanos.empty())
        return s;
    std::sort(nanos.begin(), nanos.end());
    auto at = [&](double q) {
        const std::size_t i = std::min(nanos.size() - 1, static_cast<std::size_t>(q * (nanos.size() - 1) + 0.5));
        return nanos[i] / 1e6;
    };
    s.p50 = at(0.50);
    s.p95 = at(0.95);
    s.p99 = at(0.99);
    s.max = nanos.back() / 1e6;
    long double sum = 0;
    for (auto n : nanos)
        sum += n;
    s.mean = static_cast<double>(sum / nanos.size() / 1e6);
    return s;
}

ObjectBenchResult runObjectGetBench(const ObjectBenchConfig &config, const std::atomic<bool> *cancel)
{
    if (config.names.empty())
        throw Error(ErrorKind::InvalidArgument, "nothing to read: the listing is empty");
    if (config.workers < 1 || config.workers > 1024)
        throw Error(ErrorKind::InvalidArgument, "workers must be between 1 and 1024");
    using Clock = std::chrono::steady_clock;
    const bool timed = config.duration.count() > 0;
    std::atomic<std::uint64_t> cursor{0}, items{0}, bytes{0}, errors{0};
    std::mutex mutex;
    std::vector<std::int64_t> allLatencies;
    std::string firstError;
    const auto start = Clock::now();
    const auto deadline = start + config.duration;

    auto worker = [&] {
        std::vector<std::int64_t> lat;
        lat.reserve(1 << 16);
        std::unique_ptr<Store> store;
        try {
            store = config.openStore();
        } catch (const std::exception &e) {
            std::lock_guard<std::mutex> lock(mutex);
            ++errors;
            if (firstError.empty())
                firstError = e.what();
            return;
        }
        for (;;) {
            if (cancel && cancel->load())
                break;
            const std::uint64_t i = cursor.fetch_add(1);
            if (!timed && i >= config.names.size())
                break;
            if (timed && Clock::now() >= deadline)
                break;
            const std::string &name = config.names[i % config.names.size()];
            std::uint64_t n = 0;
            const auto t0 = Clock::now();
            try {
                store->get(config.bucket, name, {}, [&n](const char *, std::size_t k) {
                    n += k;
                    return true;
                });
                lat.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
                ++items;
                bytes += n;
            } catch (const std::exception &e) {
                ++errors;
                std::lock_guard<std::mutex> lock(mutex);
                if (firstError.empty())
                    firstError = e.what();
            }
        }
        std::lock_guard<std::mutex> lock(mutex);
        allLatencies.insert(allLatencies.end(), lat.begin(), lat.end());
    };
    std::vector<std::thread> pool;
    for (int w = 0; w < config.workers; ++w)
        pool.emplace_back(worker);
    for (auto &t : pool)
        t.join();

    ObjectBenchResult r;
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.items = items;
    r.bytes = bytes;
    r.errors = errors;
    r.workers = config.workers;
    r.latency = summarizeLatencies(allLatencies);
    r.firstError = firstError;
    return r;
}

} // namespace shardscope
