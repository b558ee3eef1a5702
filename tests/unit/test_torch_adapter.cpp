#include "torch_probe.h"

#include "util/error.h"

#include <QTest>

class TestTorchAdapter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bytesBecomeUint8Tensor();
    void emptyBytes();
    void collateStacks();
    void collateRejectsRaggedItems();
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

QTEST_GUILESS_MAIN(TestTorchAdapter)
#include "test_torch_adapter.moc"
