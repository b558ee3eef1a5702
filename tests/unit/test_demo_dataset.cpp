// The demo data set: its content matches its labels (decoded pictures show
// the shape the label and caption name, where the JSON says), it is the same
// for the same seed, and `gen --demo --defects` really plants its defects.

#include "cli_runner.h"

#include "core/config/dataset_config.h"
#include "core/decode/decoded.h"
#include "core/gen/demo_dataset.h"
#include "core/util/error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;

namespace {

// The documented palette (README: the demo data set), written out here so the
// test does not take its expectations from the generator.
const QMap<QString, QList<int>> &palette()
{
    static const QMap<QString, QList<int>> p = {
        {QStringLiteral("red"), {215, 40, 40}},      {QStringLiteral("green"), {40, 160, 60}},
        {QStringLiteral("blue"), {40, 80, 215}},     {QStringLiteral("yellow"), {235, 200, 30}},
        {QStringLiteral("orange"), {240, 130, 30}},  {QStringLiteral("purple"), {135, 60, 175}},
        {QStringLiteral("pink"), {235, 110, 170}},   {QStringLiteral("cyan"), {40, 190, 200}},
        {QStringLiteral("grey"), {128, 128, 128}},   {QStringLiteral("white"), {242, 242, 242}},
        {QStringLiteral("black"), {25, 25, 25}},     {QStringLiteral("beige"), {225, 210, 175}}};
    return p;
}

QString member(const std::vector<std::pair<std::string, std::string>> &members, const std::string &ext)
{
    for (const auto &[e, bytes] : members)
        if (e == ext)
            return QString::fromStdString(bytes);
    return QString();
}

const std::string *rawMember(const std::vector<std::pair<std::string, std::string>> &members, const std::string &ext)
{
    for (const auto &m : members)
        if (m.first == ext)
            return &m.second;
    return nullptr;
}

// Whether the pixel (x, y) of a decoded RGB image is within the noise of `rgb`.
bool pixelIs(const Decoded &img, int x, int y, const QList<int> &rgb, QString *seen)
{
    const auto w = img.shape[1];
    const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
    bool close = true;
    QStringList got;
    for (int k = 0; k < 3; ++k) {
        const int v = img.data[at + static_cast<std::size_t>(k)];
        got << QString::number(v);
        close = close && std::abs(v - rgb[k]) <= 8;
    }
    *seen = got.join(QLatin1Char(','));
    return close;
}

// The first sample whose .cls is `label`.
std::uint64_t firstOfClass(const DemoSpec &spec, int label)
{
    for (std::uint64_t i = 0; i < 1000; ++i)
        if (member(demoSampleMembers(spec, i), "cls").toInt() == label)
            return i;
    return ~0ull;
}

} // namespace

class TestDemoDataset : public QObject
{
    Q_OBJECT
private slots:
    void pictureMatchesLabel_data();
    void pictureMatchesLabel();
    void sameSeedSameBytes();
    void extrasFollowTheClass();
    void layoutAndConfig();
    void invalidSpec_data();
    void invalidSpec();
    void defectsAreInTheData();
    void usageErrors_data();
    void usageErrors();
};

void TestDemoDataset::pictureMatchesLabel_data()
{
    QTest::addColumn<int>("label");
    QTest::addColumn<QString>("className");
    QTest::addColumn<bool>("fillsItsCorner"); // the top-left corner of the box is part of the shape
    QTest::newRow("circle") << 0 << "circle" << false;
    QTest::newRow("square") << 1 << "square" << true;
    QTest::newRow("triangle") << 2 << "triangle" << false;
    QTest::newRow("star") << 3 << "star" << false;
    QTest::newRow("cross") << 4 << "cross" << false;
    QTest::newRow("diamond") << 5 << "diamond" << false;
}

