#include "ui/explorer/explorer_panel.h"
#include "ui/jobs/job_status_widget.h"
#include "ui/language_manager.h"

#include "ui/explorer/summary_view.h"
#include "ui/health/health_view.h"
#include "ui/locale_format.h"
#include "ui/main_window.h"
#include "ui/models/object_list_model.h"
#include "ui/models/shard_sample_model.h"
#include "ui/settings.h"
#include "ui/start_view.h"
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QListWidget>
#include <QTabWidget>
#include <QTableView>

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <atomic>
#include <chrono>
#include <thread>

using namespace shardscope::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensWithMenusAndStatusBar();
    void switchesLanguageLive_data();
    void switchesLanguageLive();
    void rejectsUnknownLanguage();
    void systemDefaultFollowsTheLocale_data();
    void systemDefaultFollowsTheLocale();
    void jobStatusShowsProgressAndStop();
    void startViewOffersTheWaysIn();
    void startViewOpensTheDemo();
    void healthFindingOpensTheShardAtItsMember();
    void opensALocalFolder();
    void summaryCountsInTheLanguage_data();
    void summaryCountsInTheLanguage();
    void emptyPanelsSayWhatToDo_data();
    void emptyPanelsSayWhatToDo();
    void sizesFollowTheLanguage_data();
    void sizesFollowTheLanguage();
    void closesCleanlyAndRemembersGeometry();
    void cleanup();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<LanguageManager> m_languages;
    QPointer<MainWindow> m_window;
    QMenu *menu(const char *name) const { return m_window->findChild<QMenu *>(QLatin1String(name)); }
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // The embedded store (and the demo it gets) lives in the test's own folder.
    qputenv("SHARDSCOPE_DATA_DIR", m_dir.filePath(QStringLiteral("data")).toUtf8());
    m_settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->apply(QStringLiteral("en")));
    m_window = new MainWindow(*m_settings, *m_languages);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestMainWindow::opensWithMenusAndStatusBar()
{
    QCOMPARE(m_window->windowTitle(), QStringLiteral("shardscope"));
    for (const char *name : {"menuFile", "menuView", "menuSettings", "menuLanguage", "menuHelp"})
        QVERIFY2(menu(name), name);
    QCOMPARE(menu("menuFile")->title(), QStringLiteral("&File"));
    QVERIFY(m_window->statusBar()->isVisible());
    QCOMPARE(m_window->jobStatus()->message(), QStringLiteral("Ready"));
    // System default + one entry per catalog.
    const auto langActions = menu("menuLanguage")->actions();
    int checkable = 0;
    for (QAction *a : langActions)
        checkable += a->isCheckable() ? 1 : 0;
    QCOMPARE(checkable, 1 + LanguageManager::available().size());
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionQuit"))->shortcut() == QKeySequence::Quit);
    QCOMPARE(m_window->findChild<QAction *>(QStringLiteral("actionOpenUrl"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("actionRefresh"))->shortcut() == QKeySequence::Refresh);
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("locationLabel"))->text().contains(QLatin1String("bucket")));
    QVERIFY(m_window->findChild<QTreeView *>(QStringLiteral("connectionTree")));
}

void TestMainWindow::switchesLanguageLive_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fileTitle");
    QTest::addColumn<QString>("ready");
    QTest::addColumn<QString>("stop");
    QTest::newRow("German") << "de" << "&Datei" << "Bereit" << "Stopp";
    QTest::newRow("Simplified Chinese") << "zh_CN" << QStringLiteral("文件(&F)") << QStringLiteral("就绪")
                                        << QStringLiteral("停止");
    QTest::newRow("back to English") << "en" << "&File" << "Ready" << "Stop";
}

