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
    // An action with its object name (tests find actions by it) and shortcut;
    // its text is set in retranslate().
    const auto action = [this](const char *objectName, const QKeySequence &shortcut = {}) {
        auto *a = new QAction(this);
        a->setObjectName(QString::fromLatin1(objectName));
        a->setShortcut(shortcut);
        return a;
    };
    m_quitAction = action("actionQuit", QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_openUrlAction = action("actionOpenUrl", QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_openUrlAction, &QAction::triggered, this, &MainWindow::askForUrl);
    m_addConnectionAction = action("actionAddConnection");
    connect(m_addConnectionAction, &QAction::triggered, this, &MainWindow::addConnection);
    m_refreshAction = action("actionRefresh", QKeySequence::Refresh);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        const QString url = m_explorer->objects()->location();
        if (!url.isEmpty())
            openLocation(url);
    });

    m_newDatasetAction = action("actionNewDataset", QKeySequence::New);
    connect(m_newDatasetAction, &QAction::triggered, this, &MainWindow::newDataset);
    m_openDatasetAction = action("actionOpenDataset", QKeySequence::Open);
    connect(m_openDatasetAction, &QAction::triggered, this, &MainWindow::openDataset);
    m_saveDatasetAction = action("actionSaveDataset", QKeySequence::Save);
    connect(m_saveDatasetAction, &QAction::triggered, this, [this] { saveDataset(false); });
    m_saveDatasetAsAction = action("actionSaveDatasetAs", QKeySequence::SaveAs);
    connect(m_saveDatasetAsAction, &QAction::triggered, this, [this] { saveDataset(true); });
    m_exportAction = action("actionExport", QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportDataset);

    m_startAction = action("actionStartView");
    connect(m_startAction, &QAction::triggered, this, &MainWindow::showStartView);

    m_statusBarAction = action("actionShowStatusBar");
    m_statusBarAction->setCheckable(true);
    m_statusBarAction->setChecked(true);
    connect(m_statusBarAction, &QAction::toggled, statusBar(), &QStatusBar::setVisible);

    m_messagesAction = m_messagesDock->toggleViewAction();
    m_messagesAction->setObjectName(QStringLiteral("actionMessages"));
    m_messagesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_systemLanguageAction = action("actionLanguageSystem");
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

    m_aboutAction = action("actionAbout");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = action("actionAboutQt");
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
