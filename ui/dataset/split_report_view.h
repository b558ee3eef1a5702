#pragma once

#include "core/data/sources.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace shardscope::ui {

// What the splits of a dataset config select: a table of objects and bytes per
// split (and the objects in no split), overlaps and uncovered objects with
// examples, the counting status and a "List Again" button.
class SplitReportView : public QWidget
{
    Q_OBJECT
public:
    explicit SplitReportView(QWidget *parent = nullptr);

    void setStatus(const QString &text);
    void showReport(const SplitReport &report); // and says "Counted."
    void clear();

Q_SIGNALS:
    void refreshRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title;
    QLabel *m_status;
    QPushButton *m_refresh;
    QTableWidget *m_table;
    QPlainTextEdit *m_details;
};

} // namespace shardscope::ui
