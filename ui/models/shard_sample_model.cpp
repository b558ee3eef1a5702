#include "ui/models/shard_sample_model.h"
#include "ui/jobs/job_tracker.h"
#include "ui/locale_format.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QColor>
#include <QCoreApplication>
#include <QLocale>
#include <QPointer>

namespace shardscope::ui {

namespace {
constexpr quintptr kTop = 0; // internal id of sample rows; members carry row + 1 of their sample
}

ShardSampleModel::ShardSampleModel(QObject *parent) : QAbstractItemModel(parent) {}

ShardSampleModel::~ShardSampleModel() { cancel(); }

void ShardSampleModel::cancel()
{
    JobTracker::instance().cancelSlot(this, QStringLiteral("read"));
    m_loading = false;
}

int ShardSampleModel::sampleCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.error.isEmpty() ? 1 : 0;
    return n;
}

int ShardSampleModel::errorCount() const { return m_rows.size() - sampleCount(); }

void ShardSampleModel::open(const QString &bucketUrl, const QString &object, const StoreOptions &options)
{
    cancel();
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_shard = object;
    m_loading = true;
    // Samples reach the model in small batches on the GUI thread. The job
    // never touches the model (it may be deleted meanwhile): `self` is used
    // only in what post() runs on the GUI thread, after checking it exists.
    const qint64 maxHeld = m_maxHeldBytes;
    auto work = [self = this, bucketUrl, object, options, maxHeld](JobContext &job) {
        const std::atomic<bool> *cancelFlag = job.cancelFlag();
        auto post = [&job, self](QVector<Row> rows) {
            job.post([self, rows] { self->append(rows, false); });
        };
        QVector<Row> batch;
        try {
            StoreLocation loc = openStore(parseStoreUrl(bucketUrl.toStdString()), options, true);
            ShardReadOptions so;
            so.onError = ErrorPolicy::Skip;
            so.maxSampleBytes = std::uint64_t(maxHeld);
            ShardReader reader(*loc.store, loc.bucket, so);
            qint64 held = 0;
            reader.read(
                object.toStdString(),
                [&](Sample &&s) {
                    held += qint64(s.bytes());
                    if (held > maxHeld) { // the rest is not read: the view's memory stays bounded
                        Row r;
                        r.error = tr("%1: the rest of the shard is not shown: the samples above hold the most a "
                                     "shard view keeps in memory (%2)")
                                      .arg(object, formatBytes(quint64(maxHeld)));
                        batch.push_back(std::move(r));
                        return false;
                    }
                    Row r;
                    r.key = QString::fromStdString(s.key);
                    for (auto &[ext, bytes] : s.members)
                        r.members.push_back({QString::fromStdString(ext),
                                             QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()))});
                    batch.push_back(std::move(r));
                    if (batch.size() >= 64) {
                        post(std::move(batch));
                        batch.clear();
                    }
                    return !cancelFlag->load();
                },
                [&](const ShardProblem &p) {
                    Row r;
                    r.key = QString::fromStdString(p.member);
                    r.error = QString::fromStdString(p.message);
                    batch.push_back(std::move(r));
                },
                cancelFlag);
        } catch (...) {
            const Error e = errorFromException(std::current_exception(), "reading " + object.toStdString());
            if (e.kind() != ErrorKind::Cancelled) {
                Row r;
                r.error = QString::fromStdString(e.what());
                batch.push_back(std::move(r));
            }
        }
        return batch;
    };
    JobTracker::instance().start(
        this, tr("Reading %1…").arg(object), std::move(work),
        [this](const QVector<Row> &rows) { append(rows, true); }, nullptr,
        JobOptions{QStringLiteral("read")});
}

void ShardSampleModel::append(const QVector<Row> &rows, bool done)
{
    if (!rows.isEmpty()) {
        beginInsertRows({}, m_rows.size(), m_rows.size() + rows.size() - 1);
        m_rows += rows;
        endInsertRows();
    }
    if (done) {
        m_loading = false;
        Q_EMIT finished(sampleCount(), errorCount());
    }
}

QModelIndex ShardSampleModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_rows.size() ? createIndex(row, column, kTop) : QModelIndex();
    if (parent.internalId() != kTop)
        return {};
    return row < m_rows.at(parent.row()).members.size()
               ? createIndex(row, column, static_cast<quintptr>(parent.row() + 1))
               : QModelIndex();
}

QModelIndex ShardSampleModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTop)
        return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, kTop);
}

int ShardSampleModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_rows.size();
    if (parent.internalId() != kTop || parent.column() != 0)
        return 0;
    return m_rows.at(parent.row()).members.size();
}

int ShardSampleModel::columnCount(const QModelIndex &) const { return ColumnCount; }

QVariant ShardSampleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kTop) {
        const Row &r = m_rows.at(index.row());
        if (role == IsErrorRole)
            return !r.error.isEmpty();
        if (!r.error.isEmpty()) {
            if (role == Qt::DisplayRole)
                return index.column() == KeyColumn ? tr("Error: %1").arg(r.error) : QVariant();
            if (role == Qt::ToolTipRole)
                return r.error;
            if (role == Qt::ForegroundRole)
                return QColor(Qt::red);
            return {};
        }
        if (role != Qt::DisplayRole)
            return {};
        if (index.column() == KeyColumn)
            return r.key;
        qint64 bytes = 0;
        for (const auto &m : r.members)
            bytes += m.second.size();
        return formatBytes(static_cast<quint64>(bytes));
    }
    const auto &m = m_rows.at(static_cast<int>(index.internalId() - 1)).members.at(index.row());
    if (role == ExtensionRole)
        return m.first;
    if (role != Qt::DisplayRole)
        return {};
    return index.column() == KeyColumn ? m.first : formatBytes(static_cast<quint64>(m.second.size()));
}

QVariant ShardSampleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == KeyColumn ? tr("Sample / member") : tr("Size");
}

QByteArray ShardSampleModel::memberBytes(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kTop)
        return {};
    return m_rows.at(static_cast<int>(index.internalId() - 1)).members.at(index.row()).second;
}

QString ShardSampleModel::describe(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() == kTop)
        return {};
    const Row &r = m_rows.at(static_cast<int>(index.internalId() - 1));
    return tr("%1 sample %2 member %3").arg(m_shard, r.key, r.members.at(index.row()).first);
}

} // namespace shardscope::ui
