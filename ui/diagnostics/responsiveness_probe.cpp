#include "ui/diagnostics/responsiveness_probe.h"

#include <QFile>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <fcntl.h>
#include <unistd.h>

namespace shardscope::ui {

namespace {
double statusField(const char *name)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray key = QByteArray(name) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toDouble() / 1024.0; // kB -> MiB
    return 0;
}
} // namespace

ResponsivenessProbe::ResponsivenessProbe(int intervalMs, QObject *parent) : QObject(parent), m_interval(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        const double cpu = threadCpuMs();
        const double wait = runQueueWaitMs();
        m_ticks.push_back({std::max(0.0, double(now - m_last) / 1e6 - m_interval), cpu - m_lastCpu,
                           wait >= 0 && m_lastWait >= 0 ? wait - m_lastWait : -1.0});
        m_last = now;
        m_lastCpu = cpu;
        m_lastWait = wait;
    });
}

ResponsivenessProbe::~ResponsivenessProbe()
{
    if (m_schedstat >= 0)
        ::close(m_schedstat);
}

double ResponsivenessProbe::threadCpuMs() const
{
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return 0;
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double ResponsivenessProbe::runQueueWaitMs() const
{
    // "<ns on a cpu> <ns waiting on a run queue> <timeslices>", read again from
    // the start each time.
    char buf[96];
    if (m_schedstat < 0)
        return -1;
    const ssize_t n = ::pread(m_schedstat, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    unsigned long long run = 0, wait = 0;
    if (std::sscanf(buf, "%llu %llu", &run, &wait) != 2)
        return -1;
    return double(wait) / 1e6;
}

void ResponsivenessProbe::start()
{
    // Opened here, on the thread the timer runs on (the GUI thread), since
    // thread-self is resolved when the file is opened.
    if (m_schedstat < 0)
        m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    m_ticks.clear();
    m_clock.start();
    m_last = 0;
    m_lastCpu = threadCpuMs();
    m_lastWait = runQueueWaitMs();
    m_timer.start();
}

ResponsivenessProbe::Summary ResponsivenessProbe::stop()
{
    m_timer.stop();
    Summary s;
    s.ticks = int(m_ticks.size());
    if (m_ticks.empty())
        return s;
    struct Quantiles
    {
        double p50, p95, p99, max;
    };
    const auto quantiles = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        auto at = [&v](double q) {
            return v[std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5))];
        };
        return Quantiles{at(0.50), at(0.95), at(0.99), v.back()};
    };
    std::vector<double> stall, cpu, wait, own;
    s.hasWait = true;
    for (const Tick &t : m_ticks) {
        stall.push_back(t.stall);
        cpu.push_back(t.cpu);
        if (t.wait < 0)
            s.hasWait = false;
        wait.push_back(std::max(0.0, t.wait));
        own.push_back(std::max(0.0, t.stall - std::max(0.0, t.wait)));
    }
    const Quantiles st = quantiles(stall), c = quantiles(cpu);
    s.p50 = st.p50;
    s.p95 = st.p95;
    s.p99 = st.p99;
    s.max = st.max;
    s.cpuP99 = c.p99;
    s.cpuMax = c.max;
    if (s.hasWait) {
        const Quantiles w = quantiles(wait), o = quantiles(own);
        s.waitP99 = w.p99;
        s.waitMax = w.max;
        s.ownP99 = o.p99;
        s.ownMax = o.max;
    }
    return s;
}

double ResponsivenessProbe::residentMiB() { return statusField("VmRSS"); }
double ResponsivenessProbe::peakResidentMiB() { return statusField("VmHWM"); }

} // namespace shardscope::ui
