#include "py_sources.h"

#include "py_config.h"
#include "py_store.h"

#include "core/config/resolved_dataset.h"
#include "core/util/strings.h"

#include <nanobind/stl/string.h>

#include <Python.h>
#include <unistd.h>

namespace shardscope::py {

Sources::Open Sources::store(std::size_t source)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    if (m_pid != getpid()) {
        // First use, or a forked child (DataLoader worker): the parent's
        // connections are not ours to use or to close.
        for (auto &s : m_stores)
            s.release();
        m_stores.clear();
        m_stores.resize(factories.size());
        m_pid = getpid();
    }
    if (!m_stores.at(source))
        m_stores[source] = factories[source]();
    return {std::move(lock), *m_stores[source]};
}

std::shared_ptr<Sources> resolveSources(nb::handle source, const PyStoreOptions &storeOptions)
{
    auto out = std::make_shared<Sources>();
    const PyConfig *config = nullptr;
    PyConfig loaded;
    if (nb::isinstance<PyConfig>(source)) {
        config = &nb::cast<const PyConfig &>(source);
    } else if (nb::isinstance<nb::str>(source)) {
        const std::string text = nb::cast<std::string>(source);
        if (endsWith(text, ".json") && text.find("://") == std::string::npos) {
            nb::gil_scoped_release release;
            loaded = {loadDatasetConfig(text), text};
            config = &loaded;
        }
    }
    if (config) {
        const DatasetConfig &c = config->config;
        out->identity = config->origin;
        out->config = c;
        const StoreOptions opts = storeOptionsFor(c, storeOptions.toCore());
        ResolvedDataset resolved;
        {
            nb::gil_scoped_release release;
            resolved = resolveDataset(c, opts);
        }
        for (const StoreUrl &u : resolved.sourceUrls) {
            out->factories.push_back([u, opts] { return openStore(u, opts, true).store; });
            out->buckets.push_back(u.scheme == StoreUrl::Scheme::File ? u.path : u.bucket);
        }
        for (auto &it : resolved.items)
            out->items.emplace_back(it.source, std::move(it.object));
        return out;
    }
    std::unique_ptr<PyStore> owned;
    PyStore *store = nullptr;
    if (nb::isinstance<PyStore>(source)) {
        store = &nb::cast<PyStore &>(source);
    } else if (nb::isinstance<nb::str>(source)) {
        owned = std::make_unique<PyStore>(nb::cast<std::string>(source), storeOptions);
        store = owned.get();
    } else {
        throw Error(ErrorKind::InvalidArgument, "a dataset reads a URL (str), a Store or a Config, not " +
                                                    std::string(Py_TYPE(source.ptr())->tp_name));
    }
    out->identity = store->text();
    out->factories.push_back(store->factory());
    out->buckets.push_back(store->bucket());
    for (auto &o : listDataset(*store))
        out->items.emplace_back(0, std::move(o));
    return out;
}

} // namespace shardscope::py
