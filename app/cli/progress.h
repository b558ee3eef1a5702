#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace shardscope::cli {

// Progress of long work on stderr: "1234/5000 shards  812/s  1.5 s", redrawn
// in place a few times a second. Only when stderr is a terminal and the user
// did not ask for --quiet: a pipe or a file never sees a progress byte, and
// standard output is never touched. Counting is thread-safe and cheap
// (an atomic add), so workers may call add() per item.
class Progress
{
public:
    // `unit`: what is counted ("objects", "samples"); `total`: 0 when unknown.
    // `enabled` false makes every call a no-op (see progressWanted).
    Progress(std::string unit, std::uint64_t total, bool enabled);
    ~Progress(); // finish()
    Progress(const Progress &) = delete;
    Progress &operator=(const Progress &) = delete;

    void add(std::uint64_t n = 1) { m_done.fetch_add(n, std::memory_order_relaxed); }
    void set(std::uint64_t done) { m_done.store(done, std::memory_order_relaxed); }
    void setTotal(std::uint64_t total) { m_total.store(total, std::memory_order_relaxed); }
    // Text appended to the line from the next redraw on (e.g. bench's live rate).
    void setNote(std::string note);
    // Stops redrawing and erases the line, so what the command prints next
    // starts on a clean line. Idempotent.
    void finish();

    bool enabled() const { return m_enabled; }
    // The line as it would be drawn after `seconds` (without the carriage return).
    std::string line(double seconds) const;

private:
    void draw();

    const std::string m_unit;
    const bool m_enabled;
    std::atomic<std::uint64_t> m_total;
    std::atomic<std::uint64_t> m_done{0};
    std::string m_note; // guarded by m_mutex
    const std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

// True when progress should be drawn: not quiet, stderr is a terminal, and
// the command does not stream its results to the same screen meanwhile
// (`streamsToStdout` and stdout is a terminal too: the lines would mix).
bool progressWanted(bool quiet, bool streamsToStdout);

} // namespace shardscope::cli