void TestMainWindow::switchesLanguageLive()
{
    QFETCH(QString, code);
    QFETCH(QString, fileTitle);
    QFETCH(QString, ready);
    QFETCH(QString, stop);
    QAction *action = m_window->findChild<QAction *>(QStringLiteral("actionLanguage_") + code);
    QVERIFY(action);
    QSignalSpy changed(m_languages.get(), &LanguageManager::languageChanged);
    action->trigger();
    QCOMPARE(changed.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(menu("menuFile")->title(), fileTitle, 2000);
    QCOMPARE(m_window->jobStatus()->message(), ready);
    // A running job's Stop button speaks the language too. (The job then ends
    // on its own: a stopped one would leave "Stopped: …" as the message.)
    static std::atomic<bool> release;
    release = false;
    struct ReleaseOnExit
    {
        ~ReleaseOnExit() { release = true; }
    } releaseOnExit;
    QObject owner;
    JobTracker::instance().start(
        &owner, QStringLiteral("waiting"),
        [](JobContext &job) {
            while (!job.cancelled() && !release)
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
        },
        [] {});
    QCOMPARE(m_window->findChild<QToolButton *>(QStringLiteral("jobStatusStop"))->text(), stop);
    release = true;
    QTRY_COMPARE_WITH_TIMEOUT(m_window->jobStatus()->runningJobs(), 0, 5000);
    QVERIFY(action->isChecked());
    QCOMPARE(m_settings->language(), code);
}

void TestMainWindow::rejectsUnknownLanguage()
{
    QVERIFY(!m_languages->apply(QStringLiteral("xx")));
    QCOMPARE(m_languages->effective(), QStringLiteral("en"));
    QCOMPARE(menu("menuFile")->title(), QStringLiteral("&File"));
}

void TestMainWindow::systemDefaultFollowsTheLocale_data()
{
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("code");
    QTest::newRow("German, Switzerland") << QStringList{QStringLiteral("de-CH"), QStringLiteral("de")} << "de";
    QTest::newRow("Chinese, Simplified script") << QStringList{QStringLiteral("zh-Hans-CN")} << "zh_CN";
    QTest::newRow("Chinese, Singapore") << QStringList{QStringLiteral("zh-SG")} << "zh_CN";
    QTest::newRow("French, then German") << QStringList{QStringLiteral("fr-FR"), QStringLiteral("de-DE")} << "de";
    QTest::newRow("Japanese only") << QStringList{QStringLiteral("ja-JP")} << "en";
    QTest::newRow("nothing") << QStringList{} << "en";
}

void TestMainWindow::systemDefaultFollowsTheLocale()
{
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, code);
    QCOMPARE(LanguageManager::languageFor(uiLanguages), code);

    // From German, "System Default" goes to what the system's locale picks
    // and remembers the choice as "follow the system" (empty), not a code.
    m_window->findChild<QAction *>(QStringLiteral("actionLanguage_de"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(menu("menuFile")->title(), QStringLiteral("&Datei"), 2000);
    QAction *system = m_window->findChild<QAction *>(QStringLiteral("actionLanguageSystem"));
    QVERIFY(system);
    system->trigger();
    QVERIFY(system->isChecked());
    QCOMPARE(m_languages->requested(), QString());
    QCOMPARE(m_languages->effective(), LanguageManager::systemLanguage());
    QCOMPARE(m_settings->language(), QString());
    if (LanguageManager::systemLanguage() == QLatin1String("en"))
        QTRY_COMPARE_WITH_TIMEOUT(menu("menuFile")->title(), QStringLiteral("&File"), 2000);
    QVERIFY(m_languages->apply(QStringLiteral("en")));
}

void TestMainWindow::jobStatusShowsProgressAndStop()
{
    // Each running job shows in the status bar with its progress and its own
    // Stop; the row goes when the job has ended, its result as the message.
    JobStatusWidget *status = m_window->jobStatus();
    static std::atomic<bool> release;
    release = false;
    struct ReleaseOnExit // a failed check must not leave the jobs holding pool threads
    {
        ~ReleaseOnExit() { release = true; }
    } releaseOnExit;
    QObject owner;
    auto waitForStop = [](JobContext &job) {
        job.setProgress(250, 1000);
        while (!job.cancelled() && !release)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        job.throwIfCancelled();
        return 1000;
    };
    QTRY_COMPARE_WITH_TIMEOUT(status->runningJobs(), 0, 10000); // the window's own start-up jobs
    auto &jobs = JobTracker::instance();
    jobs.start(&owner, QStringLiteral("Listing ais://b"), waitForStop,
               [&](int n) { status->showMessage(QStringLiteral("Listed %1 objects").arg(n)); });
    jobs.start(&owner, QStringLiteral("Listing ais://c"), waitForStop, [](int) {});
    QCOMPARE(status->runningJobs(), 2);
    auto row = [status](const QString &title) -> QWidget * {
        for (QWidget *r : status->findChildren<QWidget *>(QStringLiteral("jobStatusRow")))
            if (r->isVisibleTo(status) &&
                r->findChild<QLabel *>(QStringLiteral("jobStatusTitle"))->toolTip() == title)
                return r;
        return nullptr;
    };
    QWidget *b = row(QStringLiteral("Listing ais://b")), *c = row(QStringLiteral("Listing ais://c"));
    QVERIFY(b && c);
    auto *bar = b->findChild<QProgressBar *>(QStringLiteral("jobStatusProgress"));
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), 250, 5000); // 250 of 1000, in per-mille
    QCOMPARE(bar->maximum(), 1000);
    auto *stop = c->findChild<QToolButton *>(QStringLiteral("jobStatusStop"));
    QVERIFY(stop->isVisible());
    QCOMPARE(stop->toolTip(), QStringLiteral("Stop: Listing ais://c"));
    QTest::mouseClick(stop, Qt::LeftButton); // stops c only
    QTRY_COMPARE_WITH_TIMEOUT(status->runningJobs(), 1, 5000);
    QCOMPARE(status->message(), QStringLiteral("Stopped: Listing ais://c"));
    release = true; // b ends on its own
    QTRY_COMPARE_WITH_TIMEOUT(status->runningJobs(), 0, 5000);
    QCOMPARE(status->message(), QStringLiteral("Listed 1000 objects"));

    // Errors do not pop up: they go to the status bar (whole text as its tooltip)
    // and to the Messages log, which keeps them all for details on demand.
    status->showMessage(QStringLiteral("Cannot list ais://b: first error"));
    status->showMessage(QStringLiteral("Cannot list ais://c: second error"));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    auto *messages = m_window->findChild<QListWidget *>(QStringLiteral("messagesList"));
    QVERIFY(messages);
    QVERIFY(messages->count() >= 3);
    QVERIFY(messages->item(messages->count() - 2)->text().endsWith(QStringLiteral("Cannot list ais://b: first error")));
    QVERIFY(messages->item(messages->count() - 1)->text().endsWith(QStringLiteral("Cannot list ais://c: second error")));
    QAction *show = m_window->findChild<QAction *>(QStringLiteral("actionMessages"));
    QVERIFY(show);
    QVERIFY(!m_window->findChild<QDockWidget *>(QStringLiteral("messagesDock"))->isVisibleTo(m_window));
    show->trigger();
    QVERIFY(m_window->findChild<QDockWidget *>(QStringLiteral("messagesDock"))->isVisibleTo(m_window));
    show->trigger();
}

