// Replays every input of the fuzz corpus (tests/fuzz/corpus/<target>/) through
// its parser: the inputs that once crashed a parser, and the ones libFuzzer
// kept for coverage, must all end normally (a value or a shardscope::Error).
#include "fuzz_targets.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>
#include <map>

using namespace shardscope::fuzz;

class TestFuzzCorpus : public QObject
{
    Q_OBJECT
private slots:
    void replay_data();
    void replay();
};

void TestFuzzCorpus::replay_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file");
    const QDir root(QStringLiteral(SHARDSCOPE_FUZZ_CORPUS));
    int rows = 0;
    for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir dir(root.filePath(target));
        for (const QString &f : dir.entryList(QDir::Files, QDir::Name)) {
            QTest::newRow(qPrintable(target + QLatin1Char('/') + f)) << target << dir.filePath(f);
            ++rows;
        }
    }
    QVERIFY2(rows >= 5, "the fuzz corpus is missing");
}

void TestFuzzCorpus::replay()
{
    QFETCH(QString, target);
    QFETCH(QString, file);
    static const std::map<QString, std::function<void(const std::uint8_t *, std::size_t)>> targets = {
        {QStringLiteral("shard_grouping"), shardGrouping},
        {QStringLiteral("archive_stream"), archiveStream},
        {QStringLiteral("list_objects"), listObjects},
        {QStringLiteral("config_parse"), configParse},
        {QStringLiteral("brace_expand"), braceExpand},
        {QStringLiteral("decode_npy"), decodeNpy},
        {QStringLiteral("decode_wav"), decodeWav},
        {QStringLiteral("decode_json"), decodeJson},
        {QStringLiteral("decode_png"), decodePng},
        {QStringLiteral("decode_jpeg"), decodeJpeg},
        {QStringLiteral("ais_errors"), aisErrors},
        {QStringLiteral("s3_list"), s3List},
        {QStringLiteral("config_export"), configExport},
        {QStringLiteral("list_objects_msgpack"), listObjectsMsgpack},
    };
    const auto it = targets.find(target);
    QVERIFY2(it != targets.end(), qPrintable(QStringLiteral("unknown fuzz target directory ") + target));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    it->second(reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size()));
}

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "test_fuzz_corpus.moc"
