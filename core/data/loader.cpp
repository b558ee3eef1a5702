#include "core/data/loader.h"

#include "core/data/get_batch_read.h"

#include "core/storage/ais_store.h"
#include "core/util/error.h"
#include <algorithm>

namespace shardscope {

using Clock = std::chrono::steady_clock;

Loader::Loader(Mode mode, StoreFactory openStore, std::string bucket, std::vector<std::string> units,
               LoaderOptions options, TimingHook timing, ShardReader::ProblemSink problems)
    : Loader(mode, std::move(openStore), std::move(bucket), std::make_shared<const NameList>(units), options,
             std::move(timing), std::move(problems))
{
}

Loader::Loader(Mode mode, StoreFactory openStore, std::string bucket, std::shared_ptr<const NameList> units,
               LoaderOptions options, TimingHook timing, ShardReader::ProblemSink problems)
    : m_mode(mode), m_openStore(std::move(openStore)), m_bucket(std::move(bucket)),
      m_unitsShared(std::move(units)), m_units(*m_unitsShared), m_options(options),
      m_timing(std::move(timing)), m_problems(std::move(problems))
{
    if (m_mode == Mode::GetBatch && (m_options.batchSize < 1 || m_options.batchSize > 100000))
        throw Error(ErrorKind::InvalidArgument, "the get-batch size must be between 1 and 100000");
    m_unitCount = m_mode == Mode::GetBatch ? (m_units.size() + m_options.batchSize - 1) / m_options.batchSize
                                           : m_units.size();
    m_unitDone.assign(m_unitCount, false);
    if (m_options.resumeUnit > 0 || m_options.resumeItem > 0) {
        if (!m_options.ordered)
            throw Error(ErrorKind::InvalidArgument, "resuming needs ordered delivery");
        if (m_options.resumeUnit > m_unitCount)
            throw Error(ErrorKind::InvalidArgument, "cannot resume at unit " + std::to_string(m_options.resumeUnit) +
                                                        " of " + std::to_string(m_unitCount));
        for (std::size_t u = 0; u < m_options.resumeUnit; ++u)
            m_unitDone[u] = true;
        m_cursor = m_options.resumeUnit;
        m_nextUnit = m_options.resumeUnit;
    }
    m_position = {m_options.resumeUnit, m_options.resumeItem};
    if (m_options.workers < 1 || m_options.workers > 1024)
        throw Error(ErrorKind::InvalidArgument, "the loader needs between 1 and 1024 workers");
    if (m_options.prefetch < 1)
        throw Error(ErrorKind::InvalidArgument, "the prefetch depth must be at least 1");
    const int n = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(m_options.workers),
                                                         std::max<std::size_t>(m_unitCount, 1)));
    m_running = n;
    for (int w = 0; w < n; ++w)
        m_threads.emplace_back([this, w] { work(w); });
}

Loader::~Loader()
{
    cancel();
    for (auto &t : m_threads)
        t.join();
}

void Loader::cancel()
{
    m_cancel = true;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_dataCv.notify_all();
    m_spaceCv.notify_all();
}

LoaderPosition Loader::position() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_position;
}

LoaderCounters Loader::counters() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_counters;
}

void Loader::fail(std::exception_ptr error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_error)
        m_error = std::move(error);
    m_cancel = true;
    m_dataCv.notify_all();
    m_spaceCv.notify_all();
}

