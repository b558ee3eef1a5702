// Dataset configs: every validation error has a row with its JSON path and
// reason; load -> save -> load gives the same config; saving is atomic; the
// Python export says what aistore.pytorch cannot express.

#include "core/config/dataset_config.h"
#include "core/config/export_python.h"
#include "core/util/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;

namespace {
const char *kFull = R"({
  "schema_version": 1, "name": "full", "endpoint_env": "MY_AIS",
  "sources": [{"id": "img", "provider": "ais", "bucket": "images", "group": {"prefix": "train/"}},
              {"id": "cap", "bucket": "captions", "group": {"names": ["a.txt", "b.txt"]}},
              {"id": "sh", "provider": "local", "bucket": "shards", "group": {"template": "s-{00..09}.tar"}}],
  "splits": {"train": {"img": ["train/a", "train/b"], "cap": "a"}, "val": {"img": []}},
  "split": "train",
  "dataset": {"kind": "map", "key_rule": "sdk", "get_batch_size": 16},
  "sampler": {"kind": "dynamic", "max_batch_bytes": 4000000.5, "drop_last": true, "allow_oversized": true,
              "saturation": 0.25, "shuffle": true, "seed": 7, "window": 99, "batch_size": 3},
  "workers": 6, "decoders": ["png", "cls"]
})";
} // namespace

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEverything();
    void roundTrip();
    void minimalDefaults();
    void errors_data();
    void errors();
    void saveIsAtomicAndLoadNamesTheFile();
    void pythonExportRefusesWhatTheSdkCannotDo();
    void pythonExportQuotesNames();
    void namesMayHoldQuotesAndUnicode();
};

void TestConfig::parsesEverything()
{
    const DatasetConfig c = parseDatasetConfig(kFull, "full.json");
    QCOMPARE(c.name, std::string("full"));
    QCOMPARE(c.endpointEnv, std::string("MY_AIS"));
    QCOMPARE(c.sources.size(), size_t(3));
    QCOMPARE(c.sources[1].id, std::string("cap"));
    QCOMPARE(c.sources[1].provider, std::string("ais"));
    QCOMPARE(c.sources[1].group.kind, ObjectGroup::Kind::Names);
    QCOMPARE(c.sources[2].group.braceTemplate, std::string("s-{00..09}.tar"));
    QCOMPARE(c.splits.at("train").at("cap"), (std::vector<std::string>{"a"})); // a string is one prefix
    QCOMPARE(c.kind, DatasetConfig::Kind::Map);
    QCOMPARE(c.sampler.kind, DatasetConfig::SamplerKind::Dynamic);
    QCOMPARE(c.sampler.maxBatchBytes, 4000000.5);
    QCOMPARE(c.sampler.saturation, 0.25);
    QCOMPARE(c.workers, 6);
    // A split names its sources: "sh" is not in "train", so it gives nothing; without a split, everything.
    QCOMPARE(c.selectionFor("img").value(), (std::vector<std::string>{"train/a", "train/b"}));
    QVERIFY(c.selectionFor("sh").value().empty());
    DatasetConfig noSplit = c;
    noSplit.split.reset();
    QVERIFY(!noSplit.selectionFor("img"));
}

void TestConfig::roundTrip()
{
    const DatasetConfig a = parseDatasetConfig(kFull, "a");
    const std::string saved = serializeDatasetConfig(a);
    const DatasetConfig b = parseDatasetConfig(saved, "b");
    QVERIFY(a == b);
    QCOMPARE(serializeDatasetConfig(b), saved); // canonical
}

void TestConfig::minimalDefaults()
{
    const DatasetConfig c = parseDatasetConfig(R"({"schema_version": 1, "sources": [{"bucket": "b"}]})", "m");
    QCOMPARE(c.sources[0].id, std::string("b"));
    QCOMPARE(c.endpointEnv, std::string("AIS_ENDPOINT"));
    QCOMPARE(c.kind, DatasetConfig::Kind::Iterable);
    QCOMPARE(c.sampler.kind, DatasetConfig::SamplerKind::Sequential);
    QCOMPARE(c.workers, 4);
    QVERIFY(parseDatasetConfig(serializeDatasetConfig(c), "m2") == c);
}

