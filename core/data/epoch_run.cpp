#include "core/data/epoch_run.h"

#include "core/data/samplers.h"
#include "core/util/error.h"
#include "core/util/splitmix.h"

#include <nlohmann/json.hpp>

namespace shardscope {

namespace {
nlohmann::json identityJson(const EpochRunIdentity &id)
{
    return {{"url", id.url},
            {"mode", id.mode},
            {"rank", id.rank},
            {"world_size", id.worldSize},
            {"even_ranks", id.evenRanks},
            {"shuffle", id.shuffle},
            {"seed", id.seed},
            {"epoch", id.epoch},
            {"batch_size", id.batchSize},
            {"key_rule", id.keyRule}};
}
} // namespace

EpochRun::EpochRun(EpochRunSpec spec, ShardReader::ProblemSink problems)
    : m_spec(std::move(spec)), m_problems(std::move(problems))
{
    validate(m_spec.partition);
    if (m_spec.sourceStores.empty()) {
        for (const StoreUrl &u : m_spec.sources)
            m_sourceBuckets.push_back(u.scheme == StoreUrl::Scheme::File ? u.path : u.bucket);
    } else {
        if (m_spec.sourceBuckets.size() != m_spec.sourceStores.size())
            throw Error(ErrorKind::InvalidArgument,
                        "an epoch run needs one bucket per source store: " +
                            std::to_string(m_spec.sourceStores.size()) + " stores, " +
                            std::to_string(m_spec.sourceBuckets.size()) + " buckets");
        m_sourceBuckets = m_spec.sourceBuckets;
    }
    const std::size_t sourceCount = m_sourceBuckets.size();
    for (const auto &item : m_spec.items)
        if (item.first >= sourceCount)
            throw Error(ErrorKind::InvalidArgument, "the item " + item.second + " names source " +
                                                        std::to_string(item.first) + " of " +
                                                        std::to_string(sourceCount));
    const auto &all = m_spec.items;
    const std::vector<std::size_t> order =
        m_spec.shuffle ? shuffledOrder(all.size(), m_spec.seed ^ splitmix64(m_spec.epoch))
                       : sequentialOrder(all.size());
    for (std::size_t i : rankItems(order, m_spec.partition))
        m_mine.push_back(all[i]);
    // Consecutive items of one source are read by one loader.
    for (std::size_t i = 0; i < m_mine.size(); ++i) {
        if (m_runs.empty() || m_runs.back().source != m_mine[i].first)
            m_runs.push_back({m_mine[i].first, i, i});
        m_runs.back().end = i + 1;
    }
    const bool resuming = m_spec.loader.resumeUnit != 0 || m_spec.loader.resumeItem != 0;
    if (resuming && m_runs.size() > 1)
        throw Error(ErrorKind::InvalidArgument,
                    "a resumable state needs a run over one source; this one alternates between " +
                        std::to_string(sourceCount) + " sources");
    m_endPosition = {m_spec.loader.resumeUnit, m_spec.loader.resumeItem};
    if (!m_runs.empty())
        m_current = makeLoader(0);
}

EpochRun::~EpochRun()
{
    cancel();
}

std::unique_ptr<Loader> EpochRun::makeLoader(std::size_t run)
{
    const Run &r = m_runs[run];
    std::vector<std::string> units;
    for (std::size_t i = r.begin; i < r.end; ++i)
        units.push_back(m_mine[i].second);
    Loader::StoreFactory open;
    if (!m_spec.sourceStores.empty()) {
        open = m_spec.sourceStores[r.source];
    } else {
        const StoreUrl url = m_spec.sources.at(r.source);
        const StoreOptions options = m_spec.storeOptions;
        open = [url, options] { return openStore(url, options, true).store; };
    }
    return std::make_unique<Loader>(m_spec.mode, std::move(open), m_sourceBuckets[r.source], std::move(units),
                                    m_spec.loader, TimingHook{}, m_problems);
}

// Takes from the current loader; at the end of one, goes on with the next
// (unless cancelled). Only the consumer thread replaces m_current, so it reads
// it without the lock and waits in the loader without holding m_mutex.
template <class Take> Loader::Next EpochRun::advance(Take take)
{
    for (;;) {
        Loader *current = m_current.get();
        if (!current)
            return Loader::Next::End;
        const Loader::Next r = take(*current);
        if (r != Loader::Next::End)
            return r;
        std::unique_ptr<Loader> finished;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_finishedErrors += current->counters().errors;
            m_endPosition = current->position();
            finished = std::move(m_current);
            if (!m_cancelled && ++m_runIndex < m_runs.size())
                m_current = makeLoader(m_runIndex);
        }
        finished.reset(); // joins its workers, outside the lock
    }
}

bool EpochRun::next(LoaderItem &item)
{
    return advance([&](Loader &l) { return l.next(item) ? Loader::Next::Item : Loader::Next::End; }) ==
           Loader::Next::Item;
}

Loader::Next EpochRun::next(LoaderItem &item, std::chrono::milliseconds timeout)
{
    return advance([&](Loader &l) { return l.next(item, timeout); });
}

Loader::Next EpochRun::nextBatch(std::vector<LoaderItem> &items, std::size_t max,
                                 std::chrono::milliseconds timeout, std::uint64_t maxBytes)
{
    return advance([&](Loader &l) { return l.nextBatch(items, max, timeout, maxBytes); });
}

void EpochRun::cancel()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelled = true;
    if (m_current)
        m_current->cancel();
}

LoaderPosition EpochRun::position() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_current ? m_current->position() : m_endPosition;
}

std::uint64_t EpochRun::errors() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_finishedErrors + (m_current ? m_current->counters().errors : 0);
}

std::string epochRunStateJson(const EpochRunIdentity &identity, LoaderPosition position,
                              std::uint64_t delivered)
{
    const nlohmann::json state = {{"schema_version", 1},
                                  {"run", identityJson(identity)},
                                  {"unit", position.unit},
                                  {"item", position.item},
                                  {"delivered", delivered}};
    return state.dump(2) + "\n";
}

LoaderPosition parseEpochRunState(const std::string &text, const EpochRunIdentity &expected,
                                  const std::string &what)
{
    nlohmann::json state;
    try {
        state = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorKind::InvalidArgument,
                    "the saved state " + what + " is not valid JSON: " + e.what());
    }
    if (!state.is_object() || state.value("schema_version", 0) != 1 || !state.contains("run") ||
        !state["run"].is_object() || !state.contains("unit") || !state.contains("item") ||
        !state["unit"].is_number_unsigned() || !state["item"].is_number_unsigned())
        throw Error(ErrorKind::InvalidArgument,
                    "the saved state " + what + " is not a shardscope iterate state (schema_version 1)");
    const nlohmann::json identity = identityJson(expected); // items() refers to it: it must outlive the loop
    for (const auto &[key, value] : identity.items())
        if (state["run"].value(key, nlohmann::json()) != value)
            throw Error(ErrorKind::InvalidArgument, "the saved state " + what +
                                                        " belongs to another run: its " + key + " is " +
                                                        state["run"].value(key, nlohmann::json()).dump() +
                                                        ", this run's is " + value.dump());
    return {state["unit"].get<std::size_t>(), state["item"].get<std::size_t>()};
}

} // namespace shardscope