bool Loader::push(std::vector<LoaderItem> &items)
{
    if (!items.empty() && items.front().unit == m_options.resumeUnit && m_options.resumeItem > 0) {
        // Items a resumed run has already delivered before.
        items.erase(std::remove_if(items.begin(), items.end(),
                                   [this](const LoaderItem &it) {
                                       return it.unit == m_options.resumeUnit && it.seq < m_options.resumeItem;
                                   }),
                    items.end());
    }
    if (items.empty())
        return !m_cancel;
    std::uint64_t size = 0;
    for (const auto &it : items)
        size += it.size();
    const std::size_t unit = items.front().unit;
    std::unique_lock<std::mutex> lock(m_mutex);
    // Admit when there is room; the unit the consumer waits for always gets in
    // (ordered mode), and so does anything when the queue is empty.
    auto admissible = [&] {
        if (m_cancel || m_queued == 0)
            return true;
        if (m_options.ordered && unit == m_nextUnit)
            return true;
        return m_queued + items.size() <= m_options.prefetch && m_queuedBytes + size <= m_options.maxBytesInFlight;
    };
    if (!admissible()) {
        ++m_producersWaiting;
        m_spaceCv.wait(lock, admissible);
        --m_producersWaiting;
    }
    if (m_cancel)
        return false;
    m_queued += items.size();
    m_queuedBytes += size;
    auto &dest = m_options.ordered ? m_byUnit[unit] : m_fifo;
    for (auto &it : items)
        dest.push_back(std::move(it));
    items.clear();
    if (m_consumerWaiting)
        m_dataCv.notify_one();
    return true;
}

void Loader::unitDone(std::size_t unit)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_unitDone[unit] = true;
    if (m_consumerWaiting)
        m_dataCv.notify_one();
}