void TestConfig::errors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    const QString src = QStringLiteral(R"("sources": [{"bucket": "b"}])");
    auto row = [&](const char *name, const QString &body, const char *msg) {
        QTest::newRow(name) << (QStringLiteral("{\"schema_version\": 1, ") + body + QStringLiteral("}"))
                            << QString::fromUtf8(msg);
    };
    QTest::newRow("not JSON") << "{\"schema_version\": 1," << "c.json: not valid JSON";
    QTest::newRow("number overflow (fuzz)") << "{\"schema_version\": 214858961e222224}"
                                            << "c.json: not valid JSON (number overflow parsing";
    QTest::newRow("not an object") << "[1, 2]" << "c.json: $: must be an object";
    QTest::newRow("no version") << "{\"sources\": []}" << "$.schema_version: missing";
    QTest::newRow("future version") << "{\"schema_version\": 2}" << "$.schema_version: version 2 is newer";
    QTest::newRow("version as text") << "{\"schema_version\": \"1\"}" << "$.schema_version: must be a whole number";
    row("unknown key", src + QStringLiteral(R"(, "wokers": 3)"), "$.wokers: unknown key");
    row("no sources", QStringLiteral(R"("name": "x")"), "$.sources: missing");
    row("empty sources", QStringLiteral(R"("sources": [])"), "$.sources: must be a non-empty list");
    row("source not object", QStringLiteral(R"("sources": ["b"])"), "$.sources[0]: must be an object");
    row("no bucket", QStringLiteral(R"("sources": [{"id": "x"}])"), "$.sources[0].bucket: missing");
    row("bad bucket", QStringLiteral(R"("sources": [{"bucket": "a b"}])"), "$.sources[0].bucket: bucket name \"a b\" contains ' '");
    row("duplicate id", QStringLiteral(R"("sources": [{"bucket": "b"}, {"bucket": "b"}])"), "$.sources[1].id: \"b\" is used by another source");
    row("bad provider", QStringLiteral(R"("sources": [{"bucket": "b", "provider": "gcs"}])"), "$.sources[0].provider: must be ais, s3 or local");
    row("two groups", QStringLiteral(R"("sources": [{"bucket": "b", "group": {"prefix": "a", "names": ["x"]}}])"), "$.sources[0].group: must have exactly one of");
    row("empty names", QStringLiteral(R"("sources": [{"bucket": "b", "group": {"names": []}}])"), "$.sources[0].group.names: must name at least one object");
    row("names not strings", QStringLiteral(R"("sources": [{"bucket": "b", "group": {"names": [1]}}])"), "$.sources[0].group.names[0]: must be a string");
    row("bad template", QStringLiteral(R"("sources": [{"bucket": "b", "group": {"template": "s-{0..9.tar"}}])"), "$.sources[0].group.template: brace template");
    row("template over the byte cap", QStringLiteral(R"("sources": [{"bucket": "b", "group": {"template": ")") + QString(1024, QLatin1Char('x')) + QStringLiteral(R"({0000000..9999999}"}}])"), "$.sources[0].group.template: brace template \"xxxx");
    row("template over the byte cap says why", QStringLiteral(R"("sources": [{"bucket": "b", "group": {"template": ")") + QString(1024, QLatin1Char('x')) + QStringLiteral(R"({0000000..9999999}"}}])"), "expands to 9.6 GiB of object names, more than the cap of 256.0 MiB");
    row("split of unknown source", src + QStringLiteral(R"(, "splits": {"train": {"zz": ["a"]}})"), "$.splits.train.zz: no source has the id \"zz\"");
    row("split prefixes not strings", src + QStringLiteral(R"(, "splits": {"train": {"b": [3]}})"), "$.splits.train.b[0]: must be a string");
    row("unknown split chosen", src + QStringLiteral(R"(, "split": "test")"), "$.split: no split is named \"test\"");
    row("bad kind", src + QStringLiteral(R"(, "dataset": {"kind": "lazy"})"), "$.dataset.kind: must be map, iterable, shard or get-batch");
    row("bad key rule", src + QStringLiteral(R"(, "dataset": {"key_rule": "dots"})"), "$.dataset.key_rule: must be webdataset or sdk");
    row("get-batch size zero", src + QStringLiteral(R"(, "dataset": {"get_batch_size": 0})"), "$.dataset.get_batch_size: 0 is out of range");
    row("bad sampler", src + QStringLiteral(R"(, "sampler": {"kind": "greedy"})"), "$.sampler.kind: must be sequential, random, fixed, dynamic or packed");
    row("dynamic without budget", src + QStringLiteral(R"(, "dataset": {"kind": "map"}, "sampler": {"kind": "dynamic"})"), "$.sampler.max_batch_bytes: required for the dynamic sampler");
    row("dynamic on iterable", src + QStringLiteral(R"(, "sampler": {"kind": "dynamic", "max_batch_bytes": 10})"), "$.sampler.kind: dynamic batches need object sizes");
    row("fixed without size", src + QStringLiteral(R"(, "sampler": {"kind": "fixed"})"), "$.sampler.batch_size: required");
    row("negative batch size", src + QStringLiteral(R"(, "sampler": {"batch_size": -1})"), "$.sampler.batch_size: must be a whole number");
    row("huge budget", src + QStringLiteral(R"(, "sampler": {"max_batch_bytes": 1e300})"), "$.sampler.max_batch_bytes: must be between");
    row("saturation above 1", src + QStringLiteral(R"(, "sampler": {"saturation": 1.5})"), "$.sampler.saturation: must be between 0");
    row("shuffle as text", src + QStringLiteral(R"(, "sampler": {"shuffle": "yes"})"), "$.sampler.shuffle: must be true or false");
    row("workers zero", src + QStringLiteral(R"(, "workers": 0)"), "$.workers: 0 is out of range 1 to 1024");
    row("workers huge", src + QStringLiteral(R"(, "workers": 99999999999999999999)"), "$.workers: must be a whole number");
    row("endpoint is a URL", src + QStringLiteral(R"(, "endpoint_env": "http://10.0.0.1:8080")"), "$.endpoint_env: must be the NAME of an environment variable");
    // Names (the config's, source ids, split names) are printable text on one line.
    row("name with a newline", QStringLiteral("\"name\": \"a\\nprint(1)\", ") + src,
        "$.name: contains the control character U+000A at byte 1; names must be printable text on one line");
    row("name with a carriage return", QStringLiteral("\"name\": \"ab\\r\", ") + src,
        "$.name: contains the control character U+000D at byte 2; names must be printable text on one line");
    row("name with a tab", QStringLiteral("\"name\": \"\\t\", ") + src,
        "$.name: contains the control character U+0009 at byte 0");
    row("name with NUL", QStringLiteral("\"name\": \"a\\u0000\", ") + src,
        "$.name: contains the control character U+0000 at byte 1");
    row("name with DEL", QStringLiteral("\"name\": \"a\\u007f\", ") + src,
        "$.name: contains the control character U+007F at byte 1");
    row("name with NEL (C1)", QStringLiteral("\"name\": \"\\u00e9\\u0085\", ") + src,
        "$.name: contains the control character U+0085 at byte 2");
    row("name with a line separator", QStringLiteral("\"name\": \"a\\u2028b\", ") + src,
        "$.name: contains the line separator U+2028 at byte 1");
    row("name with a paragraph separator", QStringLiteral("\"name\": \"a\\u2029b\", ") + src,
        "$.name: contains the line separator U+2029 at byte 1");
    row("source id with a newline", QStringLiteral(R"("sources": [{"bucket": "b", "id": "x\n// y"}])"),
        "$.sources[0].id: contains the control character U+000A at byte 1; names must be printable text on one line");
    row("split name with a newline", src + QStringLiteral(R"(, "splits": {"tr\nain": {"b": ["a"]}})"),
        "$.splits: the split name \"tr\\x0aain\" contains the control character U+000A at byte 2; names must be printable text on one line");
    row("decoders not a list", src + QStringLiteral(R"(, "decoders": "png")"), "$.decoders: must be a list of strings");
}

void TestConfig::errors()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    try {
        parseDatasetConfig(json.toStdString(), "c.json");
        QFAIL("an invalid config was accepted");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        const QString msg = QString::fromStdString(e.what());
        QVERIFY2(msg.startsWith(QLatin1String("c.json: ")), e.what());
        QVERIFY2(msg.contains(message), e.what());
    }
}

void TestConfig::saveIsAtomicAndLoadNamesTheFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("cfg.json")).toStdString();
    const DatasetConfig c = parseDatasetConfig(kFull, "x");
    saveDatasetConfig(c, path);
    QVERIFY(loadDatasetConfig(path) == c);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("cfg.json")}); // no temp left
    // A failed save (the directory is gone) leaves nothing half-written and says where.
    try {
        saveDatasetConfig(c, dir.filePath(QStringLiteral("missing/cfg.json")).toStdString());
        QFAIL("saved into a missing directory");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Io);
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("missing/cfg.json")), e.what());
    }
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"schema_version\": 1, \"sources\": [{\"bucket\": 5}]}");
    f.close();
    try {
        loadDatasetConfig(path);
        QFAIL("a bad file loaded");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString(path + ": $.sources[0].bucket: must be a string")),
                 e.what());
    }
}

