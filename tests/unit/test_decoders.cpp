// Decoders by extension: images to H x W x C uint8, labels, JSON, text,
// npy arrays, WAV audio; unknown extensions stay bytes; a malformed member
// gives an error that names it.

#include "decode/decoded.h"
#include "gen/png_writer.h"
#include "util/error.h"

#include <QBuffer>
#include <QImage>
#include <QTest>

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

QTEST_GUILESS_MAIN(TestDecoders)
#include "test_decoders.moc"
