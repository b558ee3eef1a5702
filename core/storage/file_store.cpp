#include "storage/file_store.h"

#include "storage/store_url.h"
#include "util/error.h"
#include "util/strings.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace shardscope {
namespace {

constexpr std::uint32_t kDefaultPage = 10000;

std::string sysError(const std::string &what) { return what + ": " + std::strerror(errno); }

std::string formatTime(const struct timespec &ts)
{
    char buf[64];
    struct tm tm{};
    gmtime_r(&ts.tv_sec, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool isDir(const std::string &path)
{
    struct stat st{};
    return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Walks `dir` (whose names start with `rel`), collecting regular files.
void walk(const std::string &dir, const std::string &rel, bool recursive, const std::string &prefix,
          std::vector<ObjectInfo> &out)
{
    DIR *d = ::opendir(dir.c_str());
    if (!d) {
        if (errno == ENOENT || errno == ENOTDIR)
            return;
        throw Error(ErrorKind::Io, sysError("cannot read directory " + dir));
    }
    std::vector<std::pair<std::string, bool>> children;
    while (dirent *e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name == "." || name == ".." || startsWith(name, ".shardscope-tmp-"))
            continue;
        const std::string full = dir + "/" + name;
        struct stat st{};
        if (::lstat(full.c_str(), &st) != 0)
            continue; // vanished meanwhile
        const std::string relName = rel + name;
        if (S_ISDIR(st.st_mode)) {
            // Descend only where the prefix can still match.
            const std::string asDir = relName + "/";
            if (!startsWith(asDir, prefix) && !startsWith(prefix, asDir))
                continue;
            if (recursive || startsWith(prefix, asDir)) {
                children.emplace_back(full, true);
                continue;
            }
            if (startsWith(asDir, prefix)) {
                ObjectInfo o;
                o.name = asDir;
                o.isDirectory = true;
                out.push_back(std::move(o));
            }
        } else if (S_ISREG(st.st_mode)) {
            if (!startsWith(relName, prefix))
                continue;
            ObjectInfo o;
            o.name = relName;
            o.size = static_cast<std::uint64_t>(st.st_size);
            o.modified = formatTime(st.st_mtim);
            out.push_back(std::move(o));
        }
    }
    ::closedir(d);
    for (const auto &[full, _] : children) {
        const std::string name = full.substr(dir.size() + 1);
        walk(full, rel + name + "/", recursive, prefix, out);
    }
}

} // namespace

void validateLocalObjectName(const std::string &name)
{
    if (name.empty())
        throw Error(ErrorKind::InvalidArgument, "the object name is empty");
    if (name.find('\0') != std::string::npos)
        throw Error(ErrorKind::InvalidArgument, "object name " + quoted(name) + " contains a NUL byte");
    if (name.front() == '/')
        throw Error(ErrorKind::InvalidArgument, "object name " + quoted(name) + " must be relative (no leading '/')");
    size_t start = 0;
    while (start <= name.size()) {
        const size_t end = std::min(name.find('/', start), name.size());
        const std::string part = name.substr(start, end - start);
        if (part.empty() && end < name.size())
            throw Error(ErrorKind::InvalidArgument, "object name " + quoted(name) + " has an empty path component");
        if (part == "." || part == "..")
            throw Error(ErrorKind::InvalidArgument,
                        "object name " + quoted(name) + " has a '" + part + "' component; it would leave the bucket");
        if (part.empty() && end == name.size())
            throw Error(ErrorKind::InvalidArgument, "object name " + quoted(name) + " ends with '/'");
        start = end + 1;
    }
}

FileStore::FileStore(std::string root, bool local) : m_root(std::move(root)), m_local(local) {}

std::unique_ptr<FileStore> FileStore::forFileUrls()
{
    return std::unique_ptr<FileStore>(new FileStore("", false));
}

std::unique_ptr<FileStore> FileStore::forLocalRoot(std::string root)
{
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    return std::unique_ptr<FileStore>(new FileStore(std::move(root), true));
}

std::string FileStore::bucketPath(const std::string &bucket) const
{
    if (m_local) {
        validateBucketName(bucket);
        return m_root + "/" + bucket;
    }
    if (bucket.empty() || bucket.front() != '/')
        throw Error(ErrorKind::InvalidArgument, "a file bucket is an absolute directory, not " + quoted(bucket));
    return bucket == "/" ? std::string() : bucket;
}

std::string FileStore::url(const std::string &bucket, const std::string &object) const
{
    std::string u = m_local ? "local://" + bucket : "file://" + bucket;
    if (!object.empty())
        u += "/" + object;
    return u;
}

std::string FileStore::objectPath(const std::string &bucket, const std::string &object) const
{
    try {
        validateLocalObjectName(object);
    } catch (const Error &e) {
        throw Error(e.kind(), url(bucket) + ": " + e.what());
    }
    return bucketPath(bucket) + "/" + object;
}

void FileStore::requireBucket(const std::string &bucket) const
{
    if (!isDir(bucketPath(bucket).empty() ? "/" : bucketPath(bucket)))
        throw Error(ErrorKind::BucketNotFound, url(bucket) + ": bucket does not exist (no such directory)");
}

std::vector<std::string> FileStore::listBuckets()
{
    std::vector<std::string> out;
    if (!m_local)
        throw Error(ErrorKind::InvalidArgument,
                    "file:// has no list of buckets; name a directory, as in file:///data/my-bucket");
    DIR *d = ::opendir(m_root.c_str());
    if (!d) {
        if (errno == ENOENT)
            return out; // the embedded store has no buckets yet
        throw Error(ErrorKind::Io, sysError("cannot read " + m_root));
    }
    while (dirent *e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name == "." || name == ".." || !isDir(m_root + "/" + name))
            continue;
        try {
            validateBucketName(name);
            out.push_back(name);
        } catch (const Error &) {
            // a directory whose name is no bucket name is not a bucket
        }
    }
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
}

ListPage FileStore::listPage(const std::string &bucket, const ListRequest &request, const std::string &token)
{
    requireBucket(bucket);
    const bool reuse = !token.empty() && m_cache && m_cache->bucket == bucket && m_cache->prefix == request.prefix &&
                       m_cache->recursive == request.recursive;
    if (!reuse) {
        auto c = std::make_unique<Cached>();
        c->bucket = bucket;
        c->prefix = request.prefix;
        c->recursive = request.recursive;
        walk(bucketPath(bucket).empty() ? "" : bucketPath(bucket), "", request.recursive, request.prefix, c->entries);
        std::sort(c->entries.begin(), c->entries.end(),
                  [](const ObjectInfo &a, const ObjectInfo &b) { return a.name < b.name; });
        m_cache = std::move(c);
    }
    const auto &all = m_cache->entries;
    auto it = token.empty() ? all.begin()
                            : std::upper_bound(all.begin(), all.end(), token,
                                               [](const std::string &t, const ObjectInfo &o) { return t < o.name; });
    const std::uint32_t pageSize = request.pageSize ? request.pageSize : kDefaultPage;
    ListPage page;
    const auto end = (static_cast<std::size_t>(all.end() - it) > pageSize) ? it + pageSize : all.end();
    page.entries.assign(it, end);
    if (end != all.end())
        page.continuationToken = page.entries.back().name;
    else
        m_cache.reset();
    return page;
}

ObjectInfo FileStore::head(const std::string &bucket, const std::string &object)
{
    const std::string path = objectPath(bucket, object);
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        requireBucket(bucket);
        throw Error(ErrorKind::ObjectNotFound, url(bucket, object) + ": object does not exist");
    }
    ObjectInfo o;
    o.name = object;
    o.size = static_cast<std::uint64_t>(st.st_size);
    o.modified = formatTime(st.st_mtim);
    return o;
}

