// shardscope.Loader: the multi-worker loader as `shardscope-cli iterate` runs
// it (same listing, order, rank share, sources and resumable state), with
// items handed to Python as memoryviews over the bytes the workers read.

#include "py_loader.h"
#include "py_pump.h"

#include "core/data/loader.h"
#include "core/data/partition.h"
#include "core/data/samplers.h"
#include "core/gen/dataset_generator.h"
#include "core/util/strings.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <nlohmann/json.hpp>

#include <Python.h>

namespace shardscope::py {

namespace {

// Bytes that may wait for Python besides the loader's own 256 MiB in flight.
constexpr std::uint64_t kPumpBytes = 64ull << 20;

nb::object jsonToPython(const nlohmann::json &j)
{
    nb::module_ json = nb::module_::import_("json");
    return json.attr("loads")(j.dump());
}

nlohmann::json pythonToJson(nb::handle o)
{
    nb::module_ json = nb::module_::import_("json");
    const std::string text = nb::cast<std::string>(json.attr("dumps")(o));
    return nlohmann::json::parse(text);
}

class PyLoader
{
public:
    using Spec = LoaderSpec;

    // `indices`: read these items of the sources (in this order) instead of all of them.
    PyLoader(std::shared_ptr<Sources> sources, Spec spec, nb::handle state,
             const std::optional<std::vector<std::size_t>> &indices)
        : m_spec(std::move(spec)), m_sources(std::move(sources))
    {
        std::string mode = m_spec.mode.value_or("");
        int workers = 4;
        bool shuffle = false;
        std::uint64_t seed = 0;
        std::string keyRule = "webdataset";
        std::size_t batchSize = 64;
        if (const auto &c = m_sources->config) {
            // The config's kind, workers, shuffling (arguments given here still win), as iterate does.
            if (mode.empty())
                mode = c->kind == DatasetConfig::Kind::Shard      ? "shard"
                       : c->kind == DatasetConfig::Kind::GetBatch ? "get-batch"
                                                                  : "object";
            workers = c->workers;
            shuffle = c->shuffle || c->sampler == DatasetConfig::SamplerKind::Random;
            seed = c->seed;
            keyRule = c->keyRule;
            batchSize = c->getBatchSize;
        }
        const std::string identityUrl = m_sources->identity;
        std::vector<std::pair<std::size_t, std::string>> all;
        if (indices) {
            for (std::size_t i : *indices) {
                if (i >= m_sources->items.size())
                    throw Error(ErrorKind::InvalidArgument,
                                "index " + std::to_string(i) + " is past the end of " + identityUrl + " (" +
                                    std::to_string(m_sources->items.size()) + " items)");
                all.emplace_back(m_sources->items[i].first, m_sources->items[i].second.name);
            }
        } else {
            for (const auto &[src, info] : m_sources->items)
                all.emplace_back(src, info.name);
        }
        if (mode.empty())
            mode = "object";
        if (mode != "object" && mode != "shard" && mode != "get-batch")
            throw Error(ErrorKind::InvalidArgument,
                        "mode must be 'object', 'shard' or 'get-batch', not " + shardscope::quoted(mode));
        if (m_spec.workers)
            workers = *m_spec.workers;
        if (workers < 1 || workers > 1024)
            throw Error(ErrorKind::InvalidArgument,
                        "workers must be between 1 and 1024, not " + std::to_string(workers));
        if (m_spec.shuffle)
            shuffle = *m_spec.shuffle;
        if (m_spec.seed)
            seed = *m_spec.seed;
        if (m_spec.keyRule)
            keyRule = *m_spec.keyRule;
        if (m_spec.batchSize)
            batchSize = *m_spec.batchSize;
        if (batchSize < 1 || batchSize > 100000)
            throw Error(ErrorKind::InvalidArgument, "batch_size must be between 1 and 100000");
        if (m_spec.onError != "stop" && m_spec.onError != "skip")
            throw Error(ErrorKind::InvalidArgument,
                        "on_error must be 'stop' or 'skip', not " + shardscope::quoted(m_spec.onError));
        if (m_spec.prefetch < 1 || m_spec.prefetch > 1000000)
            throw Error(ErrorKind::InvalidArgument, "prefetch must be between 1 and 1000000");
        m_mode = mode == "shard"       ? Loader::Mode::Shards
                 : mode == "get-batch" ? Loader::Mode::GetBatch
                                       : Loader::Mode::Objects;
        // What must match between a saved run and its continuation: the CLI's
        // iterate --save-state identity, so states move between the two.
        m_identity = {{"url", identityUrl},
                      {"mode", mode},
                      {"rank", m_spec.rank},
                      {"world_size", m_spec.worldSize},
                      {"even_ranks", m_spec.evenRanks},
                      {"shuffle", shuffle},
                      {"seed", seed},
                      {"epoch", m_spec.epoch},
                      {"batch_size", batchSize},
                      {"key_rule", keyRule}};
        const bool resuming = !state.is_none();
        m_opts.workers = workers;
        m_opts.prefetch = m_spec.prefetch;
        m_opts.ordered = m_spec.ordered || resuming;
        m_opts.shard.rule = parseKeyRule(keyRule);
        m_opts.shard.onError = m_spec.onError == "skip" ? ErrorPolicy::Skip : ErrorPolicy::Stop;
        m_opts.batchSize = batchSize;
        m_opts.getBatchStreaming = !m_spec.multipart;
        if (resuming)
            readState(pythonToJson(state));

        RankPartition part;
        part.rank = m_spec.rank;
        part.worldSize = m_spec.worldSize;
        part.evenRanks = m_spec.evenRanks;
        validate(part);
        const std::vector<std::size_t> order =
            shuffle ? shuffledOrder(all.size(), seed ^ splitmix64(m_spec.epoch))
                    : sequentialOrder(all.size());
        for (std::size_t i : rankItems(order, part))
            m_mine.push_back(std::move(all[i]));
        for (std::size_t i = 0; i < m_mine.size(); ++i) {
            if (m_runs.empty() || m_runs.back().source != m_mine[i].first)
                m_runs.push_back({m_mine[i].first, i, i});
            m_runs.back().end = i + 1;
        }
        if (resuming && m_runs.size() > 1)
            throw Error(ErrorKind::InvalidArgument, "a resumable state needs a run over one source; this one "
                                                    "alternates between " +
                                                        std::to_string(m_sources->buckets.size()) +
                                                        " sources");
        m_position = {m_opts.resumeUnit, m_opts.resumeItem};
        {
            nb::gil_scoped_release release;
            std::lock_guard<std::mutex> lock(m_loaderMutex);
            if (!m_runs.empty())
                m_current = makeLoader(m_runs[0]);
        }
        m_pump = std::make_unique<Pump<LoaderItem>>(
            std::max<std::size_t>(2, m_spec.prefetch), kPumpBytes,
            [](const LoaderItem &it) { return it.size(); }, [this](LoaderItem &it) { return produce(it); },
            [this] {
                std::lock_guard<std::mutex> lock(m_loaderMutex);
                m_stopped = true;
                if (m_current)
                    m_current->cancel();
            });
    }

