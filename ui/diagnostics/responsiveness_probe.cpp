#include "ui/diagnostics/responsiveness_probe.h"

#include <QFile>

#include <algorithm>

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
        m_stalls.push_back(std::max(0.0, double(now - m_last) / 1e6 - m_interval));
        m_last = now;
    });
}

void ResponsivenessProbe::start()
{
    m_stalls.clear();
    m_clock.start();
    m_last = 0;
    m_timer.start();
}

ResponsivenessProbe::Summary ResponsivenessProbe::stop()
{
    m_timer.stop();
    Summary s;
    s.ticks = int(m_stalls.size());
    if (m_stalls.empty())
        return s;
    std::vector<double> v = m_stalls;
    std::sort(v.begin(), v.end());
    auto at = [&v](double q) { return v[std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5))]; };
    s.p50 = at(0.50);
    s.p95 = at(0.95);
    s.p99 = at(0.99);
    s.max = v.back();
    return s;
}

double ResponsivenessProbe::residentMiB() { return statusField("VmRSS"); }
double ResponsivenessProbe::peakResidentMiB() { return statusField("VmHWM"); }

} // namespace shardscope::ui