std::vector<ArchiveMember> FileStore::listArchive(const std::string &bucket, const std::string &object)
{
    head(bucket, object); // clear "not found" before streaming
    return listArchiveByStreaming(bucket, object);
}

std::uint64_t FileStore::get(const std::string &bucket, const std::string &object, const GetRequest &request,
                             const BodySink &sink)
{
    if (!request.archivePath.empty()) {
        head(bucket, object);
        return getMemberByStreaming(bucket, object, request.archivePath, request.range, sink, request.cancel);
    }
    const std::string path = objectPath(bucket, object);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT || errno == ELOOP || errno == ENOTDIR) {
            requireBucket(bucket);
            throw Error(ErrorKind::ObjectNotFound, url(bucket, object) + ": object does not exist");
        }
        throw Error(ErrorKind::Io, sysError("get " + url(bucket, object)));
    }
    struct Closer
    {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st{};
    ::fstat(fd, &st);
    const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
    std::uint64_t first = 0, last = size ? size - 1 : 0;
    if (request.range) {
        first = request.range->first;
        if (first >= size)
            throw Error(ErrorKind::InvalidArgument, "get " + url(bucket, object) + ": range starts at byte " +
                                                        std::to_string(first) + ", past the end (" +
                                                        std::to_string(size) + " bytes)");
        if (request.range->last)
            last = std::min(*request.range->last, size - 1);
    }
    if (size == 0)
        return 0;
    std::vector<char> buf(1 << 20);
    std::uint64_t pos = first, delivered = 0;
    while (pos <= last) {
        if (request.cancel && request.cancel->load())
            throw Error(ErrorKind::Cancelled, "get " + url(bucket, object) + ": cancelled");
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), last - pos + 1));
        const ssize_t n = ::pread(fd, buf.data(), want, static_cast<off_t>(pos));
        if (n < 0)
            throw Error(ErrorKind::Io, sysError("get " + url(bucket, object)));
        if (n == 0)
            break; // the file shrank
        if (!sink(buf.data(), static_cast<std::size_t>(n)))
            throw Error(ErrorKind::Cancelled, "get " + url(bucket, object) + ": stopped by the receiver");
        pos += static_cast<std::uint64_t>(n);
        delivered += static_cast<std::uint64_t>(n);
    }
    return delivered;
}