void TestConfig::pythonExportRefusesWhatTheSdkCannotDo()
{
    DatasetConfig c = parseDatasetConfig(R"({"schema_version": 1, "sources": [{"bucket": "b", "provider": "local"}]})", "x");
    QVERIFY_THROWS_EXCEPTION(Error, exportPython(c));
    c.sources[0].provider = "ais";
    c.kind = DatasetConfig::Kind::Map;
    c.sampler.kind = DatasetConfig::SamplerKind::Packed;
    c.sampler.maxBatchBytes = 100;
    try {
        exportPython(c);
        QFAIL("exported the packed sampler");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("no equivalent")), e.what());
    }
    c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
    const std::string py = exportPython(c);
    QVERIFY(py.find("DynamicBatchSampler(dataset, max_batch_size=100.0") != std::string::npos);
    QVERIFY(py.find("os.environ.get(ENDPOINT_ENV)") != std::string::npos);
}

void TestConfig::pythonExportQuotesNames()
{
    QCOMPARE(pythonString("a\"b\\c\nd"), std::string("\"a\\\"b\\\\c\\nd\""));
    DatasetConfig c = parseDatasetConfig(
        R"({"schema_version": 1, "sources": [{"bucket": "b", "group": {"names": ["x\"); import os #"]}}]})", "x");
    const std::string py = exportPython(c);
    QVERIFY2(py.find("obj_names=[\"x\\\"); import os #\"]") != std::string::npos, py.c_str());
}

// Only control characters and line separators make a name invalid: quotes,
// backslashes, comment ends and other Unicode are text (the exports quote them).
void TestConfig::namesMayHoldQuotesAndUnicode()
{
    const DatasetConfig c = parseDatasetConfig(
        R"json({"schema_version": 1, "name": "a\"\"\" */ \\ \u00e9\u202e",
            "sources": [{"bucket": "b", "id": "i'd \")"}], "splits": {"tr\"ain": {"i'd \")": ["p"]}}})json",
        "c.json");
    QCOMPARE(c.name, std::string("a\"\"\" */ \\ \u00e9\u202e"));
    QCOMPARE(c.sources[0].id, std::string("i'd \")"));
    QCOMPARE(c.splits.count("tr\"ain"), size_t(1));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