    ~PyLoader() { close(); }

    void close()
    {
        if (m_pump) {
            nb::gil_scoped_release release;
            m_pump->stop();
        }
    }

    nb::object next()
    {
        LoaderItem it;
        if (!m_pump || !m_pump->next(it))
            throw nb::stop_iteration();
        ++m_delivered;
        m_position = {it.unit, it.seq + 1};
        if (m_mode != Loader::Mode::Shards)
            return nb::make_tuple(nameTo(it.name), bytesView(std::move(it.bytes)));
        nb::dict members;
        for (auto &[ext, data] : it.sample.members)
            members[nameTo(ext)] = bytesView(std::move(data));
        if (m_spec.withShard)
            return nb::make_tuple(nameTo(it.sample.shard), nameTo(it.sample.key), members);
        return nb::make_tuple(nameTo(it.sample.key), members);
    }

    std::size_t length() const
    {
        if (m_mode == Loader::Mode::Shards)
            throw nb::type_error("a shard loader's sample count is known only after reading its shards; "
                                 "see .units for the number of shards");
        return m_mine.size();
    }
    std::size_t units() const { return m_mine.size(); }
    std::uint64_t delivered() const { return m_delivered; }

    nb::object state() const
    {
        if (!m_opts.ordered)
            throw Error(
                ErrorKind::InvalidArgument,
                "a resumable state needs an ordered loader (ordered=True, or one resumed from a state)");
        const nlohmann::json s = {{"schema_version", 1},
                                  {"run", m_identity},
                                  {"unit", m_position.unit},
                                  {"item", m_position.item},
                                  {"delivered", m_delivered}};
        return jsonToPython(s);
    }

