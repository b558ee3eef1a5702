#include "ui/main_window.h"
#include "ui/bench/python_finder.h"
#include "ui/guarded_application.h"
#include "ui/jobs/job_tracker.h"

#include "core/config/resolved_dataset.h"
#include "ui/bench/batch_tuning_panel.h"
#include "ui/bench/benchmark_panel.h"
#include "ui/connection_dialog.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/export_dialog.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/health/health_view.h"
#include "ui/jobs/job_status_widget.h"
#include "ui/language_manager.h"
#include "ui/models/object_list_model.h"
#include "ui/settings.h"
#include "ui/start_view.h"

#include "core/gen/demo_dataset.h"
#include "core/storage/store_url.h"

#include "core/storage/endpoint.h"
#include "core/storage/local_paths.h"
#include "core/util/error.h"
#include "shardscope/version.h"

#include <cstdio>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QListWidget>
#include <QTime>
#include <QFileDialog>
#include <QPointer>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace shardscope::ui {

namespace {
constexpr std::chrono::milliseconds kCloseWait{5000};
} // namespace

MainWindow::MainWindow(Settings &settings, LanguageManager &languages, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_languages(languages)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/shardscope.svg")));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("mainStack"));
    m_start = new StartView(m_stack);
    m_stack->addWidget(m_tabs);
    m_stack->addWidget(m_start);
    m_explorer = new ExplorerPanel(m_tabs);
    m_tabs->addTab(m_explorer, QString());
    m_dataset = new DatasetPanel(m_tabs);
    m_dataset->setStoreOptions([this](const QString &scheme) { return storeOptionsFor(scheme); });
    m_tabs->addTab(m_dataset, QString());
    m_benchmark = new BenchmarkPanel(m_tabs);
    m_benchmark->setConfigProvider([this] { return m_dataset->config(); });
    m_benchmark->setStoreOptions([this](const QString &scheme) { return storeOptionsFor(scheme); });
    m_tabs->addTab(m_benchmark, QString());
    m_tuning = new BatchTuningPanel(m_tabs);
    m_tabs->addTab(m_tuning, QString());
    m_health = new HealthView(m_tabs);
    m_tabs->addTab(m_health, QString());
    // A finding's shard opens in the explorer.
    connect(m_health, &HealthView::openShardRequested, this,
            [this](const QString &shardUrl, const QString &member) {
                if (openLocation(shardUrl) && !member.isEmpty())
                    m_explorer->showMemberWhenRead(member);
            });
    setCentralWidget(m_stack);
    m_start->setRecentUrls(m_settings.recentUrls());
    connect(m_start, &StartView::openDemoRequested, this, &MainWindow::openDemo);
    connect(m_start, &StartView::connectAisRequested, this, &MainWindow::addConnection);
    connect(m_start, &StartView::openFolderRequested, this, &MainWindow::openLocalFolder);
    connect(m_start, &StartView::openUrlRequested, this, &MainWindow::askForUrl);
    connect(m_explorer, &ExplorerPanel::openUrlRequested, this, &MainWindow::askForUrl);
    connect(m_explorer, &ExplorerPanel::benchmarkRequested, this, [this](const QString &url) {
        if (m_benchmark->isRunning())
            return;
        m_benchmark->useConfig(false);
        m_benchmark->setUrl(url);
        m_tabs->setCurrentWidget(m_benchmark);
    });
    connect(m_start, &StartView::recentUrlChosen, this, &MainWindow::openLocation);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showTabs);
    // One sampler: the dataset config's, edited in either tab.
    connect(m_dataset, &DatasetPanel::configChanged, this, [this] { m_tuning->setConfig(m_dataset->config()); });
    connect(m_tuning, &BatchTuningPanel::samplerEdited, m_dataset, &DatasetPanel::setSampler);
    connect(m_tuning, &BatchTuningPanel::loadSizesRequested, this, &MainWindow::loadTuningSizes);
    m_tuning->setConfig(m_dataset->config());
    // The benchmark's URL follows the bucket open in the explorer.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_benchmark && !m_explorer->objects()->location().isEmpty() &&
            !m_benchmark->isRunning())
            m_benchmark->setUrl(m_explorer->objects()->location());
        // The Health view audits what the explorer shows, with that connection's options.
        if (m_tabs->currentWidget() == m_health && !m_explorer->objects()->location().isEmpty()) {
            const QString url = m_explorer->objects()->location();
            QString scheme = url.section(QStringLiteral("://"), 0, 0);
            if (scheme == QLatin1String("file"))
                scheme = QStringLiteral("local");
            m_health->setStoreOptions(storeOptionsFor(scheme));
            if (m_health->target().isEmpty())
                m_health->setTarget(url);
        }
    });

    m_jobStatus = new JobStatusWidget(JobTracker::instance(), this);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addWidget(m_jobStatus, 1);

    // Messages: every result and error of the session with its time, on demand
    // (View → Messages), instead of pop-ups.
    m_messages = new QListWidget(this);
    m_messages->setObjectName(QStringLiteral("messagesList"));
    m_messages->setWordWrap(true);
    m_messagesDock = new QDockWidget(this);
    m_messagesDock->setObjectName(QStringLiteral("messagesDock"));
    m_messagesDock->setWidget(m_messages);
    addDockWidget(Qt::BottomDockWidgetArea, m_messagesDock);
    m_messagesDock->hide();
    // What escaped an event handler (caught by GuardedApplication) goes to the log too.
    if (auto *guarded = qobject_cast<GuardedApplication *>(QCoreApplication::instance()))
        connect(guarded, &GuardedApplication::unexpectedError, m_jobStatus, &JobStatusWidget::messageLogged);
    connect(m_jobStatus, &JobStatusWidget::messageLogged, this, [this](const QString &message) {
        m_messages->addItem(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + message);
        while (m_messages->count() > 1000)
            delete m_messages->takeItem(0);
        m_messages->scrollToBottom();
    });

    createActions();
    createMenus();
    retranslate();

    // The embedded local store is always there; an AIStore cluster at
    // $AIS_ENDPOINT (else the local default) beside it.
    QVector<Connection> connections;
    connections.push_back({tr("Local store"), QStringLiteral("local"), StoreOptions{}});
    StoreOptions ais;
    const QString endpoint = qEnvironmentVariable("AIS_ENDPOINT", QString::fromLatin1(kDefaultAisEndpoint));
    ais.endpoint = endpoint.toStdString();
    ais.http.connectTimeout = std::chrono::milliseconds(2000);
    connections.push_back({tr("AIStore %1").arg(endpoint), QStringLiteral("ais"), ais});
    m_builtInConnections = connections.size();
    QStringList warnings;
    for (const Settings::SavedConnection &saved : m_settings.connections()) {
        connections.push_back(connectionFrom(saved));
        if (const QString w = ConnectionDialog::tlsWarning(connections.back()); !w.isEmpty())
            warnings << w;
    }
    m_explorer->setConnections(connections);
    connect(m_explorer, &ExplorerPanel::removeConnectionRequested, this, [this](int row) {
        if (row < m_builtInConnections)
            return; // the built-in ones stay
        m_explorer->connections()->removeConnection(row);
        saveConnections();
    });
    connect(m_explorer, &ExplorerPanel::editConnectionRequested, this, &MainWindow::editConnection);
    connect(m_explorer, &ExplorerPanel::addToSplitRequested, this, [this](const QString &bucketUrl, const QString &prefix) {
        m_dataset->addPrefix(bucketUrl, prefix);
        m_tabs->setCurrentWidget(m_dataset);
    });
    connect(m_dataset, &DatasetPanel::exportRequested, this, &MainWindow::exportDataset);
    connect(m_dataset, &DatasetPanel::loaded, this, [this](const QString &path, const QString &error) {
        m_jobStatus->showMessage(error.isEmpty() ? tr("Opened %1").arg(path)
                                                 : tr("Cannot open %1: %2").arg(path, error));
        if (error.isEmpty()) {
            m_tabs->setCurrentWidget(m_dataset);
            showTabs();
        }
    });
    connect(m_dataset, &DatasetPanel::saved, this, [this](const QString &path, const QString &error) {
        m_jobStatus->showMessage(error.isEmpty() ? tr("Saved %1").arg(path)
                                                 : tr("Cannot save %1: %2").arg(path, error));
    });
    // Running jobs show in the status bar through the job tracker; what the
    // panels report when something ended goes to the message line and log.
    connect(m_benchmark, &BenchmarkPanel::message, m_jobStatus, &JobStatusWidget::showMessage);
    connect(m_explorer, &ExplorerPanel::message, m_jobStatus, &JobStatusWidget::showMessage);

    if (!warnings.isEmpty())
        m_jobStatus->showMessage(warnings.join(QStringLiteral("; ")));
    resize(1100, 720);
    if (const QByteArray g = m_settings.mainWindowGeometry(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray s = m_settings.mainWindowState(); !s.isEmpty())
        restoreState(s);
    if (const QByteArray s = m_settings.explorerSplitterState(); !s.isEmpty())
        m_explorer->splitter()->restoreState(s);
    if (const QByteArray s = m_settings.objectColumnsState(); !s.isEmpty())
        m_explorer->objectTable()->horizontalHeader()->restoreState(s);
    m_tabs->setCurrentIndex(std::clamp(m_settings.currentTab(), 0, m_tabs->count() - 1));
}

