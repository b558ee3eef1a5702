#include "ui/models/object_list_model.h"
#include "ui/jobs/job_tracker.h"
#include "ui/locale_format.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QLocale>
#include <QPointer>

namespace shardscope::ui {

ObjectListModel::ObjectListModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<QVector<shardscope::ui::ObjectRow>>();
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
            PageResult result;
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

int ObjectListModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_rows.size(); }
int ObjectListModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ObjectListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ObjectRow &r = m_rows.at(index.row());
    if (role == SizeRole)
        return r.size;
    if (role == IsDirectoryRole)
        return r.isDirectory;
    if (role == SortRole)
        switch (index.column()) {
        case NameColumn: return r.name;
        case SizeColumn: return r.size;
        case ModifiedColumn: return r.modified;
        case ChecksumColumn: return r.checksum;
        }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn: return r.name;
    case SizeColumn: return r.isDirectory ? QString() : formatBytes(r.size);
    case ModifiedColumn: return r.modified;
    case ChecksumColumn: return r.checksum;
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

void ObjectListModel::onPage(quint64 generation, const QVector<ObjectRow> &rows, const QString &nextToken)
{
    if (generation != m_generation)
        return; // a superseded listing
    if (!rows.isEmpty()) {
        beginInsertRows({}, m_rows.size(), m_rows.size() + rows.size() - 1);
        m_rows += rows;
        endInsertRows();
    }
    m_token = nextToken;
    m_complete = nextToken.isEmpty();
    setLoading(false);
    if (m_complete)
        Q_EMIT completed(m_rows.size());
}

void ObjectListModel::onFailed(quint64 generation, const QString &message)
{
    if (generation != m_generation)
        return;
    m_error = message;
    setLoading(false);
    Q_EMIT failed(message);
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
        result.rows.reserve(static_cast<int>(page.entries.size()));
        // Objects written together share their time: one (implicitly shared)
        // string for a run of equal times keeps a million rows small.
        QString modified;
        std::string lastModified;
        for (auto &e : page.entries) {
            if (modified.isNull() || e.modified != lastModified) {
                lastModified = e.modified;
                modified = QString::fromStdString(e.modified);
            }
            result.rows.push_back({QString::fromStdString(e.name), e.size, modified,
                                   QString::fromStdString(e.checksum), e.isDirectory});
        }
        result.nextToken = QString::fromStdString(page.continuationToken);
    } catch (...) {
        m_openGeneration = ~0ull;
        result.error = taskErrorText("listing " + request.url.toStdString());
    }
    return true;
}

} // namespace shardscope::ui
