#pragma once

// One rank's epoch over a dataset, as `shardscope-cli iterate` runs it: the
// items of every source in listing order, put in the (seeded, per-epoch)
// order, this rank's share taken, and read by one Loader per run of
// consecutive items of the same source. The resume state it saves and checks
// is the `iterate --save-state` format (schema_version 1).

#include "core/data/loader.h"
#include "core/data/partition.h"
#include "core/storage/store_factory.h"
#include "core/storage/store_url.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace shardscope {

struct EpochRunSpec
{
    Loader::Mode mode = Loader::Mode::Objects;
    std::vector<StoreUrl> sources; // bucket URLs (a file:// source names its directory in path)
    StoreOptions storeOptions;
    // Instead of `sources`: a store factory and the bucket of each source
    // (stores the caller opened its own way, as the Python module does).
    std::vector<Loader::StoreFactory> sourceStores;
    std::vector<std::string> sourceBuckets;
    std::vector<std::pair<std::size_t, std::string>> items; // (source index, object or shard), listing order
    RankPartition partition;
    bool shuffle = false;
    std::uint64_t seed = 0;
    std::uint64_t epoch = 0; // with shuffle, each epoch has its own order
    LoaderOptions loader;    // resumeUnit/resumeItem continue a saved run (one source only)
};

// What must match between a saved run and its continuation.
struct EpochRunIdentity
{
    std::string url; // the dataset URL or config path as given
    std::string mode;
    std::uint64_t rank = 0, worldSize = 1;
    bool evenRanks = false, shuffle = false;
    std::uint64_t seed = 0, epoch = 0, batchSize = 0;
    std::string keyRule;
};

class EpochRun
{
public:
    // Throws Error(InvalidArgument) for a bad partition, or when resuming a
    // run that alternates between sources.
    EpochRun(EpochRunSpec spec, ShardReader::ProblemSink problems = {});
    ~EpochRun();
    EpochRun(const EpochRun &) = delete;
    EpochRun &operator=(const EpochRun &) = delete;

    // next() and nextBatch() on one consumer thread; cancel(), position(),
    // errors() from any thread.
    bool next(LoaderItem &item); // false at the end of this rank's share
    // As Loader::next / Loader::nextBatch, across the loaders of the run:
    // Timeout when nothing came within `timeout` (nothing is lost).
    Loader::Next next(LoaderItem &item, std::chrono::milliseconds timeout);
    Loader::Next nextBatch(std::vector<LoaderItem> &items, std::size_t max, std::chrono::milliseconds timeout,
                           std::uint64_t maxBytes = ~std::uint64_t(0));
    // Ends the run: a consumer waiting in next() returns at once, and no later
    // loader starts (next() gives false from now on).
    void cancel();
    // Where an ordered run stands (for the saved state): after the last item
    // taken, also once the run is over.
    LoaderPosition position() const;
    std::size_t itemCount() const { return m_mine.size(); } // this rank's objects or shards
    // Loaders one after another: 1 when the rank's items come from one source
    // (a saved state can only say where a run over one source stands).
    std::size_t sourceRuns() const { return m_runs.size(); }
    std::uint64_t errors() const; // skipped shards or missing objects so far

private:
    std::unique_ptr<Loader> makeLoader(std::size_t run);
    template <class Take> Loader::Next advance(Take take);

    struct Run
    {
        std::size_t source, begin, end;
    };
    EpochRunSpec m_spec;
    ShardReader::ProblemSink m_problems;
    std::vector<std::string> m_sourceBuckets;
    std::vector<std::pair<std::size_t, std::string>> m_mine;
    std::vector<Run> m_runs;
    std::size_t m_runIndex = 0;
    // m_current is replaced only by the consumer thread, under m_mutex; the
    // consumer reads it without the lock, other threads with it.
    mutable std::mutex m_mutex;
    std::unique_ptr<Loader> m_current;
    bool m_cancelled = false;
    LoaderPosition m_endPosition; // where the last finished loader stood
    std::uint64_t m_finishedErrors = 0;
};

// The saved state: {"schema_version": 1, "run": identity, "unit", "item", "delivered"}.
std::string epochRunStateJson(const EpochRunIdentity &identity, LoaderPosition position,
                              std::uint64_t delivered);
// Reads a saved state back; throws Error(InvalidArgument) naming `what` (the
// file) when it is not one, or belongs to another run (naming the field).
LoaderPosition parseEpochRunState(const std::string &text, const EpochRunIdentity &expected,
                                  const std::string &what);

} // namespace shardscope
