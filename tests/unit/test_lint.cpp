// `lint` on local folders: every finding kind is built on purpose into a small
// data set and must be reported (with the shard and member named), a clean
// data set reports nothing, the JSON is the documented schema, and the CLI's
// --fail-on gate gives the exit code scripts rely on.

#include "cli_runner.h"
#include "raw_tar.h"

#include "core/health/advice.h"
#include "core/health/lint_input.h"
#include "core/health/lint_output.h"
#include "core/util/error.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace shardscope;

namespace {

using Members = std::vector<std::pair<std::string, std::string>>;
using Shards = std::vector<Members>; // written as shard-00000.tar, shard-00001.tar, ...

std::string bytes(std::size_t n, char c = 'x')
{
    return std::string(n, c);
}

// Samples s<first>..s<first+count-1>, each a .jpg and a .cls.
Members samples(int first, int count, std::size_t jpgBytes = 100)
{
    Members m;
    for (int i = first; i < first + count; ++i) {
        const std::string key = "s" + std::to_string(i);
        m.emplace_back(key + ".jpg", bytes(jpgBytes));
        m.emplace_back(key + ".cls", std::to_string(i % 3));
    }
    return m;
}

Members operator+(Members a, const Members &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::string shardName(std::size_t i)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "shard-%05zu.tar", i);
    return buf;
}

void writeFile(const QString &path, const std::string &data)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(f.write(data.data(), static_cast<qint64>(data.size())), static_cast<qint64>(data.size()));
}

// Options that report only what the data holds, not the size of test shards.
LintOptions rowOptions()
{
    LintOptions o;
    o.workers = 1; // examples in shard order
    o.minShardBytes = 0;
    return o;
}

std::set<std::string> kindsOf(const LintReport &r)
{
    std::set<std::string> k;
    for (const auto &f : r.findings)
        k.insert(findingKindName(f.kind));
    return k;
}

