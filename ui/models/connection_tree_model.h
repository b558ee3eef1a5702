#pragma once

#include "core/storage/store_factory.h"

#include <QAbstractItemModel>
#include <QVector>

#include <memory>

namespace shardscope::ui {

// A place buckets live, as the sidebar shows it.
struct Connection
{
    QString name;     // "Local store", "AIStore 127.0.0.1:8080"
    QString scheme;   // "local", "ais", "s3"
    StoreOptions options;
};

// Connections at the top level, their buckets below, listed off the GUI
// thread when a connection is expanded (canFetchMore/fetchMore).
class ConnectionTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role { UrlRole = Qt::UserRole + 1, ErrorRole };

    explicit ConnectionTreeModel(QObject *parent = nullptr);
    ~ConnectionTreeModel() override;

    void setConnections(const QVector<Connection> &connections);
    void addConnection(const Connection &connection);
    void removeConnection(int row);
    // Replaces a connection's settings (Edit Connection): its buckets are listed again.
    void replaceConnection(int row, const Connection &connection);
    const Connection &connection(int row) const { return m_nodes.at(row).connection; }
    // "local://bucket", "ais://bucket" for a bucket index, "" otherwise.
    QString bucketUrl(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Lists the buckets of connection `row` again.
    void refresh(int row);

Q_SIGNALS:
    void bucketsLoaded(int row);
    void failed(int row, const QString &message);

private:
    struct Node
    {
        Connection connection;
        QStringList buckets;
        QString error;
        bool loaded = false;
        bool loading = false;
        quint64 generation = 0;
    };
    void onListed(int row, quint64 generation, const QStringList &buckets, const QString &error);

    QVector<Node> m_nodes;
    quint64 m_nextGeneration = 0; // model-wide: a row that moves never matches an old answer
};

} // namespace shardscope::ui
