// Decoders by extension: images to H x W x C uint8, labels, JSON, text,
// npy arrays, WAV audio; unknown extensions stay bytes; a malformed member
// gives an error that names it.

#include "core/decode/decoded.h"
#include "core/gen/png_writer.h"
#include "core/util/error.h"
#include "peak_memory.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QTest>

#include <zlib.h>

#include <cstring>

using namespace shardscope;

namespace {

std::string npy(const std::string &descr, const std::string &shape, const std::string &data)
{
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out.push_back(static_cast<char>(header.size() & 0xff));
    out.push_back(static_cast<char>(header.size() >> 8));
    return out + header + data;
}

std::string wav16(const std::vector<std::int16_t> &samples, int channels, int rate)
{
    auto u32 = [](std::uint32_t v) { return std::string(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [](std::uint16_t v) { return std::string(reinterpret_cast<const char *>(&v), 2); };
    const std::string data(reinterpret_cast<const char *>(samples.data()), samples.size() * 2);
    std::string fmt = u16(1) + u16(static_cast<std::uint16_t>(channels)) + u32(static_cast<std::uint32_t>(rate)) +
                      u32(static_cast<std::uint32_t>(rate * channels * 2)) + u16(static_cast<std::uint16_t>(channels * 2)) +
                      u16(16);
    std::string body = "WAVE" + std::string("fmt ") + u32(16) + fmt + "data" + u32(static_cast<std::uint32_t>(data.size())) + data;
    return "RIFF" + u32(static_cast<std::uint32_t>(body.size())) + body;
}

// A WAV file from raw chunk fields, for malformed headers.
std::string wavWith(std::uint16_t format, std::uint16_t channels, std::uint32_t rate, std::uint16_t bits,
                    const std::string &data, std::uint32_t dataLen)
{
    auto u32 = [](std::uint32_t v) { return std::string(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [](std::uint16_t v) { return std::string(reinterpret_cast<const char *>(&v), 2); };
    const std::string fmt = u16(format) + u16(channels) + u32(rate) + u32(rate * channels * bits / 8) +
                            u16(static_cast<std::uint16_t>(channels * bits / 8)) + u16(bits);
    const std::string body = "WAVE" + std::string("fmt ") + u32(16) + fmt + "data" + u32(dataLen) + data;
    return "RIFF" + u32(static_cast<std::uint32_t>(body.size())) + body;
}

// CRC-32 as PNG and gzip use it (zlib's).
std::uint32_t crc32(const std::string &bytes)
{
    return static_cast<std::uint32_t>(
        ::crc32(0L, reinterpret_cast<const Bytef *>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void putBe32(std::string &s, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        s[at + static_cast<std::size_t>(i)] = static_cast<char>(v >> (24 - 8 * i));
}

// A small real PNG whose IHDR (with a valid checksum) declares width x height.
std::string pngDeclaring(std::uint32_t width, std::uint32_t height)
{
    std::string png = encodePngRgb(2, 2, std::vector<std::uint8_t>(12, 7));
    putBe32(png, 16, width); // signature (8), length (4), "IHDR" (4), then width, height
    putBe32(png, 20, height);
    putBe32(png, 29, crc32(png.substr(12, 17)));
    return png;
}

// A small real JPEG whose frame header declares width x height.
std::string jpegDeclaring(int width, int height)
{
    QImage img(16, 8, QImage::Format_RGB888);
    img.fill(QColor(10, 120, 200));
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, "JPG", 90);
    std::string jpg = bytes.toStdString();
    for (std::size_t i = 2; i + 9 < jpg.size(); ++i)
        if (jpg[i] == '\xFF' && (jpg[i + 1] == '\xC0' || jpg[i + 1] == '\xC2')) { // SOF: length, precision, Y, X
            jpg[i + 5] = static_cast<char>(height >> 8);
            jpg[i + 6] = static_cast<char>(height & 0xFF);
            jpg[i + 7] = static_cast<char>(width >> 8);
            jpg[i + 8] = static_cast<char>(width & 0xFF);
            break;
        }
    return jpg;
}

// A JSON document nested `depth` arrays deep.
std::string nestedJson(int depth) { return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']'); }

// Shallow enough, but its pretty form indents 100,000 numbers by 400 spaces (40 MB).
std::string wideDeepJson()
{
    std::string inner;
    for (int i = 0; i < 200000; ++i)
        inner += i ? ",1" : "1";
    return std::string(200, '[') + inner + std::string(200, ']');
}

} // namespace

class TestDecoders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void png();
    void jpeg();
    void labelsJsonText();
    void npyArrays();
    void wavAudio();
    void unknownStaysBytes();
    void malformedMembersAreNamed_data();
    void malformedMembersAreNamed();
    void hostileMembersAreRefused_data();
    void hostileMembersAreRefused();
    void emptyArrays_data();
    void emptyArrays();
    void zeroDimensionalArray();
    void progressiveJpegScansAreCapped();
    void limitsAreConfigurable();
};

void TestDecoders::png()
{
    std::vector<std::uint8_t> px(4 * 3 * 3);
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = static_cast<std::uint8_t>(i * 7);
    const Decoded d = decodeMember("seg.png", encodePngRgb(4, 3, px), "s1");
    QCOMPARE(d.kind, Decoded::Kind::Image);
    QCOMPARE(d.shape, (std::vector<std::int64_t>{3, 4, 3}));
    QCOMPARE(d.dtype, std::string("uint8"));
    QCOMPARE(d.data, px);
    QCOMPARE(QString::fromStdString(d.describe()), QStringLiteral("image 3x4x3 uint8"));
}

void TestDecoders::jpeg()
{
    QImage img(16, 8, QImage::Format_RGB888);
    img.fill(QColor(200, 30, 90));
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    QVERIFY(img.save(&buf, "JPG", 95));
    const Decoded d = decodeMember("jpg", std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), "s");
    QCOMPARE(d.shape, (std::vector<std::int64_t>{8, 16, 3}));
    QVERIFY(std::abs(int(d.data[0]) - 200) < 8 && std::abs(int(d.data[1]) - 30) < 8); // lossy, close
}

void TestDecoders::labelsJsonText()
{
    QCOMPARE(decodeMember("cls", " 7\n", "s").label, std::int64_t(7));
    QCOMPARE(decodeMember("cls", "-3", "s").label, std::int64_t(-3));
    const Decoded j = decodeMember("json", R"({"b":1,"a":[1,2]})", "s");
    QCOMPARE(j.kind, Decoded::Kind::Json);
    QVERIFY(j.text.find("\n  \"a\": [") != std::string::npos);
    QCOMPARE(decodeMember("txt", "größe 🙂", "s").text, std::string("größe 🙂"));
}

void TestDecoders::npyArrays()
{
    const float v[6] = {1.5f, -2, 3, 4, 5, 6};
    const Decoded d = decodeMember("npy", npy("<f4", "2, 3", std::string(reinterpret_cast<const char *>(v), sizeof v)), "s");
    QCOMPARE(d.kind, Decoded::Kind::Array);
    QCOMPARE(d.shape, (std::vector<std::int64_t>{2, 3}));
    QCOMPARE(d.dtype, std::string("float32"));
    float back[6];
    std::memcpy(back, d.data.data(), sizeof back);
    QCOMPARE(back[0], 1.5f);
    QCOMPARE(back[1], -2.0f);
    const Decoded one = decodeMember("npy", npy("<i8", "5,", std::string(40, '\0')), "s");
    QCOMPARE(one.shape, (std::vector<std::int64_t>{5}));
    const Decoded scalar = decodeMember("npy", npy("|u1", "", std::string(1, '\x2a')), "s");
    QVERIFY(scalar.shape.empty());
}

void TestDecoders::wavAudio()
{
    const Decoded d = decodeMember("wav", wav16({1, -1, 300, -300, 7, 8}, 2, 16000), "s");
    QCOMPARE(d.kind, Decoded::Kind::Audio);
    QCOMPARE(d.shape, (std::vector<std::int64_t>{3, 2}));
    QCOMPARE(d.dtype, std::string("int16"));
    QCOMPARE(d.sampleRate, 16000);
    std::int16_t s[6];
    std::memcpy(s, d.data.data(), sizeof s);
    QCOMPARE(s[2], std::int16_t(300));
}

void TestDecoders::unknownStaysBytes()
{
    const Decoded d = decodeMember("bin", std::string("\x00\x01", 2), "s");
    QCOMPARE(d.kind, Decoded::Kind::Bytes);
    QCOMPARE(d.text, std::string("\x00\x01", 2));
}

void TestDecoders::malformedMembersAreNamed_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    QTest::newRow("png garbage") << "png" << QByteArray("not a png") << "not a valid PNG";
    QTest::newRow("png truncated") << "png" << QByteArray(encodePngRgb(8, 8, std::vector<std::uint8_t>(192, 9)).substr(0, 40).c_str(), 40)
                                   << "PNG";
    QTest::newRow("jpeg garbage") << "jpeg" << QByteArray("\xff\xd8garbage", 9) << "not a valid JPEG";
    QTest::newRow("label not a number") << "cls" << QByteArray("cat") << "must be an integer";
    QTest::newRow("json broken") << "json" << QByteArray("{\"a\":") << "invalid JSON";
    QTest::newRow("npy no magic") << "npy" << QByteArray("hello world") << "no \\x93NUMPY magic";
    QTest::newRow("npy short data") << "npy" << QByteArray::fromStdString(npy("<f4", "10,", std::string(8, '\0')))
                                    << "its header says 40";
    QTest::newRow("npy big-endian") << "npy" << QByteArray::fromStdString(npy(">f4", "1,", std::string(4, '\0')))
                                    << "little-endian numbers only";
    QTest::newRow("wav no header") << "wav" << QByteArray("RIFF....") << "not a WAV file";
}

void TestDecoders::malformedMembersAreNamed()
{
    QFETCH(QString, ext);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    try {
        decodeMember(ext.toStdString(), std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                     "ais://b/shard-7.tar sample k3 member " + ext.toStdString());
        QFAIL("a malformed member was decoded");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.contains(QLatin1String("ais://b/shard-7.tar sample k3 member")), e.what());
        QVERIFY2(msg.contains(message), e.what());
    }
}

// Data that would make a decoder allocate gigabytes, recurse without end or
// throw something other than Error: each is refused with an Error that names
// the member and says why, and the peak memory of the attempt stays small.
void TestDecoders::hostileMembersAreRefused_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    auto row = [](const char *tag, const char *ext, const std::string &bytes, const char *message) {
        QTest::newRow(tag) << QString::fromLatin1(ext) << QByteArray::fromStdString(bytes) << QString::fromUtf8(message);
    };
    row("jpeg declaring 20000x20000", "jpg", jpegDeclaring(20000, 20000),
        "the image is too large: 20000x20000 is 400000000 pixels, more than the limit of 67108864");
    row("jpeg declaring 65500x65500", "jpeg", jpegDeclaring(65500, 65500), "too large: 65500x65500");
    row("png declaring 20000x20000", "png", pngDeclaring(20000, 20000),
        "the image is too large: 20000x20000 is 400000000 pixels, more than the limit of 67108864");
    row("label past 64 bits", "cls", "9999999999999999999",
        "a class label \"9999999999999999999\" is out of range (a 64-bit integer)");
    row("label past 64 bits, negative", "cls", "-99999999999999999999", "is out of range");
    row("npy shape product overflows", "npy", npy("<f4", "1073741824, 17179869184", ""),
        "the .npy shape (1073741824, 17179869184) has more than 17179869184 elements");
    row("npy overflow behind a zero", "npy", npy("<f4", "0, 1073741824, 17179869184", ""), "has more than");
    row("npy dimension past 64 bits", "npy", npy("<f4", "99999999999999999999999, 0", ""),
        "a .npy dimension \"99999999999999999999999\" is out of range");
    row("wav zero channels", "wav", wavWith(1, 0, 8000, 16, std::string(4, '\0'), 4), "with 0 channels");
    row("wav zero sample rate", "wav", wavWith(1, 1, 0, 16, std::string(4, '\0'), 4), "a WAV sample rate of 0 Hz");
    row("wav absurd sample rate", "wav", wavWith(1, 1, 0xFFFFFFFFu, 16, std::string(4, '\0'), 4),
        "a WAV sample rate of 4294967295 Hz");
    row("wav truncated data chunk", "wav", wavWith(1, 2, 8000, 16, std::string(100, '\0'), 4000),
        "WAV chunk \"data\" says 4000 bytes, only 100 are there (a truncated file)");
    row("wav data length of 4 GiB", "wav", wavWith(1, 2, 8000, 16, std::string(8, '\0'), 0xFFFFFFFFu),
        "says 4294967295 bytes, only 8 are there");
    row("json nested 10,000 deep", "json", nestedJson(10000), "the document is nested deeper than 256 levels");
    row("json nested 100,000 deep", "json", nestedJson(100000), "nested deeper than 256 levels");
    // Found by the decode_json fuzz corpus: the parser stopped at the NUL and
    // the re-indenter then read the closing brace after it (std::length_error).
    row("json with a NUL byte after a value", "json", std::string("6666\0\0}", 7),
        "invalid JSON (a NUL byte at offset 4)");
    row("json whose pretty text is huge", "json", wideDeepJson(),
        "the pretty-printed document would be larger than 67108864 bytes (400399 bytes as stored)");
}