const Finding *findingOf(const LintReport &r, const std::string &kind)
{
    for (const auto &f : r.findings)
        if (kind == findingKindName(f.kind))
            return &f;
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(Shards)

class TestLint : public QObject
{
    Q_OBJECT
private slots:
    void eachKindIsReported_data();
    void eachKindIsReported();
    void cleanDatasetReportsNothing();
    void partialReportWhenStopped();
    void jsonSchema();
    void adviceAndRecipe();
    void cliGate_data();
    void cliGate();
    void noShardsIsAnError();
    void demoConfigDefects();
    void nonUtf8ShardName();

private:
    QString writeDataset(const Shards &shards);
    LintReport lint(const QString &dir, const LintOptions &o);
    std::vector<std::unique_ptr<QTemporaryDir>> m_dirs;
};

QString TestLint::writeDataset(const Shards &shards)
{
    m_dirs.push_back(std::make_unique<QTemporaryDir>());
    const QString dir = m_dirs.back()->path();
    for (std::size_t i = 0; i < shards.size(); ++i)
        writeFile(dir + QLatin1Char('/') + QString::fromStdString(shardName(i)), rawTar(shards[i]));
    return dir;
}

LintReport TestLint::lint(const QString &dir, const LintOptions &o)
{
    const LintInput input = lintInputFromUrl("file://" + dir.toStdString(), StoreOptions());
    return lintDataset(input, o);
}

void TestLint::eachKindIsReported_data()
{
    QTest::addColumn<Shards>("shards");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("shard");  // of the first example
    QTest::addColumn<QString>("member"); // of the first example
    QTest::addColumn<QString>("detail"); // part of the first example's detail

    QTest::newRow("split_sample: a key comes back after another")
        << Shards{samples(0, 6) + Members{{"s2.jpg", bytes(100)}, {"s2.cls", "2"}}} << "split_sample" << 1
        << "shard-00000.tar"
        << "s2.jpg"
        << "s2";
    QTest::newRow("duplicate_key: one key in two shards")
        << Shards{samples(0, 5), samples(4, 5)} << "duplicate_key" << 1 << "shard-00001.tar"
        << "s4.jpg"
        << "shard-00000.tar";
    QTest::newRow("duplicate_extension: a sample with two .jpg")
        << Shards{samples(0, 2) + Members{{"s2.jpg", bytes(100)}, {"s2.jpg", bytes(90)}, {"s2.cls", "1"}} +
                  samples(3, 3)}
        << "duplicate_extension" << 1 << "shard-00000.tar"
        << "s2.jpg"
        << "jpg";
    QTest::newRow("missing_extension: a sample without .cls")
        << Shards{samples(0, 5) + Members{{"s5.jpg", bytes(100)}} + samples(6, 4)} << "missing_extension" << 1
        << "shard-00000.tar"
        << "s5.jpg"
        << ".cls";
    QTest::newRow("stray_member: no extension, hidden, README")
        << Shards{Members{{"README.md", "read me"}} + samples(0, 4) +
                  Members{{"notes", "n"}, {".hidden.txt", "h"}}}
        << "stray_member" << 3 << "shard-00000.tar"
        << "README.md"
        << "documentation";
    QTest::newRow("key_rule_mismatch: several dots")
        << Shards{samples(0, 3) + Members{{"s3.jpg", bytes(100)}, {"s3.cls", "0"}, {"s3.seg.png", "p"}} +
                  samples(4, 3)}
        << "key_rule_mismatch" << 1 << "shard-00000.tar"
        << "s3.seg.png"
        << "extension seg";
    QTest::newRow("key_rule_mismatch: an upper-case extension")
        << Shards{samples(0, 3) + Members{{"s3.JPG", bytes(100)}, {"s3.cls", "0"}} + samples(4, 2)}
        << "key_rule_mismatch" << 1 << "shard-00000.tar"
        << "s3.JPG"
        << "extension JPG";
    QTest::newRow("key_rule_mismatch: same file name in two directories")
        << Shards{Members{
               {"a/s0.jpg", bytes(100)}, {"a/s0.cls", "0"}, {"b/s0.jpg", bytes(100)}, {"b/s0.cls", "1"}}}
        << "key_rule_mismatch" << 2 << "shard-00000.tar"
        << "b/s0.jpg"
        << "a/s0";
    QTest::newRow("empty_member: a .cls of 0 bytes")
        << Shards{samples(0, 3) + Members{{"s3.jpg", bytes(100)}, {"s3.cls", ""}} + samples(4, 2)}
        << "empty_member" << 1 << "shard-00000.tar"
        << "s3.cls"
        << "0 bytes";
    QTest::newRow("large_member: over the 1000-byte bound")
        << Shards{samples(0, 3) + Members{{"s3.jpg", bytes(5000)}, {"s3.cls", "1"}}} << "large_member" << 1
        << "shard-00000.tar"
        << "s3.jpg"
        << "bound";
    std::string truncated = rawTar(samples(0, 20, 1000));
    truncated.resize(truncated.size() * 3 / 5);
    QTest::newRow("unreadable_shard: truncated in a member")
        << Shards{samples(100, 3), {{"__raw__", truncated}}} << "unreadable_shard" << 1 << "shard-00001.tar"
        << "s12.jpg"
        << "shard-00001.tar"; // samples of 2560 bytes: 3/5 of 52224 bytes ends in s12.jpg's data
    QTest::newRow("unreadable_shard: not an archive")
        << Shards{{{"__raw__", "this is plain text, not a tar archive at all\n"}}} << "unreadable_shard" << 1
        << "shard-00000.tar"
        << ""
        << "shard-00000.tar";
    QTest::newRow("unreadable_shard: bzip2, refused by name")
        << Shards{{{"__raw__", std::string("BZh91AY&SY") + std::string(200, '\x11')}}} << "unreadable_shard"
        << 1 << "shard-00000.tar"
        << ""
        << "bzip2 compression is not supported";
    QTest::newRow("non_utf8_name: a key with byte 0xFF")
        << Shards{samples(0, 2) + Members{{"s\xff.jpg", bytes(100)}, {"s\xff.cls", "1"}}} << "non_utf8_name"
        << 2 << "shard-00000.tar"
        << "s\xff.jpg"
        << "\\xff";
    QTest::newRow("empty_shard: an archive with no member")
        << Shards{samples(0, 2), Members{}} << "empty_shard" << 1 << "shard-00001.tar"
        << ""
        << "no sample";
}

void TestLint::eachKindIsReported()
{
    QFETCH(Shards, shards);
    QFETCH(QString, kind);
    QFETCH(int, count);
    QFETCH(QString, shard);
    QFETCH(QString, member);
    QFETCH(QString, detail);
    // "__raw__" rows are written as they are (broken archives).
    m_dirs.push_back(std::make_unique<QTemporaryDir>());
    const QString dir = m_dirs.back()->path();
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const bool raw = shards[i].size() == 1 && shards[i][0].first == "__raw__";
        writeFile(dir + QLatin1Char('/') + QString::fromStdString(shardName(i)),
                  raw ? shards[i][0].second : rawTar(shards[i]));
    }
    LintOptions o = rowOptions();
    o.maxMemberBytes = 1000;
    const LintReport r = lint(dir, o);
    QVERIFY(!r.cancelled);
    // This kind and nothing else.
    const std::set<std::string> kinds = kindsOf(r);
    QString all;
    for (const auto &k : kinds)
        all += QString::fromStdString(k) + QLatin1Char(' ');
    QCOMPARE(all.trimmed(), kind);
    const Finding *f = findingOf(r, kind.toStdString());
    QVERIFY(f);
    QCOMPARE(f->count, static_cast<std::uint64_t>(count));
    QVERIFY(!f->examples.empty());
    QCOMPARE(QString::fromStdString(f->examples.front().shard), shard);
    QCOMPARE(QString::fromStdString(f->examples.front().member), member);
    QVERIFY2(QString::fromStdString(f->examples.front().detail).contains(detail),
             f->examples.front().detail.c_str());
}

