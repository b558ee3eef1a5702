#include "core/util/byte_pipe.h"

#include <algorithm>
#include <cstring>

namespace shardscope {

BytePipe::BytePipe(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 64 * 1024)) {}

bool BytePipe::push(const char *data, std::size_t size)
{
    while (size > 0) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [&] { return m_cancelled || m_buffer.size() - m_readPos < m_capacity; });
        if (m_cancelled)
            return false;
        if (m_readPos > 0 && m_readPos >= m_buffer.size() / 2) { // compact
            m_buffer.erase(0, m_readPos);
            m_readPos = 0;
        }
        const std::size_t room = m_capacity - (m_buffer.size() - m_readPos);
        const std::size_t n = std::min(room, size);
        m_buffer.append(data, n);
        data += n;
        size -= n;
        m_cv.notify_all();
    }
    return true;
}

void BytePipe::close()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_closed = true;
    m_cv.notify_all();
}

void BytePipe::fail(std::exception_ptr error)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_error = std::move(error);
    m_closed = true;
    m_cv.notify_all();
}

std::size_t BytePipe::pull(char *out, std::size_t size)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [&] { return m_closed || m_cancelled || m_buffer.size() > m_readPos; });
    const std::size_t avail = m_buffer.size() - m_readPos;
    if (avail == 0) {
        if (m_error)
            std::rethrow_exception(m_error);
        return 0;
    }
    const std::size_t n = std::min(avail, size);
    std::memcpy(out, m_buffer.data() + m_readPos, n);
    m_readPos += n;
    if (m_readPos == m_buffer.size()) {
        m_buffer.clear();
        m_readPos = 0;
    }
    m_cv.notify_all();
    return n;
}

void BytePipe::cancel()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelled = true;
    m_cv.notify_all();
}

} // namespace shardscope
