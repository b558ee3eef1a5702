#include "ui/job_status_widget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace shardscope::ui {

JobStatusWidget::JobStatusWidget(QWidget *parent)
    : QWidget(parent), m_label(new QLabel(this)), m_progress(new QProgressBar(this)), m_stop(new QToolButton(this))
{
    setObjectName(QStringLiteral("jobStatus"));
    m_label->setObjectName(QStringLiteral("jobStatusLabel"));
    m_progress->setObjectName(QStringLiteral("jobStatusProgress"));
    m_stop->setObjectName(QStringLiteral("jobStatusStop"));
    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_stop->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_stop);
    connect(m_stop, &QToolButton::clicked, this, &JobStatusWidget::stopRequested);
    retranslate();
    m_label->setText(tr("Ready"));
}

void JobStatusWidget::startJob(const QString &description, bool cancellable)
{
    m_busy = true;
    m_label->setText(description);
    m_progress->setRange(0, 0); // indeterminate until the first real number
    m_progress->show();
    m_stop->setVisible(cancellable);
    m_stop->setEnabled(cancellable);
}

void JobStatusWidget::setProgress(qint64 done, qint64 total)
{
    if (total <= 0) {
        m_progress->setRange(0, 0);
        return;
    }
    // QProgressBar is int-based: scale to per-mille.
    m_progress->setRange(0, 1000);
    m_progress->setValue(static_cast<int>(qBound(qint64(0), done * 1000 / total, qint64(1000))));
}

void JobStatusWidget::finishJob(const QString &message)
{
    m_busy = false;
    m_label->setText(message);
    m_label->setToolTip(message); // the whole text when the bar cuts it short
    m_progress->hide();
    m_stop->hide();
    Q_EMIT messageLogged(message);
}

QString JobStatusWidget::message() const { return m_label->text(); }

void JobStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void JobStatusWidget::retranslate()
{
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop the current operation"));
    if (!m_busy)
        m_label->setText(tr("Ready"));
}

} // namespace shardscope::ui