void TestDecoders::hostileMembersAreRefused()
{
    QFETCH(QString, ext);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    QVERIFY(peakmemory::resetPeak());
    const qint64 before = peakmemory::peakRss();
    try {
        decodeMember(ext.toStdString(), std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                     "ais://b/shard-7.tar sample k3 member " + ext.toStdString());
        QFAIL("a hostile member was decoded");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.startsWith(QLatin1String("ais://b/shard-7.tar sample k3 member ")), e.what());
        QVERIFY2(msg.contains(message), e.what());
    }
    const qint64 grown = peakmemory::peakRss() - before;
    QVERIFY2(grown < (96ll << 20) * SHARDSCOPE_MEMORY_SCALE, qPrintable(QStringLiteral("peak memory grew by %1 MiB").arg(grown >> 20)));
}

// Empty arrays are ordinary data (an image with no boxes): they decode, with
// their shape, and say they are empty.
void TestDecoders::emptyArrays_data()
{
    QTest::addColumn<QString>("descr");
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("described");
    QTest::newRow("no boxes (0, 4)") << "<f4" << "0, 4" << "empty array, shape (0, 4), float32";
    QTest::newRow("last dimension zero (3, 4, 0)") << "<f4" << "3, 4, 0" << "empty array, shape (3, 4, 0), float32";
    QTest::newRow("one dimension (0,)") << "<i8" << "0," << "empty array, shape (0,), int64";
}

