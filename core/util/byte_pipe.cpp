#include "core/util/byte_pipe.h"

#include <algorithm>
#include <cstring>

namespace shardscope {

BytePipe::BytePipe(std::size_t capacity) : m_capacity(std::max<std::size_t>(capacity, 64 * 1024)) {}

bool BytePipe::push(const char *data, std::size_t size)
{
    while (size > 0) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_cv.wait(lock, [&] { return m_cancelled || m_bytes < m_capacity; });
        if (m_cancelled)
            return false;
        const std::size_t room = m_capacity - m_bytes;
        // Gather into the newest block while it has room.
        if (m_blocks.empty() || m_blocks.back().size() >= kBlock) {
            m_blocks.emplace_back();
            m_blocks.back().reserve(kBlock);
        }
        std::string &block = m_blocks.back();
        const std::size_t n = std::min({room, size, kBlock - std::min(kBlock, block.size())});
        block.append(data, n);
        m_bytes += n;
        data += n;
        size -= n;
        // A block consumer waits for a whole block: wake it when one is.
        if (m_wantAny || block.size() >= kBlock || m_bytes >= m_capacity)
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

void BytePipe::releaseHeld()
{
    if (m_held.empty())
        return;
    m_bytes -= m_held.size();
    m_held.clear();
    m_cv.notify_all();
}

bool BytePipe::waitForData(std::unique_lock<std::mutex> &lock, bool any)
{
    const auto ready = [&] {
        if (m_closed || m_cancelled || m_blocks.size() > 1)
            return true;
        if (m_blocks.empty())
            return false;
        // One block, maybe still filling: enough when it is whole, or when
        // the pipe is full (capacity below a block), or for pull().
        return any || m_blocks.front().size() >= kBlock || m_bytes >= m_capacity;
    };
    m_wantAny = any;
    m_cv.wait(lock, ready);
    m_wantAny = false;
    if (!m_blocks.empty())
        return true;
    if (m_error)
        std::rethrow_exception(m_error);
    return false;
}

std::size_t BytePipe::pull(char *out, std::size_t size)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    releaseHeld();
    if (size == 0 || !waitForData(lock, true))
        return 0;
    std::string &front = m_blocks.front();
    const std::size_t n = std::min(front.size() - m_frontPos, size);
    std::memcpy(out, front.data() + m_frontPos, n);
    m_frontPos += n;
    m_bytes -= n;
    if (m_frontPos == front.size()) {
        m_blocks.pop_front();
        m_frontPos = 0;
    }
    m_cv.notify_all();
    return n;
}

std::string_view BytePipe::pullBlock()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    releaseHeld();
    if (!waitForData(lock, false))
        return {};
    m_held = std::move(m_blocks.front());
    m_blocks.pop_front();
    if (m_frontPos > 0) { // pull() took the start of it
        m_bytes -= m_frontPos;
        m_held.erase(0, m_frontPos);
        m_frontPos = 0;
    }
    m_cv.notify_all();
    return m_held;
}

void BytePipe::cancel()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_cancelled = true;
    m_cv.notify_all();
}

} // namespace shardscope