void TestMainWindow::startViewOffersTheWaysIn()
{
    m_window->showStartView();
    QVERIFY(m_window->isShowingStartView());
    StartView *start = m_window->startView();
    QVERIFY(start->isVisible());
    QVERIFY(!m_window->tabs()->isVisible());
    const QMap<QString, QString> buttons = {{QStringLiteral("startOpenDemo"), QStringLiteral("Open the demo")},
                                            {QStringLiteral("startConnectAis"), QStringLiteral("Connect to AIStore…")},
                                            {QStringLiteral("startOpenFolder"), QStringLiteral("Open a local folder…")},
                                            {QStringLiteral("startOpenUrl"), QStringLiteral("Open URL…")}};
    for (auto it = buttons.cbegin(); it != buttons.cend(); ++it) {
        auto *b = start->findChild<QPushButton *>(it.key());
        QVERIFY2(b, qPrintable(it.key()));
        QCOMPARE(b->text(), it.value());
        QVERIFY2(b->isVisible() && b->isEnabled(), qPrintable(it.key()));
    }
    // What shardscope does, in three lines.
    const QString intro = start->findChild<QLabel *>(QStringLiteral("startIntro"))->text();
    QCOMPARE(intro.count(QLatin1Char('\n')), 2);
    QVERIFY2(intro.contains(QStringLiteral("object storage")) && intro.contains(QStringLiteral("how fast")),
             qPrintable(intro));
    // Nothing opened yet: the recent list says what will be there.
    QVERIFY(!start->findChild<QListWidget *>(QStringLiteral("startRecent"))->isVisible());
    QVERIFY(start->findChild<QLabel *>(QStringLiteral("startRecentEmpty"))->isVisible());
    // View → Start Page comes back to it from the tabs.
    m_window->showTabs();
    QVERIFY(!start->isVisible());
    m_window->findChild<QAction *>(QStringLiteral("actionStartView"))->trigger();
    QVERIFY(m_window->isShowingStartView());
}

