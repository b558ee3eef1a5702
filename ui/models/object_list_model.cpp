#include "ui/models/object_list_model.h"
#include "ui/jobs/job_tracker.h"
#include "ui/locale_format.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/memory_tuning.h"

#include <QDateTime>
#include <QLocale>
#include <QPointer>

#include <memory>

namespace shardscope::ui {

ObjectListModel::ObjectListModel(QObject *parent) : QAbstractTableModel(parent)
{
    m_worker = std::make_shared<ListingWorker>();
}

ObjectListModel::~ObjectListModel()
{
    m_worker->latest = ++m_generation; // whatever is queued is now stale
}

void ObjectListModel::requestPage(const QString &token)
{
    m_worker->latest = m_generation;
    PageRequest request{m_generation, m_url, m_options, m_recursive, m_pageSize, token};
    // Pages are fetched in order on the "listing" lane (one thread that keeps
    // its store open); a new listing replaces the old one's page in flight.
    JobTracker::instance().start(
        this, tr("Listing %1…").arg(m_url),
        [worker = m_worker, request](JobContext &) {
            PageResult result; // moved, never copied, to the GUI thread
            result.skipped = !worker->fetch(request, result);
            return result;
        },
        [this, generation = request.generation](const PageResult &result) {
            if (result.skipped)
                return;
            if (result.error.isNull())
                onPage(generation, result.rows, result.nextToken);
            else
                onFailed(generation, result.error);
        },
        nullptr, JobOptions{QStringLiteral("page"), true, true, "listing"});
}

void ObjectListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void ObjectListModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_url.clear();
    m_token.clear();
    m_error.clear();
    m_complete = true;
    m_truncated = false;
    endResetModel();
    setLoading(false);
}

void ObjectListModel::setLocation(const QString &url, const StoreOptions &options, bool recursive, quint32 pageSize)
{
    clear();
    m_url = url;
    m_options = options;
    m_recursive = recursive;
    m_pageSize = pageSize;
    m_complete = false;
    setLoading(true);
    requestPage(QString());
}

void ObjectListModel::setLimits(int rows, std::size_t bytes)
{
    m_rowLimit = qMax(rows, 1);
    m_byteLimit = bytes;
}

int ObjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.count();
}
int ObjectListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ObjectListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.count())
        return {};
    const int r = index.row();
    if (role == SizeRole)
        return m_rows.size(r);
    if (role == IsDirectoryRole)
        return m_rows.isDirectory(r);
    qint64 ms = 0;
    if (role == ModifiedTimeRole)
        return m_rows.modifiedMs(r, &ms) ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
    if (role == SortRole)
        switch (index.column()) {
        case NameColumn:
            // Listed in name order (as every store lists): the row is the rank,
            // and a sort compares integers; otherwise the bytes (no decoding).
            return m_rows.namesAscending() ? QVariant(r) : QVariant(m_rows.nameUtf8(r));
        case SizeColumn:
            return m_rows.size(r);
        case ModifiedColumn:
            return m_rows.modifiedMs(r, &ms) ? QVariant(ms) : QVariant(m_rows.modified(r));
        case ChecksumColumn:
            return m_rows.checksum(r);
        }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    // Times fit the column: the locale's short date and time; the tooltip
    // has the whole text as the store wrote it.
    if (role == Qt::DisplayRole && index.column() == ModifiedColumn && m_rows.modifiedMs(r, &ms))
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toLocalTime(),
                                  QLocale::ShortFormat);
    switch (index.column()) {
    case NameColumn:
        return m_rows.name(r);
    case SizeColumn:
        return m_rows.isDirectory(r) ? QString() : formatBytes(m_rows.size(r));
    case ModifiedColumn:
        return m_rows.modified(r);
    case ChecksumColumn:
        return m_rows.checksum(r);
    }
    return {};
}

QVariant ObjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeColumn: return tr("Size");
    case ModifiedColumn: return tr("Modified");
    case ChecksumColumn: return tr("Checksum");
    }
    return {};
}

bool ObjectListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete && !m_loading && m_error.isEmpty();
}

void ObjectListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    setLoading(true);
    requestPage(m_token);
}

void ObjectListModel::onPage(quint64 generation, const ObjectRows &rows, const QString &nextToken)
{
    if (generation != m_generation)
        return; // a superseded listing
    // Rows are added (and announced) as far as the limits allow.
    const int fit = m_rows.fitting(rows, std::size_t(m_rowLimit), m_byteLimit);
    if (fit > 0) {
        beginInsertRows({}, m_rows.count(), m_rows.count() + fit - 1);
        m_rows.append(rows, std::size_t(m_rowLimit), m_byteLimit);
        endInsertRows();
    }
    m_truncated = fit < rows.count() || (!nextToken.isEmpty() && m_rows.count() >= m_rowLimit);
    m_token = m_truncated ? QString() : nextToken;
    m_complete = m_token.isEmpty();
    setLoading(false);
    if (m_truncated) {
        // No page of this listing is asked for again: its store can go (on
        // the listing lane, where the store lives).
        JobTracker::instance().start(
            this, tr("Listing %1…").arg(m_url),
            [worker = m_worker, generation](JobContext &) {
                worker->release(generation);
                return true;
            },
            [](bool) {}, nullptr, JobOptions{QStringLiteral("release"), true, false, "listing"});
    }
    if (m_truncated)
        Q_EMIT failed(
            tr("%1: showing the first %Ln object(s); the listing stops there to keep memory bounded. "
               "Type a prefix to list part of the bucket.",
               nullptr, m_rows.count())
                .arg(m_url));
    if (m_complete)
        Q_EMIT completed(m_rows.count());
}

void ObjectListModel::onFailed(quint64 generation, const QString &message)
{
    if (generation != m_generation)
        return;
    m_error = message;
    setLoading(false);
    Q_EMIT failed(message);
}

void ListingWorker::release(quint64 generation)
{
    if (m_openGeneration != generation)
        return; // a newer listing owns the store now
    m_location = {};
    m_openGeneration = ~0ull;
    returnFreeMemory();
}

bool ListingWorker::fetch(const PageRequest &request, PageResult &result)
{
    if (request.generation != latest.load())
        return false; // superseded before it started
    try {
        if (m_openGeneration != request.generation) {
            m_location = openStore(parseStoreUrl(request.url.toStdString()), request.options);
            m_openGeneration = request.generation;
            if (m_location.bucket.empty())
                throw Error(ErrorKind::InvalidUrl, request.url.toStdString() + ": name a bucket to list its objects");
        }
        ListRequest req;
        req.recursive = request.recursive;
        req.pageSize = request.pageSize;
        req.prefix = m_location.path;
        req.details = true;
        ListPage page = m_location.store->listPage(m_location.bucket, req, request.token.toStdString());
        for (const auto &e : page.entries)
            result.rows.append(e.name, e.size, e.modified, e.checksum, e.isDirectory);
        result.nextToken = QString::fromStdString(page.continuationToken);
        // The listing is over: what it held on this thread (a file store's
        // sorted walk of the whole bucket, JSON pages) is freed, but glibc
        // keeps it in this thread's arena. Give it back to the system here,
        // off the GUI thread.
        if (page.continuationToken.empty())
            returnFreeMemory();
    } catch (...) {
        m_openGeneration = ~0ull;
        result.error = taskErrorText("listing " + request.url.toStdString());
    }
    return true;
}

} // namespace shardscope::ui
