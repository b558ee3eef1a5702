#include "ui/models/thumbnail_model.h"
#include "ui/jobs/job_tracker.h"

#include "ui/models/shard_sample_model.h"

#include "core/decode/decoded.h"
#include "core/util/error.h"

#include <QColor>
#include <QPointer>

#include <algorithm>
#include <cmath>

namespace shardscope::ui {

namespace {
struct Rendered
{
    QImage image;
    QString text;
    QString error;
};

// A grey-scale heat map of a 2-D array (or the first plane of more); none
// for an empty array, or one too large to draw.
QImage heatMap(const Decoded &d)
{
    constexpr std::int64_t kMaxSide = 4096;
    if (d.shape.size() < 2 || d.dtype != "float32" || d.elementCount() == 0 || d.shape[0] > kMaxSide ||
        d.shape[1] > kMaxSide)
        return {};
    const int h = int(d.shape[0]), w = int(d.shape[1]);
    // The first plane: h x w values, which the data holds (elementCount() > 0,
    // so every further dimension is at least 1).
    const auto *v = reinterpret_cast<const float *>(d.data.data());
    const auto [lo, hi] = std::minmax_element(v, v + std::size_t(h) * std::size_t(w));
    const float span = *hi - *lo > 0 ? *hi - *lo : 1;
    QImage img(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.scanLine(y)[x] = uchar(255 * (v[std::size_t(y) * std::size_t(w) + std::size_t(x)] - *lo) / span);
    return img;
}

Rendered render(const QVector<QPair<QString, QByteArray>> &members, const QString &what, int size)
{
    Rendered r;
    QStringList names;
    for (const auto &[ext, bytes] : members) {
        names << ext;
        const QString e = ext.section(QLatin1Char('.'), -1).toLower();
        if (e != QLatin1String("png") && e != QLatin1String("jpg") && e != QLatin1String("jpeg") &&
            e != QLatin1String("npy") && e != QLatin1String("cls"))
            continue;
        const std::string_view view(bytes.constData(), std::size_t(bytes.size()));
        // An image past the pixel cap is not decoded (several thumbnails decode at once).
        if (const auto h = readImageHeader(ext.toStdString(), view);
            h && std::uint64_t(h->width) * h->height > DecodeLimits().maxImagePixels) {
            if (r.text.isEmpty())
                r.text = ThumbnailModel::tr("image too large to preview: %1×%2").arg(h->width).arg(h->height);
            continue;
        }
        try {
            const Decoded d = decodeMember(ext.toStdString(), view, (what + QLatin1Char(' ') + ext).toStdString());
            if (d.kind == Decoded::Kind::Image) {
                const int w = int(d.shape[1]), h = int(d.shape[0]), ch = int(d.shape[2]);
                const QImage::Format f = ch == 1 ? QImage::Format_Grayscale8
                                         : ch == 4 ? QImage::Format_RGBA8888
                                                   : QImage::Format_RGB888;
                const QImage img(d.data.data(), w, h, w * ch, f);
                r.image = img.scaled(size, size, Qt::KeepAspectRatio,
                                     w < size && h < size ? Qt::FastTransformation : Qt::SmoothTransformation);
                return r; // scaled() made a deep copy
            }
            if (d.kind == Decoded::Kind::Array) {
                const QImage img = heatMap(d);
                if (!img.isNull()) {
                    r.image = img.scaled(size, size, Qt::KeepAspectRatio, Qt::FastTransformation);
                    return r;
                }
            }
            if (d.kind == Decoded::Kind::Label && r.text.isEmpty())
                r.text = ThumbnailModel::tr("class %1").arg(d.label);
            if (d.kind == Decoded::Kind::Array && d.elementCount() == 0 && r.text.isEmpty())
                r.text = QString::fromStdString(d.describe()); // "empty array, shape (0, 4), float32"
        } catch (...) {
            r.error = taskErrorText("decoding " + (what + QLatin1Char(' ') + ext).toStdString());
        }
    }
    if (r.text.isEmpty())
        r.text = names.join(QStringLiteral(", "));
    return r;
}
} // namespace

ThumbnailModel::ThumbnailModel(ShardSampleModel *samples, int limit, int size, QObject *parent)
    : QAbstractListModel(parent), m_samples(samples), m_limit(limit), m_size(size)
{
    connect(samples, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            takeRows(first, last);
    });
    connect(samples, &QAbstractItemModel::modelReset, this, &ThumbnailModel::reset);
    reset();
}

void ThumbnailModel::reset()
{
    beginResetModel();
    ++m_generation; // decodes of the previous shard are dropped
    m_thumbs.clear();
    m_decoded = 0;
    endResetModel();
    if (m_samples->rowCount() > 0)
        takeRows(0, m_samples->rowCount() - 1);
}

void ThumbnailModel::takeRows(int first, int last)
{
    QVector<Thumb> fresh;
    for (int row = first; row <= last && m_thumbs.size() + fresh.size() < m_limit; ++row) {
        const QModelIndex sample = m_samples->index(row, 0);
        if (sample.data(ShardSampleModel::IsErrorRole).toBool())
            continue; // problems are shown in the sample list
        Thumb t;
        t.sampleRow = row;
        t.key = sample.data().toString();
        fresh.push_back(t);
    }
    if (fresh.isEmpty())
        return;
    const int at = m_thumbs.size();
    beginInsertRows({}, at, at + fresh.size() - 1);
    m_thumbs += fresh;
    endInsertRows();
    const quint64 generation = m_generation;
    for (int i = 0; i < fresh.size(); ++i) {
        // Copies of the members go to the pool; the model may change meanwhile.
        const QModelIndex sample = m_samples->index(fresh[i].sampleRow, 0);
        QVector<QPair<QString, QByteArray>> members;
        for (int m = 0; m < m_samples->rowCount(sample); ++m) {
            const QModelIndex member = m_samples->index(m, 0, sample);
            members.push_back({member.data(ShardSampleModel::ExtensionRole).toString(), m_samples->memberBytes(member)});
        }
        const QString what = tr("%1 sample %2").arg(m_samples->shard(), fresh[i].key);
        const int row = at + i, size = m_size;
        // The pool task only renders its copies and never touches a QObject:
        // the result reaches the GUI thread, and is applied there if the model
        // still exists and the result is still for this generation.
        auto done = [this, generation, row](const Rendered &r) {
            ThumbnailModel *m = this;
            if (generation != m->m_generation || row >= m->m_thumbs.size())
                return;
            Thumb &t = m->m_thumbs[row];
            t.image = r.image;
            t.text = r.text;
            t.error = r.error;
            t.decoded = true;
            ++m->m_decoded;
            const QModelIndex i = m->index(row);
            Q_EMIT m->dataChanged(i, i);
            if (m->m_decoded == m->m_thumbs.size())
                Q_EMIT m->allDecoded();
        };
        JobTracker::instance().start(
            this, what, [members, what, size](JobContext &) { return render(members, what, size); }, done,
            nullptr, JobOptions{QString(), true, false});
    }
}

int ThumbnailModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : m_thumbs.size(); }

QVariant ThumbnailModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Thumb &t = m_thumbs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return t.image.isNull() && t.decoded ? t.key + QLatin1Char('\n') + t.text : t.key;
    case Qt::DecorationRole:
        if (!t.image.isNull())
            return t.image;
        return QVariant();
    case Qt::ToolTipRole:
        return t.error.isEmpty() ? t.key : t.key + QLatin1Char('\n') + t.error;
    case SampleRowRole:
        return t.sampleRow;
    case DecodedRole:
        return t.decoded;
    default:
        return {};
    }
}

} // namespace shardscope::ui
