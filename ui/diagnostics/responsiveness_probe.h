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
//
// Each tick also records where the time since the last one went: the GUI
// thread's own CPU time (CLOCK_THREAD_CPUTIME_ID) and, where the kernel keeps
// it (/proc/thread-self/schedstat), the time it was ready to run but waited
// for a core. A stall minus that wait is the stall the thread would have had
// with a core whenever it wanted one: the part the application's own work
// causes, as opposed to other programs on a busy machine.
class ResponsivenessProbe : public QObject
{
    Q_OBJECT
public:
    struct Summary
    {
        int ticks = 0;
        double p50 = 0, p95 = 0, p99 = 0, max = 0; // stall in milliseconds
        // Per tick interval, milliseconds: the GUI thread's CPU time.
        double cpuP99 = 0, cpuMax = 0;
        // Waiting for a core, and the stall without that wait; only when
        // hasWait (the kernel reports run-queue waits).
        bool hasWait = false;
        double waitP99 = 0, waitMax = 0;
        double ownP99 = 0, ownMax = 0;
    };

    explicit ResponsivenessProbe(int intervalMs = 5, QObject *parent = nullptr);
    ~ResponsivenessProbe() override;
    void start();
    Summary stop(); // the stalls since start()

    static double residentMiB();     // VmRSS now
    static double peakResidentMiB(); // VmHWM: the most this process ever had

private:
    struct Tick
    {
        double stall, cpu, wait; // milliseconds
    };
    double threadCpuMs() const;
    double runQueueWaitMs() const; // < 0 when unknown

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_lastCpu = 0, m_lastWait = 0;
    int m_interval;
    int m_schedstat = -1; // /proc/thread-self/schedstat of the GUI thread, kept open
    std::vector<Tick> m_ticks;
};

} // namespace shardscope::ui
