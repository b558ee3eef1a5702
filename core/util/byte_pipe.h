#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>

namespace shardscope {

// A bounded byte queue between a producer thread that is pushed data (an HTTP
// download's sink) and a consumer that pulls it (libarchive). Memory stays
// within `capacity` bytes whatever the object size.
class BytePipe
{
public:
    explicit BytePipe(std::size_t capacity = 4u << 20);

    // Producer side. push() blocks while the pipe is full; returns false once
    // the consumer has cancelled (the producer should stop).
    bool push(const char *data, std::size_t size);
    void close();                        // end of data
    void fail(std::exception_ptr error); // the producer failed: the consumer rethrows

    // Consumer side. Copies up to `size` bytes; returns 0 at the end of data.
    // Rethrows the producer's error.
    std::size_t pull(char *out, std::size_t size);
    void cancel(); // the consumer stops: wakes and stops the producer

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::string m_buffer; // ring-free: consumed bytes are erased in blocks
    std::size_t m_readPos = 0;
    std::size_t m_capacity;
    bool m_closed = false;
    bool m_cancelled = false;
    std::exception_ptr m_error;
};

} // namespace shardscope
