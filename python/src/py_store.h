#pragma once

#include "py_common.h"

#include <memory>
#include <mutex>
#include <sys/types.h>

namespace shardscope::py {

// A store opened from a URL. A core Store is not thread-safe and must not be
// shared with a forked child (torch DataLoader workers): calls are serialised
// and a child process opens its own connection on first use.
class PyStore
{
public:
    PyStore(const std::string &url, const PyStoreOptions &options);

    // The store, locked for the caller; reopened after a fork.
    struct Locked
    {
        std::unique_lock<std::mutex> lock;
        Store &store;
    };
    Locked store();

    const StoreUrl &url() const { return m_url; }
    const std::string &text() const { return m_text; }
    const std::string &bucket() const { return m_bucket; } // as the store names it ("" for ais://)
    const std::string &path() const { return m_path; }     // prefix or object from the URL
    const StoreOptions &options() const { return m_options; }
    // A factory for loader threads: each opens its own store.
    std::function<std::unique_ptr<Store>()> factory() const;
    std::string objectUrl(const std::string &object) const;

private:
    std::string m_text;
    StoreUrl m_url;
    StoreOptions m_options;
    std::unique_ptr<Store> m_store;
    std::string m_bucket, m_path;
    pid_t m_pid;
    std::mutex m_mutex;
};

// Lists what the URL names as the CLI's iterate/batches do: a prefix, or a
// brace template ("shard-{000..009}.tar"), objects with sizes. Ctrl+C stops it.
std::vector<ObjectInfo> listDataset(PyStore &store);

nb::object objectInfoTo(const ObjectInfo &o);

} // namespace shardscope::py