void TestLint::cleanDatasetReportsNothing()
{
    // Three shards over the 1 MiB small-shard bound, every sample complete:
    // default options, nothing to report.
    const QString dir =
        writeDataset({samples(0, 12, 100000), samples(12, 12, 100000), samples(24, 12, 100000)});
    LintOptions o;
    o.workers = 3;
    const LintReport r = lint(dir, o);
    QVERIFY2(r.findings.empty(), lintReportText(r, adviseOnReport(r)).c_str());
    QCOMPARE(r.shards, std::uint64_t(3));
    QCOMPARE(r.shardsRead, std::uint64_t(3));
    QCOMPARE(r.samples, std::uint64_t(36));
    QCOMPARE(r.members, std::uint64_t(72));
    QCOMPARE(r.extensions.at("jpg"), std::uint64_t(36));
    QCOMPARE(r.extensions.at("cls"), std::uint64_t(36));
    QCOMPARE(r.shardStats.size(), std::size_t(3));
    QCOMPARE(r.shardStats[1].samples, std::uint64_t(12));
    QVERIFY(!r.failsAt(Severity::Info));
}

void TestLint::partialReportWhenStopped()
{
    const QString dir = writeDataset({samples(0, 3), samples(3, 3), samples(6, 3), samples(9, 3)});
    const LintInput input = lintInputFromUrl("file://" + dir.toStdString(), StoreOptions());
    std::atomic<bool> cancel{false};
    LintOptions o = rowOptions();
    std::uint64_t calls = 0;
    const LintReport r = lintDataset(
        input, o,
        [&](const LintProgress &p) {
            ++calls;
            QCOMPARE(p.shardsTotal, std::uint64_t(4));
            cancel = true; // Stop after the first shard
        },
        &cancel);
    QVERIFY(r.cancelled);
    QCOMPARE(calls, std::uint64_t(1));
    QCOMPARE(r.shardsRead, std::uint64_t(1));
    QCOMPARE(r.shardStats.size(), std::size_t(1));
}

