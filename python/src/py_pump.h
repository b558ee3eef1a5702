#pragma once
// Moves items from a blocking producer that cannot wait with a timeout (the
// multi-shard stream) to Python on a thread of its own, so that the Python
// thread waits with a timeout: it releases the GIL while waiting and sees
// Ctrl+C within ~50 ms (a thread blocked in the core's condition variable
// would not). The Loader needs none: it waits in Loader::nextBatch itself.

#include "py_common.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace shardscope::py {

template <class T> class Pump
{
public:
    using Produce = std::function<bool(T &)>; // false: the end
    using Cancel = std::function<void()>;     // makes a blocked produce() return soon
    using SizeOf = std::function<std::uint64_t(const T &)>;

    // At most `capacity` items and (beyond one item) `maxBytes` bytes wait here:
    // the loader's own bound on bytes in flight holds only until items leave it.
    Pump(std::size_t capacity, std::uint64_t maxBytes, SizeOf sizeOf, Produce produce, Cancel cancel)
        : m_capacity(capacity), m_maxBytes(maxBytes), m_sizeOf(std::move(sizeOf)),
          m_produce(std::move(produce)), m_cancelProducer(std::move(cancel))
    {
        m_thread = std::thread([this] { run(); });
    }
    ~Pump() { stop(); }
    Pump(const Pump &) = delete;
    Pump &operator=(const Pump &) = delete;

    // The next item (GIL held on entry and on return); false at the end.
    // Rethrows the producer's error; throws nb::python_error on Ctrl+C
    // (after stopping the producer).
    bool next(T &out)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        if (m_queue.empty() && !m_done) {
            lock.unlock();
            // Wait for a handful of items rather than one: each wake-up of this
            // thread costs a trip through the scheduler (on a busy machine, a
            // time slice), so the producer wakes it only at m_wakeAt items; a
            // short poll takes whatever came when items trickle in.
            for (;;) {
                bool ready = false;
                {
                    nb::gil_scoped_release release;
                    std::unique_lock<std::mutex> l(m_mutex);
                    m_consumerWaiting = true;
                    for (auto waited = std::chrono::milliseconds(0); !ready && waited < kSignalCheck;
                         waited += kPoll)
                        ready = m_dataCv.wait_for(l, kPoll, [this] {
                            return m_queue.size() >= m_wakeAt || m_queuedBytes >= m_maxBytes || m_done;
                        }) || !m_queue.empty();
                    m_consumerWaiting = false;
                }
                if (ready)
                    break;
                try {
                    checkSignals();
                } catch (...) {
                    nb::gil_scoped_release release;
                    stop();
                    throw;
                }
            }
            lock.lock();
        }
        if (!m_queue.empty()) {
            out = std::move(m_queue.front());
            m_queue.pop_front();
            m_queuedBytes -= std::min(m_queuedBytes, m_sizeOf(out));
            if (m_queue.size() <= m_capacity / 2 || m_queuedBytes <= m_maxBytes / 2)
                m_spaceCv.notify_one();
            return true;
        }
        if (m_error) {
            std::exception_ptr e = m_error;
            m_error = nullptr;
            std::rethrow_exception(e);
        }
        return false;
    }

    // Stops the producer and joins it (call without the GIL: joining waits).
    void stop()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_spaceCv.notify_all();
        if (m_cancelProducer)
            m_cancelProducer();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    void run()
    {
        try {
            T item;
            while (m_produce(item)) {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_spaceCv.wait(lock, [this] {
                    return (m_queue.size() < m_capacity && (m_queuedBytes < m_maxBytes || m_queue.empty())) ||
                           m_stopping;
                });
                if (m_stopping)
                    break;
                m_queuedBytes += m_sizeOf(item);
                m_queue.push_back(std::move(item));
                item = T();
                if (m_consumerWaiting && (m_queue.size() >= m_wakeAt || m_queuedBytes >= m_maxBytes))
                    m_dataCv.notify_one();
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (!m_stopping)
                m_error = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(m_mutex);
        m_done = true;
        m_dataCv.notify_all();
    }

    static constexpr std::chrono::milliseconds kPoll{2};
    static constexpr std::chrono::milliseconds kSignalCheck{50};
    const std::size_t m_capacity;
    const std::uint64_t m_maxBytes;
    SizeOf m_sizeOf;
    std::uint64_t m_queuedBytes = 0;
    const std::size_t m_wakeAt = std::max<std::size_t>(1, std::min<std::size_t>(m_capacity / 2, 16));
    bool m_consumerWaiting = false;
    Produce m_produce;
    Cancel m_cancelProducer;
    std::mutex m_mutex;
    std::condition_variable m_dataCv, m_spaceCv;
    std::deque<T> m_queue;
    bool m_done = false;
    bool m_stopping = false;
    std::exception_ptr m_error;
    std::thread m_thread;
};

} // namespace shardscope::py
