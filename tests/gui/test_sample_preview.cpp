// Shard browsing and sample preview: a shard's samples stream into the tree
// (problems as rows of their own), members show by content.

#include "core/gen/dataset_generator.h"
#include "core/gen/png_writer.h"
#include "core/storage/file_store.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/explorer/sample_preview.h"
#include "ui/models/object_list_model.h"
#include "ui/models/shard_sample_model.h"
#include "ui/models/thumbnail_model.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QThreadPool>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QListView>
#include <QTest>

#include "ui/language_manager.h"
#include <QToolButton>
#include <QTreeView>

#include <cstring>

using namespace shardscope;
using namespace shardscope::ui;

namespace {
QByteArray wav(int frames)
{
    auto u32 = [](std::uint32_t v) { return std::string(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [](std::uint16_t v) { return std::string(reinterpret_cast<const char *>(&v), 2); };
    std::string data;
    for (int i = 0; i < frames; ++i)
        data += u16(static_cast<std::uint16_t>(i % 2 ? 16384 : -16384));
    const std::string fmt = u16(1) + u16(1) + u32(8000) + u32(16000) + u16(2) + u16(16);
    const std::string body = "WAVE" + std::string("fmt ") + u32(16) + fmt + "data" + u32(static_cast<std::uint32_t>(data.size())) + data;
    return QByteArray::fromStdString("RIFF" + u32(static_cast<std::uint32_t>(body.size())) + body);
}
QByteArray npy(const std::string &descr, const std::string &shape, const std::string &data)
{
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out.push_back(static_cast<char>(header.size()));
    out.push_back('\0');
    return QByteArray::fromStdString(out + header + data);
}
QByteArray npy2x3()
{
    const float v[6] = {0, 1, 2, 3, 4, 5};
    return npy("<f4", "2, 3", std::string(reinterpret_cast<const char *>(v), sizeof v));
}
// A small real JPEG whose frame header declares width x height.
QByteArray jpegDeclaring(int width, int height)
{
    QImage img(16, 8, QImage::Format_RGB888);
    img.fill(QColor(10, 120, 200));
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "JPG", 90);
    for (int i = 2; i + 9 < bytes.size(); ++i)
        if (bytes[i] == '\xFF' && (bytes[i + 1] == '\xC0' || bytes[i + 1] == '\xC2')) { // SOF: length, precision, Y, X
            bytes[i + 5] = static_cast<char>(height >> 8);
            bytes[i + 6] = static_cast<char>(height & 0xFF);
            bytes[i + 7] = static_cast<char>(width >> 8);
            bytes[i + 8] = static_cast<char>(width & 0xFF);
            break;
        }
    return bytes;
}
} // namespace

class TestSamplePreview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void previewsByContent();
    void headerLineFollowsTheLanguage_data();
    void headerLineFollowsTheLanguage();
    void imageZoom();
    void shardSamplesStreamIn();
    void doubleClickAShardAndPreviewAMember();
    void hostilePreviews_data();
    void hostilePreviews();
    void hostileThumbnails();
    void thumbnailModelDeletedWhileDecoding();
    void shardViewKeepsBoundedBytes_data();
    void shardViewKeepsBoundedBytes();

private:
    QTemporaryDir m_dir;
};

void TestSamplePreview::headerLineFollowsTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("text");
    QTest::newRow("English") << "en" << "image 4x5x3 uint8 (PNG)" << "text (1 byte)";
    QTest::newRow("German") << "de" << "Bild 4x5x3 uint8 (PNG)" << "Text (1 Byte)";
    QTest::newRow("Chinese") << "zh_CN" << "图像 4x5x3 uint8 (PNG)" << "文本（1 字节）";
}

void TestSamplePreview::headerLineFollowsTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, image);
    QFETCH(QString, text);
    LanguageManager languages;
    QVERIFY(languages.apply(language));
    const QByteArray png = QByteArray::fromStdString(encodePngRgb(5, 4, std::vector<std::uint8_t>(60, 200)));
    const PreviewContent c = buildPreview(QStringLiteral("png"), png, QStringLiteral("s"));
    QVERIFY2(c.info.startsWith(image), qPrintable(c.info));
    const PreviewContent t = buildPreview(QStringLiteral("txt"), "x", QStringLiteral("s"));
    QVERIFY2(t.info.startsWith(text), qPrintable(t.info));
    languages.apply(QStringLiteral("en"));
}