void TestDemoDataset::pictureMatchesLabel()
{
    QFETCH(int, label);
    QFETCH(QString, className);
    QFETCH(bool, fillsItsCorner);
    DemoSpec spec;
    spec.seed = 11;
    spec.imageSize = 64;
    const std::uint64_t index = firstOfClass(spec, label);
    QVERIFY2(index != ~0ull, qPrintable(QStringLiteral("no sample of class %1 in 1000").arg(label)));
    const auto members = demoSampleMembers(spec, index);

    // classes.txt names the label's line.
    const QStringList classes = QString::fromStdString(demoObjectBytes(spec, spec.trainShards + spec.valShards))
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(classes.value(label), className);

    const QJsonObject meta = QJsonDocument::fromJson(member(members, "json").toUtf8()).object();
    QCOMPARE(meta.value(QStringLiteral("class")).toString(), className);
    QCOMPARE(meta.value(QStringLiteral("label")).toInt(-1), label);
    const QString color = meta.value(QStringLiteral("color")).toString();
    const QString background = meta.value(QStringLiteral("background")).toString();
    QVERIFY2(palette().contains(color), qPrintable(color));
    QVERIFY2(palette().contains(background), qPrintable(background));

    const QString caption = member(members, "txt");
    QVERIFY2(caption.contains(className) && caption.contains(color) && caption.contains(background),
             qPrintable(caption));

    const std::string *png = rawMember(members, "png");
    QVERIFY(png);
    const Decoded img = decodeMember("png", *png, "demo png");
    QCOMPARE(img.shape, (std::vector<std::int64_t>{64, 64, 3}));
    const QJsonArray box = meta.value(QStringLiteral("bbox")).toArray();
    QCOMPARE(box.size(), 4);
    const int x0 = box[0].toInt(), y0 = box[1].toInt(), x1 = box[2].toInt(), y1 = box[3].toInt();
    QVERIFY(x0 >= 1 && y0 >= 1 && x1 <= 63 && y1 <= 63 && x1 - x0 == y1 - y0 && x1 - x0 >= 8);
    QString seen;
    QVERIFY2(pixelIs(img, (x0 + x1) / 2, (y0 + y1) / 2, palette()[color], &seen),
             qPrintable(QStringLiteral("the centre of the box should be %1, is %2").arg(color, seen)));
    QVERIFY2(pixelIs(img, x0 - 1, (y0 + y1) / 2, palette()[background], &seen),
             qPrintable(QStringLiteral("left of the box should be %1, is %2").arg(background, seen)));
    QVERIFY2(pixelIs(img, (x0 + x1) / 2, y1, palette()[background], &seen),
             qPrintable(QStringLiteral("below the box should be %1, is %2").arg(background, seen)));
    QVERIFY2(pixelIs(img, x0, y0, palette()[fillsItsCorner ? color : background], &seen),
             qPrintable(QStringLiteral("the box's corner of a %1 should be %2, is %3")
                            .arg(className, fillsItsCorner ? color : background, seen)));
}

void TestDemoDataset::sameSeedSameBytes()
{
    DemoSpec a;
    a.samplesPerShard = 8;
    DemoSpec b = a;
    QCOMPARE(demoObjectBytes(a, 0), demoObjectBytes(b, 0));
    b.seed = 2;
    QVERIFY(demoObjectBytes(a, 0) != demoObjectBytes(b, 0));
}

void TestDemoDataset::extrasFollowTheClass()
{
    DemoSpec spec;
    spec.seed = 3;
    spec.extrasEvery = 1; // every sample has .wav and .npy
    // Zero crossings of the chirp grow with the class: the pitch follows the label.
    auto crossings = [](const Decoded &wav) {
        int n = 0;
        const auto *s = reinterpret_cast<const std::int16_t *>(wav.data.data());
        for (std::size_t i = 1; i < wav.elementCount(); ++i)
            n += (s[i - 1] < 0) != (s[i] < 0);
        return n;
    };
    int previous = 0;
    for (int label = 0; label < 6; ++label) {
        const auto members = demoSampleMembers(spec, firstOfClass(spec, label));
        const Decoded wav = decodeMember("wav", *rawMember(members, "wav"), "demo wav");
        QCOMPARE(wav.kind, Decoded::Kind::Audio);
        QCOMPARE(wav.sampleRate, 8000);
        const int c = crossings(wav);
        QVERIFY2(c > previous, qPrintable(QStringLiteral("class %1: %2 crossings, class before: %3")
                                              .arg(label).arg(c).arg(previous)));
        previous = c;

        const Decoded npy = decodeMember("npy", *rawMember(members, "npy"), "demo npy");
        QCOMPARE(npy.dtype, std::string("int32"));
        QCOMPARE(npy.shape, (std::vector<std::int64_t>{4}));
        const QJsonArray box =
            QJsonDocument::fromJson(member(members, "json").toUtf8()).object().value(QStringLiteral("bbox")).toArray();
        const auto *v = reinterpret_cast<const std::int32_t *>(npy.data.data());
        for (int k = 0; k < 4; ++k)
            QCOMPARE(v[k], box[k].toInt());
    }
    // By default only a few samples carry them.
    DemoSpec few;
    QVERIFY(rawMember(demoSampleMembers(few, 0), "wav"));
    QVERIFY(!rawMember(demoSampleMembers(few, 1), "wav"));
}

