#pragma once

#include "core/data/summary.h"
#include "core/storage/store_factory.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace shardscope::ui {

// A bucket or prefix summary computed in the background: object count,
// total bytes, a size histogram and the extension mix, updated after every
// listing page; stop() ends it.
class SummaryView : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryView(QWidget *parent = nullptr);
    ~SummaryView() override;

    void summarize(const QString &url, const StoreOptions &options); // a bucket URL with optional prefix
    void stop();
    const BucketSummary &summary() const { return m_summary; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressed(quint64 objects, quint64 bytes);
    void finished(const QString &error); // empty: complete

private:
    void present(const BucketSummary &s, bool final);

    QLabel *m_totals;
    QCustomPlot *m_histogram;
    QTableWidget *m_extensions;
    BucketSummary m_summary;
    QString m_url;
    bool m_running = false;
    quint64 m_job = 0; // the running summary
};

} // namespace shardscope::ui