void TestDecoders::emptyArrays()
{
    QFETCH(QString, descr);
    QFETCH(QString, shape);
    QFETCH(QString, described);
    const Decoded d = decodeMember("boxes.npy", npy(descr.toStdString(), shape.toStdString(), ""), "s");
    QCOMPARE(d.kind, Decoded::Kind::Array);
    QCOMPARE(d.elementCount(), std::size_t(0));
    QVERIFY(d.data.empty());
    QCOMPARE(QString::fromStdString(d.describe()), described);
}

void TestDecoders::zeroDimensionalArray()
{
    const Decoded d = decodeMember("npy", npy("<i2", "", std::string("\x05\x00", 2)), "s");
    QVERIFY(d.shape.empty());
    QCOMPARE(d.elementCount(), std::size_t(1)); // a 0-d array holds one number
}

// Each scan of a progressive JPEG is a pass over the image: the count is capped.
void TestDecoders::progressiveJpegScansAreCapped()
{
    QImage img(64, 48, QImage::Format_RGB888);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixelColor(x, y, QColor(x * 4, y * 5, 100));
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    QImageWriter writer(&buf, "jpeg");
    writer.setProgressiveScanWrite(true);
    QVERIFY(writer.write(img));
    const std::string_view jpg(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    QCOMPARE(decodeMember("jpg", jpg, "s").shape, (std::vector<std::int64_t>{48, 64, 3})); // a few scans: fine
    DecodeLimits limits;
    limits.maxJpegScans = 2;
    try {
        decodeMember("jpg", jpg, "shard-1.tar sample k member jpg", limits);
        QFAIL("a JPEG with more scans than allowed was decoded");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()) ==
                     QLatin1String("shard-1.tar sample k member jpg: cannot decode: the progressive JPEG has more "
                                   "than 2 scans"),
                 e.what());
    }
}

