#include "py_store.h"

#include "core/data/sources.h"
#include "core/util/strings.h"

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <Python.h>
#include <unistd.h>

namespace shardscope::py {

PyStore::PyStore(const std::string &url, const PyStoreOptions &options)
    : m_text(url), m_url(parseUrl(url)), m_options(options.toCore()), m_pid(getpid())
{
    nb::gil_scoped_release release;
    StoreLocation loc = openStore(m_url, m_options);
    m_bucket = storeBucket(m_url, loc);
    m_path = loc.path;
    m_store = std::move(loc.store);
}

PyStore::Locked PyStore::store()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    if (m_pid != getpid()) {
        // A forked child (DataLoader worker): the parent's connections are not ours.
        m_store.release(); // never closed here: the sockets belong to the parent
        m_store = openStore(m_url, m_options).store;
        m_pid = getpid();
    }
    return {std::move(lock), *m_store};
}

std::function<std::unique_ptr<Store>()> PyStore::factory() const
{
    StoreUrl url = m_url;
    if (url.scheme == StoreUrl::Scheme::File)
        url.path = m_bucket;
    else
        url.path.clear();
    const StoreOptions options = m_options;
    return [url, options] { return openStore(url, options, true).store; };
}

std::string PyStore::objectUrl(const std::string &object) const
{
    return m_store->url(m_bucket, object);
}

std::vector<ObjectInfo> listDataset(PyStore &ps)
{
    if (ps.bucket().empty())
        throw Error(ErrorKind::InvalidArgument, ps.text() + ": name a bucket, as in ais://bucket[/prefix]");
    ObjectGroup group;
    if (ps.path().find('{') != std::string::npos) {
        group.kind = ObjectGroup::Kind::Template;
        group.braceTemplate = ps.path();
    } else {
        group.prefix = ps.path();
    }
    bool interrupted = false;
    std::vector<ObjectInfo> out;
    {
        nb::gil_scoped_release release;
        auto locked = ps.store();
        if (group.kind == ObjectGroup::Kind::Template) {
            out = resolveGroup(locked.store, ps.bucket(), group);
        } else {
            ListRequest req;
            req.prefix = group.prefix;
            try {
                out = locked.store.listAll(ps.bucket(), req, [&](std::uint64_t) {
                    nb::gil_scoped_acquire acquire;
                    if (PyErr_CheckSignals() != 0) {
                        interrupted = true;
                        return false;
                    }
                    return true;
                });
            } catch (const Error &) {
                if (!interrupted)
                    throw;
            }
        }
    }
    if (interrupted)
        throw nb::python_error();
    return out;
}

nb::object objectInfoTo(const ObjectInfo &o)
{
    return nb::cast(o);
}