void TestSamplePreview::previewsByContent()
{
    const QByteArray png = QByteArray::fromStdString(encodePngRgb(5, 4, std::vector<std::uint8_t>(60, 200)));
    PreviewContent c = buildPreview(QStringLiteral("png"), png, QStringLiteral("s"));
    QCOMPARE(c.page, PreviewContent::Page::Image);
    QCOMPARE(c.image.size(), QSize(5, 4));
    QCOMPARE(qRed(c.image.pixel(0, 0)), 200);
    QVERIFY(c.info.startsWith(QLatin1String("image 4x5x3 uint8 (PNG)")));
    QVERIFY2(c.info.contains(QLatin1String("Loader delivers: tensor uint8 [4, 5, 3]")), qPrintable(c.info));

    c = buildPreview(QStringLiteral("json"), "{\"a\":[1,2]}", QStringLiteral("s"));
    QCOMPARE(c.page, PreviewContent::Page::Text);
    QVERIFY(c.text.contains(QLatin1String("\n  \"a\": [")));

    c = buildPreview(QStringLiteral("cls"), "7", QStringLiteral("s"));
    QCOMPARE(c.text, QStringLiteral("Class label: 7"));
    QVERIFY2(c.info.contains(QLatin1String("tensor int64 []")), qPrintable(c.info));

    c = buildPreview(QStringLiteral("npy"), npy2x3(), QStringLiteral("s"));
    QCOMPARE(c.page, PreviewContent::Page::Image); // a heat map
    QCOMPARE(c.image.size(), QSize(3, 2));
    QVERIFY2(c.info.contains(QLatin1String("min 0, max 5, mean 2.5")), qPrintable(c.info));
    QVERIFY2(c.info.contains(QLatin1String("tensor")) && c.info.contains(QLatin1String("[2, 3]")), qPrintable(c.info));

    c = buildPreview(QStringLiteral("wav"), wav(100), QStringLiteral("s"));
    QCOMPARE(c.page, PreviewContent::Page::Audio);
    QCOMPARE(c.waveform.size(), 100);
    QCOMPARE(c.waveform[1], 0.5);

    c = buildPreview(QStringLiteral("bin"), QByteArray("AB\x01", 3), QStringLiteral("s"));
    QVERIFY2(c.text.startsWith(QLatin1String("00000000  41 42 01")), qPrintable(c.text));

    c = buildPreview(QStringLiteral("png"), "not a png", QStringLiteral("shard-1.tar sample k member png"));
    QVERIFY2(c.error.contains(QLatin1String("shard-1.tar sample k member png")), qPrintable(c.error));
    QCOMPARE(c.page, PreviewContent::Page::Text); // the bytes, in hex
}

void TestSamplePreview::imageZoom()
{
    SamplePreview preview;
    preview.resize(400, 300);
    preview.show();
    QSignalSpy shown(&preview, &SamplePreview::shown);
    preview.showMember(QStringLiteral("png"),
                       QByteArray::fromStdString(encodePngRgb(40, 20, std::vector<std::uint8_t>(40 * 20 * 3, 9))),
                       QStringLiteral("s"));
    QVERIFY(shown.wait(5000));
    auto *image = preview.findChild<QLabel *>(QStringLiteral("previewImage"));
    auto *zoom = preview.findChild<QLabel *>(QStringLiteral("previewZoom"));
    QVERIFY(zoom->text().startsWith(QStringLiteral("fit")));
    QTest::mouseClick(preview.findChild<QToolButton *>(QStringLiteral("previewActualSize")), Qt::LeftButton);
    QCOMPARE(image->pixmap().size(), QSize(40, 20));
    QCOMPARE(zoom->text(), QStringLiteral("100%"));
    QTest::mouseClick(preview.findChild<QToolButton *>(QStringLiteral("previewZoomIn")), Qt::LeftButton);
    QTest::mouseClick(preview.findChild<QToolButton *>(QStringLiteral("previewZoomIn")), Qt::LeftButton);
    QCOMPARE(image->pixmap().size(), QSize(160, 80));
    QCOMPARE(image->pixmap().toImage().pixelColor(3, 3), QColor(9, 9, 9)); // crisp, not blurred
    QTest::mouseClick(preview.findChild<QToolButton *>(QStringLiteral("previewZoomOut")), Qt::LeftButton);
    QCOMPARE(image->pixmap().size(), QSize(80, 40));
    QTest::mouseClick(preview.findChild<QToolButton *>(QStringLiteral("previewFit")), Qt::LeftButton);
    QCOMPARE(preview.zoom(), 0.0);
}

