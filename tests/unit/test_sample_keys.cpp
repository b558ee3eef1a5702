// How member names split into (sample key, extension) under each key rule:
// WebDataset's (lower-cased extensions, as its group_by_keys does by default)
// and AISShardReader's (case kept, as the SDK keeps it).

#include "core/shard/sample_keys.h"

#include <QTest>

using namespace shardscope;

class TestSampleKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void split_data();
    void split();
};

void TestSampleKeys::split_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("sdk"); // false: the WebDataset rule
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("ext"); // "" : no sample member

    QTest::newRow("wds plain") << "img.jpg" << false << "img" << "jpg";
    QTest::newRow("wds upper-case extension") << "img.JPG" << false << "img" << "jpg";
    QTest::newRow("wds mixed-case double extension") << "a/b/IMG.Seg.PNG" << false << "a/b/IMG" << "seg.png";
    QTest::newRow("wds key keeps its case") << "Train/Cat01.Cls" << false << "Train/Cat01" << "cls";
    QTest::newRow("wds no extension") << "README" << false << "" << "";
    QTest::newRow("sdk plain") << "img.jpg" << true << "img" << "jpg";
    QTest::newRow("sdk upper-case extension kept") << "img.JPG" << true << "img" << "JPG";
    // AISShardReader 1.25: name.split("/")[-1].split(".")[0], name.split(".")[1]
    QTest::newRow("sdk mixed case, second part") << "a/b/IMG.Seg.PNG" << true << "IMG"
                                                 << "Seg";
    QTest::newRow("sdk several dots") << "a.b.c.jpg" << true << "a"
                                      << "b";
    QTest::newRow("sdk directories") << "dir/sub/x.jpg" << true << "x"
                                     << "jpg";
    QTest::newRow("sdk dot in a directory") << "v1.0/x.jpg" << true << "x"
                                            << "0/x";
    QTest::newRow("sdk no extension") << "README" << true << ""
                                      << "";
    QTest::newRow("sdk no extension in a directory") << "dir/README" << true << ""
                                                     << "";
}

void TestSampleKeys::split()
{
    QFETCH(QString, name);
    QFETCH(bool, sdk);
    QFETCH(QString, key);
    QFETCH(QString, ext);
    const MemberKey k = splitMemberName(name.toStdString(), sdk ? KeyRule::AisSdk : KeyRule::WebDataset);
    QCOMPARE(k.valid, !ext.isEmpty());
    if (k.valid) {
        QCOMPARE(QString::fromStdString(k.key), key);
        QCOMPARE(QString::fromStdString(k.ext), ext);
    }
}

QTEST_GUILESS_MAIN(TestSampleKeys)
#include "test_sample_keys.moc"
