#pragma once

#include "ui/jobs/job_tracker.h"

#include <QWidget>

#include <map>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QToolButton;

namespace shardscope::ui {

// The status bar: the last message (whole text as tooltip; every message also
// goes to the Messages log) and, for each running job of the tracker, its
// title, its progress (indeterminate until the first real number) and its own
// Stop button.
class JobStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusWidget(JobTracker &tracker, QWidget *parent = nullptr);

    // A finished operation's message, an error or a hint.
    void showMessage(const QString &message);
    QString message() const;
    int runningJobs() const { return int(m_rows.size()); }

Q_SIGNALS:
    // Every message shown (errors included), for the Messages log.
    void messageLogged(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row
    {
        QWidget *box;
        QLabel *title;
        QProgressBar *progress;
        QToolButton *stop;
    };
    void addRow(JobId id, const QString &title, bool cancellable);
    void updateRow(JobId id, qint64 done, qint64 total);
    void removeRow(JobId id, const QString &message);
    void retranslate();

    JobTracker &m_tracker;
    QLabel *m_label;
    QHBoxLayout *m_jobsLayout;
    std::map<JobId, Row> m_rows;
    bool m_hasMessage = false;
};

} // namespace shardscope::ui
