// The probe behind `shardscope --measure` (benchmark P5) splits each stall
// into the GUI thread's own work and its wait for a core. These tests check
// that split on a handler whose CPU time the test itself spends; every bound
// follows from that work (a slower or busier machine only makes the measured
// values larger), so none of them is a timing assertion.

#include "ui/diagnostics/responsiveness_probe.h"

#include <QFile>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include <pthread.h>
#include <sched.h>

using shardscope::ui::ResponsivenessProbe;

namespace {

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Spends `ms` of this thread's CPU time without returning to the event loop.
void spin(double ms)
{
    const double until = threadCpuMs() + ms;
    volatile unsigned sink = 0;
    while (threadCpuMs() < until)
        for (int i = 0; i < 1000; ++i)
            sink = sink + unsigned(i);
}

// This thread's time ready to run but waiting for a core, or -1.
double runQueueWaitMs()
{
    std::FILE *f = std::fopen("/proc/thread-self/schedstat", "r");
    if (!f)
        return -1;
    unsigned long long run = 0, wait = 0;
    const bool ok = std::fscanf(f, "%llu %llu", &run, &wait) == 2;
    std::fclose(f);
    return ok ? double(wait) / 1e6 : -1;
}

} // namespace

class TestResponsivenessProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void busyHandlerIsTheAppsOwnStall()
    {
        ResponsivenessProbe probe(5);
        probe.start();
        QTest::qWait(20);
        spin(40);         // on the GUI thread, between two ticks
        QTest::qWait(50); // the late tick, and more
        const ResponsivenessProbe::Summary s = probe.stop();
        QVERIFY(s.ticks > 0);
        // The interval holding the handler used at least its 40 ms of CPU, and
        // the tick after it came at least 40 - 5 ms late.
        QVERIFY2(s.cpuMax >= 39.0, qPrintable(QString::number(s.cpuMax)));
        QVERIFY2(s.max >= 34.0, qPrintable(QString::number(s.max)));
        if (!QFile::exists(QStringLiteral("/proc/thread-self/schedstat")))
            QSKIP("this kernel does not report run-queue waits");
        QVERIFY(s.hasWait);
        // Time spent running and time spent waiting for a core are disjoint
        // parts of the interval, so the stall less the wait is at least the
        // handler's CPU time less one interval: the stall stays the app's own.
        QVERIFY2(s.ownMax >= 34.0, qPrintable(QString::number(s.ownMax)));
        QVERIFY(s.waitMax >= 0.0);
    }

    void waitingForACoreIsNotTheAppsOwn()
    {
        if (runQueueWaitMs() < 0)
            QSKIP("this kernel does not report run-queue waits");
        // The GUI thread and a busy thread share one core, so the GUI thread
        // spends part of its busy handler waiting for it.
        cpu_set_t before;
        QCOMPARE(pthread_getaffinity_np(pthread_self(), sizeof before, &before), 0);
        int core = 0;
        while (core < CPU_SETSIZE && !CPU_ISSET(core, &before))
            ++core;
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(core, &one);
        QCOMPARE(pthread_setaffinity_np(pthread_self(), sizeof one, &one), 0);
        std::atomic<bool> stop{false};
        std::thread hog([&] {
            pthread_setaffinity_np(pthread_self(), sizeof one, &one);
            while (!stop.load(std::memory_order_relaxed)) {
            }
        });

        ResponsivenessProbe probe(5);
        probe.start();
        QTest::qWait(20);
        const double cpu0 = threadCpuMs(), wait0 = runQueueWaitMs();
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while ((threadCpuMs() < cpu0 + 30 || runQueueWaitMs() < wait0 + 20) &&
               std::chrono::steady_clock::now() < deadline)
            spin(1);
        const double waited = runQueueWaitMs() - wait0;
        stop = true;
        hog.join();
        pthread_setaffinity_np(pthread_self(), sizeof before, &before);
        QTest::qWait(50);
        const ResponsivenessProbe::Summary s = probe.stop();
        if (waited < 20)
            QSKIP("the busy thread never took the shared core");
        QVERIFY(s.hasWait);
        // That interval's wait is at least 20 ms, and the stall less the wait
        // stays below the stall: the probe does not count it as the app's.
        QVERIFY2(s.waitMax >= 19.0, qPrintable(QString::number(s.waitMax)));
        QVERIFY2(s.max >= 45.0, qPrintable(QString::number(s.max)));
        QVERIFY2(s.ownMax <= s.max - 15.0,
                 qPrintable(QStringLiteral("own %1, stall %2").arg(s.ownMax).arg(s.max)));
    }

    void idleProbeReportsNoOwnWork()
    {
        ResponsivenessProbe probe(5);
        probe.start();
        QTest::qWait(60);
        const ResponsivenessProbe::Summary s = probe.stop();
        QVERIFY(s.ticks > 0);
        // Nothing but the probe ran: far less CPU per interval than the 40 ms
        // above (a bound on work, not on time: waiting does not count).
        QVERIFY2(s.cpuMax < 20.0, qPrintable(QString::number(s.cpuMax)));
    }

    void stopWithoutTicksIsEmpty()
    {
        ResponsivenessProbe probe(5);
        probe.start();
        const ResponsivenessProbe::Summary s = probe.stop();
        QCOMPARE(s.ticks, 0);
        QCOMPARE(s.max, 0.0);
        QCOMPARE(s.ownMax, 0.0);
    }
};

QTEST_MAIN(TestResponsivenessProbe)
#include "test_responsiveness_probe.moc"