void bindStore(nb::module_ &m)
{
    nb::class_<PyStoreOptions>(
        m, "StoreOptions",
        "Connection settings: endpoint (default $AIS_ENDPOINT, else http://127.0.0.1:8080 "
        "for ais://; $AWS_ENDPOINT_URL for s3://), AuthN token (default $AIS_AUTHN_TOKEN), "
        "TLS (ca_file, insecure), timeouts in seconds.")
        .def(
            "__init__",
            [](PyStoreOptions *self, std::optional<std::string> endpoint, std::optional<std::string> token,
               std::optional<std::string> caFile, bool insecure, double connectTimeout, double timeout,
               bool directReads, std::string localRoot, std::optional<std::string> s3AccessKey,
               std::optional<std::string> s3SecretKey) {
                new (self) PyStoreOptions{std::move(endpoint),
                                          std::move(token),
                                          std::move(caFile),
                                          insecure,
                                          connectTimeout,
                                          timeout,
                                          directReads,
                                          std::move(localRoot),
                                          std::move(s3AccessKey),
                                          std::move(s3SecretKey)};
                self->toCore(); // reject absurd values now
            },
            nb::kw_only(), nb::arg("endpoint") = nb::none(), nb::arg("token") = nb::none(),
            nb::arg("ca_file") = nb::none(), nb::arg("insecure") = false, nb::arg("connect_timeout") = 3.0,
            nb::arg("timeout") = 20.0, nb::arg("direct_reads") = true, nb::arg("local_root") = "",
            nb::arg("s3_access_key") = nb::none(), nb::arg("s3_secret_key") = nb::none())
        .def_ro("endpoint", &PyStoreOptions::endpoint)
        .def_ro("ca_file", &PyStoreOptions::caFile)
        .def_ro("insecure", &PyStoreOptions::insecure)
        .def_ro("connect_timeout", &PyStoreOptions::connectTimeout)
        .def_ro("timeout", &PyStoreOptions::timeout)
        .def_ro("direct_reads", &PyStoreOptions::directReads)
        .def("__repr__", [](const PyStoreOptions &o) {
            // Secrets (token, S3 keys) are never shown.
            return "StoreOptions(endpoint=" + (o.endpoint ? "'" + *o.endpoint + "'" : std::string("None")) +
                   ", timeout=" + std::to_string(o.timeout) + ")";
        });

    nb::class_<ObjectInfo>(m, "ObjectInfo", "One entry of a listing.")
        .def_prop_ro("name", [](const ObjectInfo &o) { return nameTo(o.name); })
        .def_ro("size", &ObjectInfo::size)
        .def_ro("checksum", &ObjectInfo::checksum)
        .def_ro("version", &ObjectInfo::version)
        .def_ro("modified", &ObjectInfo::modified)
        .def_ro("is_dir", &ObjectInfo::isDirectory)
        .def("__repr__", [](const ObjectInfo &o) {
            return "ObjectInfo(" + quoted(o.name) + ", size=" + std::to_string(o.size) + ")";
        });

    nb::class_<PyStore>(
        m, "Store",
        "A bucket (or the whole store) opened from a URL: ais://bucket[/prefix], s3://, "
        "file:///dir, local://bucket. Safe to share between threads; a forked child reconnects.")
        .def(nb::init<const std::string &, const PyStoreOptions &>(), nb::arg("url"),
             nb::arg("options") = PyStoreOptions())
        .def_prop_ro("url", [](const PyStore &s) { return s.text(); })
        .def_prop_ro("scheme", [](const PyStore &s) { return s.url().schemeName(); })
        .def_prop_ro("bucket", [](const PyStore &s) { return nameTo(s.bucket()); })
        .def_prop_ro(
            "path", [](const PyStore &s) { return nameTo(s.path()); }, "The prefix or object in the URL.")
        .def("list_buckets",
             [](PyStore &s) {
                 nb::gil_scoped_release release;
                 return s.store().store.listBuckets();
             })
        .def(
            "list",
            [](PyStore &s, nb::handle prefix, bool recursive) {
                if (s.bucket().empty())
                    throw Error(ErrorKind::InvalidArgument, s.text() + ": name a bucket to list its objects");
                ListRequest req;
                req.prefix = prefix.is_none() ? s.path() : nameFrom(prefix);
                req.recursive = recursive;
                nb::gil_scoped_release release;
                return s.store().store.listAll(s.bucket(), req);
            },
            nb::arg("prefix") = nb::none(), nb::arg("recursive") = true,
            "Objects under `prefix` (default: the URL's), sorted by name; recursive=False gives one level "
            "with "
            "virtual directories ('dir/').")
        .def("list_dataset", &listDataset,
             "What iterate/batches read for this URL: objects under its prefix, or those its brace template "
             "names (in template order), with sizes.")
        .def(
            "head",
            [](PyStore &s, nb::handle name) {
                const std::string n = nameFrom(name);
                nb::gil_scoped_release release;
                return s.store().store.head(s.bucket(), n);
            },
            nb::arg("name"))
        .def(
            "get",
            [](PyStore &s, nb::handle name, std::uint64_t offset, std::optional<std::uint64_t> length,
               nb::handle member) {
                const std::string n = nameFrom(name);
                GetRequest req;
                if (!member.is_none())
                    req.archivePath = nameFrom(member);
                if (offset > 0 || length) {
                    if (length && *length == 0)
                        return bytesView(std::string());
                    req.range = ByteRange{offset, length ? std::optional<std::uint64_t>(offset + *length - 1)
                                                         : std::nullopt};
                }
                std::string bytes;
                {
                    nb::gil_scoped_release release;
                    bytes = s.store().store.getBytes(s.bucket(), n, req);
                }
                return bytesView(std::move(bytes));
            },
            nb::arg("name"), nb::arg("offset") = 0, nb::arg("length") = nb::none(),
            nb::arg("member") = nb::none(),
            "The object's bytes (or a range, or a member of a tar/zip shard) as a memoryview.")
        .def(
            "list_archive",
            [](PyStore &s, nb::handle name) {
                const std::string n = nameFrom(name);
                std::vector<ArchiveMember> members;
                {
                    nb::gil_scoped_release release;
                    members = s.store().store.listArchive(s.bucket(), n);
                }
                nb::list out;
                for (const auto &a : members)
                    out.append(nb::make_tuple(nameTo(a.name), a.size));
                return out;
            },
            nb::arg("name"), "The members of a shard: [(name, size)].")
        .def(
            "put",
            [](PyStore &s, nb::handle name, nb::handle data) {
                const std::string n = nameFrom(name);
                Py_buffer view;
                if (PyObject_GetBuffer(data.ptr(), &view, PyBUF_SIMPLE) != 0)
                    throw nb::python_error();
                try {
                    nb::gil_scoped_release release;
                    s.store().store.putBytes(s.bucket(), n,
                                             std::string_view(static_cast<const char *>(view.buf), view.len));
                } catch (...) {
                    PyBuffer_Release(&view);
                    throw;
                }
                PyBuffer_Release(&view);
            },
            nb::arg("name"), nb::arg("data"), "Writes bytes (any buffer) as an object.")
        .def("create_bucket",
             [](PyStore &s) {
                 nb::gil_scoped_release release;
                 s.store().store.createBucket(s.bucket());
             })
        .def("destroy_bucket",
             [](PyStore &s) {
                 nb::gil_scoped_release release;
                 s.store().store.destroyBucket(s.bucket());
             })
        .def("__repr__", [](const PyStore &s) { return "Store(" + quoted(s.text()) + ")"; });

    m.def(
        "open_store", [](const std::string &url, const PyStoreOptions &o) { return new PyStore(url, o); },
        nb::arg("url"), nb::arg("options") = PyStoreOptions(), nb::rv_policy::take_ownership);
    m.def(
        "escape_name", [](nb::handle n) { return escapeName(nameFrom(n)); }, nb::arg("name"),
        "A name as the CLI prints it in JSON (bytes that are not UTF-8 as \\xNN, backslash doubled).");
    m.def(
        "unescape_name", [](const std::string &t) { return nameTo(unescapeName(t)); }, nb::arg("text"));
}

} // namespace shardscope::py
