#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace shardscope::ui {

// Measures how long the GUI thread is kept from its event loop: a timer asks
// to run every `interval` ms; each tick records how much later than asked it
// ran (a stall). Used by `shardscope --measure` (benchmark P5), never by tests
// as a pass/fail criterion.
class ResponsivenessProbe : public QObject
{
    Q_OBJECT
public:
    struct Summary
    {
        int ticks = 0;
        double p50 = 0, p95 = 0, p99 = 0, max = 0; // stall in milliseconds
    };

    explicit ResponsivenessProbe(int intervalMs = 5, QObject *parent = nullptr);
    void start();
    Summary stop(); // the stalls since start()

    static double residentMiB();     // VmRSS now
    static double peakResidentMiB(); // VmHWM: the most this process ever had

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    int m_interval;
    std::vector<double> m_stalls;
};

} // namespace shardscope::ui
