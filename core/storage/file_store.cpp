#include "core/storage/file_store.h"
#include "core/storage/file_walk.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace shardscope {
namespace {

constexpr std::uint32_t kDefaultPage = 10000;

std::string sysError(const std::string &what) { return what + ": " + std::strerror(errno); }

// A file descriptor that is closed exactly once.
class Fd
{
public:
    explicit Fd(int fd = -1) : m_fd(fd) {}
    ~Fd() { reset(); }
    Fd(Fd &&other) noexcept : m_fd(other.release()) {}
    Fd &operator=(Fd &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = other.release();
        }
        return *this;
    }
    int get() const { return m_fd; }
    explicit operator bool() const { return m_fd >= 0; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }
    void reset()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }
    bool close() // false (errno set) when closing reports an error
    {
        const int fd = release();
        return fd < 0 || ::close(fd) == 0;
    }

private:
    int m_fd;
};

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

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

const char *fileTypeName(mode_t mode)
{
    if (S_ISREG(mode))
        return "a file";
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "a special file";
}

// Why `name` (in the directory `dirfd`, shown to the user as `shown`) cannot be
// used as a directory (wantDir) or as an object.
std::string whyNot(int dirfd, const std::string &name, const std::string &shown, bool wantDir)
{
    struct stat st{};
    if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return quoted(shown) + (wantDir ? " is not a directory" : " is not a regular file");
    if (S_ISLNK(st.st_mode))
        return quoted(shown) + " is a symbolic link; links inside a bucket are not followed";
    return quoted(shown) + " is " + fileTypeName(st.st_mode) +
           (wantDir ? ", not a directory" : ", not a regular file");
}