    nb::dict counters() const
    {
        std::lock_guard<std::mutex> lock(m_loaderMutex);
        LoaderCounters c = m_finished;
        if (m_current) {
            const LoaderCounters now = m_current->counters();
            c.errors += now.errors;
        }
        nb::dict d;
        d["items"] = m_delivered;
        d["errors"] = c.errors;
        return d;
    }

    nb::list problems()
    {
        std::deque<ShardProblem> taken;
        {
            std::lock_guard<std::mutex> lock(m_problemMutex);
            taken.swap(m_problems);
        }
        nb::list out;
        for (const ShardProblem &p : taken) {
            nb::dict d;
            d["shard"] = nameTo(p.shard);
            d["member"] = nameTo(p.member);
            d["message"] = toValidUtf8(p.message);
            out.append(d);
        }
        return out;
    }

private:
    struct Run
    {
        std::size_t source, begin, end;
    };

    void readState(const nlohmann::json &state)
    {
        if (!state.is_object() || state.value("schema_version", 0) != 1 || !state.contains("run") ||
            !state.contains("unit") || !state.contains("item") || !state["unit"].is_number_unsigned() ||
            !state["item"].is_number_unsigned())
            throw Error(ErrorKind::InvalidArgument,
                        "the state is not a shardscope loader state (schema_version 1 with run, unit, item)");
        for (const auto &[key, value] : m_identity.items())
            if (state["run"].value(key, nlohmann::json()) != value)
                throw Error(ErrorKind::InvalidArgument, "the state belongs to another run: its " + key +
                                                            " is " +
                                                            state["run"].value(key, nlohmann::json()).dump() +
                                                            ", this run's is " + value.dump());
        m_opts.resumeUnit = state["unit"].get<std::size_t>();
        m_opts.resumeItem = state["item"].get<std::size_t>();
        m_delivered = state.value("delivered", std::uint64_t(0));
    }

    std::unique_ptr<Loader> makeLoader(const Run &run)
    {
        auto units = std::make_shared<std::vector<std::string>>();
        for (std::size_t i = run.begin; i < run.end; ++i)
            units->push_back(m_mine[i].second);
        return std::make_unique<Loader>(m_mode, m_sources->factories[run.source],
                                        m_sources->buckets[run.source], std::move(units), m_opts,
                                        TimingHook{}, [this](const ShardProblem &p) {
                                            std::lock_guard<std::mutex> lock(m_problemMutex);
                                            if (m_problems.size() < 10000)
                                                m_problems.push_back(p);
                                        });
    }

    // On the pump's thread.
    bool produce(LoaderItem &it)
    {
        for (;;) {
            Loader *current = nullptr;
            {
                std::lock_guard<std::mutex> lock(m_loaderMutex);
                current = m_current.get();
            }
            if (!current)
                return false;
            if (current->next(it))
                return true;
            std::lock_guard<std::mutex> lock(m_loaderMutex);
            m_finished.errors += m_current->counters().errors;
            m_current.reset();
            if (!m_stopped && ++m_runIndex < m_runs.size())
                m_current = makeLoader(m_runs[m_runIndex]);
        }
    }

