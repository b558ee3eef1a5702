#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace shardscope::ui {

// What a member looks like once decoded (computed off the GUI thread).
struct PreviewContent
{
    enum class Page
    {
        Empty,
        Image,
        Text,
        Audio
    };
    Page page = Page::Empty;
    QString info;             // "image 32x32x3 uint8", "array 4x5 float32, min ... max ... mean ..."
    QImage image;             // Image page: the picture, or a heat map of a 2-D array
    QString text;             // Text page: text, pretty JSON, the label, or a hex dump
    QVector<double> waveform; // Audio page: the first channel, scaled to -1..1
    QString error;            // a decode error, naming the member
};

// Decodes member bytes by extension into what the preview shows.
PreviewContent buildPreview(const QString &ext, const QByteArray &bytes, const QString &what);

// Shows one sample member by content: images (fit to the view), text, JSON,
// class labels, audio as a waveform, npy arrays (shape, dtype, min/max/mean,
// a heat map for 2-D), and a hex view for anything else. Decoding runs on a
// worker; a newer request supersedes an older one.
class SamplePreview : public QWidget
{
    Q_OBJECT
public:
    explicit SamplePreview(QWidget *parent = nullptr);

    void showMember(const QString &ext, const QByteArray &bytes, const QString &what);
    void clearPreview();
    // Image zoom: 0 = fit to the view (the default), else a scale (1 = one screen pixel per image pixel).
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    const PreviewContent &content() const { return m_content; }

Q_SIGNALS:
    void shown(); // a decoded member is on screen

private:
    void present(const PreviewContent &content);
    void showImage();
    void retranslate();
    void changeEvent(QEvent *event) override;

    QStackedWidget *m_pages;
    QLabel *m_info;
    QLabel *m_image;
    QPlainTextEdit *m_text;
    QCustomPlot *m_audio;
    PreviewContent m_content;
    QWidget *m_zoomBar;
    QToolButton *m_fit, *m_actual, *m_zoomIn, *m_zoomOut;
    QLabel *m_zoomLabel;
    double m_zoom = 0;
};

} // namespace shardscope::ui
