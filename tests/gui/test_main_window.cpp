#include "job_status_widget.h"
#include "explorer_panel.h"
#include "language_manager.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QListWidget>
#include <QTabWidget>
#include <QTableView>
#include "main_window.h"
#include "settings.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

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
    QCOMPARE(m_window->findChild<QToolButton *>(QStringLiteral("jobStatusStop"))->text(), stop);
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
    JobStatusWidget *status = m_window->jobStatus();
    auto *bar = status->findChild<QProgressBar *>(QStringLiteral("jobStatusProgress"));
    auto *stop = status->findChild<QToolButton *>(QStringLiteral("jobStatusStop"));
    QSignalSpy stopSpy(status, &JobStatusWidget::stopRequested);
    status->startJob(QStringLiteral("Listing ais://b"));
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->maximum(), 0); // indeterminate until the first number
    status->setProgress(250, 1000);
    QCOMPARE(bar->value(), 250);
    QVERIFY(stop->isVisible());
    QTest::mouseClick(stop, Qt::LeftButton);
    QCOMPARE(stopSpy.count(), 1);
    status->finishJob(QStringLiteral("Listed 1000 objects"));
    QVERIFY(!bar->isVisible());
    QCOMPARE(status->message(), QStringLiteral("Listed 1000 objects"));

    // Errors do not pop up: they go to the status bar (whole text as its tooltip)
    // and to the Messages log, which keeps them all for details on demand.
    status->finishJob(QStringLiteral("Cannot list ais://b: first error"));
    status->finishJob(QStringLiteral("Cannot list ais://c: second error"));
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
