#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace shardscope::ui {

// The status bar's view of the current long job: what it does, how far it
// is (indeterminate until the first real number), and a Stop button.
class JobStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusWidget(QWidget *parent = nullptr);

    void startJob(const QString &description, bool cancellable = true);
    void setProgress(qint64 done, qint64 total);
    void finishJob(const QString &message);

    bool isBusy() const { return m_busy; }
    QString message() const;

Q_SIGNALS:
    void stopRequested();
    // Every finished operation's message (errors included), for the Messages log.
    void messageLogged(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_label;
    QProgressBar *m_progress;
    QToolButton *m_stop;
    bool m_busy = false;
};

} // namespace shardscope::ui
