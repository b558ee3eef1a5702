#include "ui/jobs/job_status_widget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace shardscope::ui {

JobStatusWidget::JobStatusWidget(JobTracker &tracker, QWidget *parent)
    : QWidget(parent), m_tracker(tracker), m_label(new QLabel(this)), m_jobsLayout(new QHBoxLayout)
{
    setObjectName(QStringLiteral("jobStatus"));
    m_label->setObjectName(QStringLiteral("jobStatusLabel"));
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    m_jobsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_jobsLayout);

    connect(&m_tracker, &JobTracker::jobStarted, this, &JobStatusWidget::addRow);
    connect(&m_tracker, &JobTracker::jobProgress, this, &JobStatusWidget::updateRow);
    connect(&m_tracker, &JobTracker::jobFinished, this, &JobStatusWidget::removeRow);
    for (const JobTracker::Info &job : m_tracker.jobs()) {
        addRow(job.id, job.title, job.cancellable);
        updateRow(job.id, job.done, job.total);
    }
    retranslate();
}

void JobStatusWidget::addRow(JobId id, const QString &title, bool cancellable)
{
    Row row{new QWidget(this), nullptr, nullptr, nullptr};
    row.box->setObjectName(QStringLiteral("jobStatusRow"));
    auto *layout = new QHBoxLayout(row.box);
    layout->setContentsMargins(6, 0, 0, 0);
    row.title = new QLabel(row.box);
    row.title->setObjectName(QStringLiteral("jobStatusTitle"));
    row.title->setMaximumWidth(320);
    row.title->setText(fontMetrics().elidedText(title, Qt::ElideMiddle, 320));
    row.title->setToolTip(title);
    row.progress = new QProgressBar(row.box);
    row.progress->setObjectName(QStringLiteral("jobStatusProgress"));
    row.progress->setMaximumWidth(160);
    row.progress->setRange(0, 0); // indeterminate until the first real number
    row.stop = new QToolButton(row.box);
    row.stop->setObjectName(QStringLiteral("jobStatusStop"));
    row.stop->setVisible(cancellable);
    row.stop->setProperty("jobTitle", title);
    layout->addWidget(row.title);
    layout->addWidget(row.progress);
    layout->addWidget(row.stop);
    connect(row.stop, &QToolButton::clicked, this, [this, id, stop = row.stop] {
        stop->setEnabled(false); // stopping: the row goes when the job has ended
        m_tracker.cancel(id);
    });
    m_jobsLayout->addWidget(row.box);
    row.box->show();
    m_rows.emplace(id, row);
    retranslate();
}

void JobStatusWidget::updateRow(JobId id, qint64 done, qint64 total)
{
    const auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    QProgressBar *bar = it->second.progress;
    if (total <= 0) {
        bar->setRange(0, 0);
        return;
    }
    // QProgressBar is int-based: scale to per-mille.
    bar->setRange(0, 1000);
    bar->setValue(static_cast<int>(qBound(qint64(0), done * 1000 / total, qint64(1000))));
}

void JobStatusWidget::removeRow(JobId id, const QString &message)
{
    const auto it = m_rows.find(id);
    if (it != m_rows.end()) {
        it->second.box->hide();
        it->second.box->deleteLater();
        m_rows.erase(it);
    }
    if (!message.isEmpty())
        showMessage(message);
}

void JobStatusWidget::showMessage(const QString &message)
{
    m_hasMessage = true;
    m_label->setText(message);
    m_label->setToolTip(message); // the whole text when the bar cuts it short
    Q_EMIT messageLogged(message);
}

QString JobStatusWidget::message() const
{
    return m_label->text();
}

void JobStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JobStatusWidget::retranslate()
{
    for (auto &[id, row] : m_rows) {
        row.stop->setText(tr("Stop"));
        row.stop->setToolTip(tr("Stop: %1").arg(row.stop->property("jobTitle").toString()));
    }
    if (!m_hasMessage)
        m_label->setText(tr("Ready"));
}

} // namespace shardscope::ui
