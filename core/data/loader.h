#pragma once

#include "core/shard/shard_reader.h"
#include "core/storage/store.h"
#include "core/util/name_list.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace shardscope {

struct LoaderOptions
{
    int workers = 4;
    std::size_t prefetch = 64;                  // items ready for the consumer, at most
    std::uint64_t maxBytesInFlight = 256u << 20; // bytes read but not yet taken, at most
    bool ordered = false;                       // deliver in unit order (else as they come)
    ShardReadOptions shard;                     // shard mode; its onError also for get-batch
    std::size_t batchSize = 64;                 // get-batch mode: objects per request
    bool getBatchStreaming = true;              // get-batch: streamed TAR (else multipart with metadata)
    // get-batch: the units are shard members, "<shard>/<member>" (see
    // shardMemberEntry()), each read from its shard on the cluster.
    bool getBatchMembers = false;
    // Resume an ordered run: start at unit `resumeUnit`, skipping its first
    // `resumeItem` items (a LoaderPosition saved from an earlier run).
    std::size_t resumeUnit = 0;
    std::size_t resumeItem = 0;
};

// One finished request, for the profiler (called on worker threads; keep it cheap).
struct RequestTiming
{
    int worker = 0;
    std::string name;
    std::uint64_t bytes = 0;
    std::uint64_t items = 0; // samples, in shard mode
    std::chrono::nanoseconds latency{0};
    bool ok = true;
};
using TimingHook = std::function<void(const RequestTiming &)>;

struct LoaderItem
{
    std::size_t unit = 0; // index into the loader's unit list (a batch index in get-batch mode)
    std::size_t seq = 0;  // position of the item within its unit
    std::string name;     // object (object mode) or shard (shard mode)
    std::string bytes;    // object mode
    Sample sample;        // shard mode
    int worker = 0;
    std::uint64_t size() const { return bytes.size() + sample.bytes(); }
};

// Where an ordered run stands: the next item to deliver is item `item` of
// unit `unit`. Saved mid-epoch and passed back as resumeUnit/resumeItem, it
// gives exactly the items not yet delivered.
struct LoaderPosition
{
    std::size_t unit = 0;
    std::size_t item = 0;
};

struct LoaderCounters
{
    std::uint64_t items = 0;
    std::uint64_t bytes = 0;
    std::uint64_t errors = 0; // skipped problems (shard mode, ErrorPolicy::Skip)
};

// The multi-worker loader: W threads, each with its own store, claim units
// (objects, or shards) from a shared cursor, so every unit is read exactly
// once; results wait in a queue bounded by count and bytes; the consumer takes
// them in unit order (ordered) or as they come. Cancellation stops transfers
// in progress. With ErrorPolicy::Stop the first error ends the run and next()
// throws it.
class Loader
{
public:
    // Objects: one GET per object. Shards: whole shards, samples out.
    // GetBatch: ais:// only, `batchSize` objects (or shard members) per GetBatch request.
    enum class Mode { Objects, Shards, GetBatch };
    using StoreFactory = std::function<std::unique_ptr<Store>()>;

    Loader(Mode mode, StoreFactory openStore, std::string bucket, std::vector<std::string> units,
           LoaderOptions options, TimingHook timing = {}, ShardReader::ProblemSink problems = {});
    // The same over a packed list of units shared with the caller (a million names are not copied).
    Loader(Mode mode, StoreFactory openStore, std::string bucket, std::shared_ptr<const NameList> units,
           LoaderOptions options, TimingHook timing = {}, ShardReader::ProblemSink problems = {});
    ~Loader();
    Loader(const Loader &) = delete;
    Loader &operator=(const Loader &) = delete;

    // What a waiting call ended with: an item (or items), the end of the run
    // (everything delivered, or cancel()), or the timeout with nothing taken.
    enum class Next
    {
        Item,
        End,
        Timeout
    };

    // The next item; false when everything was delivered (or after cancel()).
    bool next(LoaderItem &out);
    // The same, waiting at most `timeout`: a caller that must look at
    // something else now and then (Ctrl+C in Python) waits on the loader
    // itself. Timeout loses nothing: the item comes with a later call.
    Next next(LoaderItem &out, std::chrono::milliseconds timeout);
    // Up to `max` items that are ready, taken under one lock (one wake-up for
    // many items), in the same order next() gives them; `out` is cleared
    // first. Waits at most `timeout` for the first one, never for more. Past
    // the first item, the batch stays within `maxBytes`: items taken leave the
    // loader's bound on bytes in flight, so a caller holding them bounds them.
    Next nextBatch(std::vector<LoaderItem> &out, std::size_t max, std::chrono::milliseconds timeout,
                   std::uint64_t maxBytes = ~std::uint64_t(0));
    void cancel(); // from any thread: a consumer waiting in next() returns at once
    LoaderCounters counters() const;
    LoaderPosition position() const; // ordered runs

private:
    void work(int worker);
    bool push(std::vector<LoaderItem> &items); // all of one unit; false: cancelled
    void unitDone(std::size_t unit);
    void fail(std::exception_ptr error);
    bool readBatch(Store &store, std::size_t unit, int worker);
    // The consumer side, under m_mutex: the queue whose front is the next item
    // to deliver (nullptr if none is ready), and whether the run has ended.
    std::deque<LoaderItem> *ready(bool &end);
    // Waits (until `deadline`, if given) for ready() to give a queue or the end.
    Next waitReady(std::unique_lock<std::mutex> &lock, const std::chrono::steady_clock::time_point *deadline,
                   std::deque<LoaderItem> *&queue);
    void taken(const LoaderItem &item); // bookkeeping for one item handed out
    void wakeProducers();               // once there is real room

    Mode m_mode;
    StoreFactory m_openStore;
    std::string m_bucket;
    std::shared_ptr<const NameList> m_unitsShared;
    const NameList &m_units;
    LoaderOptions m_options;
    TimingHook m_timing;
    ShardReader::ProblemSink m_problems;

    std::atomic<std::size_t> m_cursor{0};
    std::atomic<bool> m_cancel{false};
    mutable std::mutex m_mutex;
    std::condition_variable m_dataCv;  // the consumer waits here
    std::condition_variable m_spaceCv; // workers wait here
    bool m_consumerWaiting = false;
    int m_producersWaiting = 0;
    std::deque<LoaderItem> m_fifo;                         // unordered
    std::map<std::size_t, std::deque<LoaderItem>> m_byUnit; // ordered
    std::size_t m_unitCount = 0; // units of work: objects, shards or batches
    std::vector<bool> m_unitDone;
    std::size_t m_nextUnit = 0;
    std::size_t m_queued = 0;
    std::uint64_t m_queuedBytes = 0;
    int m_running = 0;
    std::exception_ptr m_error;
    LoaderCounters m_counters;
    LoaderPosition m_position;
    std::vector<std::thread> m_threads;
};

} // namespace shardscope
