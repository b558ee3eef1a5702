#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace shardscope::ui {

// What the window shows before any data is open: what shardscope does, the
// ways in (the demo, an AIStore cluster, a local folder, a URL) and the URLs
// opened last. It only asks: the main window does the opening.
class StartView : public QWidget
{
    Q_OBJECT
public:
    explicit StartView(QWidget *parent = nullptr);

    void setRecentUrls(const QStringList &urls);
    // Shown under the buttons while the demo is being written, or after a failure.
    void setStatus(const QString &text);

Q_SIGNALS:
    void openDemoRequested();
    void connectAisRequested();
    void openFolderRequested();
    void openUrlRequested();
    void recentUrlChosen(const QString &url);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title = nullptr;
    QLabel *m_intro = nullptr;
    QPushButton *m_demo = nullptr;
    QPushButton *m_ais = nullptr;
    QPushButton *m_folder = nullptr;
    QPushButton *m_url = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_recentTitle = nullptr;
    QListWidget *m_recent = nullptr;
    QLabel *m_recentEmpty = nullptr;
};

} // namespace shardscope::ui
