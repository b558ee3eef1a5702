#include "core/util/atomic_file.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace shardscope {
namespace {
[[noreturn]] void fail(const std::string &path)
{
    throw Error(ErrorKind::Io, "cannot write " + path + ": " + std::strerror(errno));
}

std::string directoryOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// The descriptor a path names when it is one of the process's own streams
// (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), else -1. Writing to
// a duplicate of it keeps the stream's offset and mode (a shell's >> appends).
int ownStream(const std::string &path)
{
    if (path == "/dev/stdout")
        return STDOUT_FILENO;
    if (path == "/dev/stderr")
        return STDERR_FILENO;
    for (const char *prefix : {"/dev/fd/", "/proc/self/fd/"}) {
        if (!startsWith(path, prefix) || path.size() == std::strlen(prefix))
            continue;
        char *end = nullptr;
        const long fd = std::strtol(path.c_str() + std::strlen(prefix), &end, 10);
        if (*end == '\0' && fd >= 0 && fd <= INT_MAX)
            return static_cast<int>(fd);
    }
    return -1;
}

// A temporary name beside `path` that fits in NAME_MAX however long the
// target's own name is: the target's name is cut to make room for the suffix.
std::string temporaryPath(const std::string &path)
{
    std::random_device rd;
    const std::string suffix = ".part-" + std::to_string(rd());
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    if (base.size() + suffix.size() > NAME_MAX)
        base.resize(NAME_MAX - suffix.size());
    return dir + base + suffix;
}
} // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
    // Targets that are no regular file (a pipe, a FIFO, a terminal, the
    // process's standard output) cannot be replaced: they are written directly.
    if (const int stream = ownStream(m_path); stream >= 0) {
        m_fd = ::fcntl(stream, F_DUPFD_CLOEXEC, 0);
        if (m_fd < 0)
            fail(m_path);
        m_direct = true;
        return;
    }
    struct stat st{};
    const bool exists = ::stat(m_path.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0)
            fail(m_path);
        m_direct = true;
        return;
    }
    m_tmp = temporaryPath(m_path);
    // A new file gets the usual 0666 less the umask; a replaced one keeps its mode.
    m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (m_fd < 0)
        fail(m_path);
    if (exists && S_ISREG(st.st_mode) && ::fchmod(m_fd, st.st_mode & 07777) != 0) {
        const int e = errno;
        ::close(m_fd);
        m_fd = -1;
        ::unlink(m_tmp.c_str());
        errno = e;
        fail(m_path);
    }
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        if (!m_direct)
            ::unlink(m_tmp.c_str());
    }
}

void AtomicFile::write(const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t w = ::write(m_fd, data, size);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            fail(m_path);
        }
        data += w;
        size -= static_cast<std::size_t>(w);
    }
}

void AtomicFile::commit()
{
    if (m_direct) {
        const bool closed = ::close(m_fd) == 0;
        m_fd = -1;
        if (!closed)
            fail(m_path);
        return;
    }
    const bool synced = ::fsync(m_fd) == 0;
    const int savedErrno = errno;
    const bool closed = ::close(m_fd) == 0;
    m_fd = -1;
    if (!synced || !closed || ::rename(m_tmp.c_str(), m_path.c_str()) != 0) {
        if (!synced)
            errno = savedErrno;
        const int e = errno;
        ::unlink(m_tmp.c_str());
        errno = e;
        fail(m_path);
    }
    // The rename is durable only once the directory that holds it is on disk.
    const int dir = ::open(directoryOf(m_path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        fail(m_path);
    const bool dirSynced = ::fsync(dir) == 0 || errno == EINVAL; // EINVAL: the file system cannot
    const int e = errno;
    ::close(dir);
    errno = e;
    if (!dirSynced)
        fail(m_path);
}

void writeFileAtomically(const std::string &path, std::string_view text)
{
    AtomicFile f(path);
    f.write(text.data(), text.size());
    f.commit();
}

} // namespace shardscope