// The caps are settings: a smaller pixel cap refuses a small image, and the
// header facts come without decoding.
void TestDecoders::limitsAreConfigurable()
{
    const std::string png = encodePngRgb(20, 10, std::vector<std::uint8_t>(600, 3));
    DecodeLimits limits;
    limits.maxImagePixels = 100;
    try {
        decodeMember("png", png, "s", limits);
        QFAIL("a PNG past the pixel cap was decoded");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(
                     QLatin1String("the image is too large: 20x10 is 200 pixels, more than the limit of 100")),
                 e.what());
    }
    const auto header = readImageHeader("seg.PNG", png);
    QVERIFY(header.has_value());
    QCOMPARE(QString::fromStdString(header->format), QStringLiteral("PNG"));
    QCOMPARE(header->width, 20u);
    QCOMPARE(header->height, 10u);
    QCOMPARE(header->channels, 3);
    const auto jpeg = readImageHeader("jpg", jpegDeclaring(65500, 65500));
    QVERIFY(jpeg.has_value());
    QCOMPARE(jpeg->width, 65500u);
    QCOMPARE(jpeg->channels, 3);
    QVERIFY(!readImageHeader("txt", png).has_value());
    QVERIFY(!readImageHeader("png", "not a png").has_value());

    limits = DecodeLimits();
    limits.maxJsonDepth = 2;
    QCOMPARE(decodeMember("json", "[[1]]", "s", limits).text, std::string("[\n  [\n    1\n  ]\n]"));
    try {
        decodeMember("json", "[[[1]]]", "s", limits);
        QFAIL("JSON deeper than the cap was decoded");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("nested deeper than 2 levels")), e.what());
    }
}

QTEST_GUILESS_MAIN(TestDecoders)
#include "test_decoders.moc"