void TestLint::jsonSchema()
{
    const QString dir = writeDataset({samples(0, 3) + Members{{"s\xff.jpg", bytes(10)}, {"s\xff.cls", ""}}});
    const LintReport r = lint(dir, rowOptions());
    const std::string text = lintReportJson(r, adviseOnReport(r));
    QJsonParseError err;
    const QJsonObject j = QJsonDocument::fromJson(QByteArray::fromStdString(text), &err).object();
    QCOMPARE(err.error, QJsonParseError::NoError);
    QCOMPARE(j.value(QStringLiteral("schema")).toString(), QStringLiteral("shardscope-lint"));
    QCOMPARE(j.value(QStringLiteral("schema_version")).toInt(), 1);
    QCOMPARE(j.value(QStringLiteral("totals")).toObject().value(QStringLiteral("samples")).toInt(), 4);
    QCOMPARE(j.value(QStringLiteral("counts")).toObject().value(QStringLiteral("warning")).toInt(), 3);
    QSet<QString> kinds;
    QString nonUtf8Member;
    for (const auto &v : j.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        kinds.insert(f.value(QStringLiteral("kind")).toString());
        QCOMPARE(f.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        if (f.value(QStringLiteral("kind")).toString() == QLatin1String("non_utf8_name"))
            nonUtf8Member = f.value(QStringLiteral("examples"))
                                .toArray()
                                .at(0)
                                .toObject()
                                .value(QStringLiteral("member"))
                                .toString();
    }
    QCOMPARE(kinds, (QSet<QString>{QStringLiteral("non_utf8_name"), QStringLiteral("empty_member")}));
    QCOMPARE(nonUtf8Member, QStringLiteral("s\\xff.jpg")); // escapeName's reversible form
    const QJsonArray shards = j.value(QStringLiteral("shards")).toArray();
    QCOMPARE(shards.size(), 1);
    QCOMPARE(shards.at(0).toObject().value(QStringLiteral("samples")).toInt(), 4);
    QVERIFY(j.value(QStringLiteral("histograms")).toObject().contains(QStringLiteral("sample_bytes")));
    QVERIFY(j.value(QStringLiteral("advice")).toObject().value(QStringLiteral("dsort_spec")).isObject());
}

void TestLint::adviceAndRecipe()
{
    // Three small shards (a few KiB each) with one sample missing its .cls.
    const QString dir =
        writeDataset({samples(0, 10), samples(10, 10) + Members{{"s20.jpg", bytes(100)}}, samples(21, 10)});
    LintOptions o = rowOptions();
    const LintReport r = lint(dir, o);
    AdviceOptions ao;
    ao.sourceBucket = "ais://photos";
    const Advice a = adviseOnReport(r, ao);
    QVERIFY(a.reshard);
    QVERIFY(a.medianShardBytes > 0 && a.medianShardBytes < (16u << 20));
    QCOMPARE(a.suggestedShards, std::uint64_t(1));
    bool sizeItem = false, missingItem = false;
    for (const auto &i : a.items) {
        sizeItem |= i.topic == "shard_size" && i.text.find("too small") != std::string::npos;
        missingItem |= i.topic == "missing_extension";
    }
    QVERIFY(sizeItem);
    QVERIFY(missingItem);
    const QJsonObject spec = QJsonDocument::fromJson(QByteArray::fromStdString(a.dsortSpec)).object();
    QCOMPARE(spec.value(QStringLiteral("input_bck")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("photos"));
    QCOMPARE(
        spec.value(QStringLiteral("input_format")).toObject().value(QStringLiteral("template")).toString(),
        QStringLiteral("shard-{00000..00002}"));
    QCOMPARE(spec.value(QStringLiteral("input_extension")).toString(), QStringLiteral(".tar"));
    QCOMPARE(spec.value(QStringLiteral("output_shard_size")).toString(), QStringLiteral("256MiB"));
    QCOMPARE(spec.value(QStringLiteral("output_bck")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("photos-resharded"));
    const QString cmd = QString::fromStdString(a.ishardCommand);
    QVERIFY2(
        cmd.startsWith(QStringLiteral("ishard -src_bck='ais://photos' -dst_bck='ais://photos-resharded'")),
        qPrintable(cmd));
    QVERIFY2(cmd.contains(QStringLiteral("-sample_exts='.cls,.jpg'")), qPrintable(cmd));
    QVERIFY2(cmd.contains(QStringLiteral("-missing_extension_action=exclude")), qPrintable(cmd));
    QVERIFY2(cmd.contains(QStringLiteral("-shard_size=256MiB")), qPrintable(cmd));

    // Names with gaps have no range template: the recipe lists them.
    QCOMPARE(QString::fromStdString(shardNameTemplate({"a/x-001.tar", "a/x-003.tar"}, ".tar")), QString());
    QCOMPARE(QString::fromStdString(shardNameTemplate({"a/x-009.tar", "a/x-010.tar"}, ".tar")),
             QStringLiteral("a/x-{009..010}"));
}

void TestLint::cliGate_data()
{
    QTest::addColumn<bool>("defect");
    QTest::addColumn<QString>("failOn");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("clean, --fail-on info") << false << "info" << 0;
    QTest::newRow("a missing .cls, --fail-on warning") << true << "warning" << 3;
    QTest::newRow("a missing .cls, --fail-on error") << true << "error" << 0;
    QTest::newRow("a missing .cls, no gate") << true << "" << 0;
}

void TestLint::cliGate()
{
    QFETCH(bool, defect);
    QFETCH(QString, failOn);
    QFETCH(int, exitCode);
    const Members extra = defect ? Members{{"s99.jpg", bytes(100)}} : Members{};
    const QString dir = writeDataset({samples(0, 12, 100000) + extra, samples(12, 12, 100000)});
    QStringList args = {QStringLiteral("lint"), QStringLiteral("file://") + dir, QStringLiteral("--json")};
    if (!failOn.isEmpty())
        args << QStringLiteral("--fail-on") << failOn;
    const CliRun run = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.err));
    const QJsonObject j = QJsonDocument::fromJson(run.out).object();
    const QJsonArray findings = j.value(QStringLiteral("findings")).toArray();
    QCOMPARE(findings.size(), defect ? 1 : 0);
    if (defect)
        QCOMPARE(findings.at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("missing_extension"));
    // The human report names the kind and the member.
    const CliRun human = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                                {QStringLiteral("lint"), QStringLiteral("file://") + dir});
    QCOMPARE(human.exitCode, 0);
    QCOMPARE(QString::fromUtf8(human.out).contains(QStringLiteral("warning missing_extension x1")), defect);
    QCOMPARE(QString::fromUtf8(human.out).contains(QStringLiteral("s99.jpg")), defect);
}

