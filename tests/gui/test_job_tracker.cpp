// The job layer every background site of the GUI uses: results on the GUI
// thread, errors of any type reported with the job's name, stale results
// dropped, Stop per job, bounded shutdown that lets saves finish.

#include "ui/guarded_application.h"
#include "ui/jobs/job_tracker.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace shardscope;
using namespace shardscope::ui;

namespace {
// Blocks a job until released or cancelled (no sleeps as assertions: the
// tests wait for states, never for durations).
struct Gate
{
    std::atomic<bool> open{false};
    std::atomic<bool> entered{false};
    void wait(JobContext &job, bool honourCancel = true)
    {
        entered = true;
        while (!open && !(honourCancel && job.cancelled()))
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (honourCancel)
            job.throwIfCancelled();
    }
};
} // namespace

class TestJobTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resultArrivesOnTheGuiThread();
    void anyExceptionBecomesAnErrorNamingTheJob();
    void aNewJobInTheSameSlotDropsTheOldResult();
    void stopEndsOneJobWithCancelled();
    void noCallbackForAnOwnerThatIsGone();
    void partialResultsArriveInOrder();
    void laneRunsJobsOneAfterAnother();
    void shutdownCancelsWaitsBoundedAndLetsSavesFinish();
};

void TestJobTracker::resultArrivesOnTheGuiThread()
{
    JobTracker tracker(2);
    QObject owner;
    QThread *workThread = nullptr, *doneThread = nullptr;
    int result = 0;
    QSignalSpy started(&tracker, &JobTracker::jobStarted);
    QSignalSpy finished(&tracker, &JobTracker::jobFinished);
    const JobId id = tracker.start(
        &owner, QStringLiteral("adding"),
        [&](JobContext &) {
            workThread = QThread::currentThread();
            return 40 + 2;
        },
        [&](int r) {
            doneThread = QThread::currentThread();
            result = r;
        });
    QCOMPARE(started.count(), 1);
    QCOMPARE(started.at(0).at(1).toString(), QStringLiteral("adding"));
    QTRY_COMPARE_WITH_TIMEOUT(result, 42, 5000);
    QVERIFY(workThread != QCoreApplication::instance()->thread());
    QCOMPARE(doneThread, QCoreApplication::instance()->thread());
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).value<JobId>(), id);
    QVERIFY(finished.at(0).at(1).toString().isEmpty()); // success: the owner reports
    QVERIFY(tracker.isIdle());
}

void TestJobTracker::anyExceptionBecomesAnErrorNamingTheJob()
{
    JobTracker tracker(2);
    QObject owner;
    std::vector<Error> errors;
    bool doneCalled = false;
    auto fail = [&](const Error &e) { errors.push_back(e); };
    tracker.start(
        &owner, QStringLiteral("parsing a.json"),
        [](JobContext &) -> int { throw std::out_of_range("stoll"); }, [&](int) { doneCalled = true; }, fail);
    tracker.start(
        &owner, QStringLiteral("reading ais://b/x"),
        [](JobContext &) -> int { throw Error(ErrorKind::ObjectNotFound, "ais://b/x: not found"); },
        [&](int) { doneCalled = true; }, fail);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), std::size_t(2), 5000);
    QVERIFY(!doneCalled);
    // Order of completion is not fixed: find each.
    bool sawLibrary = false, sawOwn = false;
    for (const Error &e : errors) {
        const std::string what = e.what();
        if (what.find("parsing a.json") != std::string::npos && what.find("stoll") != std::string::npos)
            sawLibrary = e.kind() == ErrorKind::Internal;
        if (e.kind() == ErrorKind::ObjectNotFound && what == "ais://b/x: not found")
            sawOwn = true;
    }
    QVERIFY(sawLibrary);
    QVERIFY(sawOwn);
}

void TestJobTracker::aNewJobInTheSameSlotDropsTheOldResult()
{
    JobTracker tracker(2);
    QObject owner;
    Gate gate;
    std::vector<int> delivered;
    std::atomic<bool> oldSawCancel{false};
    tracker.start(
        &owner, QStringLiteral("listing v1"),
        [&](JobContext &job) {
            gate.wait(job, false); // ignores the cancel flag: its result must still be dropped
            oldSawCancel = job.cancelled();
            return 1;
        },
        [&](int r) { delivered.push_back(r); }, nullptr, JobOptions{QStringLiteral("list")});
    QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load(), 5000);
    QVERIFY(tracker.isRunning(&owner, QStringLiteral("list")));
    tracker.start(
        &owner, QStringLiteral("listing v2"), [](JobContext &) { return 2; },
        [&](int r) { delivered.push_back(r); }, nullptr, JobOptions{QStringLiteral("list")});
    QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), std::size_t(1), 5000);
    gate.open = true;
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), 5000);
    QCoreApplication::processEvents(); // the old job's end, if it were delivered
    QCOMPARE(delivered, std::vector<int>{2});
    QVERIFY(oldSawCancel.load()); // it was told to stop
}

