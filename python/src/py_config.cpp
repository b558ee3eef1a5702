// Dataset configs: load, validate, save, choose a split, resolve, the batches of
// their sampler, and how their splits cover the sources.

#include "py_config.h"

#include "core/config/batch_tuning.h"
#include "core/config/resolved_dataset.h"
#include "core/config/split_coverage.h"
#include "core/data/sources.h"
#include "py_store.h"

#include "core/util/strings.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

namespace shardscope::py {

namespace {

nb::object jsonLoads(const std::string &text)
{
    return nb::module_::import_("json").attr("loads")(text);
}

PyConfig fromDict(nb::handle d, const std::string &origin)
{
    const std::string text = nb::cast<std::string>(nb::module_::import_("json").attr("dumps")(d));
    return {parseDatasetConfig(text, origin), origin};
}

nb::list splitList(const SplitReport &r)
{
    nb::list splits;
    for (const auto &s : r.splits) {
        nb::dict d;
        d["name"] = s.name;
        d["objects"] = s.objects;
        d["bytes"] = s.bytes;
        splits.append(d);
    }
    return splits;
}

nb::dict splitReport(const PyConfig &c, const PyStoreOptions &options)
{
    const DatasetConfig &config = c.config;
    const StoreOptions opts = storeOptionsFor(config, options.toCore());
    std::vector<std::vector<ObjectInfo>> perSource;
    {
        nb::gil_scoped_release release;
        for (const auto &s : config.sources) {
            StoreLocation loc = openStore(parseStoreUrl(sourceUrl(s)), opts, true);
            perSource.push_back(resolveGroup(*loc.store, loc.bucket, s.group));
        }
    }
    const SplitReport r = analyzeConfigSplits(config, perSource);
    nb::dict out;
    out["splits"] = splitList(r);
    nb::list overlaps;
    for (const auto &o : r.overlaps) {
        nb::dict d;
        d["first"] = o.first;
        d["second"] = o.second;
        d["objects"] = o.objects;
        nb::list ex;
        for (const auto &e : o.examples)
            ex.append(nameTo(e));
        d["examples"] = ex;
        overlaps.append(d);
    }
    out["overlaps"] = overlaps;
    out["uncovered"] = r.uncovered;
    nb::list ex;
    for (const auto &e : r.uncoveredExamples)
        ex.append(nameTo(e));
    out["uncovered_examples"] = ex;
    return out;
}

} // namespace

void bindConfig(nb::module_ &m)
{
    nb::class_<PyConfig>(m, "Config",
                         "A dataset config (the JSON the GUI edits, the CLI runs and the export writes), "
                         "validated. Pass it to Loader, MapDataset and shardscope.torch.")
        .def_static(
            "load",
            [](const std::string &path) {
                nb::gil_scoped_release release;
                return PyConfig{loadDatasetConfig(path), path};
            },
            nb::arg("path"))
        .def_static(
            "from_json",
            [](const std::string &text, const std::string &origin) {
                return PyConfig{parseDatasetConfig(text, origin), origin};
            },
            nb::arg("text"), nb::arg("origin") = "<json>")
        .def_static("from_dict", &fromDict, nb::arg("config"), nb::arg("origin") = "<dict>")
        .def_ro("origin", &PyConfig::origin)
        .def_prop_ro("name", [](const PyConfig &c) { return c.config.name; })
        .def_prop_ro("kind", [](const PyConfig &c) { return kindName(c.config.kind); })
        .def_prop_ro("sampler", [](const PyConfig &c) { return samplerName(c.config.sampler); })
        .def_prop_ro("workers", [](const PyConfig &c) { return c.config.workers; })
        .def_prop_ro("split", [](const PyConfig &c) { return c.config.split; })
        .def_prop_ro("split_names",
                     [](const PyConfig &c) {
                         std::vector<std::string> names;
                         for (const auto &[name, _] : c.config.splits)
                             names.push_back(name);
                         return names;
                     })
        .def_prop_ro("source_urls",
                     [](const PyConfig &c) {
                         std::vector<std::string> urls;
                         for (const auto &s : c.config.sources)
                             urls.push_back(sourceUrl(s));
                         return urls;
                     })
        .def(
            "with_split",
            [](const PyConfig &c, std::optional<std::string> split) {
                PyConfig out = c;
                if (split && !c.config.splits.count(*split))
                    throw Error(ErrorKind::InvalidArgument,
                                c.origin + ": no split named " + shardscope::quoted(*split));
                out.config.split = split;
                validateDatasetConfig(out.config, out.origin);
                return out;
            },
            nb::arg("split").none(), "The same config reading another split (None: every object).")
        .def("validate", [](const PyConfig &c) { validateDatasetConfig(c.config, c.origin); })
        .def("to_json", [](const PyConfig &c) { return serializeDatasetConfig(c.config); })
        .def("to_dict", [](const PyConfig &c) { return jsonLoads(serializeDatasetConfig(c.config)); })
        .def(
            "save",
            [](const PyConfig &c, const std::string &path) {
                nb::gil_scoped_release release;
                saveDatasetConfig(c.config, path);
            },
            nb::arg("path"), "Writes the config atomically.")
        .def(
            "batch_indices",
            [](const PyConfig &c, const std::vector<std::uint64_t> &sizes) {
                nb::gil_scoped_release release;
                return samplerBatches(sizes, c.config); // core/config/batch_tuning.h
            },
            nb::arg("sizes"),
            "The batches of the config's sampler over items of these sizes (MapDataset(config).sizes()): "
            "lists "
            "of indices (sequential and random samplers: batches of batch_size, or of 1).")
        .def("split_report", &splitReport, nb::arg("options") = PyStoreOptions(),
             "How the config's splits cover its sources: objects and bytes per split, overlaps, uncovered.")
        .def("__eq__", [](const PyConfig &a, const PyConfig &b) { return a.config == b.config; })
        .def("__repr__", [](const PyConfig &c) { return "Config(" + shardscope::quoted(c.origin) + ")"; });

    m.def(
        "load_config",
        [](const std::string &path) {
            nb::gil_scoped_release release;
            return PyConfig{loadDatasetConfig(path), path};
        },
        nb::arg("path"), "Loads and validates a dataset config file (the same as Config.load).");
}

} // namespace shardscope::py
