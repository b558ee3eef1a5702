#pragma once

#include <QAbstractListModel>
#include <QImage>
#include <QVector>

namespace shardscope::ui {

class ShardSampleModel;

// Thumbnails of the first K samples of the shard a ShardSampleModel streams:
// a row appears as soon as its sample arrives (its key, a placeholder), and
// its picture is filled in once decoded off the GUI thread — the first image
// member (png, jpg, npy heat map), else the class label or the member list
// as text. Follows the sample model: a new shard resets it.
class ThumbnailModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SampleRowRole = Qt::UserRole + 1, DecodedRole };
    explicit ThumbnailModel(ShardSampleModel *samples, int limit = 48, int size = 96, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    int decodedCount() const { return m_decoded; }
    int limit() const { return m_limit; }

Q_SIGNALS:
    void allDecoded(); // every row present has its picture (or its reason for none)

private:
    struct Thumb
    {
        int sampleRow = 0;
        QString key;
        QImage image;
        QString text; // label or members, when there is no image
        QString error;
        bool decoded = false;
    };
    void takeRows(int first, int last);
    void reset();

    ShardSampleModel *m_samples;
    int m_limit;
    int m_size;
    QVector<Thumb> m_thumbs;
    quint64 m_generation = 0;
    int m_decoded = 0;
};

} // namespace shardscope::ui