void TestMainWindow::healthFindingOpensTheShardAtItsMember()
{
    // The demo (written by the test before) has shards; a finding names a
    // shard and a member: the explorer opens the shard with that member chosen.
    const QString shard = QStringLiteral("local://demo/train/shard-00000.tar");
    QVERIFY(m_window->openLocation(shard));
    ShardSampleModel *samples = m_window->explorer()->samples();
    QTRY_VERIFY_WITH_TIMEOUT(samples->rowCount() > 3 && !samples->isLoading(), 10000);
    const QModelIndex third = samples->index(2, 0);
    QVERIFY(samples->rowCount(third) > 1);
    const QString member = third.data().toString() + QLatin1Char('.') +
                           samples->index(1, 0, third).data(ShardSampleModel::ExtensionRole).toString();

    QSignalSpy finished(samples, &ShardSampleModel::finished);
    Q_EMIT m_window->health()->openShardRequested(shard, member);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    auto *tree = m_window->findChild<QTreeView *>(QStringLiteral("sampleTree"));
    const QModelIndex current = tree->currentIndex();
    QVERIFY(current.isValid() && current.parent().isValid());
    QCOMPARE(current.parent().row(), 2);
    QCOMPARE(current.row(), 1);
}

void TestMainWindow::startViewOpensTheDemo()
{
    m_window->showStartView();
    StartView *start = m_window->startView();
    QTest::mouseClick(start->findChild<QPushButton *>(QStringLiteral("startOpenDemo")), Qt::LeftButton);
    // Written off the GUI thread the first time, then opened in the explorer.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isShowingStartView(), 20000);
    QCOMPARE(m_window->tabs()->currentWidget(), m_window->explorer());
    ObjectListModel *objects = m_window->explorer()->objects();
    QCOMPARE(objects->location(), QStringLiteral("local://demo"));
    QTRY_VERIFY_WITH_TIMEOUT(objects->isComplete() && objects->rowCount() > 0, 10000);
    QStringList names;
    for (int r = 0; r < objects->rowCount(); ++r)
        names << objects->row(r).name;
    for (const char *name : {"train/shard-00000.tar", "val/shard-00000.tar", "classes.txt", "dataset.json"})
        QVERIFY2(names.contains(QLatin1String(name)), qPrintable(names.join(QLatin1Char(' '))));
    // Remembered, and offered on the start view.
    QCOMPARE(m_settings->recentUrls().value(0), QStringLiteral("local://demo"));
    m_window->showStartView();
    auto *recent = start->findChild<QListWidget *>(QStringLiteral("startRecent"));
    QVERIFY(recent->isVisible());
    QVERIFY(!start->findChild<QLabel *>(QStringLiteral("startRecentEmpty"))->isVisible());
    QCOMPARE(recent->item(0)->text(), QStringLiteral("local://demo"));
    Q_EMIT recent->itemActivated(recent->item(0));
    QVERIFY(!m_window->isShowingStartView());
}

