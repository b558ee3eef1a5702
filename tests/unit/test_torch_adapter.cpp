#include "torch_probe.h"

#include <map>

#include "core/decode/decoded.h"
#include "core/gen/png_writer.h"
#include "core/util/error.h"

#include <QTest>

class TestTorchAdapter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bytesBecomeUint8Tensor();
    void emptyBytes();
    void collateStacks();
    void collateRejectsRaggedItems();
    void decodedMembersBecomeTensors();
    void collatedImagesGetABatchDimension();
    void previewedTensorTypeIsWhatTorchGets_data();
    void previewedTensorTypeIsWhatTorchGets();
};

void TestTorchAdapter::bytesBecomeUint8Tensor()
{
    const std::string bytes("\x00\x01\xfe\xff", 4);
    const TensorFacts f = probeBytesToTensor(bytes);
    QCOMPARE(f.shape, (std::vector<int64_t>{4}));
    QCOMPARE(QString::fromStdString(f.dtype), QStringLiteral("Byte"));
    QCOMPARE(f.values, (std::vector<uint8_t>{0, 1, 254, 255}));
}

void TestTorchAdapter::emptyBytes()
{
    const TensorFacts f = probeBytesToTensor(std::string());
    QCOMPARE(f.shape, (std::vector<int64_t>{0}));
    QVERIFY(f.values.empty());
}

void TestTorchAdapter::collateStacks()
{
    const TensorFacts f = probeCollate({"ab", "cd", "ef"});
    QCOMPARE(f.shape, (std::vector<int64_t>{3, 2}));
    QCOMPARE(f.values, (std::vector<uint8_t>{'a', 'b', 'c', 'd', 'e', 'f'}));
}

void TestTorchAdapter::collateRejectsRaggedItems()
{
    try {
        probeCollate({"abc", "abc", "ab"});
        QFAIL("ragged items were collated");
    } catch (const shardscope::Error &e) {
        QCOMPARE(e.kind(), shardscope::ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("item 2 has 2")), e.what());
    }
}

void TestTorchAdapter::decodedMembersBecomeTensors()
{
    std::vector<uint8_t> px(2 * 3 * 3, 0);
    px[0] = 255;
    const auto img = probeDecodedTensor(shardscope::decodeMember("png", shardscope::encodePngRgb(3, 2, px), "s"));
    QCOMPARE(img.shape, (std::vector<int64_t>{2, 3, 3}));
    QCOMPARE(QString::fromStdString(img.dtype), QStringLiteral("Byte"));
    QCOMPARE(img.values, px);
    const auto label = probeDecodedTensor(shardscope::decodeMember("cls", "9", "s"));
    QVERIFY(label.shape.empty());
    QCOMPARE(QString::fromStdString(label.dtype), QStringLiteral("Long"));
    QCOMPARE(label.values[0], uint8_t(9));
    shardscope::Decoded arr;
    arr.kind = shardscope::Decoded::Kind::Array;
    arr.dtype = "float32";
    arr.shape = {2};
    const float v[2] = {1.5f, -1};
    arr.data.assign(reinterpret_cast<const uint8_t *>(v), reinterpret_cast<const uint8_t *>(v) + 8);
    const auto f = probeDecodedTensor(arr);
    QCOMPARE(QString::fromStdString(f.dtype), QStringLiteral("Float"));
    QCOMPARE(f.values, arr.data);
    arr.dtype = "uint32"; // libtorch 1.13 has no uint32
    QVERIFY_THROWS_EXCEPTION(shardscope::Error, probeDecodedTensor(arr));
}

void TestTorchAdapter::previewedTensorTypeIsWhatTorchGets_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("bytes");
    std::vector<uint8_t> px(4 * 5 * 3, 7);
    const std::string png = shardscope::encodePngRgb(5, 4, px);
    QTest::newRow("png") << QStringLiteral("png") << QByteArray(png.data(), int(png.size()));
    QTest::newRow("cls") << QStringLiteral("cls") << QByteArray("12");
    QTest::newRow("txt") << QStringLiteral("txt") << QByteArray("hello");
    QTest::newRow("json") << QStringLiteral("json") << QByteArray("{\"a\": [1, 2]}");
    QTest::newRow("bin") << QStringLiteral("bin") << QByteArray("\x01\x02\x03", 3);
    // npy: float32 2x3, little-endian, C order
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    while ((10 + header.size() + 1) % 64)
        header += ' ';
    header += '\n';
    std::string npy("\x93NUMPY\x01\x00", 8);
    npy += char(header.size() & 0xff);
    npy += char(header.size() >> 8);
    npy += header;
    npy.append(6 * 4, '\0');
    QTest::newRow("npy") << QStringLiteral("npy") << QByteArray(npy.data(), int(npy.size()));
}

void TestTorchAdapter::previewedTensorTypeIsWhatTorchGets()
{
    QFETCH(QString, ext);
    QFETCH(QByteArray, bytes);
    const auto d = shardscope::decodeMember(ext.toStdString(), std::string_view(bytes.constData(), size_t(bytes.size())), "s");
    const TensorFacts t = probeDecodedTensor(d);
    QCOMPARE(t.shape, d.tensorShape());
    static const std::map<std::string, std::string> torchNames = {
        {"uint8", "Byte"}, {"int8", "Char"}, {"int16", "Short"}, {"int32", "Int"}, {"int64", "Long"},
        {"float16", "Half"}, {"float32", "Float"}, {"float64", "Double"}, {"bool", "Bool"}};
    QCOMPARE(QString::fromStdString(t.dtype), QString::fromStdString(torchNames.at(d.tensorDtype())));
}

void TestTorchAdapter::collatedImagesGetABatchDimension()
{
    const auto a = shardscope::decodeMember("png", shardscope::encodePngRgb(4, 4, std::vector<uint8_t>(48, 1)), "a");
    const auto b = shardscope::decodeMember("png", shardscope::encodePngRgb(4, 4, std::vector<uint8_t>(48, 2)), "b");
    const auto batch = probeCollateDecoded({a, b, a});
    QCOMPARE(batch.shape, (std::vector<int64_t>{3, 4, 4, 3}));
    QCOMPARE(batch.values[48], uint8_t(2));
    const auto odd = shardscope::decodeMember("png", shardscope::encodePngRgb(5, 4, std::vector<uint8_t>(60, 1)), "c");
    try {
        probeCollateDecoded({a, odd});
        QFAIL("differently shaped images were collated");
    } catch (const shardscope::Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("cannot collate item 1")), e.what());
    }
}

QTEST_GUILESS_MAIN(TestTorchAdapter)
#include "test_torch_adapter.moc"
