// shardscope.Loader: the multi-worker loader as `shardscope-cli iterate` runs
// it (core EpochRun: same listing, order, rank share, sources and resumable
// state), with items handed to Python as memoryviews over the bytes the
// workers read.
//
// The Python thread waits on the run itself (EpochRun::nextBatch with a
// timeout, the GIL released) and looks for Ctrl+C between waits; each wait
// takes every ready item (up to `prefetch`) under one lock, and __next__ (the
// type's tp_iternext slot, not a bound method) hands them out one by one.

#include "py_loader.h"

#include "core/data/epoch_run.h"
#include "core/data/partition.h"
#include "core/gen/dataset_generator.h"
#include "core/util/strings.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <nlohmann/json.hpp>

#include <Python.h>

namespace shardscope::py {

namespace {

// How long the Python thread waits in the core before it looks for signals.
constexpr std::chrono::milliseconds kSignalCheck{50};
// Items taken from the loader at once, at most (and at most `prefetch`), and
// their bytes (beyond one item): taken items have left the loader's bound on
// bytes in flight.
constexpr std::size_t kMaxBatch = 256;
constexpr std::uint64_t kMaxBatchBytes = 64ull << 20;

nb::object jsonToPython(const std::string &text)
{
    nb::module_ json = nb::module_::import_("json");
    return json.attr("loads")(text);
}

std::string pythonToJson(nb::handle o)
{
    nb::module_ json = nb::module_::import_("json");
    return nb::cast<std::string>(json.attr("dumps")(o));
}

// The member extensions of a shard repeat from sample to sample: one Python
// string each (its hash computed once) instead of a new one per member.
class ExtNames
{
public:
    PyObject *get(const std::string &ext) // a new reference
    {
        for (auto &[name, str] : m_names)
            if (name == ext)
                return nb::handle(str).inc_ref().ptr();
        nb::object str = nameTo(ext);
        if (m_names.size() < kMax)
            m_names.emplace_back(ext, str);
        return str.release().ptr();
    }

private:
    static constexpr std::size_t kMax = 16;
    std::vector<std::pair<std::string, nb::object>> m_names;
};

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
            shuffle = c->sampler.shuffle || c->sampler.kind == DatasetConfig::SamplerKind::Random;
            seed = c->sampler.seed;
            keyRule = c->keyRule;
            batchSize = c->getBatchSize;
        }
        EpochRunSpec run;
        if (indices) {
            for (std::size_t i : *indices) {
                if (i >= m_sources->items.size())
                    throw Error(ErrorKind::InvalidArgument,
                                "index " + std::to_string(i) + " is past the end of " + m_sources->identity +
                                    " (" + std::to_string(m_sources->items.size()) + " items)");
                run.items.emplace_back(m_sources->items[i].first, m_sources->items[i].second.name);
            }
        } else {
            for (const auto &[src, info] : m_sources->items)
                run.items.emplace_back(src, info.name);
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
        m_identity.url = m_sources->identity;
        m_identity.mode = mode;
        m_identity.rank = m_spec.rank;
        m_identity.worldSize = m_spec.worldSize;
        m_identity.evenRanks = m_spec.evenRanks;
        m_identity.shuffle = shuffle;
        m_identity.seed = seed;
        m_identity.epoch = m_spec.epoch;
        m_identity.batchSize = batchSize;
        m_identity.keyRule = keyRule;

        const bool resuming = !state.is_none();
        LoaderOptions &opts = run.loader;
        opts.workers = workers;
        opts.prefetch = m_spec.prefetch;
        opts.ordered = m_spec.ordered || resuming;
        opts.shard.rule = parseKeyRule(keyRule);
        opts.shard.onError = m_spec.onError == "skip" ? ErrorPolicy::Skip : ErrorPolicy::Stop;
        opts.batchSize = batchSize;
        opts.getBatchStreaming = !m_spec.multipart;
        if (resuming) {
            const std::string text = pythonToJson(state);
            const LoaderPosition p = parseEpochRunState(text, m_identity, "given as state=");
            opts.resumeUnit = p.unit;
            opts.resumeItem = p.item;
            const nlohmann::json parsed = nlohmann::json::parse(text);
            if (parsed.contains("delivered") && parsed["delivered"].is_number_unsigned())
                m_delivered = parsed["delivered"].get<std::uint64_t>();
        }
        m_ordered = opts.ordered;
        m_position = {opts.resumeUnit, opts.resumeItem};
        m_batchMax = std::min(kMaxBatch, m_spec.prefetch);

        run.mode = m_mode;
        run.sourceStores = m_sources->factories;
        run.sourceBuckets = m_sources->buckets;
        run.partition.rank = m_spec.rank;
        run.partition.worldSize = m_spec.worldSize;
        run.partition.evenRanks = m_spec.evenRanks;
        run.shuffle = shuffle;
        run.seed = seed;
        run.epoch = m_spec.epoch;
        auto problems = [this](const ShardProblem &p) {
            std::lock_guard<std::mutex> lock(m_problemMutex);
            if (m_problems.size() < 10000)
                m_problems.push_back(p);
        };
        nb::gil_scoped_release release; // the run starts its workers
        m_run = std::make_unique<EpochRun>(std::move(run), problems);
        m_units = m_run->itemCount();
    }