void TestDemoDataset::layoutAndConfig()
{
    DemoSpec spec;
    spec.provider = "ais";
    spec.bucket = "shapes";
    spec.prefix = "v1/";
    spec.trainShards = 3;
    spec.valShards = 1;
    QCOMPARE(demoObjectCount(spec), std::size_t(6));
    QCOMPARE(demoObjectName(spec, 0), std::string("train/shard-00000.tar"));
    QCOMPARE(demoObjectName(spec, 3), std::string("val/shard-00000.tar"));
    QCOMPARE(demoObjectName(spec, 4), std::string("classes.txt"));
    QCOMPARE(demoObjectName(spec, 5), std::string("dataset.json"));
    const DatasetConfig c = parseDatasetConfig(demoObjectBytes(spec, 5), "dataset.json");
    QCOMPARE(c.sources.size(), std::size_t(1));
    QCOMPARE(c.sources[0].provider, std::string("ais"));
    QCOMPARE(c.sources[0].bucket, std::string("shapes"));
    QCOMPARE(c.kind, DatasetConfig::Kind::Shard);
    QCOMPARE(c.splits.at("train").at("shapes"), std::vector<std::string>{"v1/train/"});
    QCOMPARE(c.splits.at("val").at("shapes"), std::vector<std::string>{"v1/val/"});
    spec.provider.clear(); // e.g. file://: no config
    QCOMPARE(demoObjectCount(spec), std::size_t(5));
}

void TestDemoDataset::invalidSpec_data()
{
    QTest::addColumn<int>("imageSize");
    QTest::addColumn<int>("trainShards");
    QTest::addColumn<int>("samples");
    QTest::addColumn<bool>("defects");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("image too small") << 8 << 2 << 10 << false << "" << "image size must be between 16 and 1024 pixels, not 8";
    QTest::newRow("no train shards") << 64 << 0 << 10 << false << "" << "1 to 10000 train shards";
    QTest::newRow("no samples") << 64 << 2 << 0 << false << "" << "samples per shard must be between 1 and 100000, not 0";
    QTest::newRow("defects need room") << 64 << 2 << 10 << true << "" << "--defects needs at least 3 train shards";
    QTest::newRow("prefix without slash") << 64 << 2 << 10 << false << "v1" << "the prefix \"v1\" must end in '/'";
}

void TestDemoDataset::invalidSpec()
{
    QFETCH(int, imageSize);
    QFETCH(int, trainShards);
    QFETCH(int, samples);
    QFETCH(bool, defects);
    QFETCH(QString, prefix);
    QFETCH(QString, expected);
    DemoSpec spec;
    spec.imageSize = imageSize;
    spec.trainShards = static_cast<std::uint64_t>(trainShards);
    spec.samplesPerShard = static_cast<std::uint64_t>(samples);
    spec.defects = defects;
    spec.prefix = prefix.toStdString();
    try {
        validateDemoSpec(spec);
        QFAIL("accepted");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromUtf8(e.what()).contains(expected), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("demo data set: ")), e.what());
    }
}

