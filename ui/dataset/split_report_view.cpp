#include "ui/dataset/split_report_view.h"

#include "core/util/strings.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shardscope::ui {

SplitReportView::SplitReportView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("countStatus"));
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshCounts"));
    header->addWidget(m_title);
    header->addWidget(m_status, 1);
    header->addWidget(m_refresh);
    layout->addLayout(header);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("splitReport"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("splitDetails"));
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(110);
    layout->addWidget(m_details);
    connect(m_refresh, &QPushButton::clicked, this, &SplitReportView::refreshRequested);
    retranslate();
}

void SplitReportView::setStatus(const QString &text) { m_status->setText(text); }

void SplitReportView::clear()
{
    m_table->setRowCount(0);
    m_details->clear();
}

void SplitReportView::showReport(const SplitReport &report)
{
    m_table->setRowCount(0);
    auto addRow = [this](const QString &name, quint64 objects, const QString &bytes) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(name));
        auto *n = new QTableWidgetItem(QLocale().toString(objects));
        n->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 1, n);
        auto *b = new QTableWidgetItem(bytes);
        b->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 2, b);
    };
    for (const auto &s : report.splits)
        addRow(QString::fromStdString(s.name), s.objects, QString::fromStdString(humanBytes(s.bytes)));
    addRow(tr("(in no split)"), report.uncovered, QString());

    auto examples = [](const std::vector<std::string> &v) {
        QStringList out;
        for (const auto &e : v)
            out << QString::fromStdString(e);
        return out.join(QStringLiteral(", "));
    };
    QStringList lines;
    for (const auto &o : report.overlaps)
        lines << tr("Overlap %1 / %2: %n object(s), e.g. %3", nullptr, int(o.objects))
                     .arg(QString::fromStdString(o.first), QString::fromStdString(o.second), examples(o.examples));
    if (report.uncovered > 0 && !report.splits.empty())
        lines << tr("In no split: %n object(s), e.g. %1", nullptr, int(report.uncovered))
                     .arg(examples(report.uncoveredExamples));
    if (lines.isEmpty() && !report.splits.empty())
        lines << tr("No overlaps; every object is in a split.");
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
    m_status->setText(tr("Counted."));
}

void SplitReportView::retranslate()
{
    m_title->setText(tr("<b>What the splits select</b>"));
    m_table->setHorizontalHeaderLabels({tr("Split"), tr("Objects"), tr("Bytes")});
    m_refresh->setText(tr("List Again"));
}

void SplitReportView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shardscope::ui