MainWindow::~MainWindow() = default;

StoreOptions MainWindow::storeOptionsFor(const QString &scheme) const
{
    for (int row = 0; row < m_explorer->connections()->rowCount(); ++row)
        if (m_explorer->connections()->connection(row).scheme == scheme)
            return m_explorer->connections()->connection(row).options;
    return {};
}

void MainWindow::loadTuningSizes()
{
    const DatasetConfig config = m_dataset->config();
    if (config.sources.empty()) {
        m_jobStatus->showMessage(tr("Add a source in the Dataset tab first"));
        return;
    }
    const StoreOptions options = storeOptionsFor(QString::fromStdString(config.sources.front().provider));
    const QString name = QString::fromStdString(config.name.empty() ? sourceUrl(config.sources.front()) : config.name);
    JobTracker::instance().start(
        this, tr("Listing the objects of %1…").arg(name),
        [config, options](JobContext &) {
            std::vector<std::uint64_t> sizes;
            for (const auto &it : resolveDataset(config, options).items)
                sizes.push_back(it.object.size);
            return sizes;
        },
        [this, name](std::vector<std::uint64_t> sizes) {
            m_jobStatus->showMessage(tr("Listed %n object(s)", nullptr, int(sizes.size())));
            m_tuning->setSizes(std::move(sizes), name);
        },
        [this, name](const Error &error) {
            if (error.kind() != ErrorKind::Cancelled)
                m_jobStatus->showMessage(
                    tr("Cannot list %1: %2").arg(name, QString::fromStdString(error.what())));
        },
        JobOptions{QStringLiteral("tuningSizes")});
}

