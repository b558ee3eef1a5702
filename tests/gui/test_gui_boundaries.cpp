// The GUI's boundaries: an exception escaping an event handler is reported and
// the application goes on (Qt alone would terminate it); results posted from a
// pool thread reach their receiver on the GUI thread, and never a receiver that
// is gone.

#include "ui/background.h"
#include "ui/guarded_application.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace shardscope::ui;

namespace {
class Throwing : public QObject
{
public:
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::User)
            throw std::out_of_range("stoll");
        return QObject::event(e);
    }
};
} // namespace

class TestGuiBoundaries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exceptionInAnEventHandlerIsReported();
    void postedResultsRunOnTheGuiThread();
    void postedResultsSkipAReceiverThatIsGone();
    void queueEndsRunningTasksAndFinishesOrDropsQueuedOnes_data();
    void queueEndsRunningTasksAndFinishesOrDropsQueuedOnes();
};

void TestGuiBoundaries::exceptionInAnEventHandlerIsReported()
{
    auto *app = qobject_cast<GuardedApplication *>(QCoreApplication::instance());
    QVERIFY(app);
    QSignalSpy spy(app, &GuardedApplication::unexpectedError);
    Throwing t;
    QEvent e(QEvent::User);
    QCoreApplication::sendEvent(&t, &e);
    QCOMPARE(spy.count(), 1);
    const QString message = spy.at(0).at(0).toString();
    QVERIFY2(message.contains(QStringLiteral("handling a user interface event")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("stoll")), qPrintable(message));
    // The event loop goes on.
    bool fired = false;
    QTimer::singleShot(0, [&] { fired = true; });
    QTRY_VERIFY_WITH_TIMEOUT(fired, 5000);
}

void TestGuiBoundaries::postedResultsRunOnTheGuiThread()
{
    QObject receiver;
    QPointer<QObject> guard(&receiver);
    QThread *ranOn = nullptr;
    std::thread worker([guard, &ranOn] {
        postToGui(guard, [&ranOn](QObject *) { ranOn = QThread::currentThread(); });
    });
    worker.join();
    QTRY_VERIFY_WITH_TIMEOUT(ranOn != nullptr, 5000);
    QCOMPARE(ranOn, QCoreApplication::instance()->thread());
}

void TestGuiBoundaries::postedResultsSkipAReceiverThatIsGone()
{
    auto *receiver = new QObject;
    QPointer<QObject> guard(receiver);
    std::atomic<int> posted{0};
    int called = 0;
    std::thread worker([guard, &posted, &called] {
        for (int i = 0; i < 100; ++i) {
            postToGui(guard, [&called](QObject *) { ++called; });
            ++posted;
        }
    });
    worker.join();
    delete receiver; // before the GUI thread ran any of the posted calls
    bool drained = false;
    QTimer::singleShot(0, [&] { drained = true; });
    QTRY_VERIFY_WITH_TIMEOUT(drained, 5000);
    QCOMPARE(posted.load(), 100);
    QCOMPARE(called, 0);
}

void TestGuiBoundaries::queueEndsRunningTasksAndFinishesOrDropsQueuedOnes_data()
{
    QTest::addColumn<bool>("finishQueued");
    QTest::addColumn<int>("expected");
    QTest::newRow("the app pool: a queued save is not lost") << true << 5;
    QTest::newRow("a listing queue: superseded requests are dropped") << false << 1;
}

void TestGuiBoundaries::queueEndsRunningTasksAndFinishesOrDropsQueuedOnes()
{
    QFETCH(bool, finishQueued);
    QFETCH(int, expected);
    std::atomic<int> ran{0};
    std::atomic<bool> firstStarted{false}, go{false};
    std::thread opener;
    {
        TaskQueue queue(1, "test-queue", finishQueued);
        queue.post([&] { // runs until the queue is being destroyed
            firstStarted = true;
            while (!go)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            ++ran;
        });
        for (int i = 0; i < 4; ++i)
            queue.post([&] { ++ran; });
        QTRY_VERIFY_WITH_TIMEOUT(firstStarted.load(), 5000);
        // Lets the first task end once ~TaskQueue below has begun (it marks the
        // queue stopping at once, then waits for the running task).
        opener = std::thread([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            go = true;
        });
    }
    opener.join();
    QCOMPARE(ran.load(), expected);
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    GuardedApplication app(argc, argv);
    TestGuiBoundaries t;
    return QTest::qExec(&t, argc, argv);
}

#include "test_gui_boundaries.moc"
