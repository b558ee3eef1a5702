// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/explorer/sample_preview.h"
#include "ui/jobs/job_tracker.h"
#include "ui/locale_format.h"

#include <QPointer>

#include "core/decode/decoded.h"
#include "core/util/error.h"
#include "ui/charts/plot_style.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace shardscope::ui {
namespace {

// A 2-D array larger than this on a side is shown as numbers, not a picture.
constexpr std::int64_t kMaxHeatMapSide = 4096;

double element(const Decoded &d, std::size_t i)
{
    const std::uint8_t *p = d.data.data() + i * d.elementSize();
    auto get = [p](auto v) {
        std::memcpy(&v, p, sizeof v);
        return static_cast<double>(v);
    };
    if (d.dtype == "uint8" || d.dtype == "bool")
        return get(std::uint8_t());
    if (d.dtype == "int8")
        return get(std::int8_t());
    if (d.dtype == "int16")
        return get(std::int16_t());
    if (d.dtype == "uint16")
        return get(std::uint16_t());
    if (d.dtype == "int32")
        return get(std::int32_t());
    if (d.dtype == "uint32")
        return get(std::uint32_t());
    if (d.dtype == "int64")
        return get(std::int64_t());
    if (d.dtype == "uint64")
        return get(std::uint64_t());
    if (d.dtype == "float32")
        return get(float());
    if (d.dtype == "float64")
        return get(double());
    return 0; // float16: shown as 0 (rare in previews)
}

// The header line's description of a decoded member, in the user's language
// (core's Decoded::describe() is the English one, for logs and the CLI).
QString describe(const Decoded &d)
{
    QString dims;
    for (std::size_t i = 0; i < d.shape.size(); ++i)
        dims += (i ? QStringLiteral("x") : QString()) + QString::number(d.shape[i]);
    const QString dtype = QString::fromStdString(d.dtype);
    switch (d.kind) {
    case Decoded::Kind::Bytes:
        return SamplePreview::tr("bytes (%1)").arg(formatBytes(d.text.size()));
    case Decoded::Kind::Text:
        return SamplePreview::tr("text (%1)").arg(formatBytes(d.text.size()));
    case Decoded::Kind::Label:
        return SamplePreview::tr("label %1").arg(d.label);
    case Decoded::Kind::Json:
        return SamplePreview::tr("JSON");
    case Decoded::Kind::Array:
        if (!d.shape.empty() && d.elementCount() == 0) // numpy's spelling of the shape stays
            return SamplePreview::tr("empty array, shape %1")
                .arg(QString::fromStdString(d.describe()).section(QStringLiteral("shape "), 1));
        return SamplePreview::tr("array %1 %2").arg(dims, dtype);
    case Decoded::Kind::Image:
        return SamplePreview::tr("image %1 %2").arg(dims, dtype);
    case Decoded::Kind::Audio:
        return SamplePreview::tr("audio %1 %2 at %3 Hz").arg(dims, dtype).arg(d.sampleRate);
    }
    return QString::fromStdString(d.describe());
}

QString hexDump(const QByteArray &bytes)
{
    const int shown = std::min<int>(static_cast<int>(bytes.size()), 64 * 1024);
    QString out;
    for (int off = 0; off < shown; off += 16) {
        QString hex, ascii;
        for (int i = off; i < std::min(off + 16, shown); ++i) {
            const auto c = static_cast<unsigned char>(bytes[i]);
            hex += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(static_cast<char>(c)) : QLatin1Char('.');
        }
        out += QStringLiteral("%1  %2 %3\n").arg(off, 8, 16, QLatin1Char('0')).arg(hex, -48).arg(ascii);
    }
    if (shown < bytes.size())
        out += SamplePreview::tr("… %1 more").arg(formatBytes(quint64(bytes.size() - shown)));
    return out;
}

} // namespace

