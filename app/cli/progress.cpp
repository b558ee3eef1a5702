#include "app/cli/progress.h"

#include <cstdio>
#include <unistd.h>

namespace shardscope::cli {
namespace {

constexpr auto kRedraw = std::chrono::milliseconds(250);

std::string number(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

} // namespace

bool progressWanted(bool quiet, bool streamsToStdout)
{
    return !quiet && isatty(STDERR_FILENO) == 1 && !(streamsToStdout && isatty(STDOUT_FILENO) == 1);
}

Progress::Progress(std::string unit, std::uint64_t total, bool enabled)
    : m_unit(std::move(unit)), m_enabled(enabled), m_total(total)
{
    if (!m_enabled)
        return;
    m_thread = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_mutex);
        // Drawn at least once, so even short work shows what it did.
        do {
            draw();
        } while (!m_wake.wait_for(lock, kRedraw, [this] { return m_stop; }));
    });
}

Progress::~Progress() { finish(); }

void Progress::setNote(std::string note)
{
    if (!m_enabled)
        return;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_note = std::move(note);
}

void Progress::finish()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
}

std::string Progress::line(double seconds) const
{
    const std::uint64_t done = m_done.load(std::memory_order_relaxed);
    const std::uint64_t total = m_total.load(std::memory_order_relaxed);
    std::string s = std::to_string(done);
    if (total > 0)
        s += "/" + std::to_string(total);
    s += " " + m_unit;
    if (seconds > 0.5)
        s += "  " + number(done / seconds, done / seconds < 10 ? 1 : 0) + "/s";
    s += "  " + number(seconds, 1) + " s";
    return s;
}

void Progress::draw()
{
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    std::string s = "\r" + line(seconds);
    if (!m_note.empty())
        s += "  " + m_note;
    s += "\x1b[K";
    std::fputs(s.c_str(), stderr);
    std::fflush(stderr);
}

} // namespace shardscope::cli
