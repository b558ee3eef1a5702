#include "util/atomic_file.h"

#include "util/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace shardscope {
namespace {
[[noreturn]] void fail(const std::string &path)
{
    throw Error(ErrorKind::Io, "cannot write " + path + ": " + std::strerror(errno));
}
} // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
    std::random_device rd;
    m_tmp = m_path + ".part-" + std::to_string(rd());
    m_fd = ::open(m_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (m_fd < 0)
        fail(m_path);
}

AtomicFile::~AtomicFile()
{
    if (m_fd >= 0) {
        ::close(m_fd);
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
}

void writeFileAtomically(const std::string &path, std::string_view text)
{
    AtomicFile f(path);
    f.write(text.data(), text.size());
    f.commit();
}

} // namespace shardscope
