#include "object_list_model.h"
#include "locale_format.h"

#include "storage/store_url.h"
#include "util/error.h"

#include <QLocale>
#include <QMutexLocker>

namespace shardscope::ui {

ObjectListModel::ObjectListModel(QObject *parent) : QAbstractTableModel(parent)
{
    qRegisterMetaType<QVector<shardscope::ui::ObjectRow>>();
    m_worker = new ListingWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &ObjectListModel::pageRequested, m_worker, &ListingWorker::fetchPage, Qt::QueuedConnection);
    connect(m_worker, &ListingWorker::pageReady, this, &ObjectListModel::onPage, Qt::QueuedConnection);
    connect(m_worker, &ListingWorker::failed, this, &ObjectListModel::onFailed, Qt::QueuedConnection);
    m_thread.setObjectName(QStringLiteral("listing"));
    m_thread.start();
}

ObjectListModel::~ObjectListModel()
{
    ++m_generation; // whatever is in flight is now stale
    m_thread.quit();
    m_thread.wait(); // a request in progress ends within its timeouts
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
    m_complete = false;
    m_worker->configure(m_generation, url, options, recursive, pageSize);
    setLoading(true);
    Q_EMIT pageRequested(m_generation, QString());
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
    Q_EMIT pageRequested(m_generation, m_token);
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

void ListingWorker::configure(quint64 generation, const QString &url, const StoreOptions &options, bool recursive,
                              quint32 pageSize)
{
    QMutexLocker lock(&m_mutex);
    m_generation = generation;
    m_url = url;
    m_options = options;
    m_recursive = recursive;
    m_pageSize = pageSize;
}

void ListingWorker::fetchPage(quint64 generation, const QString &token)
{
    QString url;
    StoreOptions options;
    ListRequest req;
    {
        QMutexLocker lock(&m_mutex);
        if (generation != m_generation)
            return; // superseded before it started
        url = m_url;
        options = m_options;
        req.recursive = m_recursive;
        req.pageSize = m_pageSize;
    }
    try {
        if (m_openGeneration != generation) {
            m_location = openStore(parseStoreUrl(url.toStdString()), options);
            m_openGeneration = generation;
            if (m_location.bucket.empty())
                throw Error(ErrorKind::InvalidUrl, url.toStdString() + ": name a bucket to list its objects");
        }
        req.prefix = m_location.path;
        req.details = true;
        ListPage page = m_location.store->listPage(m_location.bucket, req, token.toStdString());
        QVector<ObjectRow> rows;
        rows.reserve(static_cast<int>(page.entries.size()));
        // Objects written together share their time: one (implicitly shared)
        // string for a run of equal times keeps a million rows small.
        QString modified;
        std::string lastModified;
        for (auto &e : page.entries) {
            if (modified.isNull() || e.modified != lastModified) {
                lastModified = e.modified;
                modified = QString::fromStdString(e.modified);
            }
            rows.push_back({QString::fromStdString(e.name), e.size, modified, QString::fromStdString(e.checksum),
                            e.isDirectory});
        }
        Q_EMIT pageReady(generation, rows, QString::fromStdString(page.continuationToken));
    } catch (const Error &e) {
        m_openGeneration = ~0ull;
        Q_EMIT failed(generation, QString::fromStdString(e.what()));
    }
}

} // namespace shardscope::ui