void Loader::work(int worker)
{
    // What this worker is reading, for the message of an unexpected failure
    // (an index, not a message built for every object on the hot path).
    constexpr std::size_t kNoUnit = ~std::size_t(0);
    std::size_t current = kNoUnit;
    std::unique_ptr<Store> store;
    try {
        store = m_openStore();
        std::unique_ptr<ShardReader> reader;
        if (m_mode == Mode::Shards)
            reader = std::make_unique<ShardReader>(*store, m_bucket, m_options.shard);
        for (;;) {
            if (m_cancel)
                break;
            const std::size_t unit = m_cursor.fetch_add(1);
            if (unit >= m_unitCount)
                break;
            current = unit;
            if (m_mode == Mode::GetBatch) {
                if (!readBatch(*store, unit, worker))
                    break;
                unitDone(unit);
                continue;
            }
            const std::string name(m_units[unit]);
            const auto t0 = Clock::now();
            RequestTiming timing;
            timing.worker = worker;
            timing.name = name;
            if (m_mode == Mode::Objects) {
                LoaderItem item;
                item.unit = unit;
                item.name = name;
                item.worker = worker;
                GetRequest req;
                req.cancel = &m_cancel;
                try {
                    store->get(m_bucket, name, req, [&item](const char *d, std::size_t n) {
                        item.bytes.append(d, n);
                        return true;
                    });
                } catch (...) {
                    timing.ok = false;
                    timing.latency = Clock::now() - t0;
                    if (m_timing)
                        m_timing(timing);
                    throw;
                }
                timing.bytes = item.bytes.size();
                timing.items = 1;
                timing.latency = Clock::now() - t0;
                if (m_timing)
                    m_timing(timing);
                std::vector<LoaderItem> one;
                one.push_back(std::move(item));
                if (!push(one))
                    break;
            } else {
                std::uint64_t samples = 0, bytes = 0, pendingBytes = 0;
                // Samples go to the queue in small groups: one hand-off per
                // group, not per sample, keeps thread wake-ups off the hot path.
                std::vector<LoaderItem> pending;
                const std::size_t group = std::max<std::size_t>(1, std::min<std::size_t>(32, m_options.prefetch / 2));
                bool more = reader->read(
                    name,
                    [&](Sample &&s) {
                        ++samples;
                        const std::uint64_t b = s.bytes();
                        bytes += b;
                        pendingBytes += b;
                        LoaderItem item;
                        item.unit = unit;
                        item.seq = samples - 1;
                        item.name = name;
                        item.worker = worker;
                        item.sample = std::move(s);
                        pending.push_back(std::move(item));
                        if (pending.size() < group && pendingBytes < (1u << 20))
                            return true;
                        pendingBytes = 0;
                        return push(pending);
                    },
                    [this](const ShardProblem &p) {
                        {
                            std::lock_guard<std::mutex> lock(m_mutex);
                            ++m_counters.errors;
                        }
                        if (m_problems)
                            m_problems(p);
                    },
                    &m_cancel);
                if (more)
                    more = push(pending);
                timing.bytes = bytes;
                timing.items = samples;
                timing.latency = Clock::now() - t0;
                if (m_timing)
                    m_timing(timing);
                if (!more)
                    break;
            }
            unitDone(unit);
        }
    } catch (const Error &e) {
        if (!(e.kind() == ErrorKind::Cancelled && m_cancel))
            fail(std::current_exception());
    } catch (...) {
        // Not only Error: anything a worker meets (out of memory, a library's
        // exception) ends this run with a message naming what it was reading.
        const std::string doing =
            current == kNoUnit ? "opening the store for " + m_bucket
            : m_mode == Mode::GetBatch
                ? "reading batch " + std::to_string(current) + " of " + store->url(m_bucket)
                : "reading " + store->url(m_bucket, std::string(m_units[current]));
        fail(std::make_exception_ptr(errorFromException(std::current_exception(), doing)));
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    --m_running;
    m_dataCv.notify_all();
}

bool Loader::readBatch(Store &store, std::size_t unit, int worker)
{
    auto *ais = dynamic_cast<AisStore *>(&store);
    if (!ais)
        throw Error(ErrorKind::InvalidArgument, "get-batch reads ais:// buckets only, not " + store.url(m_bucket));
    const std::size_t first = unit * m_options.batchSize;
    const std::size_t last = std::min(m_units.size(), first + m_options.batchSize);
    std::vector<AisBatchEntry> entries;
    entries.reserve(last - first);
    for (std::size_t i = first; i < last; ++i)
        entries.push_back(m_options.getBatchMembers ? shardMemberEntry(std::string(m_units[i]))
                                                    : AisBatchEntry{std::string(m_units[i]), {}, {}});
    const std::string what = "get-batch of " + std::to_string(entries.size()) +
                             (m_options.getBatchMembers ? " shard members from " : " objects from ") +
                             store.url(m_bucket) + " (from " + std::string(m_units[first]) + ")";
    std::vector<LoaderItem> items;
    RequestTiming timing;
    timing.worker = worker;
    timing.name = std::string(m_units[first]);
    const auto t0 = Clock::now();
    try {
        GetBatchReadOptions o;
        o.streaming = m_options.getBatchStreaming;
        o.cancel = &m_cancel;
        readGetBatch(ais->client(), m_bucket, entries, o, what, [&](GetBatchEntryResult &&r) {
            const AisBatchEntry &e = entries[r.index];
            if (r.missing) { // never delivered as empty bytes
                std::string msg = describeAisBatchEntry(m_bucket, e) + ": missing in the get-batch answer";
                if (!r.reason.empty())
                    msg += " (" + r.reason + ")";
                if (m_options.shard.onError == ErrorPolicy::Stop)
                    throw Error(ErrorKind::ObjectNotFound, msg);
                {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    ++m_counters.errors;
                }
                if (m_problems)
                    m_problems({e.object, e.archpath, msg});
                return true;
            }
            LoaderItem item;
            item.unit = unit;
            item.seq = r.index;
            item.name = std::string(m_units[first + r.index]);
            item.worker = worker;
            item.bytes = std::move(r.bytes);
            timing.bytes += item.bytes.size();
            items.push_back(std::move(item));
            return true;
        });
    } catch (...) {
        timing.ok = false;
        timing.latency = Clock::now() - t0;
        if (m_timing)
            m_timing(timing);
        throw;
    }
    timing.items = items.size();
    timing.latency = Clock::now() - t0;
    if (m_timing)
        m_timing(timing);
    return push(items);
}

std::deque<LoaderItem> *Loader::ready(bool &end)
{
    end = false;
    if (!m_options.ordered) {
        if (!m_fifo.empty())
            return &m_fifo;
        end = m_running == 0;
        return nullptr;
    }
    // Skip units that are finished and drained (including empty ones).
    while (m_nextUnit < m_unitCount && m_unitDone[m_nextUnit]) {
        auto it = m_byUnit.find(m_nextUnit);
        if (it != m_byUnit.end() && !it->second.empty())
            break;
        if (it != m_byUnit.end())
            m_byUnit.erase(it);
        ++m_nextUnit;
        if (m_producersWaiting)
            m_spaceCv.notify_all(); // the next unit may now be admitted
    }
    auto it = m_byUnit.find(m_nextUnit);
    if (it != m_byUnit.end() && !it->second.empty())
        return &it->second;
    end = m_nextUnit >= m_unitCount || (m_running == 0 && !m_unitDone[m_nextUnit]);
    return nullptr;
}

Loader::Next Loader::waitReady(std::unique_lock<std::mutex> &lock, const Clock::time_point *deadline,
                               std::deque<LoaderItem> *&queue)
{
    for (;;) {
        if (m_error)
            std::rethrow_exception(m_error);
        if (m_cancel)
            return Next::End;
        bool end = false;
        queue = ready(end);
        if (queue)
            return Next::Item;
        if (end)
            return Next::End;
        m_consumerWaiting = true;
        if (!deadline) {
            m_dataCv.wait(lock);
        } else if (m_dataCv.wait_until(lock, *deadline) == std::cv_status::timeout) {
            m_consumerWaiting = false;
            // Whatever came with the timeout is still taken.
            if (m_error)
                std::rethrow_exception(m_error);
            if (m_cancel)
                return Next::End;
            queue = ready(end);
            return queue ? Next::Item : end ? Next::End : Next::Timeout;
        }
        m_consumerWaiting = false;
    }
}

void Loader::taken(const LoaderItem &item)
{
    const std::uint64_t size = item.size();
    --m_queued;
    m_queuedBytes -= size;
    ++m_counters.items;
    m_counters.bytes += size;
    m_position = {item.unit, item.seq + 1};
}

void Loader::wakeProducers()
{
    if (m_producersWaiting &&
        (m_queued <= m_options.prefetch / 2 || m_queuedBytes <= m_options.maxBytesInFlight / 2 || m_queued == 0))
        m_spaceCv.notify_all();
}

bool Loader::next(LoaderItem &out)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    std::deque<LoaderItem> *queue = nullptr;
    if (waitReady(lock, nullptr, queue) != Next::Item)
        return false;
    out = std::move(queue->front());
    queue->pop_front();
    taken(out);
    wakeProducers();
    return true;
}