void FileStore::put(const std::string &bucket, const std::string &object, const UploadSource &source)
{
    const std::string path = objectPath(bucket, object);
    requireBucket(bucket);
    // Create parent directories inside the bucket (never following links out of it).
    std::string dir = bucketPath(bucket);
    size_t start = 0;
    for (size_t slash; (slash = object.find('/', start)) != std::string::npos; start = slash + 1) {
        dir += "/" + object.substr(start, slash - start);
        struct stat st{};
        if (::lstat(dir.c_str(), &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                throw Error(ErrorKind::Io, "put " + url(bucket, object) + ": " + dir + " is not a directory");
            continue;
        }
        if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
            throw Error(ErrorKind::Io, sysError("put " + url(bucket, object) + ": cannot create " + dir));
    }
    std::random_device rd;
    const std::string tmp = dir + "/.shardscope-tmp-" + std::to_string(rd()) + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw Error(ErrorKind::Io, sysError("put " + url(bucket, object) + ": cannot create a file in " + dir));
    try {
        std::vector<char> buf(1 << 20);
        std::uint64_t pos = 0;
        while (pos < source.size) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), source.size - pos));
            const std::size_t n = source.read(pos, buf.data(), want);
            if (n == 0)
                throw Error(ErrorKind::Io, "put " + url(bucket, object) + ": the data source ended at byte " +
                                               std::to_string(pos) + " of " + std::to_string(source.size));
            for (std::size_t off = 0; off < n;) {
                const ssize_t w = ::write(fd, buf.data() + off, n - off);
                if (w < 0)
                    throw Error(ErrorKind::Io, sysError("put " + url(bucket, object)));
                off += static_cast<std::size_t>(w);
            }
            pos += n;
        }
        if (::fsync(fd) != 0)
            throw Error(ErrorKind::Io, sysError("put " + url(bucket, object)));
        ::close(fd);
        if (::rename(tmp.c_str(), path.c_str()) != 0)
            throw Error(ErrorKind::Io, sysError("put " + url(bucket, object)));
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
}

void FileStore::createBucket(const std::string &bucket)
{
    const std::string path = bucketPath(bucket);
    if (m_local && ::mkdir(m_root.c_str(), 0755) != 0 && errno != EEXIST) {
        // the root's parents may be missing too
        std::string p;
        for (size_t i = 1; i <= m_root.size(); ++i)
            if (i == m_root.size() || m_root[i] == '/') {
                p = m_root.substr(0, i);
                ::mkdir(p.c_str(), 0755);
            }
    }
    if (::mkdir(path.c_str(), 0755) != 0) {
        if (errno == EEXIST)
            throw Error(ErrorKind::AlreadyExists, "create bucket " + url(bucket) + ": it already exists");
        throw Error(ErrorKind::Io, sysError("create bucket " + url(bucket)));
    }
}

namespace {
void removeTree(const std::string &path)
{
    DIR *d = ::opendir(path.c_str());
    if (d) {
        while (dirent *e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..")
                continue;
            const std::string full = path + "/" + name;
            struct stat st{};
            if (::lstat(full.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
                removeTree(full);
            else
                ::unlink(full.c_str());
        }
        ::closedir(d);
    }
    if (::rmdir(path.c_str()) != 0)
        throw Error(ErrorKind::Io, sysError("cannot remove " + path));
}
} // namespace

void FileStore::destroyBucket(const std::string &bucket)
{
    requireBucket(bucket);
    const std::string path = bucketPath(bucket);
    if (m_local) {
        removeTree(path); // the embedded store owns its buckets
        return;
    }
    // A file:// bucket is the user's own directory: remove it only when empty.
    if (::rmdir(path.c_str()) != 0) {
        if (errno == ENOTEMPTY || errno == EEXIST)
            throw Error(ErrorKind::InvalidArgument,
                        "remove bucket " + url(bucket) + ": the directory is not empty; shardscope removes only "
                                                         "empty directories outside its own store");
        throw Error(ErrorKind::Io, sysError("remove bucket " + url(bucket)));
    }
}

} // namespace shardscope
