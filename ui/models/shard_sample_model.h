#pragma once

#include "core/shard/shard_reader.h"
#include "core/storage/store_factory.h"

#include <QAbstractItemModel>
#include <QVector>

#include <atomic>
#include <memory>

namespace shardscope::ui {

// The samples of one shard, streamed in on a worker thread: samples at the
// top level (key, member count, bytes), their members below (extension,
// size). A problem while reading shows as a row of its own, with the shard
// and member it is about; the samples read before it stay. At most
// maxHeldBytes() of member bytes are kept: past that, reading stops.
class ShardSampleModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, SizeColumn, ColumnCount };
    enum Role { IsErrorRole = Qt::UserRole + 1, ExtensionRole };

    explicit ShardSampleModel(QObject *parent = nullptr);
    ~ShardSampleModel() override;

    // Reads shard `object` of bucket `url` ("local://b", "ais://b").
    void open(const QString &bucketUrl, const QString &object, const StoreOptions &options);
    void cancel();
    // The member bytes a view keeps in memory: a shard whose samples hold
    // more is read up to there, and a problem row says the rest is not shown
    // (a larger single sample is a problem row too). Takes effect at open().
    void setMaxHeldBytes(qint64 bytes) { m_maxHeldBytes = bytes; }
    qint64 maxHeldBytes() const { return m_maxHeldBytes; }

    bool isLoading() const { return m_loading; }
    QString shard() const { return m_shard; }
    int sampleCount() const;
    int errorCount() const;
    // The bytes of a member row (empty for sample and error rows).
    QByteArray memberBytes(const QModelIndex &index) const;
    QString describe(const QModelIndex &index) const; // "shard sample key member ext"

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void finished(int samples, int errors);

private:
    struct Row
    {
        QString key;
        QVector<QPair<QString, QByteArray>> members;
        QString error; // non-empty: an error row
    };
    void append(const QVector<Row> &rows, bool done);

    QVector<Row> m_rows;
    QString m_shard;
    bool m_loading = false;
    qint64 m_maxHeldBytes = qint64(512) << 20;
};

} // namespace shardscope::ui