    ~PyLoader()
    {
        nb::gil_scoped_release release;
        m_run.reset(); // cancels and joins the workers
    }

    // Stops the workers. Safe while another thread waits in next() (it then
    // ends): the run is cancelled now and freed by whoever is last.
    void close()
    {
        m_ended = true;
        if (!m_run)
            return;
        m_run->cancel();
        if (!m_busy) {
            m_finishedErrors = m_run->errors();
            nb::gil_scoped_release release;
            m_run.reset();
        }
    }

    // The next item as a new reference; nullptr with no Python error set at
    // the end, with one set on failure.
    PyObject *next()
    {
        if (m_taken == m_batch.size() && !fill())
            return nullptr;
        LoaderItem &it = m_batch[m_taken++];
        ++m_delivered;
        m_position = {it.unit, it.seq + 1};
        if (m_mode != Loader::Mode::Shards)
            return pair(nameTo(it.name).release().ptr(), bytesView(std::move(it.bytes)).release().ptr());
        PyObject *members = PyDict_New();
        if (!members)
            throw nb::python_error();
        nb::object guard = nb::steal(members);
        for (auto &[ext, data] : it.sample.members) {
            nb::object key = nb::steal(m_exts.get(ext));
            nb::object view = bytesView(std::move(data));
            if (PyDict_SetItem(members, key.ptr(), view.ptr()) != 0)
                throw nb::python_error();
        }
        if (m_spec.withShard)
            return nb::make_tuple(nameTo(it.sample.shard), nameTo(it.sample.key), guard).release().ptr();
        return pair(nameTo(it.sample.key).release().ptr(), guard.release().ptr());
    }

    std::size_t length() const
    {
        if (m_mode == Loader::Mode::Shards)
            throw nb::type_error("a shard loader's sample count is known only after reading its shards; "
                                 "see .units for the number of shards");
        return units();
    }
    std::size_t units() const { return m_run ? m_run->itemCount() : m_units; }
    std::uint64_t delivered() const { return m_delivered; }

    nb::object state() const
    {
        if (!m_ordered)
            throw Error(
                ErrorKind::InvalidArgument,
                "a resumable state needs an ordered loader (ordered=True, or one resumed from a state)");
        return jsonToPython(epochRunStateJson(m_identity, m_position, m_delivered));
    }

