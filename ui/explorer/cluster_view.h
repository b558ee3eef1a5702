#pragma once

#include "core/storage/store_factory.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace shardscope::ui {

// An AIStore cluster at a glance: the cluster map's proxies and targets with
// their URLs, maintenance flags and health (asked of each node), and a
// refresh. Everything is fetched off the GUI thread.
class ClusterView : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterView(QWidget *parent = nullptr);

    void setCluster(const QString &name, const StoreOptions &options); // and refreshes
    void refresh();
    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void refreshed(int nodes, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct NodeRow
    {
        QString role, id, url, state, uptime;
        bool healthy = false;
    };
    void show(const QVector<NodeRow> &rows, const QString &summary, const QString &error);
    void retranslate();

    QLabel *m_summary;
    QTableWidget *m_table;
    QPushButton *m_refresh;
    QString m_name;
    StoreOptions m_options;
};

} // namespace shardscope::ui