// The bucket's directory. The embedded store opens its root, then the bucket
// without following a link; a file:// bucket is the directory the user named.
Fd openBucketDir(const FileStore &store, const std::string &bucket)
{
    const std::string path = store.bucketPath(bucket); // validates the name
    if (store.scheme() == "local") {
        Fd root(::open(store.root().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!root)
            return root;
        return Fd(::openat(root.get(), bucket.c_str(), kDirFlags));
    }
    return Fd(::open(path.empty() ? "/" : path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

Fd openExistingBucketDir(const FileStore &store, const std::string &bucket)
{
    Fd dir = openBucketDir(store, bucket);
    if (!dir) {
        if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
            throw Error(ErrorKind::BucketNotFound,
                        store.url(bucket) + ": bucket does not exist (no such directory)");
        throw Error(ErrorKind::Io, sysError("cannot open bucket " + store.url(bucket)));
    }
    return dir;
}

struct Parent
{
    Fd dir;           // the directory that holds the object
    std::string leaf; // the object's last name component
};

// Opens the directory of `object` (a valid name) one component at a time from
// the bucket's directory, never following a link: nothing outside the bucket
// can be reached. With `create` (writes) missing directories are made.
Parent openParent(const FileStore &store, const std::string &bucket, const std::string &object, bool create)
{
    const std::string where = create ? "put " + store.url(bucket, object) : store.url(bucket, object);
    Parent p{openExistingBucketDir(store, bucket), {}};
    std::size_t start = 0;
    for (std::size_t slash; (slash = object.find('/', start)) != std::string::npos; start = slash + 1) {
        const std::string part = object.substr(start, slash - start);
        Fd next(::openat(p.dir.get(), part.c_str(), kDirFlags));
        if (!next && errno == ENOENT && create) {
            if (::mkdirat(p.dir.get(), part.c_str(), 0755) != 0 && errno != EEXIST)
                throw Error(ErrorKind::Io,
                            sysError(where + ": cannot create directory " + quoted(object.substr(0, slash))));
            next = Fd(::openat(p.dir.get(), part.c_str(), kDirFlags));
        }
        if (!next) {
            const int err = errno;
            if (err == ENOENT)
                throw Error(ErrorKind::ObjectNotFound, where + ": object does not exist");
            if (err == ENOTDIR || err == ELOOP)
                throw Error(create ? ErrorKind::Io : ErrorKind::ObjectNotFound,
                            where + ": " + whyNot(p.dir.get(), part, object.substr(0, slash), true));
            errno = err;
            throw Error(ErrorKind::Io, sysError(where));
        }
        p.dir = std::move(next);
    }
    p.leaf = object.substr(start);
    return p;
}

// The object's metadata, without following a link; only regular files are objects.
struct stat statObject(const FileStore &store, const Parent &p, const std::string &bucket,
                       const std::string &object)
{
    struct stat st{};
    if (::fstatat(p.dir.get(), p.leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            throw Error(ErrorKind::ObjectNotFound, store.url(bucket, object) + ": object does not exist");
        throw Error(ErrorKind::Io, sysError(store.url(bucket, object)));
    }
    if (!S_ISREG(st.st_mode))
        throw Error(ErrorKind::ObjectNotFound,
                    store.url(bucket, object) + ": " + whyNot(p.dir.get(), p.leaf, object, false));
    return st;
}

// Opens an object for reading. O_NONBLOCK keeps a FIFO swapped in after the
// check from blocking the open; the opened file is checked again.
Fd openObject(const FileStore &store, const std::string &bucket, const std::string &object, struct stat *st)
{
    const Parent p = openParent(store, bucket, object, false);
    statObject(store, p, bucket, object);
    Fd fd(::openat(p.dir.get(), p.leaf.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (!fd) {
        if (errno == ENOENT)
            throw Error(ErrorKind::ObjectNotFound, store.url(bucket, object) + ": object does not exist");
        if (errno == ELOOP)
            throw Error(ErrorKind::ObjectNotFound,
                        store.url(bucket, object) + ": " + whyNot(p.dir.get(), p.leaf, object, false));
        throw Error(ErrorKind::Io, sysError("get " + store.url(bucket, object)));
    }
    if (::fstat(fd.get(), st) != 0)
        throw Error(ErrorKind::Io, sysError("get " + store.url(bucket, object)));
    if (!S_ISREG(st->st_mode))
        throw Error(ErrorKind::ObjectNotFound, store.url(bucket, object) + ": " + quoted(object) + " is " +
                                                   fileTypeName(st->st_mode) + ", not a regular file");
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
        throw Error(ErrorKind::Io, sysError("get " + store.url(bucket, object)));
    return fd;
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
    openExistingBucketDir(*this, bucket);
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
        m_cache.reset(); // the old listing goes before the new one is read
        auto c = std::make_unique<Listing>();
        c->bucket = bucket;
        c->prefix = request.prefix;
        c->recursive = request.recursive;
        Fd top = openExistingBucketDir(*this, bucket); // its errors name the bucket already
        try {
            walkDirectory(top.get(), "", request.recursive, request.prefix, m_maxListed, *c);
        } catch (const Error &e) {
            throw Error(e.kind(), url(bucket) + ": " + e.what());
        }
        c->names.shrink_to_fit();
        c->entries.shrink_to_fit();
        const Listing &l = *c;
        std::sort(c->entries.begin(), c->entries.end(),
                  [&l](const Listing::Entry &a, const Listing::Entry &b) { return l.name(a) < l.name(b); });
        m_cache = std::move(c);
    }
    const Listing &l = *m_cache;
    const auto &all = l.entries;
    auto it =
        token.empty()
            ? all.begin()
            : std::upper_bound(all.begin(), all.end(), std::string_view(token),
                               [&l](std::string_view t, const Listing::Entry &e) { return t < l.name(e); });
    const std::uint32_t pageSize = request.pageSize ? request.pageSize : kDefaultPage;
    ListPage page;
    const auto end = (static_cast<std::size_t>(all.end() - it) > pageSize) ? it + pageSize : all.end();
    page.entries.reserve(static_cast<std::size_t>(end - it));
    for (auto e = it; e != end; ++e) {
        ObjectInfo o;
        o.name = std::string(l.name(*e));
        o.isDirectory = (e->length & Listing::kDirectory) != 0;
        if (!o.isDirectory) {
            o.size = e->size;
            o.modified = formatTime({static_cast<time_t>(e->mtime), 0});
        }
        page.entries.push_back(std::move(o));
    }
    if (end != all.end())
        page.continuationToken = page.entries.back().name;
    else
        m_cache.reset();
    return page;
}

ObjectInfo FileStore::head(const std::string &bucket, const std::string &object)
{
    objectPath(bucket, object); // validates the name
    const struct stat st = statObject(*this, openParent(*this, bucket, object, false), bucket, object);
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
    objectPath(bucket, object); // validates the name
    struct stat st{};
    const Fd file = openObject(*this, bucket, object, &st);
    const int fd = file.get();
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
    objectPath(bucket, object); // validates the name
    // Parent directories are created inside the bucket, never following links out of it.
    const Parent p = openParent(*this, bucket, object, true);
    std::random_device rd;
    const std::string tmp = ".shardscope-tmp-" + std::to_string(rd()) + std::to_string(::getpid());
    Fd fd(::openat(p.dir.get(), tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (!fd)
        throw Error(ErrorKind::Io,
                    sysError("put " + url(bucket, object) + ": cannot create a file in the bucket"));
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
                const ssize_t w = ::write(fd.get(), buf.data() + off, n - off);
                if (w < 0) {
                    if (errno == EINTR)
                        continue;
                    throw Error(ErrorKind::Io, sysError("put " + url(bucket, object)));
                }
                off += static_cast<std::size_t>(w);
            }
            pos += n;
        }
        if (::fsync(fd.get()) != 0 || !fd.close()) // the descriptor is closed once, here or by ~Fd
            throw Error(ErrorKind::Io, sysError("put " + url(bucket, object)));
        if (::renameat(p.dir.get(), tmp.c_str(), p.dir.get(), p.leaf.c_str()) != 0)
            throw Error(ErrorKind::Io, sysError("put " + url(bucket, object)));
    } catch (...) {
        fd.reset();
        ::unlinkat(p.dir.get(), tmp.c_str(), 0);
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
// Removes `name` (in the directory `parent`) and everything below it, opening
// each directory relative to its parent without following links: a link is
// removed, never what it points to, even if one replaces a directory meanwhile.
void removeTreeAt(int parent, const std::string &name, const std::string &shown)
{
    if (Fd dir{::openat(parent, name.c_str(), kDirFlags)}) {
        std::vector<std::pair<std::string, bool>> entries; // read first: no removal while listing
        if (DIR *d = ::fdopendir(::dup(dir.get()))) {
            while (dirent *e = ::readdir(d)) {
                const std::string child = e->d_name;
                if (child == "." || child == "..")
                    continue;
                struct stat st{};
                const bool isDir = ::fstatat(dir.get(), child.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                                   S_ISDIR(st.st_mode);
                entries.emplace_back(child, isDir);
            }
            ::closedir(d);
        }
        for (const auto &[child, isDir] : entries) {
            if (isDir)
                removeTreeAt(dir.get(), child, shown + "/" + child);
            else
                ::unlinkat(dir.get(), child.c_str(), 0);
        }
    }
    if (::unlinkat(parent, name.c_str(), AT_REMOVEDIR) != 0)
        throw Error(ErrorKind::Io, sysError("cannot remove " + shown));
}
} // namespace

void FileStore::destroyBucket(const std::string &bucket)
{
    requireBucket(bucket);
    const std::string path = bucketPath(bucket);
    if (m_local) {
        // The embedded store owns its buckets: removed with their content.
        Fd root(::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!root)
            throw Error(ErrorKind::Io, sysError("remove bucket " + url(bucket)));
        removeTreeAt(root.get(), bucket, path);
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
