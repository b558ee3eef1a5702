#pragma once

#include "storage/store_factory.h"

#include <QAbstractTableModel>
#include <QMutex>
#include <QThread>
#include <QVector>

#include <atomic>
#include <memory>

namespace shardscope::ui {

// One listed entry, as the GUI keeps it.
struct ObjectRow
{
    QString name;
    quint64 size = 0;
    QString modified;
    QString checksum;
    bool isDirectory = false;
};

class ListingWorker;

// The objects of a bucket under a prefix, listed lazily page by page on a
// worker thread (canFetchMore/fetchMore follow the continuation token), so a
// million-object bucket never blocks the GUI. Changing the location starts a
// new generation; pages of superseded listings are dropped.
class ObjectListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, ChecksumColumn, ColumnCount };
    enum Role { SizeRole = Qt::UserRole + 1, IsDirectoryRole, SortRole /* name, size as a number, time, checksum */ };

    explicit ObjectListModel(QObject *parent = nullptr);
    ~ObjectListModel() override;

    // Lists `url` (a bucket and optional prefix, any store). `options` carries
    // endpoint and timeouts; `recursive` false gives one level with directories.
    void setLocation(const QString &url, const StoreOptions &options, bool recursive = true, quint32 pageSize = 0);
    void clear();

    QString location() const { return m_url; }
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_complete; }
    QString errorString() const { return m_error; }
    const ObjectRow &row(int r) const { return m_rows.at(r); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void failed(const QString &message);
    void completed(int rows);
    // Internal: asks the worker for a page.
    void pageRequested(quint64 generation, const QString &token);

private Q_SLOTS:
    void onPage(quint64 generation, const QVector<shardscope::ui::ObjectRow> &rows, const QString &nextToken);
    void onFailed(quint64 generation, const QString &message);

private:
    void setLoading(bool loading);

    QThread m_thread;
    ListingWorker *m_worker = nullptr; // lives in m_thread
    QVector<ObjectRow> m_rows;
    QString m_url;
    QString m_token;
    QString m_error;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_complete = true;
};

// Runs listing requests on its own thread with its own store.
class ListingWorker : public QObject
{
    Q_OBJECT
public:
    void configure(quint64 generation, const QString &url, const StoreOptions &options, bool recursive,
                   quint32 pageSize);

public Q_SLOTS:
    void fetchPage(quint64 generation, const QString &token);

Q_SIGNALS:
    void pageReady(quint64 generation, const QVector<shardscope::ui::ObjectRow> &rows, const QString &nextToken);
    void failed(quint64 generation, const QString &message);

private:
    // Written by the GUI thread between requests, read on the worker thread: guarded.
    mutable QMutex m_mutex;
    quint64 m_generation = 0;
    QString m_url;
    StoreOptions m_options;
    bool m_recursive = true;
    quint32 m_pageSize = 0;
    // Worker-thread state.
    quint64 m_openGeneration = ~0ull;
    StoreLocation m_location;
};

} // namespace shardscope::ui

Q_DECLARE_METATYPE(shardscope::ui::ObjectRow)