void TestSamplePreview::shardSamplesStreamIn()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("b");
    SampleSpec spec;
    spec.extensions = {"png", "cls"};
    std::vector<std::pair<std::string, std::string>> members;
    for (int k = 0; k < 150; ++k)
        for (auto &[ext, bytes] : generateSample(spec, static_cast<std::uint64_t>(k)))
            members.emplace_back("k" + std::to_string(1000 + k) + "." + ext, std::move(bytes));
    const std::string tar = writeArchive(ShardFormat::Tar, members);
    store->putBytes("b", "s.tar", tar);
    store->putBytes("b", "cut.tar", tar.substr(0, tar.size() / 2));

    StoreOptions opts;
    opts.localRoot = m_dir.path().toStdString();
    ShardSampleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ThumbnailModel thumbs(&model, 48, 64);
    QAbstractItemModelTester thumbTester(&thumbs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy done(&model, &ShardSampleModel::finished);
    model.open(QStringLiteral("local://b"), QStringLiteral("s.tar"), opts);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QCOMPARE(model.rowCount(), 150);
    // The first 48 samples as thumbnails, every one decoded into a picture of at most 64 px.
    QCOMPARE(thumbs.rowCount(), 48);
    QTRY_COMPARE_WITH_TIMEOUT(thumbs.decodedCount(), 48, 10000);
    for (int r = 0; r < thumbs.rowCount(); ++r) {
        const QImage img = thumbs.index(r).data(Qt::DecorationRole).value<QImage>();
        QVERIFY2(!img.isNull() && img.width() <= 64 && img.height() <= 64, qPrintable(QString::number(r)));
        QCOMPARE(thumbs.index(r).data(ThumbnailModel::SampleRowRole).toInt(), r);
    }
    QCOMPARE(thumbs.index(5).data().toString(), QStringLiteral("k1005"));
    const QModelIndex first = model.index(0, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("k1000"));
    QCOMPARE(model.rowCount(first), 2);
    QCOMPARE(model.index(1, 0, first).data().toString(), QStringLiteral("cls"));
    QVERIFY(!model.memberBytes(model.index(0, 0, first)).isEmpty());

    model.open(QStringLiteral("local://b"), QStringLiteral("cut.tar"), opts);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 10000);
    QCOMPARE(model.errorCount(), 1);
    QCOMPARE(thumbs.rowCount(), std::min(48, model.sampleCount())); // a new shard: its own thumbnails, no error rows
    QVERIFY(model.sampleCount() > 0 && model.sampleCount() < 150); // what came before the cut stays
    const QModelIndex err = model.index(model.rowCount() - 1, 0);
    QVERIFY(err.data(ShardSampleModel::IsErrorRole).toBool());
    QVERIFY2(err.data().toString().contains(QLatin1String("cut.tar")), qPrintable(err.data().toString()));
}

