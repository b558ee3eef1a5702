#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>

namespace shardscope {

// A bounded byte queue between a producer thread that is pushed data (an HTTP
// download's sink) and a consumer that pulls it (libarchive). Memory stays
// within `capacity` bytes (plus one block) whatever the object size.
//
// Data waits in blocks of up to kBlock bytes (small pushes are gathered into
// one block); pullBlock() hands the consumer a whole block without copying it,
// so a download is copied once on its way in and never on its way out. The
// consumer of blocks is woken once per block, not once per push.
class BytePipe
{
public:
    static constexpr std::size_t kBlock = 256 * 1024;

    explicit BytePipe(std::size_t capacity = 4u << 20);

    // Producer side. push() blocks while the pipe is full; returns false once
    // the consumer has cancelled (the producer should stop).
    bool push(const char *data, std::size_t size);
    void close();                        // end of data
    void fail(std::exception_ptr error); // the producer failed: the consumer rethrows

    // Consumer side, one thread. pull() copies up to `size` bytes; returns 0 at
    // the end of data. pullBlock() gives the next block (empty at the end),
    // valid until the consumer's next call. Both rethrow the producer's error.
    std::size_t pull(char *out, std::size_t size);
    std::string_view pullBlock();
    void cancel(); // the consumer stops: wakes and stops the producer

private:
    // Waits for data (a whole block unless `any`) or the end; false at the end
    // (after rethrowing an error).
    bool waitForData(std::unique_lock<std::mutex> &lock, bool any);
    void releaseHeld(); // under the lock

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::string> m_blocks; // waiting, oldest first
    std::size_t m_frontPos = 0;       // bytes of the front block pull() has taken
    std::string m_held;               // the block pullBlock() last gave out
    std::size_t m_bytes = 0;          // waiting + held
    std::size_t m_capacity;
    bool m_closed = false;
    bool m_cancelled = false;
    bool m_wantAny = false; // pull() waits for any byte, not a whole block
    std::exception_ptr m_error;
};

} // namespace shardscope