void TestMainWindow::opensALocalFolder()
{
    // "Open a local folder…" opens file:///dir/ through the local connection.
    QTemporaryDir folder;
    QFile file(folder.filePath(QStringLiteral("note.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello");
    file.close();
    m_window->showStartView();
    const QString url = QStringLiteral("file://") + folder.path() + QLatin1Char('/');
    QVERIFY(m_window->openLocation(url));
    QVERIFY(!m_window->isShowingStartView());
    ObjectListModel *objects = m_window->explorer()->objects();
    QTRY_VERIFY_WITH_TIMEOUT(objects->isComplete() && objects->rowCount() == 1, 10000);
    QCOMPARE(objects->row(0).name, QStringLiteral("note.txt"));
    QCOMPARE(m_settings->recentUrls().value(0), url);
}

void TestMainWindow::summaryCountsInTheLanguage_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("totals");
    QTest::newRow("English") << "en" << ": 1 object, 5 bytes";
    QTest::newRow("German") << "de" << ": 1 Objekt, 5 Bytes";
    QTest::newRow("Simplified Chinese") << "zh_CN" << QStringLiteral("：1 个对象，5 字节");
}

void TestMainWindow::summaryCountsInTheLanguage()
{
    QFETCH(QString, code);
    QFETCH(QString, totals);
    QTemporaryDir folder;
    QFile file(folder.filePath(QStringLiteral("note.txt")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("hello");
    file.close();
    QVERIFY(m_languages->apply(code));
    QVERIFY(m_window->openLocation(QStringLiteral("file://") + folder.path() + QLatin1Char('/')));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->explorer()->objects()->isComplete(), 10000);
    QSignalSpy finished(m_window->explorer()->summaryView(), &SummaryView::finished);
    m_window->explorer()->summarizeCurrent();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    const QString text = m_window->findChild<QLabel *>(QStringLiteral("summaryTotals"))->text();
    QVERIFY(m_languages->apply(QStringLiteral("en")));
    QTRY_COMPARE_WITH_TIMEOUT(menu("menuFile")->title(), QStringLiteral("&File"), 2000);
    QVERIFY2(text.endsWith(totals), qPrintable(text));
}

void TestMainWindow::emptyPanelsSayWhatToDo_data()
{
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("hint");
    QTest::newRow("benchmark without a run") << "benchVerdict" << "No benchmark yet. Choose the data";
    QTest::newRow("cluster view without a cluster") << "clusterSummary" << "No cluster chosen. Double-click an AIStore";
}

void TestMainWindow::emptyPanelsSayWhatToDo()
{
    QFETCH(QString, label);
    QFETCH(QString, hint);
    auto *l = m_window->findChild<QLabel *>(label);
    QVERIFY2(l, qPrintable(label));
    QVERIFY2(l->text().startsWith(hint), qPrintable(l->text()));
}

void TestMainWindow::sizesFollowTheLanguage_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<qulonglong>("bytes");
    QTest::addColumn<QString>("shown");
    QTest::newRow("en 0") << "en" << 0ull << "0 bytes";
    QTest::newRow("en 1") << "en" << 1ull << "1 byte";
    QTest::newRow("en 2") << "en" << 2ull << "2 bytes";
    QTest::newRow("en 1536") << "en" << 1536ull << "1.5 KiB";
    QTest::newRow("de 1") << "de" << 1ull << "1 Byte";
    QTest::newRow("de 2") << "de" << 2ull << "2 Bytes";
    QTest::newRow("de 1536") << "de" << 1536ull << "1,5 KiB";
    QTest::newRow("zh_CN 1") << "zh_CN" << 1ull << QStringLiteral("1 字节");
    QTest::newRow("zh_CN 2") << "zh_CN" << 2ull << QStringLiteral("2 字节");
}

void TestMainWindow::sizesFollowTheLanguage()
{
    QFETCH(QString, code);
    QFETCH(qulonglong, bytes);
    QFETCH(QString, shown);
    QVERIFY(m_languages->apply(code));
    const QString text = formatBytes(bytes);
    QVERIFY(m_languages->apply(QStringLiteral("en")));
    QCOMPARE(text, shown);
}

void TestMainWindow::closesCleanlyAndRemembersGeometry()
{
    m_window->resize(900, 600);
    QApplication::processEvents(); // the layout settles (a dock was shown and hidden before)
    const QSize remembered = m_window->size();
    QVERIFY(remembered.width() == 900);
    m_window->explorer()->objectTable()->horizontalHeader()->resizeSection(0, 333);
    m_window->explorer()->objectTable()->horizontalHeader()->resizeSection(1, 111);
    m_window->tabs()->setCurrentIndex(2);
    QVERIFY(m_window->close());
    QVERIFY(!m_settings->mainWindowGeometry().isEmpty());
    delete m_window;
    QVERIFY(m_window.isNull());
    // A new window restores the remembered size.
    MainWindow again(*m_settings, *m_languages);
    QCOMPARE(again.size(), remembered);
    // ... the object table's columns and the tab the user was on.
    QCOMPARE(again.explorer()->objectTable()->horizontalHeader()->sectionSize(0), 333);
    QCOMPARE(again.explorer()->objectTable()->horizontalHeader()->sectionSize(1), 111);
    QCOMPARE(again.tabs()->currentIndex(), 2);
}

void TestMainWindow::cleanup() {}

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