void TestSamplePreview::doubleClickAShardAndPreviewAMember()
{
    ExplorerPanel panel;
    StoreOptions opts;
    opts.localRoot = m_dir.path().toStdString();
    panel.setConnections({{QStringLiteral("Local"), QStringLiteral("local"), opts}});
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.openLocation(0, QStringLiteral("local://b"));
    auto *table = panel.findChild<QTableView *>(QStringLiteral("objectTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 5000);
    const QModelIndex shard = table->model()->index(1, 0); // s.tar (after cut.tar)
    QCOMPARE(shard.data().toString(), QStringLiteral("s.tar"));
    // A double click is a press and release followed by a double-click event.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(shard).center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(shard).center());
    auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("explorerTabs"));
    QCOMPARE(tabs->currentIndex(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(panel.samples()->rowCount(), 150, 10000);

    // The first member of the first sample is shown at once.
    auto *info = panel.findChild<QLabel *>(QStringLiteral("previewInfo"));
    QTRY_VERIFY_WITH_TIMEOUT(info->text().startsWith(QLatin1String("image 32x32x3")), 5000);
    QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("previewImage"))->pixmap().isNull());

    // Clicking another member shows that one.
    auto *tree = panel.findChild<QTreeView *>(QStringLiteral("sampleTree"));
    const QModelIndex sample = panel.samples()->index(2, 0);
    tree->expand(sample);
    const QModelIndex cls = panel.samples()->index(1, 0, sample);
    QCOMPARE(cls.data().toString(), QStringLiteral("cls"));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(cls).center());
    auto *text = panel.findChild<QPlainTextEdit *>(QStringLiteral("previewText"));
    const QString expected = QStringLiteral("Class label: %1").arg(QString::fromUtf8(panel.samples()->memberBytes(cls)));
    QTRY_COMPARE_WITH_TIMEOUT(text->toPlainText(), expected, 5000);
    QVERIFY(text->isVisible());

    // The thumbnail grid: clicking sample 7's picture selects it and previews its image.
    panel.findChild<QTabWidget *>(QStringLiteral("sampleViews"))->setCurrentIndex(1);
    auto *grid = panel.findChild<QListView *>(QStringLiteral("thumbnailGrid"));
    QTRY_COMPARE_WITH_TIMEOUT(panel.thumbnails()->decodedCount(), 48, 10000);
    const QModelIndex thumb = panel.thumbnails()->index(7);
    grid->scrollTo(thumb);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(thumb).center());
    QCOMPARE(tree->currentIndex(), panel.samples()->index(7, 0));
    QTRY_VERIFY_WITH_TIMEOUT(info->text().contains(QLatin1String("k1007")) || info->text().startsWith(QLatin1String("image")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.findChild<QLabel *>(QStringLiteral("previewImage"))->pixmap().isNull() &&
                                 panel.preview()->content().page == PreviewContent::Page::Image, 5000);
}

// Data that used to allocate gigabytes, crash or throw past the preview's
// handler: each previews as what it is, or as an error naming the member.
void TestSamplePreview::hostilePreviews_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("info"); // the start of the info line
    QTest::addColumn<QString>("text"); // what the text page shows ("" for any)
    const int text = int(PreviewContent::Page::Text);
    QTest::newRow("empty array (0, 4)") << "npy" << npy("<f4", "0, 4", "") << text
                                        << "empty array, shape (0, 4), float32" << "empty array, shape (0, 4), float32";
    QTest::newRow("empty array (3, 4, 0)") << "npy" << npy("<f4", "3, 4, 0", "") << text
                                           << "empty array, shape (3, 4, 0), float32"
                                           << "empty array, shape (3, 4, 0), float32";
    QTest::newRow("array shape overflowing") << "npy" << npy("<f4", "1073741824, 17179869184", "") << text
                                             << "m: cannot decode: the .npy shape (1073741824, 17179869184) has more than"
                                             << "";
    QTest::newRow("jpeg declaring 9000x9000") << "jpg" << jpegDeclaring(9000, 9000) << text
                                              << "m: image too large to preview: 9000×9000"
                                              << "Format: JPEG\nWidth: 9000\nHeight: 9000\nChannels: 3";
    QTest::newRow("label past 64 bits") << "cls" << QByteArray("9999999999999999999") << text
                                        << "m: cannot decode: a class label \"9999999999999999999\" is out of range" << "";
    QTest::newRow("wav with no frames") << "wav" << wav(0) << int(PreviewContent::Page::Audio)
                                        << "audio 0x1 int16 at 8000 Hz" << "";
    QTest::newRow("json nested 10,000 deep") << "json" << QByteArray(10000, '[') + QByteArray(10000, ']') << text
                                             << "m: cannot decode: the document is nested deeper than 256 levels" << "";
}

void TestSamplePreview::hostilePreviews()
{
    QFETCH(QString, ext);
    QFETCH(QByteArray, bytes);
    QFETCH(int, page);
    QFETCH(QString, info);
    QFETCH(QString, text);
    const PreviewContent c = buildPreview(ext, bytes, QStringLiteral("m"));
    QCOMPARE(int(c.page), page);
    QVERIFY2(c.info.startsWith(info), qPrintable(c.info));
    if (!text.isEmpty())
        QCOMPARE(c.text, text);
    QVERIFY(c.image.isNull());
}

