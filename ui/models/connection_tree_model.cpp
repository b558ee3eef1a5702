#include "ui/models/connection_tree_model.h"
#include "ui/jobs/job_tracker.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QPointer>

namespace shardscope::ui {

namespace {
// Internal ids: 0 for connections; row + 1 of the connection for its buckets.
constexpr quintptr kTop = 0;
} // namespace

ConnectionTreeModel::ConnectionTreeModel(QObject *parent) : QAbstractItemModel(parent) {}
ConnectionTreeModel::~ConnectionTreeModel() = default;

void ConnectionTreeModel::setConnections(const QVector<Connection> &connections)
{
    beginResetModel();
    m_nodes.clear();
    for (const Connection &c : connections)
        m_nodes.push_back({c, {}, {}, false, false, 0});
    endResetModel();
}

void ConnectionTreeModel::addConnection(const Connection &connection)
{
    beginInsertRows({}, m_nodes.size(), m_nodes.size());
    m_nodes.push_back({connection, {}, {}, false, false, 0});
    endInsertRows();
}

void ConnectionTreeModel::replaceConnection(int row, const Connection &connection)
{
    if (row < 0 || row >= m_nodes.size())
        return;
    Node &n = m_nodes[row];
    const QModelIndex parentIndex = index(row, 0);
    if (!n.buckets.isEmpty()) {
        beginRemoveRows(parentIndex, 0, n.buckets.size() - 1);
        n.buckets.clear();
        endRemoveRows();
    }
    n.connection = connection;
    n.error.clear();
    n.generation = ++m_nextGeneration; // an answer for the old settings is dropped
    n.loading = false;
    n.loaded = false;
    Q_EMIT dataChanged(parentIndex, parentIndex);
    refresh(row);
}

void ConnectionTreeModel::removeConnection(int row)
{
    if (row < 0 || row >= m_nodes.size())
        return;
    beginRemoveRows({}, row, row);
    m_nodes.remove(row);
    endRemoveRows();
}

QString ConnectionTreeModel::bucketUrl(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kTop)
        return {};
    const Node &n = m_nodes.at(static_cast<int>(index.internalId() - 1));
    return n.connection.scheme + QStringLiteral("://") + n.buckets.at(index.row());
}

QModelIndex ConnectionTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_nodes.size() ? createIndex(row, 0, kTop) : QModelIndex();
    if (parent.internalId() != kTop)
        return {};
    const Node &n = m_nodes.at(parent.row());
    return row < n.buckets.size() ? createIndex(row, 0, static_cast<quintptr>(parent.row() + 1)) : QModelIndex();
}

QModelIndex ConnectionTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTop)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTop);
}

int ConnectionTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_nodes.size();
    if (parent.internalId() != kTop || parent.column() != 0)
        return 0;
    return m_nodes.at(parent.row()).buckets.size();
}

int ConnectionTreeModel::columnCount(const QModelIndex &) const { return 1; }

bool ConnectionTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_nodes.isEmpty();
    if (parent.internalId() != kTop)
        return false;
    const Node &n = m_nodes.at(parent.row());
    return !n.loaded || !n.buckets.isEmpty();
}

QVariant ConnectionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kTop) {
        const Node &n = m_nodes.at(index.row());
        if (role == Qt::DisplayRole)
            return n.loading ? tr("%1 (loading…)").arg(n.connection.name) : n.connection.name;
        if (role == Qt::ToolTipRole || role == ErrorRole)
            return n.error;
        return {};
    }
    if (role == Qt::DisplayRole)
        return m_nodes.at(static_cast<int>(index.internalId() - 1)).buckets.at(index.row());
    if (role == UrlRole || role == Qt::ToolTipRole)
        return bucketUrl(index);
    return {};
}

bool ConnectionTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.internalId() != kTop)
        return false;
    const Node &n = m_nodes.at(parent.row());
    return !n.loaded && !n.loading;
}

void ConnectionTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        refresh(parent.row());
}

void ConnectionTreeModel::refresh(int row)
{
    Node &n = m_nodes[row];
    n.loading = true;
    const quint64 generation = ++m_nextGeneration;
    n.generation = generation;
    const Connection conn = n.connection;
    Q_EMIT dataChanged(index(row, 0), index(row, 0));
    auto done = [this, row, generation](const QPair<QStringList, QString> &result) {
        onListed(row, generation, result.first, result.second);
    };
    // The listing runs as a job, never on the GUI thread. Rows may move while
    // it runs (a connection removed): the row's generation says if it is still
    // the row that asked.
    JobTracker::instance().start(
        this, tr("Listing the buckets of %1…").arg(conn.name),
        [conn](JobContext &) -> QPair<QStringList, QString> {
            try {
                StoreLocation loc = openStore(parseStoreUrl(conn.scheme.toStdString() + "://"), conn.options);
                QStringList names;
                for (const auto &b : loc.store->listBuckets())
                    names << QString::fromStdString(b);
                return {names, {}};
            } catch (...) {
                return {{}, taskErrorText("listing the buckets of " + conn.name.toStdString())};
            }
        },
        done, nullptr, JobOptions{QStringLiteral("buckets:%1").arg(generation)});
}

void ConnectionTreeModel::onListed(int row, quint64 generation, const QStringList &buckets, const QString &error)
{
    if (row >= m_nodes.size() || m_nodes[row].generation != generation)
        return; // superseded
    Node &n = m_nodes[row];
    const QModelIndex parentIndex = index(row, 0);
    if (!n.buckets.isEmpty()) {
        beginRemoveRows(parentIndex, 0, n.buckets.size() - 1);
        n.buckets.clear();
        endRemoveRows();
    }
    n.loading = false;
    n.loaded = true;
    n.error = error;
    if (!buckets.isEmpty()) {
        beginInsertRows(parentIndex, 0, buckets.size() - 1);
        n.buckets = buckets;
        endInsertRows();
    }
    Q_EMIT dataChanged(parentIndex, parentIndex);
    if (error.isEmpty())
        Q_EMIT bucketsLoaded(row);
    else
        Q_EMIT failed(row, error);
}

} // namespace shardscope::ui