    nb::dict counters() const
    {
        nb::dict d;
        d["items"] = m_delivered;
        d["errors"] = m_run ? m_run->errors() : m_finishedErrors;
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
    static PyObject *pair(PyObject *a, PyObject *b) // steals both
    {
        PyObject *t = PyTuple_New(2);
        if (!t) {
            Py_DECREF(a);
            Py_DECREF(b);
            throw nb::python_error();
        }
        PyTuple_SET_ITEM(t, 0, a);
        PyTuple_SET_ITEM(t, 1, b);
        return t;
    }

    // Waits for the next items (GIL released, Ctrl+C seen between waits);
    // false at the end.
    bool fill()
    {
        m_batch.clear();
        m_taken = 0;
        if (m_ended || !m_run)
            return false;
        if (m_busy)
            throw Error(ErrorKind::InvalidArgument,
                        "this Loader is already being iterated by another thread");
        m_busy = true;
        struct Idle
        {
            PyLoader &l;
            ~Idle() { l.m_busy = false; }
        } idle{*this};
        for (;;) {
            Loader::Next r;
            try {
                nb::gil_scoped_release release;
                r = m_run->nextBatch(m_batch, m_batchMax, kSignalCheck, kMaxBatchBytes);
            } catch (...) {
                m_ended = true; // an error ends the iteration: it is raised once
                throw;
            }
            if (r == Loader::Next::Item)
                return true;
            if (r == Loader::Next::End || m_ended) { // m_ended: close() from another thread
                m_ended = true;
                return false;
            }
            try {
                checkSignals();
            } catch (...) {
                m_ended = true;
                m_run->cancel();
                throw;
            }
        }
    }

    Spec m_spec;
    Loader::Mode m_mode = Loader::Mode::Objects;
    EpochRunIdentity m_identity;
    bool m_ordered = false;
    std::shared_ptr<Sources> m_sources;
    std::mutex m_problemMutex;
    std::deque<ShardProblem> m_problems;
    std::unique_ptr<EpochRun> m_run;
    std::size_t m_units = 0;
    std::uint64_t m_finishedErrors = 0;
    // Python-thread state (the GIL guards it).
    std::vector<LoaderItem> m_batch; // taken from the run, handed out from m_taken on
    std::size_t m_taken = 0;
    std::size_t m_batchMax = 64;
    bool m_busy = false;  // a thread waits in fill()
    bool m_ended = false; // the end, an error, Ctrl+C or close()
    ExtNames m_exts;
    LoaderPosition m_position;
    std::uint64_t m_delivered = 0;
};

// tp_iternext: the iteration protocol straight into next(), without a bound
// method call and argument parsing per item.
PyObject *loaderIterNext(PyObject *self)
{
    try {
        if (!nb::inst_ready(self)) {
            PyErr_SetString(PyExc_TypeError, "shardscope.Loader is not initialised");
            return nullptr;
        }
        return nb::inst_ptr<PyLoader>(self)->next();
    } catch (const Error &e) {
        try {
            raise(e);
        } catch (nb::python_error &pe) {
            pe.restore();
        }
    } catch (nb::python_error &e) {
        e.restore();
    } catch (const nb::builtin_exception &e) {
        PyErr_SetString(e.type() == nb::exception_type::type_error ? PyExc_TypeError : PyExc_RuntimeError,
                        e.what());
    } catch (const std::exception &e) {
        PyErr_SetString(PyExc_RuntimeError, e.what());
    }
    return nullptr;
}

PyType_Slot loaderSlots[] = {{Py_tp_iter, reinterpret_cast<void *>(&PyObject_SelfIter)},
                             {Py_tp_iternext, reinterpret_cast<void *>(&loaderIterNext)},
                             {0, nullptr}};

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
        m, "Loader", nb::type_slots(loaderSlots),
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
            nb::arg("batch_size") = nb::none(), nb::arg("multipart") = false, nb::arg("prefetch") = 1024,
            nb::arg("with_shard") = false, nb::arg("state") = nb::none(),
            nb::arg("options") = PyStoreOptions())
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