// Thumbnails of the same kinds of member: the sample's key and what it is,
// never a read past the data.
void TestSamplePreview::hostileThumbnails()
{
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("h");
    const float v[6] = {0, 1, 2, 3, 4, 5};
    store->putBytes("h", "odd.tar",
                    writeArchive(ShardFormat::Tar,
                                 {{"a.npy", npy("<f4", "0, 4", "").toStdString()},
                                  {"b.npy", npy("<f4", "3, 4, 0", "").toStdString()},
                                  {"c.jpg", jpegDeclaring(9000, 9000).toStdString()},
                                  {"d.npy", npy("<f4", "2, 3", std::string(reinterpret_cast<const char *>(v), sizeof v)).toStdString()}}));
    StoreOptions opts;
    opts.localRoot = m_dir.path().toStdString();
    ShardSampleModel model;
    ThumbnailModel thumbs(&model, 48, 64);
    QSignalSpy decoded(&thumbs, &ThumbnailModel::allDecoded);
    model.open(QStringLiteral("local://h"), QStringLiteral("odd.tar"), opts);
    QTRY_COMPARE_WITH_TIMEOUT(decoded.count(), 1, 10000);
    QCOMPARE(thumbs.rowCount(), 4);
    QCOMPARE(thumbs.index(0).data().toString(), QStringLiteral("a\nempty array, shape (0, 4), float32"));
    QCOMPARE(thumbs.index(1).data().toString(), QStringLiteral("b\nempty array, shape (3, 4, 0), float32"));
    QCOMPARE(thumbs.index(2).data().toString(), QStringLiteral("c\nimage too large to preview: 9000×9000"));
    const QImage heat = thumbs.index(3).data(Qt::DecorationRole).value<QImage>(); // the 2x3 heat map
    QVERIFY(!heat.isNull() && heat.width() == 64 && heat.height() < 64);
}

// The pool tasks of a deleted thumbnail model touch nothing of it: they
// finish on their copies, and their results are dropped with the model.
void TestSamplePreview::thumbnailModelDeletedWhileDecoding()
{
    StoreOptions opts;
    opts.localRoot = m_dir.path().toStdString();
    ShardSampleModel model;
    QSignalSpy done(&model, &ShardSampleModel::finished);
    model.open(QStringLiteral("local://b"), QStringLiteral("s.tar"), opts);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    for (int round = 0; round < 20; ++round) {
        auto *thumbs = new ThumbnailModel(&model, 48, 64); // starts 48 decodes at once
        QCOMPARE(thumbs->rowCount(), 48);
        delete thumbs;
    }
    QThreadPool::globalInstance()->waitForDone(10000);
    QCoreApplication::processEvents();
    ThumbnailModel after(&model, 48, 64);
    QTRY_COMPARE_WITH_TIMEOUT(after.decodedCount(), 48, 10000);
}

// A shard view keeps at most maxHeldBytes of member bytes: past that it
// stops reading and says so in a problem row, naming the shard.
void TestSamplePreview::shardViewKeepsBoundedBytes_data()
{
    QTest::addColumn<qint64>("maxHeld");
    QTest::addColumn<QString>("problem");
    QTest::newRow("the shard past the cap") << qint64(8 * 1024)
                                            << "s.tar: the rest of the shard is not shown: the samples above hold the "
                                               "most a shard view keeps in memory";
    QTest::newRow("one sample past the cap") << qint64(64) << "s.tar: sample \"k1000\" is larger than 64 B";
}

void TestSamplePreview::shardViewKeepsBoundedBytes()
{
    QFETCH(qint64, maxHeld);
    QFETCH(QString, problem);
    StoreOptions opts;
    opts.localRoot = m_dir.path().toStdString();
    ShardSampleModel model;
    model.setMaxHeldBytes(maxHeld);
    QSignalSpy done(&model, &ShardSampleModel::finished);
    model.open(QStringLiteral("local://b"), QStringLiteral("s.tar"), opts);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
    QCOMPARE(model.errorCount(), 1);
    QVERIFY(model.sampleCount() < 150);
    const QModelIndex last = model.index(model.rowCount() - 1, 0);
    QVERIFY(last.data(ShardSampleModel::IsErrorRole).toBool());
    QVERIFY2(last.data(Qt::ToolTipRole).toString().contains(problem), qPrintable(last.data(Qt::ToolTipRole).toString()));
    qint64 held = 0;
    for (int r = 0; r + 1 < model.rowCount(); ++r)
        for (int m = 0; m < model.rowCount(model.index(r, 0)); ++m)
            held += model.memberBytes(model.index(m, 0, model.index(r, 0))).size();
    QVERIFY(held <= maxHeld);
}

QTEST_MAIN(TestSamplePreview)
#include "test_sample_preview.moc"