void TestDemoDataset::defectsAreInTheData()
{
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), dir.path());
    const CliRun gen = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                              {QStringLiteral("gen"), QStringLiteral("local://broken"), QStringLiteral("--demo"),
                               QStringLiteral("--defects"), QStringLiteral("--shards"), QStringLiteral("3"),
                               QStringLiteral("--samples"), QStringLiteral("12")},
                              env);
    QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
    QVERIFY2(gen.err.contains(QStringLiteral("planted defect: train/shard-00001.tar is truncated")), qPrintable(gen.err));

    const CliRun it = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                             {QStringLiteral("iterate"), QStringLiteral("local://broken/train/"), QStringLiteral("--mode"),
                              QStringLiteral("shard"), QStringLiteral("--json"), QStringLiteral("--on-error"),
                              QStringLiteral("skip"), QStringLiteral("--ordered"), QStringLiteral("--workers"),
                              QStringLiteral("1")},
                             env);
    QVERIFY2(it.exitCode == 0, qPrintable(it.err));
    QStringList truncated, unlabelled;
    QMap<QString, int> keys;
    for (const QByteArray &line : it.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.contains(QStringLiteral("error"))) {
            truncated << o.value(QStringLiteral("shard")).toString() + QStringLiteral(": ") +
                             o.value(QStringLiteral("error")).toString();
            continue;
        }
        const QString where = o.value(QStringLiteral("shard")).toString() + QLatin1Char(' ') +
                              o.value(QStringLiteral("key")).toString();
        ++keys[where];
        if (!o.value(QStringLiteral("members")).toObject().contains(QStringLiteral("cls")))
            unlabelled << where;
    }
    QCOMPARE(truncated.size(), 1);
    QVERIFY2(truncated[0].startsWith(QStringLiteral("train/shard-00001.tar: ")), qPrintable(truncated[0]));
    QVERIFY2(truncated[0].contains(QStringLiteral("is truncated or corrupt")), qPrintable(truncated[0]));
    QCOMPARE(unlabelled, QStringList{QStringLiteral("train/shard-00000.tar sample-000005")});
    QStringList repeated;
    for (auto i = keys.cbegin(); i != keys.cend(); ++i)
        if (i.value() > 1)
            repeated << i.key();
    QCOMPARE(repeated, QStringList{QStringLiteral("train/shard-00002.tar sample-000027")});

    // The same command on the demo without defects finds none of them.
    const CliRun clean = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                                {QStringLiteral("gen"), QStringLiteral("local://clean"), QStringLiteral("--demo"),
                                 QStringLiteral("--shards"), QStringLiteral("3"), QStringLiteral("--samples"),
                                 QStringLiteral("12")},
                                env);
    QVERIFY2(clean.exitCode == 0, qPrintable(clean.err));
    QVERIFY2(!clean.err.contains(QStringLiteral("planted")), qPrintable(clean.err));
    // Its dataset config reads the train split: 3 shards of 12 samples, no errors.
    const CliRun all = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                              {QStringLiteral("iterate"), dir.filePath(QStringLiteral("buckets/clean/dataset.json")),
                               QStringLiteral("--json"), QStringLiteral("--on-error"), QStringLiteral("skip")},
                              env);
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    QVERIFY2(!all.out.contains("\"error\""), all.out.constData());
    QCOMPARE(all.out.count('\n'), 36);
    QVERIFY2(all.out.contains("\"shard\":\"train/shard-00002.tar\""), all.out.constData());
}

void TestDemoDataset::usageErrors_data()
{
    QTest::addColumn<QString>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("--defects alone") << "gen local://u --defects --shards 3" << 2 << "--defects goes with --demo";
    QTest::newRow("--demo with --objects") << "gen local://u --demo --objects 3" << 2
                                           << "--demo makes its own members: --objects, --ext, --format and --size";
    QTest::newRow("--demo with --ext") << "gen local://u --demo --ext png" << 2 << "--demo makes its own members";
    QTest::newRow("defects need three shards") << "gen local://u --demo --defects --shards 2" << 1
                                               << "demo data set: --defects needs at least 3 train shards";
    QTest::newRow("image too small") << "gen local://u --demo --image-size 8" << 1
                                     << "demo data set: the image size must be between 16 and 1024 pixels, not 8";
}

void TestDemoDataset::usageErrors()
{
    QFETCH(QString, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), dir.path());
    const CliRun r = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args.split(QLatin1Char(' ')), env);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY2(!QDir(dir.filePath(QStringLiteral("buckets/u"))).exists(), "nothing is written"); // checked first
}

QTEST_GUILESS_MAIN(TestDemoDataset)
#include "test_demo_dataset.moc"
