#pragma once

#include "core/storage/store_factory.h"

#include <QMainWindow>

class QAction;
class QActionGroup;
class QDockWidget;
class QListWidget;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace shardscope::ui {

class BatchTuningPanel;
class HealthView;
class BenchmarkPanel;
class DatasetPanel;
class ExplorerPanel;
class JobStatusWidget;
class LanguageManager;
class Settings;
class StartView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Settings &settings, LanguageManager &languages, QWidget *parent = nullptr);
    ~MainWindow() override;

    JobStatusWidget *jobStatus() const { return m_jobStatus; }
    ExplorerPanel *explorer() const { return m_explorer; }
    DatasetPanel *dataset() const { return m_dataset; }
    BenchmarkPanel *benchmark() const { return m_benchmark; }
    BatchTuningPanel *batchTuning() const { return m_tuning; }
    HealthView *health() const { return m_health; }
    void loadTuningSizes(); // the dataset config's object sizes, listed off the GUI thread
    QTabWidget *tabs() const { return m_tabs; }
    // The options of the first connection for a scheme ("ais", "s3", "local").
    StoreOptions storeOptionsFor(const QString &scheme) const;
    // Opens a bucket URL (local://, ais://, file://) in the explorer; false for other schemes.
    bool openLocation(const QString &url);

    // The start view (what shardscope does, the ways in, recent URLs) instead
    // of the tabs; opening anything shows the tabs again.
    StartView *startView() const { return m_start; }
    void showStartView();
    void showTabs();
    bool isShowingStartView() const;
    // Writes the demo data set to local://demo unless it is there (off the GUI
    // thread), then opens it.
    void openDemo();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslate();
    void chooseLanguage(const QString &code);
    void showAbout();
    void askForUrl();
    void addConnection();
public:
    // Opens the connection dialog on a saved connection; the built-in ones stay as they are.
    void editConnection(int row);
private:
    void saveConnections();
    void newDataset();
    void openDataset();
    void saveDataset(bool askForPath);
    void exportDataset();
    void openLocalFolder();
    void rememberUrl(const QString &url);
    int m_builtInConnections = 0;

    Settings &m_settings;
    LanguageManager &m_languages;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_settingsMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_openUrlAction = nullptr;
    QAction *m_addConnectionAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_newDatasetAction = nullptr;
    QAction *m_openDatasetAction = nullptr;
    QAction *m_saveDatasetAction = nullptr;
    QAction *m_saveDatasetAsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_statusBarAction = nullptr;
    QAction *m_startAction = nullptr;
    QAction *m_messagesAction = nullptr;
    QDockWidget *m_messagesDock = nullptr;
    QListWidget *m_messages = nullptr;
    QAction *m_systemLanguageAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QStackedWidget *m_stack = nullptr;
    StartView *m_start = nullptr;
    QTabWidget *m_tabs = nullptr;
    ExplorerPanel *m_explorer = nullptr;
    DatasetPanel *m_dataset = nullptr;
    BenchmarkPanel *m_benchmark = nullptr;
    BatchTuningPanel *m_tuning = nullptr;
    HealthView *m_health = nullptr;
    JobStatusWidget *m_jobStatus = nullptr;
};

} // namespace shardscope::ui