PreviewContent buildPreview(const QString &ext, const QByteArray &bytes, const QString &what)
{
    PreviewContent c;
    const std::string_view view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    const DecodeLimits limits;
    // An image past the pixel cap is never decoded: its header says enough.
    if (const auto h = readImageHeader(ext.toStdString(), view);
        h && static_cast<std::uint64_t>(h->width) * h->height > limits.maxImagePixels) {
        c.error =
            SamplePreview::tr("%1: image too large to preview: %2×%3").arg(what).arg(h->width).arg(h->height);
        c.info = c.error;
        c.page = PreviewContent::Page::Text;
        c.text = SamplePreview::tr("Format: %1\nWidth: %2\nHeight: %3\nChannels: %4")
                     .arg(QString::fromStdString(h->format))
                     .arg(h->width)
                     .arg(h->height)
                     .arg(h->channels);
        return c;
    }
    Decoded d;
    try {
        d = decodeMember(ext.toStdString(), view, what.toStdString(), limits);
    } catch (...) {
        c.error = taskErrorText("decoding " + what.toStdString());
        c.page = PreviewContent::Page::Text;
        c.text = hexDump(bytes);
        c.info = c.error;
        return c;
    }
    // What the preview shows, and the tensor the loader core's torch adapters make of it.
    c.info = describe(d);
    if (d.kind == Decoded::Kind::Image)
        c.info += QStringLiteral(" (%1)").arg(ext.section(QLatin1Char('.'), -1).toUpper());
    c.info += QLatin1Char('\n') +
              SamplePreview::tr("Loader delivers: %1").arg(QString::fromStdString(d.tensorDescription()));
    switch (d.kind) {
    case Decoded::Kind::Image: {
        const int h = static_cast<int>(d.shape[0]), w = static_cast<int>(d.shape[1]),
                  ch = static_cast<int>(d.shape[2]);
        QImage img(w, h, QImage::Format_RGBA8888);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const std::uint8_t *p = d.data.data() + (static_cast<std::size_t>(y) * w + x) * ch;
                const int r = p[0], g = ch >= 3 ? p[1] : p[0], b = ch >= 3 ? p[2] : p[0];
                const int a = ch == 4 ? p[3] : ch == 2 ? p[1] : 255;
                img.setPixel(x, y, qRgba(r, g, b, a));
            }
        c.image = img;
        c.page = PreviewContent::Page::Image;
        c.info += SamplePreview::tr(", %1 encoded").arg(formatBytes(quint64(bytes.size())));
        break;
    }
    case Decoded::Kind::Array: {
        const std::size_t n = d.elementCount();
        double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const double v = element(d, i);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
        }
        if (n > 0)
            c.info += SamplePreview::tr(", min %1, max %2, mean %3")
                          .arg(lo)
                          .arg(hi)
                          .arg(sum / static_cast<double>(n));
        if (n == 0) { // an empty array (no boxes): said so, nothing to draw
            c.page = PreviewContent::Page::Text;
            c.text = describe(d);
        } else if (d.shape.size() == 2 && d.shape[0] <= kMaxHeatMapSide && d.shape[1] <= kMaxHeatMapSide) {
            // heat map: low blue, high red
            const int h = static_cast<int>(d.shape[0]), w = static_cast<int>(d.shape[1]);
            QImage img(w, h, QImage::Format_RGB32);
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const double t =
                        hi > lo ? (element(d, static_cast<std::size_t>(y) * w + x) - lo) / (hi - lo) : 0.5;
                    img.setPixel(x, y, qRgb(static_cast<int>(255 * t), 40, static_cast<int>(255 * (1 - t))));
                }
            c.image = img;
            c.page = PreviewContent::Page::Image;
        } else {
            c.page = PreviewContent::Page::Text;
            QStringList head;
            for (std::size_t i = 0; i < std::min<std::size_t>(n, 256); ++i)
                head << QString::number(element(d, i));
            c.text = head.join(QLatin1String(", ")) + (n > 256 ? QStringLiteral(", …") : QString());
        }
        break;
    }
    case Decoded::Kind::Audio: {
        const std::size_t frames = static_cast<std::size_t>(d.shape[0]),
                          channels = static_cast<std::size_t>(d.shape[1]);
        const double scale = d.dtype == "int16"   ? 32768.0
                             : d.dtype == "int32" ? 2147483648.0
                             : d.dtype == "uint8" ? 128.0
                                                  : 1.0;
        const std::size_t step = std::max<std::size_t>(1, frames / 20000); // enough points for a screen
        for (std::size_t f = 0; f < frames; f += step) {
            double v = element(d, f * channels);
            if (d.dtype == "uint8")
                v -= 128;
            c.waveform.push_back(v / scale);
        }
        c.page = PreviewContent::Page::Audio;
        break;
    }
    case Decoded::Kind::Label:
        c.page = PreviewContent::Page::Text;
        c.text = SamplePreview::tr("Class label: %1").arg(d.label);
        break;
    case Decoded::Kind::Json:
    case Decoded::Kind::Text:
        c.page = PreviewContent::Page::Text;
        c.text = QString::fromUtf8(d.text.data(),
                                   static_cast<qsizetype>(std::min<std::size_t>(d.text.size(), 1u << 20)));
        break;
    case Decoded::Kind::Bytes:
        c.page = PreviewContent::Page::Text;
        c.text = hexDump(bytes);
        break;
    }
    return c;
}

