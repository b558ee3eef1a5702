#pragma once

#include "py_common.h"

#include "core/config/dataset_config.h"
#include "core/data/loader.h"

#include <memory>
#include <mutex>
#include <optional>
#include <sys/types.h>

namespace shardscope::py {

// What a dataset reads, resolved once: its sources (a store factory and the
// bucket of each) and its objects with sizes, in the order the CLI's iterate
// and batches use (a URL: listing or brace-template order; a config: source by
// source, prefix by prefix of the split).
struct Sources
{
    std::vector<Loader::StoreFactory> factories;
    std::vector<std::string> buckets;
    std::vector<std::pair<std::size_t, ObjectInfo>> items; // (source, object)
    std::string identity;                                  // the URL or the config's origin
    std::optional<DatasetConfig> config;

    // One store per source for reads from the Python thread (map datasets),
    // opened on first use and again in a forked child.
    struct Open
    {
        std::unique_lock<std::mutex> lock;
        Store &store;
    };
    Open store(std::size_t source);

private:
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Store>> m_stores;
    pid_t m_pid = 0;
};

// source: a URL (str), a Store, a Config, or a path ending in .json (a config).
std::shared_ptr<Sources> resolveSources(nb::handle source, const PyStoreOptions &options);

} // namespace shardscope::py