void TestJobTracker::stopEndsOneJobWithCancelled()
{
    JobTracker tracker(2);
    QObject owner;
    Gate a, b;
    std::vector<QString> outcome;
    auto work = [](Gate &g) { return [&g](JobContext &job) { g.wait(job); }; };
    const JobId ida = tracker.start(
        &owner, QStringLiteral("job a"), work(a), [&] { outcome.push_back(QStringLiteral("a done")); },
        [&](const Error &e) {
            outcome.push_back(e.kind() == ErrorKind::Cancelled ? QStringLiteral("a stopped") : QString());
        });
    tracker.start(&owner, QStringLiteral("job b"), work(b),
                  [&] { outcome.push_back(QStringLiteral("b done")); });
    QSignalSpy finished(&tracker, &JobTracker::jobFinished);
    QTRY_VERIFY_WITH_TIMEOUT(a.entered && b.entered, 5000);
    QCOMPARE(tracker.jobs().size(), std::size_t(2));
    tracker.cancel(ida);
    QTRY_COMPARE_WITH_TIMEOUT(outcome.size(), std::size_t(1), 5000);
    QCOMPARE(outcome.front(), QStringLiteral("a stopped"));
    QVERIFY(finished.at(0).at(1).toString().isEmpty()); // a's owner reports it (failed was given)
    QCOMPARE(tracker.jobs().size(), std::size_t(1));
    QCOMPARE(tracker.jobs().front().title, QStringLiteral("job b"));
    b.open = true;
    QTRY_COMPARE_WITH_TIMEOUT(outcome.size(), std::size_t(2), 5000);
    QCOMPARE(outcome.back(), QStringLiteral("b done"));
}

void TestJobTracker::noCallbackForAnOwnerThatIsGone()
{
    JobTracker tracker(2);
    auto *owner = new QObject;
    Gate gate;
    bool called = false;
    tracker.start(
        owner, QStringLiteral("decoding"),
        [&](JobContext &job) {
            gate.wait(job, false);
            return 1;
        },
        [&](int) { called = true; }, [&](const Error &) { called = true; });
    QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load(), 5000);
    delete owner;
    gate.open = true;
    QTRY_VERIFY_WITH_TIMEOUT(tracker.isIdle(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(tracker.jobs().empty(), 5000);
    QVERIFY(!called);
}

void TestJobTracker::partialResultsArriveInOrder()
{
    JobTracker tracker(2);
    QObject owner;
    std::vector<int> rows;
    bool done = false;
    tracker.start(
        &owner, QStringLiteral("reading a shard"),
        [&rows](JobContext &job) {
            for (int i = 0; i < 500; ++i)
                job.post([&rows, i] { rows.push_back(i); });
            job.setProgress(500, 500);
        },
        [&] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QCOMPARE(rows.size(), std::size_t(500));
    for (int i = 0; i < 500; ++i)
        QCOMPARE(rows[std::size_t(i)], i);
}

void TestJobTracker::laneRunsJobsOneAfterAnother()
{
    JobTracker tracker(4);
    QObject owner;
    std::atomic<int> inside{0}, most{0};
    std::vector<int> order;
    for (int i = 0; i < 6; ++i)
        tracker.start(
            &owner, QStringLiteral("page %1").arg(i),
            [&, i](JobContext &) {
                most = std::max(most.load(), ++inside);
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
                --inside;
                return i;
            },
            [&](int r) { order.push_back(r); }, nullptr, JobOptions{QString(), true, true, "pages"});
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), std::size_t(6), 5000);
    QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(most.load(), 1);
}

void TestJobTracker::shutdownCancelsWaitsBoundedAndLetsSavesFinish()
{
    JobTracker tracker(3);
    QObject owner;
    Gate listing, stuck, save;
    std::atomic<bool> saveFinished{false};
    tracker.start(
        &owner, QStringLiteral("listing"), [&](JobContext &job) { listing.wait(job); }, [] {});
    // A job that ignores its cancel flag until the gate opens.
    tracker.start(
        &owner, QStringLiteral("stuck"), [&](JobContext &job) { stuck.wait(job, false); }, [] {});
    tracker.start(
        &owner, QStringLiteral("saving"),
        [&](JobContext &job) {
            save.wait(job, false);
            saveFinished = !job.cancelled();
        },
        [] {}, nullptr, JobOptions{QString(), false});
    QTRY_VERIFY_WITH_TIMEOUT(listing.entered && stuck.entered && save.entered, 5000);
    save.open = true;
    // The stuck job holds the shutdown: it returns false when the bound passes.
    QVERIFY(!tracker.shutdown(std::chrono::milliseconds(100)));
    QTRY_VERIFY_WITH_TIMEOUT(saveFinished.load(), 5000); // not cancelled: the save completed
    stuck.open = true;
    QVERIFY(tracker.shutdown(std::chrono::seconds(30)));
    QVERIFY(tracker.isIdle());
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    GuardedApplication app(argc, argv);
    TestJobTracker t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_job_tracker.moc"
