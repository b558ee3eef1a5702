#pragma once

#include "core/storage/store_factory.h"
#include "ui/models/object_rows.h"

#include <QAbstractTableModel>

#include <atomic>
#include <memory>

namespace shardscope::ui {

class ListingWorker;

// The objects of a bucket under a prefix, listed lazily page by page on a
// worker thread (canFetchMore/fetchMore follow the continuation token), so a
// million-object bucket never blocks the GUI. Changing the location starts a
// new generation; pages of superseded listings are dropped.
// Rows are kept compact (ObjectRows). A listing stops at rowLimit() rows or
// byteLimit() bytes of rows, whichever comes first: the rows so far stay,
// isTruncated() is true and failed() says why and what to do (a table of
// millions of rows is not browsed by scrolling; a prefix narrows it).
class ObjectListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, ChecksumColumn, ColumnCount };
    enum Role
    {
        SizeRole = Qt::UserRole + 1,
        IsDirectoryRole,
        // Name (its rank, or its UTF-8 bytes), size, time (ms since 1970 where known), checksum.
        SortRole,
        // The time as a QDateTime (UTC); invalid when the store's text is not a known format.
        ModifiedTimeRole,
    };
    static constexpr int kDefaultRowLimit = 2000000;
    static constexpr std::size_t kDefaultByteLimit = std::size_t(256) << 20;

    explicit ObjectListModel(QObject *parent = nullptr);
    ~ObjectListModel() override;

    // Lists `url` (a bucket and optional prefix, any store). `options` carries
    // endpoint and timeouts; `recursive` false gives one level with directories.
    void setLocation(const QString &url, const StoreOptions &options, bool recursive = true, quint32 pageSize = 0);
    void clear();

    QString location() const { return m_url; }
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_complete; }
    bool isTruncated() const { return m_truncated; }
    QString errorString() const { return m_error; }
    ObjectRow row(int r) const { return m_rows.row(r); }
    // Memory the rows take (what a listing's byte limit counts).
    std::size_t rowBytes() const { return m_rows.bytes(); }

    // Limits for the next setLocation().
    void setLimits(int rows, std::size_t bytes);
    int rowLimit() const { return m_rowLimit; }
    std::size_t byteLimit() const { return m_byteLimit; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // The listing stopped: an error (errorString()), or a limit (isTruncated()).
    void failed(const QString &message);
    void completed(int rows);

private:
    void requestPage(const QString &token);
    void onPage(quint64 generation, const ObjectRows &rows, const QString &nextToken);
    void onFailed(quint64 generation, const QString &message);
    void setLoading(bool loading);

    // Requests run one after another on their own thread, with their own store.
    std::shared_ptr<ListingWorker> m_worker;
    StoreOptions m_options;
    bool m_recursive = true;
    quint32 m_pageSize = 0;
    ObjectRows m_rows;
    int m_rowLimit = kDefaultRowLimit;
    std::size_t m_byteLimit = kDefaultByteLimit;
    bool m_truncated = false;
    QString m_url;
    QString m_token;
    QString m_error;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_complete = true;
};

// One listing request: the page after `token` of `url` in listing `generation`.
struct PageRequest
{
    quint64 generation = 0;
    QString url;
    StoreOptions options;
    bool recursive = true;
    quint32 pageSize = 0;
    QString token;
};

// What a request gave: rows and the next token, or an error.
struct PageResult
{
    ObjectRows rows;
    QString nextToken;
    QString error;
    bool skipped = false; // superseded before it started: nothing to deliver
};

// Runs listing requests on the job tracker's "listing" lane, keeping the store of the
// current listing open between pages. Only ever used on that thread, except
// for `latest`, the newest generation (requests of older ones are skipped).
class ListingWorker
{
public:
    std::atomic<quint64> latest{0};
    // False: the request was superseded before it started (nothing to deliver).
    bool fetch(const PageRequest &request, PageResult &result);
    // Closes the listing's store (a local folder's store holds the sorted
    // walk of the whole folder until its last page) and returns the memory
    // to the system: the listing of `generation` stopped at the row limit.
    void release(quint64 generation);

private:
    quint64 m_openGeneration = ~0ull;
    StoreLocation m_location;
};

} // namespace shardscope::ui

Q_DECLARE_METATYPE(shardscope::ui::ObjectRow)