void MainWindow::newDataset()
{
    m_dataset->setConfig(DatasetConfig{});
    showTabs();
    // A new config starts from the bucket open in the explorer, if any.
    if (!m_explorer->bucketUrl().isEmpty())
        m_dataset->addSource(m_explorer->bucketUrl());
    m_tabs->setCurrentWidget(m_dataset);
}

void MainWindow::openDataset()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Dataset Config"), m_dataset->filePath(),
                                                      tr("Dataset configs (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_dataset->openFile(path);
}

void MainWindow::saveDataset(bool askForPath)
{
    QString path = m_dataset->filePath();
    if (askForPath || path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Save Dataset Config"),
                                            path.isEmpty() ? QStringLiteral("dataset.json") : path,
                                            tr("Dataset configs (*.json)"));
    if (!path.isEmpty())
        m_dataset->saveFile(path);
}

void MainWindow::exportDataset()
{
    QString problem;
    const DatasetConfig config = m_dataset->config(&problem);
    auto *dialog = new ExportDialog(config, [this](const QString &scheme) { return storeOptionsFor(scheme); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (config.kind == DatasetConfig::Kind::Shard && problem.isEmpty())
        dialog->setFormat(QStringLiteral("python"));
    dialog->show();
}

bool MainWindow::openLocation(const QString &url)
{
    QString scheme = url.section(QStringLiteral("://"), 0, 0);
    if (scheme == QLatin1String("file"))
        scheme = QStringLiteral("local"); // a folder needs no connection options: the local one does
    for (int row = 0; row < m_explorer->connections()->rowCount(); ++row)
        if (m_explorer->connections()->connection(row).scheme == scheme) {
            m_explorer->openLocation(row, url);
            rememberUrl(url);
            m_tabs->setCurrentWidget(m_explorer);
            showTabs();
            return true;
        }
    m_jobStatus->showMessage(tr("Cannot open %1: no connection for %2://").arg(url, scheme));
    return false;
}

void MainWindow::rememberUrl(const QString &url)
{
    QStringList recent = m_settings.recentUrls();
    recent.removeAll(url);
    recent.prepend(url);
    while (recent.size() > 8)
        recent.removeLast();
    m_settings.setRecentUrls(recent);
    m_start->setRecentUrls(recent);
}

void MainWindow::showStartView() { m_stack->setCurrentWidget(m_start); }

void MainWindow::showTabs() { m_stack->setCurrentWidget(m_tabs); }

bool MainWindow::isShowingStartView() const { return m_stack->currentWidget() == m_start; }

void MainWindow::openDemo()
{
    const StoreOptions options = storeOptionsFor(QStringLiteral("local"));
    m_start->setStatus(tr("Writing the demo data set (first time only)…"));
    JobTracker::instance().start(
        this, tr("Writing the demo data set to local://demo…"),
        [options](JobContext &) {
            StoreLocation loc = openStore(parseStoreUrl("local://demo"), options, true);
            ensureDemoDataset(*loc.store, loc.bucket, DemoSpec{});
        },
        [this] {
            m_start->setStatus(QString());
            m_jobStatus->showMessage(tr("The demo data set is at local://demo"));
            openLocation(QStringLiteral("local://demo"));
        },
        [this](const Error &error) {
            const QString message =
                tr("Cannot write the demo data set: %1").arg(QString::fromStdString(error.what()));
            m_start->setStatus(message);
            m_jobStatus->showMessage(message);
        },
        JobOptions{QStringLiteral("demo"), false});
}

void MainWindow::openLocalFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a Local Folder"), QDir::homePath());
    if (!dir.isEmpty())
        openLocation(QStringLiteral("file://") + QDir::cleanPath(dir) + QLatin1Char('/'));
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("shardscope"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setStatusTip(tr("Quit shardscope"));
    m_statusBarAction->setText(tr("Show &Status Bar"));
    m_startAction->setText(tr("S&tart Page"));
    m_messagesAction->setText(tr("&Messages"));
    m_messagesDock->setWindowTitle(tr("Messages"));
    m_openUrlAction->setText(tr("&Open URL…"));
    m_addConnectionAction->setText(tr("Add &Connection…"));
    m_refreshAction->setText(tr("&Refresh"));
    m_newDatasetAction->setText(tr("&New Dataset Config"));
    m_openDatasetAction->setText(tr("Open Dataset &Config…"));
    m_saveDatasetAction->setText(tr("&Save Dataset Config"));
    m_saveDatasetAsAction->setText(tr("Save Dataset Config &As…"));
    m_exportAction->setText(tr("&Export…"));
    m_tabs->setTabText(0, tr("Explorer"));
    m_tabs->setTabText(1, tr("Dataset"));
    m_tabs->setTabText(2, tr("Benchmark"));
    m_tabs->setTabText(3, tr("Batch Tuning"));
    m_tabs->setTabText(4, tr("Health"));
    m_systemLanguageAction->setText(tr("System Default"));
    m_aboutAction->setText(tr("&About shardscope"));
    m_aboutQtAction->setText(tr("About &Qt"));
}

void MainWindow::chooseLanguage(const QString &code)
{
    if (!m_languages.apply(code)) {
        m_jobStatus->showMessage(tr("The language %1 is not available").arg(code));
        return;
    }
    m_settings.setLanguage(code);
}

void MainWindow::addConnection()
{
    ConnectionDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_explorer->connections()->addConnection(dialog.connection());
    saveConnections();
    m_tabs->setCurrentWidget(m_explorer);
    showTabs();
    if (const QString w = ConnectionDialog::tlsWarning(dialog.connection()); !w.isEmpty())
        m_jobStatus->showMessage(w);
}

void MainWindow::editConnection(int row)
{
    if (row < m_builtInConnections || row >= m_explorer->connections()->rowCount()) {
        m_jobStatus->showMessage(tr("The built-in connections cannot be edited; add a connection instead"));
        return;
    }
    ConnectionDialog dialog(this);
    dialog.setConnection(m_explorer->connections()->connection(row));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_explorer->connections()->replaceConnection(row, dialog.connection());
    saveConnections();
    if (const QString w = ConnectionDialog::tlsWarning(dialog.connection()); !w.isEmpty())
        m_jobStatus->showMessage(w);
}

void MainWindow::saveConnections()
{
    // Only what may be remembered: never a secret.
    QVector<Settings::SavedConnection> saved;
    for (int row = m_builtInConnections; row < m_explorer->connections()->rowCount(); ++row) {
        const Connection &c = m_explorer->connections()->connection(row);
        Settings::SavedConnection s;
        s.name = c.name;
        s.scheme = c.scheme;
        if (c.options.endpoint)
            s.endpoint = QString::fromStdString(*c.options.endpoint);
        s.keyId = QString::fromStdString(c.options.s3AccessKey);
        s.folder = QString::fromStdString(c.options.localRoot);
        s.caFile = QString::fromStdString(c.options.http.caFile);
        s.insecure = !c.options.http.verifyTls;
        saved.push_back(s);
    }
    m_settings.setConnections(saved);
    m_settings.sync();
}

void MainWindow::askForUrl()
{
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Open URL"),
                                              tr("A bucket, prefix or shard, e.g. local://demo/train/ or ais://bucket:"),
                                              QLineEdit::Normal, m_explorer->objects()->location(), &ok);
    if (ok && !url.trimmed().isEmpty())
        openLocation(url.trimmed());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About shardscope"),
                       tr("<h3>shardscope %1</h3>"
                          "<p>Explore training datasets in object storage and measure how fast they can be "
                          "fed to a training job.</p>")
                           .arg(QString::fromLatin1(kVersion)));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setMainWindowGeometry(saveGeometry());
    m_settings.setMainWindowState(saveState());
    m_settings.setExplorerSplitterState(m_explorer->splitter()->saveState());
    m_settings.setObjectColumnsState(m_explorer->objectTable()->horizontalHeader()->saveState());
    m_settings.setCurrentTab(m_tabs->currentIndex());
    m_settings.sync();
    event->accept();
    // Every job is stopped (saves finish) within a bounded time: the window
    // goes at once, the process when the jobs have ended or the time is up.
    hide();
    if (!JobTracker::instance().shutdown(kCloseWait))
        std::fprintf(stderr, "shardscope: background jobs did not end within %d s of closing; leaving them\n",
                     int(kCloseWait.count() / 1000));
}

} // namespace shardscope::ui