    Spec m_spec;
    Loader::Mode m_mode = Loader::Mode::Objects;
    LoaderOptions m_opts;
    nlohmann::json m_identity;
    std::shared_ptr<Sources> m_sources;
    std::vector<std::pair<std::size_t, std::string>> m_mine; // (source, name), this rank's, in order
    std::vector<Run> m_runs;
    std::size_t m_runIndex = 0;
    mutable std::mutex m_loaderMutex; // m_current, m_finished, m_stopped
    std::unique_ptr<Loader> m_current;
    LoaderCounters m_finished;
    bool m_stopped = false;
    std::mutex m_problemMutex;
    std::deque<ShardProblem> m_problems;
    LoaderPosition m_position;
    std::uint64_t m_delivered = 0;
    std::unique_ptr<Pump<LoaderItem>> m_pump; // last: stopped first
};

} // namespace

nb::object newLoader(std::shared_ptr<Sources> sources, LoaderSpec spec, nb::handle state,
                     const std::optional<std::vector<std::size_t>> &indices)
{
    return nb::cast(new PyLoader(std::move(sources), std::move(spec), state, indices),
                    nb::rv_policy::take_ownership);
}

void bindLoader(nb::module_ &m)
{
    nb::class_<PyLoader>(
        m, "Loader",
        "The multi-worker loader over a URL, a Store or a dataset Config: W threads read objects "
        "(mode='object', "
        "AISIterDataset's items), WebDataset samples of shards (mode='shard', AISShardReader's) or objects "
        "through "
        "AIStore's GetBatch (mode='get-batch', AISBatchIterDataset's), each exactly once per epoch; "
        "optionally "
        "one rank's share of a distributed job, shuffled per epoch with a seed. Iterating gives (name, "
        "memoryview) "
        "or (key, {ext: memoryview}); the GIL is released while waiting and Ctrl+C stops it.")
        .def(
            "__init__",
            [](PyLoader *self, nb::handle source, std::optional<std::string> mode, std::optional<int> workers,
               std::size_t rank, std::size_t worldSize, bool evenRanks, std::optional<bool> shuffle,
               std::optional<std::uint64_t> seed, std::uint64_t epoch, bool ordered,
               std::optional<std::string> keyRule, std::string onError, std::optional<std::size_t> batchSize,
               bool multipart, std::size_t prefetch, bool withShard, nb::handle state,
               const PyStoreOptions &options) {
                LoaderSpec s;
                s.mode = std::move(mode);
                s.workers = workers;
                s.rank = rank;
                s.worldSize = worldSize;
                s.evenRanks = evenRanks;
                s.shuffle = shuffle;
                s.seed = seed;
                s.epoch = epoch;
                s.ordered = ordered;
                s.keyRule = std::move(keyRule);
                s.onError = std::move(onError);
                s.batchSize = batchSize;
                s.multipart = multipart;
                s.prefetch = prefetch;
                s.withShard = withShard;
                new (self) PyLoader(resolveSources(source, options), std::move(s), state, std::nullopt);
            },
            nb::arg("source"), nb::kw_only(), nb::arg("mode") = nb::none(), nb::arg("workers") = nb::none(),
            nb::arg("rank") = 0, nb::arg("world_size") = 1, nb::arg("even_ranks") = false,
            nb::arg("shuffle") = nb::none(), nb::arg("seed") = nb::none(), nb::arg("epoch") = 0,
            nb::arg("ordered") = false, nb::arg("key_rule") = nb::none(), nb::arg("on_error") = "stop",
            nb::arg("batch_size") = nb::none(), nb::arg("multipart") = false, nb::arg("prefetch") = 64,
            nb::arg("with_shard") = false, nb::arg("state") = nb::none(),
            nb::arg("options") = PyStoreOptions())
        .def("__iter__", [](nb::handle self) { return nb::borrow(self); })
        .def("__next__", &PyLoader::next)
        .def("__len__", &PyLoader::length)
        .def_prop_ro("units", &PyLoader::units,
                     "Objects (or shards, or objects in get-batch mode) this rank reads.")
        .def_prop_ro("delivered", &PyLoader::delivered)
        .def(
            "state", &PyLoader::state,
            "Where an ordered run stands, as a plain dict (json.dumps it); Loader(..., state=that) continues "
            "with exactly the items not yet delivered. The same format as `shardscope-cli iterate "
            "--save-state`.")
        .def("counters", &PyLoader::counters)
        .def("problems", &PyLoader::problems, "Shards skipped with on_error='skip' since the last call.")
        .def("close", &PyLoader::close, "Stops the workers (also done when the loader is garbage-collected).")
        .def("__enter__", [](nb::handle self) { return nb::borrow(self); })
        .def(
            "__exit__", [](PyLoader &l, nb::handle, nb::handle, nb::handle) { l.close(); }, nb::arg().none(),
            nb::arg().none(), nb::arg().none());
}

} // namespace shardscope::py
