// Map-style dataset (AISMapDataset) and multi-shard stream (AISMultiShardStream).

#include "py_loader.h"
#include "py_pump.h"
#include "py_store.h"

#include "core/data/multi_shard_stream.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

namespace shardscope::py {

namespace {

class PyMapDataset
{
public:
    PyMapDataset(nb::handle source, const PyStoreOptions &options)
        : m_sources(resolveSources(source, options))
    {
    }

    std::size_t size() const { return m_sources->items.size(); }

    const std::pair<std::size_t, ObjectInfo> &at(std::ptrdiff_t index) const
    {
        const auto n = static_cast<std::ptrdiff_t>(size());
        if (index < 0)
            index += n;
        if (index < 0 || index >= n)
            throw nb::index_error(("index " + std::to_string(index) + " is out of range for " +
                                   m_sources->identity + " (" + std::to_string(n) + " items)")
                                      .c_str());
        return m_sources->items[static_cast<std::size_t>(index)];
    }

    nb::object get(std::ptrdiff_t index)
    {
        const auto &[source, info] = at(index);
        std::string bytes;
        {
            nb::gil_scoped_release release;
            auto open = m_sources->store(source);
            bytes = open.store.getBytes(m_sources->buckets[source], info.name);
        }
        return nb::make_tuple(nameTo(info.name), bytesView(std::move(bytes)));
    }

    nb::list names() const
    {
        nb::list out;
        for (const auto &it : m_sources->items)
            out.append(nameTo(it.second.name));
        return out;
    }

    std::vector<std::uint64_t> sizes() const
    {
        std::vector<std::uint64_t> out;
        out.reserve(size());
        for (const auto &it : m_sources->items)
            out.push_back(it.second.size);
        return out;
    }

    std::shared_ptr<Sources> sources() const { return m_sources; }

private:
    std::shared_ptr<Sources> m_sources;
};

class PyMultiShardStream
{
public:
    PyMultiShardStream(const std::vector<nb::handle> &sources, const std::string &keyRule,
                       const std::string &onError, const PyStoreOptions &options)
    {
        if (sources.empty())
            throw Error(ErrorKind::InvalidArgument, "a multi-shard stream needs at least one source");
        ShardReadOptions read;
        read.rule = parseKeyRule(keyRule);
        if (onError != "stop" && onError != "skip")
            throw Error(ErrorKind::InvalidArgument, "on_error must be 'stop' or 'skip'");
        read.onError = onError == "skip" ? ErrorPolicy::Skip : ErrorPolicy::Stop;
        std::vector<MultiShardStream::Source> streams;
        for (nb::handle h : sources) {
            std::shared_ptr<Sources> s = resolveSources(h, options);
            if (s->factories.size() != 1)
                throw Error(ErrorKind::InvalidArgument, s->identity + ": a stream source must be one bucket");
            MultiShardStream::Source src{s->factories[0], s->buckets[0], {}};
            for (const auto &it : s->items)
                src.shards.push_back(it.second.name);
            streams.push_back(std::move(src));
        }
        m_stream = std::make_unique<MultiShardStream>(std::move(streams), read);
        m_pump = std::make_unique<Pump<std::vector<Sample>>>(
            16, 64ull << 20,
            [](const std::vector<Sample> &step) {
                std::uint64_t n = 0;
                for (const Sample &s : step)
                    n += s.bytes();
                return n;
            },
            [this](std::vector<Sample> &out) { return m_stream->next(out); }, [this] { m_stream->cancel(); });
    }

    ~PyMultiShardStream() { close(); }

    void close()
    {
        if (m_pump) {
            nb::gil_scoped_release release;
            m_pump->stop();
        }
    }

    nb::object next()
    {
        std::vector<Sample> samples;
        if (!m_pump || !m_pump->next(samples))
            throw nb::stop_iteration();
        nb::list out;
        for (Sample &s : samples) {
            nb::dict members;
            for (auto &[ext, data] : s.members)
                members[nameTo(ext)] = bytesView(std::move(data));
            out.append(nb::make_tuple(nameTo(s.key), members));
        }
        return nb::tuple(out);
    }

private:
    std::unique_ptr<MultiShardStream> m_stream;
    std::unique_ptr<Pump<std::vector<Sample>>> m_pump; // stopped before the stream goes
};

} // namespace

void bindDatasets(nb::module_ &m)
{
    nb::class_<PyMapDataset>(
        m, "MapDataset",
        "A map-style dataset (AISMapDataset): index -> (name, memoryview), sizes from the "
        "listing (no HEAD per object), over a URL, a Store or a Config. len(), [i], "
        "sizes() for the batch samplers, loader(indices) to read many with threads.")
        .def(nb::init<nb::handle, const PyStoreOptions &>(), nb::arg("source"),
             nb::arg("options") = PyStoreOptions())
        .def("__len__", &PyMapDataset::size)
        .def("__getitem__", &PyMapDataset::get, nb::arg("index"))
        .def("name", [](const PyMapDataset &d, std::ptrdiff_t i) { return nameTo(d.at(i).second.name); })
        .def("size_of", [](const PyMapDataset &d, std::ptrdiff_t i) { return d.at(i).second.size; })
        .def("names", &PyMapDataset::names)
        .def("sizes", &PyMapDataset::sizes)
        .def(
            "loader",
            [](const PyMapDataset &d, std::optional<std::vector<std::size_t>> indices,
               std::optional<int> workers, bool ordered, std::size_t prefetch) {
                LoaderSpec s;
                s.mode = "object";
                s.workers = workers;
                s.ordered = ordered;
                s.shuffle = false;
                s.prefetch = prefetch;
                return newLoader(d.sources(), std::move(s), nb::none(), indices);
            },
            nb::arg("indices") = nb::none(), nb::kw_only(), nb::arg("workers") = nb::none(),
            nb::arg("ordered") = true, nb::arg("prefetch") = 64,
            "A Loader reading these items (default: all) with threads, in this order (ordered=True).");

    nb::class_<PyMultiShardStream>(
        m, "MultiShardStream",
        "Shard sources read side by side (AISMultiShardStream): each step gives one "
        "sample of every source, a tuple of (key, {ext: memoryview}); it ends with the "
        "shortest source.")
        .def(nb::init<const std::vector<nb::handle> &, const std::string &, const std::string &,
                      const PyStoreOptions &>(),
             nb::arg("sources"), nb::kw_only(), nb::arg("key_rule") = "webdataset",
             nb::arg("on_error") = "stop", nb::arg("options") = PyStoreOptions())
        .def("__iter__", [](nb::handle self) { return nb::borrow(self); })
        .def("__next__", &PyMultiShardStream::next)
        .def("close", &PyMultiShardStream::close);
}

} // namespace shardscope::py
