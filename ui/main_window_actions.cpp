// MainWindow's actions (with their shortcuts and what they trigger) and the
// menus that hold them. Their texts are set in retranslate(), so a language
// change renames them in place.

#include "ui/main_window.h"

#include "ui/bench/python_finder.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/language_manager.h"
#include "ui/models/object_list_model.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

namespace shardscope::ui {

void MainWindow::createActions()
{
    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(QStringLiteral("actionQuit"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_openUrlAction = new QAction(this);
    m_openUrlAction->setObjectName(QStringLiteral("actionOpenUrl"));
    m_openUrlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_openUrlAction, &QAction::triggered, this, &MainWindow::askForUrl);
    m_addConnectionAction = new QAction(this);
    m_addConnectionAction->setObjectName(QStringLiteral("actionAddConnection"));
    connect(m_addConnectionAction, &QAction::triggered, this, &MainWindow::addConnection);
    m_refreshAction = new QAction(this);
    m_refreshAction->setObjectName(QStringLiteral("actionRefresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        const QString url = m_explorer->objects()->location();
        if (!url.isEmpty())
            openLocation(url);
    });

    m_newDatasetAction = new QAction(this);
    m_newDatasetAction->setObjectName(QStringLiteral("actionNewDataset"));
    m_newDatasetAction->setShortcut(QKeySequence::New);
    connect(m_newDatasetAction, &QAction::triggered, this, &MainWindow::newDataset);
    m_openDatasetAction = new QAction(this);
    m_openDatasetAction->setObjectName(QStringLiteral("actionOpenDataset"));
    m_openDatasetAction->setShortcut(QKeySequence::Open);
    connect(m_openDatasetAction, &QAction::triggered, this, &MainWindow::openDataset);
    m_saveDatasetAction = new QAction(this);
    m_saveDatasetAction->setObjectName(QStringLiteral("actionSaveDataset"));
    m_saveDatasetAction->setShortcut(QKeySequence::Save);
    connect(m_saveDatasetAction, &QAction::triggered, this, [this] { saveDataset(false); });
    m_saveDatasetAsAction = new QAction(this);
    m_saveDatasetAsAction->setObjectName(QStringLiteral("actionSaveDatasetAs"));
    m_saveDatasetAsAction->setShortcut(QKeySequence::SaveAs);
    connect(m_saveDatasetAsAction, &QAction::triggered, this, [this] { saveDataset(true); });
    m_exportAction = new QAction(this);
    m_exportAction->setObjectName(QStringLiteral("actionExport"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportDataset);

    m_startAction = new QAction(this);
    m_startAction->setObjectName(QStringLiteral("actionStartView"));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::showStartView);

    m_statusBarAction = new QAction(this);
    m_statusBarAction->setObjectName(QStringLiteral("actionShowStatusBar"));
    m_statusBarAction->setCheckable(true);
    m_statusBarAction->setChecked(true);
    connect(m_statusBarAction, &QAction::toggled, statusBar(), &QStatusBar::setVisible);

    m_messagesAction = m_messagesDock->toggleViewAction();
    m_messagesAction->setObjectName(QStringLiteral("actionMessages"));
    m_messagesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_systemLanguageAction = new QAction(this);
    m_systemLanguageAction->setObjectName(QStringLiteral("actionLanguageSystem"));
    m_systemLanguageAction->setCheckable(true);
    m_systemLanguageAction->setData(QString());
    m_languageGroup->addAction(m_systemLanguageAction);
    for (const Language &l : LanguageManager::available()) {
        auto *a = new QAction(l.nativeName, this);
        a->setObjectName(QStringLiteral("actionLanguage_") + l.code);
        a->setCheckable(true);
        a->setData(l.code);
        m_languageGroup->addAction(a);
    }
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == m_languages.requested());
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction *a) { chooseLanguage(a->data().toString()); });

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(QStringLiteral("actionAbout"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setObjectName(QStringLiteral("actionAboutQt"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    menuBar()->setObjectName(QStringLiteral("menuBar"));
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("menuFile"));
    m_fileMenu->addAction(m_openUrlAction);
    m_fileMenu->addAction(m_addConnectionAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_newDatasetAction);
    m_fileMenu->addAction(m_openDatasetAction);
    m_fileMenu->addAction(m_saveDatasetAction);
    m_fileMenu->addAction(m_saveDatasetAsAction);
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("menuView"));
    m_viewMenu->addAction(m_startAction);
    m_viewMenu->addAction(m_refreshAction);
    m_viewMenu->addAction(m_statusBarAction);
    m_viewMenu->addAction(m_messagesAction);

    m_settingsMenu = menuBar()->addMenu(QString());
    m_settingsMenu->setObjectName(QStringLiteral("menuSettings"));
    m_languageMenu = m_settingsMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("menuLanguage"));
    m_languageMenu->addAction(m_systemLanguageAction);
    m_languageMenu->addSeparator();
    for (QAction *a : m_languageGroup->actions())
        if (a != m_systemLanguageAction)
            m_languageMenu->addAction(a);
    m_settingsMenu->addAction(createPythonSettingAction(this)); // ui/bench/python_finder.h

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("menuHelp"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

} // namespace shardscope::ui