void TestLint::noShardsIsAnError()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("notes.txt")), "no shards here");
    try {
        lintInputFromUrl("file://" + dir.path().toStdString(), StoreOptions());
        QFAIL("expected an error");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("no shards")), e.what());
    }
    const CliRun bad = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                              {QStringLiteral("lint"), QStringLiteral("file://") + dir.path(),
                               QStringLiteral("--fail-on"), QStringLiteral("sometimes")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("sometimes")), qPrintable(bad.err));
}

void TestLint::demoConfigDefects()
{
    // `gen --demo --defects` plants a truncated shard, a sample without .cls and
    // a key used twice in one shard (README): `lint dataset.json` reads the
    // shards the config's split selects and reports those three.
    QTemporaryDir data;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), data.path());
    const CliRun gen =
        runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
               {QStringLiteral("gen"), QStringLiteral("local://hdemo"), QStringLiteral("--demo"),
                QStringLiteral("--defects"), QStringLiteral("--shards"), QStringLiteral("3"),
                QStringLiteral("--samples"), QStringLiteral("12")},
               env);
    QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
    const QString config = data.filePath(QStringLiteral("buckets/hdemo/dataset.json"));
    QVERIFY(QFile::exists(config));
    const CliRun run = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                              {QStringLiteral("lint"), config, QStringLiteral("--json"),
                               QStringLiteral("--fail-on"), QStringLiteral("error")},
                              env);
    QVERIFY2(run.exitCode == 3, qPrintable(run.err));
    const QJsonObject j = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(j.value(QStringLiteral("totals")).toObject().value(QStringLiteral("shards")).toInt(),
             3); // train only
    QSet<QString> kinds;
    for (const auto &v : j.value(QStringLiteral("findings")).toArray())
        if (v.toObject().value(QStringLiteral("severity")).toString() != QLatin1String("info"))
            kinds.insert(v.toObject().value(QStringLiteral("kind")).toString() + QLatin1Char(' ') +
                         v.toObject()
                             .value(QStringLiteral("examples"))
                             .toArray()
                             .at(0)
                             .toObject()
                             .value(QStringLiteral("shard"))
                             .toString());
    QCOMPARE(kinds, (QSet<QString>{QStringLiteral("unreadable_shard train/shard-00001.tar"),
                                   QStringLiteral("missing_extension train/shard-00000.tar"),
                                   QStringLiteral("split_sample train/shard-00002.tar")}));
    // The same config planned for two ranks: 2 and 1 shards of 12 samples.
    const CliRun plan =
        runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
               {QStringLiteral("plan"), config, QStringLiteral("--world-size"), QStringLiteral("2"),
                QStringLiteral("--samples-per-shard"), QStringLiteral("12"), QStringLiteral("--json")},
               env);
    QVERIFY2(plan.exitCode == 0, qPrintable(plan.err));
    const QJsonObject p = QJsonDocument::fromJson(plan.out).object().value(QStringLiteral("plan")).toObject();
    QCOMPARE(p.value(QStringLiteral("unit")).toString(), QStringLiteral("shard"));
    QCOMPARE(p.value(QStringLiteral("max_items")).toInt(), 24);
    QCOMPARE(p.value(QStringLiteral("min_items")).toInt(), 12);
}

void TestLint::nonUtf8ShardName()
{
    // A shard whose object name is not UTF-8: reported, and the JSON stays UTF-8.
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/caf\xe9.tar";
    const std::string tar = rawTar(samples(0, 3));
    FILE *f = std::fopen(path.c_str(), "wb");
    QVERIFY(f);
    QCOMPARE(std::fwrite(tar.data(), 1, tar.size(), f), tar.size());
    std::fclose(f);
    const LintReport r = lint(dir.path(), rowOptions());
    QCOMPARE(r.findings.size(), std::size_t(1));
    QCOMPARE(QString::fromLatin1(findingKindName(r.findings[0].kind)), QStringLiteral("non_utf8_name"));
    QCOMPARE(r.findings[0].examples.at(0).shard, std::string("caf\xe9.tar"));
    QCOMPARE(r.samples, std::uint64_t(3));
    const QJsonObject j =
        QJsonDocument::fromJson(QByteArray::fromStdString(lintReportJson(r, adviseOnReport(r)))).object();
    QCOMPARE(
        j.value(QStringLiteral("shards")).toArray().at(0).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("caf\\xe9.tar"));
}

QTEST_GUILESS_MAIN(TestLint)
#include "test_lint.moc"