Loader::Next Loader::next(LoaderItem &out, std::chrono::milliseconds timeout)
{
    const Clock::time_point deadline = Clock::now() + timeout;
    std::unique_lock<std::mutex> lock(m_mutex);
    std::deque<LoaderItem> *queue = nullptr;
    const Next r = waitReady(lock, &deadline, queue);
    if (r != Next::Item)
        return r;
    out = std::move(queue->front());
    queue->pop_front();
    taken(out);
    wakeProducers();
    return Next::Item;
}

Loader::Next Loader::nextBatch(std::vector<LoaderItem> &out, std::size_t max,
                               std::chrono::milliseconds timeout, std::uint64_t maxBytes)
{
    out.clear();
    if (max == 0)
        throw Error(ErrorKind::InvalidArgument, "a loader batch must take at least 1 item");
    const Clock::time_point deadline = Clock::now() + timeout;
    std::unique_lock<std::mutex> lock(m_mutex);
    std::deque<LoaderItem> *queue = nullptr;
    const Next r = waitReady(lock, &deadline, queue);
    if (r != Next::Item)
        return r;
    bool end = false;
    std::uint64_t bytes = 0;
    bool full = false;
    // In ordered runs ready() moves on to the next unit only when this one is
    // finished and drained, so the batch keeps the order of next().
    while (queue && !full) {
        while (!queue->empty()) {
            const std::uint64_t size = queue->front().size();
            full = out.size() == max || (!out.empty() && (bytes >= maxBytes || size > maxBytes - bytes));
            if (full)
                break;
            bytes += size;
            out.push_back(std::move(queue->front()));
            queue->pop_front();
            taken(out.back());
        }
        if (!full)
            queue = ready(end);
    }
    wakeProducers();
    return Next::Item;
}

} // namespace shardscope