SamplePreview::SamplePreview(QWidget *parent)
    : QWidget(parent), m_pages(new QStackedWidget(this)), m_info(new QLabel(this)), m_image(new QLabel(this)),
      m_text(new QPlainTextEdit(this)), m_audio(createStyledPlot(this))
{
    setObjectName(QStringLiteral("samplePreview"));
    m_info->setObjectName(QStringLiteral("previewInfo"));
    m_image->setObjectName(QStringLiteral("previewImage"));
    m_text->setObjectName(QStringLiteral("previewText"));
    m_audio->setObjectName(QStringLiteral("previewAudio"));
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_image->setAlignment(Qt::AlignCenter);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_image);
    scroll->setWidgetResizable(true);
    m_pages->addWidget(new QWidget(this)); // Empty
    m_pages->addWidget(scroll);            // Image
    m_pages->addWidget(m_text);            // Text
    m_pages->addWidget(m_audio);           // Audio
    m_audio->addGraph();
    m_zoomBar = new QWidget(this);
    auto *zoomRow = new QHBoxLayout(m_zoomBar);
    zoomRow->setContentsMargins(0, 0, 0, 0);
    auto button = [this, zoomRow](const char *name) {
        auto *b = new QToolButton(m_zoomBar);
        b->setObjectName(QString::fromLatin1(name));
        zoomRow->addWidget(b);
        return b;
    };
    m_fit = button("previewFit");
    m_actual = button("previewActualSize");
    m_zoomOut = button("previewZoomOut");
    m_zoomIn = button("previewZoomIn");
    m_zoomLabel = new QLabel(m_zoomBar);
    m_zoomLabel->setObjectName(QStringLiteral("previewZoom"));
    zoomRow->addWidget(m_zoomLabel);
    zoomRow->addStretch(1);
    m_zoomBar->hide();
    connect(m_fit, &QToolButton::clicked, this, [this] { setZoom(0); });
    connect(m_actual, &QToolButton::clicked, this, [this] { setZoom(1); });
    connect(m_zoomIn, &QToolButton::clicked, this,
            [this] { setZoom(std::min(64.0, (m_zoom > 0 ? m_zoom : 1.0) * 2)); });
    connect(m_zoomOut, &QToolButton::clicked, this,
            [this] { setZoom(std::max(1.0 / 16, (m_zoom > 0 ? m_zoom : 1.0) / 2)); });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_info);
    layout->addWidget(m_zoomBar);
    layout->addWidget(m_pages, 1);
    retranslate();
}

void SamplePreview::clearPreview()
{
    JobTracker::instance().cancelSlot(this, QStringLiteral("decode"));
    present(PreviewContent());
}

void SamplePreview::showMember(const QString &ext, const QByteArray &bytes, const QString &what)
{
    m_info->setText(tr("Decoding %1…").arg(what));
    JobTracker::instance().start(
        this, tr("Decoding %1…").arg(what),
        [ext, bytes, what](JobContext &) { return buildPreview(ext, bytes, what); },
        [this](const PreviewContent &c) { present(c); }, nullptr,
        JobOptions{QStringLiteral("decode"), true, false});
}

void SamplePreview::setZoom(double zoom)
{
    m_zoom = zoom;
    if (m_content.page == PreviewContent::Page::Image)
        showImage();
}

void SamplePreview::showImage()
{
    QPixmap pm = QPixmap::fromImage(m_content.image);
    if (pm.isNull())
        return;
    if (m_zoom > 0) {
        // Enlarged pixels stay crisp squares; reductions are smoothed.
        pm =
            pm.scaled(QSize(std::max(1, int(pm.width() * m_zoom)), std::max(1, int(pm.height() * m_zoom))),
                      Qt::IgnoreAspectRatio, m_zoom >= 1 ? Qt::FastTransformation : Qt::SmoothTransformation);
        m_zoomLabel->setText(tr("%1%").arg(m_zoom * 100, 0, 'f', 0));
    } else {
        const QSize room = m_pages->size() - QSize(8, 8);
        if (pm.width() < room.width() / 4 && pm.height() < room.height() / 4) // small images: scale up, crisp
            pm = pm.scaled(pm.size() *
                           std::max(1, std::min(room.width() / pm.width(), room.height() / pm.height()) / 2));
        else if (pm.width() > room.width() || pm.height() > room.height())
            pm = pm.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        m_zoomLabel->setText(tr("fit (%1%)").arg(100.0 * pm.width() / m_content.image.width(), 0, 'f', 0));
    }
    m_image->setPixmap(pm);
}

void SamplePreview::retranslate()
{
    m_fit->setText(tr("Fit"));
    m_actual->setText(tr("1:1"));
    m_zoomIn->setText(tr("+"));
    m_zoomOut->setText(tr("−"));
    m_fit->setToolTip(tr("Fit the image to the view"));
    m_actual->setToolTip(tr("One screen pixel per image pixel"));
    m_zoomIn->setToolTip(tr("Zoom in"));
    m_zoomOut->setToolTip(tr("Zoom out"));
}

void SamplePreview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SamplePreview::present(const PreviewContent &c)
{
    m_content = c;
    m_info->setText(c.info);
    m_zoomBar->setVisible(c.page == PreviewContent::Page::Image);
    switch (c.page) {
    case PreviewContent::Page::Empty:
        m_pages->setCurrentIndex(0);
        break;
    case PreviewContent::Page::Image:
        showImage();
        m_pages->setCurrentIndex(1);
        break;
    case PreviewContent::Page::Text:
        m_text->setPlainText(c.text);
        m_pages->setCurrentIndex(2);
        break;
    case PreviewContent::Page::Audio: {
        QVector<double> x(c.waveform.size());
        for (int i = 0; i < x.size(); ++i)
            x[i] = i;
        m_audio->graph(0)->setData(x, c.waveform, true);
        m_audio->xAxis->setRange(0, std::max<double>(1, x.size()));
        m_audio->yAxis->setRange(-1, 1);
        m_audio->replot(QCustomPlot::rpQueuedReplot);
        m_pages->setCurrentIndex(3);
        break;
    }
    }
    Q_EMIT shown();
}

} // namespace shardscope::ui
