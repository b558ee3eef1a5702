#include "core/storage/file_walk.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace shardscope {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

std::string sysError(const std::string &what)
{
    return what + ": " + std::strerror(errno);
}

struct ClosedAtEnd
{
    int fd;
    ~ClosedAtEnd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

// Walks the directory `fd` (whose names start with `rel`), collecting regular
// files. Every child is opened relative to its parent without following a
// link, so a link inside the bucket never leads the walk out of it.
// Bounded: throws when `out` would pass `maxEntries` entries or
// FileStore::kMaxListedNameBytes of names.
void walkDirectory(int fd, const std::string &rel, bool recursive, const std::string &prefix,
                   std::size_t maxEntries, FileStore::Listing &out)
{
    std::unique_ptr<DIR, int (*)(DIR *)> dirStream(::fdopendir(::dup(fd)), ::closedir);
    DIR *d = dirStream.get();
    if (!d)
        throw Error(ErrorKind::Io, sysError("cannot read directory " + quoted(rel.empty() ? "." : rel)));
    auto add = [&](const std::string &name, std::uint64_t size, const struct timespec &mtime,
                   bool directory) {
        if (out.entries.size() >= maxEntries ||
            out.names.size() + name.size() > FileStore::kMaxListedNameBytes) {
            throw Error(ErrorKind::InvalidArgument,
                        "more than " + std::to_string(maxEntries) + " entries (or " +
                            std::to_string(FileStore::kMaxListedNameBytes >> 20) + " MiB of names) under " +
                            quoted(prefix.empty() ? "the bucket's top" : prefix) +
                            ": too many to list in order; list a prefix (a sub-directory)");
        }
        FileStore::Listing::Entry e;
        e.offset = static_cast<std::uint32_t>(out.names.size());
        e.length =
            static_cast<std::uint32_t>(name.size()) | (directory ? FileStore::Listing::kDirectory : 0u);
        e.size = size;
        e.mtime = static_cast<std::int64_t>(mtime.tv_sec);
        out.names += name;
        out.entries.push_back(e);
    };
    std::vector<std::string> children;
    while (dirent *e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name == "." || name == ".." || startsWith(name, ".shardscope-tmp-"))
            continue;
        struct stat st
        {
        };
        if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; // vanished meanwhile
        const std::string relName = rel + name;
        if (S_ISDIR(st.st_mode)) {
            // Descend only where the prefix can still match.
            const std::string asDir = relName + "/";
            if (!startsWith(asDir, prefix) && !startsWith(prefix, asDir))
                continue;
            if (recursive || startsWith(prefix, asDir)) {
                children.push_back(name);
                continue;
            }
            if (startsWith(asDir, prefix))
                add(asDir, 0, {}, true);
        } else if (S_ISREG(st.st_mode)) { // links, FIFOs, sockets and devices are no objects
            if (startsWith(relName, prefix))
                add(relName, static_cast<std::uint64_t>(st.st_size), st.st_mtim, false);
        }
    }
    dirStream.reset(); // one open directory at a time, however deep the tree
    for (const std::string &name : children) {
        const ClosedAtEnd child{::openat(fd, name.c_str(), kDirFlags)};
        if (child.fd < 0) {
            if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
                continue; // vanished or replaced by a link meanwhile
            throw Error(ErrorKind::Io, sysError("cannot read directory " + quoted(rel + name)));
        }
        walkDirectory(child.fd, rel + name + "/", recursive, prefix, maxEntries, out);
    }
}

} // namespace shardscope
