// The dataset editor's model: one DatasetConfig, the sources and splits as
// editable table models over it, one validation per change (counted by its
// signals), edits it cannot hold refused with a message naming the row and
// field, edits that do not validate named by their JSON path while the last
// valid config is kept; checked with QAbstractItemModelTester throughout.

#include "ui/models/dataset_config_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace shardscope;
using namespace shardscope::ui;

namespace {
// Two sources, a train and a val split for the first: a config that validates.
DatasetConfig base()
{
    DatasetConfig c;
    c.name = "demo";
    c.sources = {{"images", "ais", "images", {}}, {"labels", "s3", "labels", {}}};
    c.sources[1].group.prefix = "train/";
    c.splits["train"]["images"] = {"train/"};
    c.splits["val"]["images"] = {"val/", "extra/"};
    return c;
}

// The field of `c` a row of a _data() table names, as text.
QString field(const DatasetConfig &c, const QString &name)
{
    const auto list = [](const std::vector<std::string> &v) {
        QStringList out;
        for (const auto &s : v)
            out << QString::fromStdString(s);
        return out.join(QLatin1Char('|'));
    };
    if (name.startsWith(QLatin1String("sources["))) {
        const auto &s = c.sources.at(std::size_t(name.mid(8, 1).toInt()));
        const QString member = name.mid(11);
        if (member == QLatin1String("id"))
            return QString::fromStdString(s.id);
        if (member == QLatin1String("url"))
            return QString::fromStdString(s.provider + "://" + s.bucket);
        return QStringLiteral("%1 %2 [%3] %4")
            .arg(int(s.group.kind))
            .arg(QString::fromStdString(s.group.prefix), list(s.group.names),
                 QString::fromStdString(s.group.braceTemplate));
    }
    if (name != QLatin1String("splits"))
        return QStringLiteral("<no field %1>").arg(name);
    QString out;
    for (const auto &[split, perSource] : c.splits)
        for (const auto &[source, prefixes] : perSource)
            out += QStringLiteral("%1/%2=%3;")
                       .arg(QString::fromStdString(split), QString::fromStdString(source), list(prefixes));
    return out;
}

enum Table
{
    Sources,
    Splits
};
QAbstractItemModel *table(DatasetConfigModel &m, int which)
{
    return which == Sources ? static_cast<QAbstractItemModel *>(m.sources()) : m.splits();
}

// A model holding base(), one of its tables under a model tester, and spies
// on its signals that count from after base() was set.
struct Edited
{
    explicit Edited(int which)
    {
        m.setConfig(base());
        t = table(m, which);
        tester = std::make_unique<QAbstractItemModelTester>(
            t, QAbstractItemModelTester::FailureReportingMode::QtTest);
        changed.clear();
        validated.clear();
    }
    DatasetConfigModel m;
    QAbstractItemModel *t = nullptr;
    std::unique_ptr<QAbstractItemModelTester> tester;
    QSignalSpy changed{&m, &DatasetConfigModel::changed};
    QSignalSpy validated{&m, &DatasetConfigModel::validated};
    QSignalSpy rejected{&m, &DatasetConfigModel::rejected};
};
} // namespace

class TestDatasetConfigModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tablesShowTheConfig();
    void editingACellChangesTheConfig_data();
    void editingACellChangesTheConfig();
    void insertAndRemoveRows_data();
    void insertAndRemoveRows();
    void oneValidationPerChange();
    void refusedEditsKeepTheConfig_data();
    void refusedEditsKeepTheConfig();
    void invalidEditsKeepTheLastValid_data();
    void invalidEditsKeepTheLastValid();
};

void TestDatasetConfigModel::tablesShowTheConfig()
{
    DatasetConfigModel m;
    QAbstractItemModelTester t1(m.sources(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(m.splits(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setConfig(base());
    QCOMPARE(m.sources()->rowCount(), 2);
    QCOMPARE(m.sources()->index(1, DatasetSourcesModel::UrlColumn).data().toString(),
             QStringLiteral("s3://labels"));
    QCOMPARE(m.sources()->index(1, DatasetSourcesModel::GroupKindColumn).data(Qt::EditRole).toString(),
             QStringLiteral("prefix"));
    QCOMPARE(m.sources()->index(1, DatasetSourcesModel::GroupValueColumn).data().toString(),
             QStringLiteral("train/"));
    QCOMPARE(m.splits()->rowCount(), 2);
    QCOMPARE(m.splits()->index(1, DatasetSplitsModel::NameColumn).data().toString(), QStringLiteral("val"));
    QCOMPARE(m.splits()->index(1, DatasetSplitsModel::PrefixesColumn).data().toString(),
             QStringLiteral("val/, extra/"));
    QVERIFY(m.config() == base());
    QVERIFY2(m.isValid(), qPrintable(m.problems().join(QLatin1Char('\n'))));
}

void TestDatasetConfigModel::editingACellChangesTheConfig_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("source id") << int(Sources) << 1 << int(DatasetSourcesModel::IdColumn)
                               << QStringLiteral(" tags ") << QStringLiteral("sources[1].id")
                               << QStringLiteral("tags");
    QTest::newRow("source bucket URL") << int(Sources) << 0 << int(DatasetSourcesModel::UrlColumn)
                                       << QStringLiteral("local://other/ignored/")
                                       << QStringLiteral("sources[0].url") << QStringLiteral("local://other");
    QTest::newRow("group value as a prefix")
        << int(Sources) << 0 << int(DatasetSourcesModel::GroupValueColumn) << QStringLiteral("a/b/")
        << QStringLiteral("sources[0].group") << QStringLiteral("0 a/b/ [] ");
    QTest::newRow("group kind names keeps the value")
        << int(Sources) << 1 << int(DatasetSourcesModel::GroupKindColumn) << QStringLiteral("names")
        << QStringLiteral("sources[1].group") << QStringLiteral("1  [train/] ");
    QTest::newRow("split name") << int(Splits) << 1 << int(DatasetSplitsModel::NameColumn)
                                << QStringLiteral("test") << QStringLiteral("splits")
                                << QStringLiteral("test/images=val/|extra/;train/images=train/;");
    QTest::newRow("split source") << int(Splits) << 0 << int(DatasetSplitsModel::SourceColumn)
                                  << QStringLiteral("labels") << QStringLiteral("splits")
                                  << QStringLiteral("train/labels=train/;val/images=val/|extra/;");
    QTest::newRow("split prefixes, commas and blanks")
        << int(Splits) << 0 << int(DatasetSplitsModel::PrefixesColumn) << QStringLiteral(" a/ ,, b/ ,")
        << QStringLiteral("splits") << QStringLiteral("train/images=a/|b/;val/images=val/|extra/;");
}

void TestDatasetConfigModel::editingACellChangesTheConfig()
{
    QFETCH(int, which);
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    Edited e(which);
    QSignalSpy cells(e.t, &QAbstractItemModel::dataChanged);
    QVERIFY(e.t->setData(e.t->index(row, column), text));
    QCOMPARE(e.changed.size(), 1);
    QCOMPARE(e.validated.size(), 1);
    QCOMPARE(cells.size(), 1);
    QCOMPARE(::field(e.m.config(), field), expected);
    QVERIFY2(e.m.isValid(), qPrintable(e.m.problems().join(QLatin1Char('\n'))));
}

void TestDatasetConfigModel::insertAndRemoveRows_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QStringList>("afterInserts"); // first column of every row after 3 inserts at the end
    QTest::addColumn<QStringList>("afterRemove");  // ... and then removing row 1
    QTest::newRow("sources") << int(Sources)
                             << QStringList{QStringLiteral("images"), QStringLiteral("labels"),
                                            QStringLiteral("bucket"), QStringLiteral("bucket-2"),
                                            QStringLiteral("bucket-3")}
                             << QStringList{QStringLiteral("images"), QStringLiteral("bucket"),
                                            QStringLiteral("bucket-2"), QStringLiteral("bucket-3")};
    QTest::newRow("splits, new names for the first source")
        << int(Splits)
        << QStringList{QStringLiteral("train"), QStringLiteral("val"), QStringLiteral("test"),
                       QStringLiteral("split-4"), QStringLiteral("split-5")}
        << QStringList{QStringLiteral("train"), QStringLiteral("test"), QStringLiteral("split-4"),
                       QStringLiteral("split-5")};
}

void TestDatasetConfigModel::insertAndRemoveRows()
{
    QFETCH(int, which);
    QFETCH(QStringList, afterInserts);
    QFETCH(QStringList, afterRemove);
    Edited e(which);
    const auto column = [&e] {
        QStringList out;
        for (int r = 0; r < e.t->rowCount(); ++r)
            out << e.t->index(r, 0).data().toString();
        return out;
    };
    for (int i = 0; i < 3; ++i)
        QVERIFY(e.t->insertRow(e.t->rowCount()));
    QCOMPARE(column(), afterInserts);
    QVERIFY(e.t->removeRow(1));
    QCOMPARE(column(), afterRemove);
    QCOMPARE(e.changed.size(), 4);
    QCOMPARE(e.validated.size(), 4);
    // The config follows the table.
    if (which == Sources) {
        QCOMPARE(e.m.config().sources.size(), std::size_t(4));
        QCOMPARE(e.m.config().sources[1].bucket, std::string("bucket"));
    } else {
        QCOMPARE(e.m.config().splits.count("val"), std::size_t(0));
        QCOMPARE(e.m.config().splits.at("split-5").at("images"), std::vector<std::string>{});
    }
    QVERIFY(!e.t->removeRow(99)); // out of range: refused, no change
    QCOMPARE(e.changed.size(), 4);
}

void TestDatasetConfigModel::oneValidationPerChange()
{
    DatasetConfigModel m;
    QSignalSpy changed(&m, &DatasetConfigModel::changed);
    QSignalSpy validated(&m, &DatasetConfigModel::validated);
    int expected = 0;
    const auto check = [&](const char *what, bool isChange) {
        expected += isChange ? 1 : 0;
        QVERIFY2(changed.size() == expected && validated.size() == expected,
                 qPrintable(QStringLiteral("%1: %2 changed, %3 validated, %4 expected")
                                .arg(QLatin1String(what))
                                .arg(changed.size())
                                .arg(validated.size())
                                .arg(expected)));
    };
    m.setConfig(base());
    check("setConfig", true);
    m.setConfig(base());
    check("the same config again", false);
    m.update([](DatasetConfig &c) { c.name = "other"; });
    check("a name", true);
    SamplerSettings s = m.config().sampler;
    s.kind = SamplerSettings::Kind::Fixed;
    s.batchSize = 16;
    m.setSampler(s);
    check("the sampler", true);
    m.setSampler(s);
    check("the same sampler", false);
    m.sources()->setData(m.sources()->index(0, DatasetSourcesModel::IdColumn), QStringLiteral("images"));
    check("a cell set to its own text", false);
    m.splits()->setData(m.splits()->index(0, DatasetSplitsModel::PrefixesColumn), QStringLiteral("a/, b/"));
    check("a split cell", true);
    m.splits()->appendRow(QStringLiteral("test"), QStringLiteral("labels"), {QStringLiteral("t/")});
    check("a split row", true);
    QCOMPARE(validated.last().at(0).toStringList(), QStringList());
    QVERIFY(m.lastValid() == m.config());
}

void TestDatasetConfigModel::refusedEditsKeepTheConfig_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("empty bucket")
        << int(Sources) << 1 << int(DatasetSourcesModel::UrlColumn) << QStringLiteral("ais://")
        << QStringLiteral("Source 2, bucket URL: \"ais://\" names no bucket (a bucket URL looks like "
                          "ais://bucket)");
    QTest::newRow("not a URL") << int(Sources) << 0 << int(DatasetSourcesModel::UrlColumn)
                               << QStringLiteral("images")
                               << QStringLiteral("Source 1, bucket URL: \"images\" names no bucket");
    QTest::newRow("unknown group kind")
        << int(Sources) << 0 << int(DatasetSourcesModel::GroupKindColumn) << QStringLiteral("regex")
        << QStringLiteral("Source 1, group: \"regex\" is not a group kind");
    QTest::newRow("duplicate split name")
        << int(Splits) << 1 << int(DatasetSplitsModel::NameColumn) << QStringLiteral("train")
        << QStringLiteral("Split row 2, split name: split \"train\" already has a "
                          "row (1) for source \"images\"");
}

void TestDatasetConfigModel::refusedEditsKeepTheConfig()
{
    QFETCH(int, which);
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, problem);
    Edited e(which);
    const QString before = e.t->index(row, column).data().toString();
    QVERIFY(!e.t->setData(e.t->index(row, column), text));
    QCOMPARE(e.rejected.size(), 1);
    const QString why = e.rejected.at(0).at(0).toString();
    QVERIFY2(why.startsWith(problem), qPrintable(why));
    QCOMPARE(e.changed.size(), 0);
    QVERIFY(e.m.config() == base());
    QCOMPARE(e.t->index(row, column).data().toString(), before);
}

void TestDatasetConfigModel::invalidEditsKeepTheLastValid_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<QString>("problem");
    QTest::newRow("absurd batch size")
        << QStringLiteral("batch_size 1e12")
        << QStringLiteral("config: $.sampler.batch_size: 1000000000000 is out of range 0 to 10000000");
    QTest::newRow("batch size wrapped from -1")
        << QStringLiteral("batch_size -1")
        << QStringLiteral("config: $.sampler.batch_size: 18446744073709551615 is out of range 0 to 10000000");
    QTest::newRow("absurd max batch bytes")
        << QStringLiteral("max_batch_bytes 1e30")
        << QStringLiteral("config: $.sampler.max_batch_bytes: must be between 1");
    QTest::newRow("fixed without a batch size")
        << QStringLiteral("fixed 0")
        << QStringLiteral("config: $.sampler.batch_size: required (at least 1) for the fixed sampler");
    QTest::newRow("absurd workers") << QStringLiteral("workers 1000000")
                                    << QStringLiteral("config: $.workers: 1000000 is out of range 1 to 1024");
    QTest::newRow("empty source id") << QStringLiteral("id")
                                     << QStringLiteral("config: $.sources[0].id: must not be empty");
}

void TestDatasetConfigModel::invalidEditsKeepTheLastValid()
{
    QFETCH(QString, edit);
    QFETCH(QString, problem);
    DatasetConfigModel m;
    m.setConfig(base());
    QVERIFY(m.lastValid() == base());
    QSignalSpy validated(&m, &DatasetConfigModel::validated);
    const double value = edit.section(QLatin1Char(' '), 1).toDouble();
    const QString what = edit.section(QLatin1Char(' '), 0, 0);
    SamplerSettings s = m.config().sampler;
    if (what == QLatin1String("batch_size")) {
        s.batchSize = value < 0 ? std::size_t(-1) : std::size_t(value);
        m.setSampler(s);
    } else if (what == QLatin1String("max_batch_bytes")) {
        s.maxBatchBytes = value;
        m.setSampler(s);
    } else if (what == QLatin1String("fixed")) {
        s.kind = SamplerSettings::Kind::Fixed;
        s.batchSize = std::size_t(value);
        m.setSampler(s);
    } else if (what == QLatin1String("workers")) {
        m.update([&](DatasetConfig &c) { c.workers = int(value); });
    } else {
        QVERIFY(m.sources()->setData(m.sources()->index(0, DatasetSourcesModel::IdColumn), QString()));
    }
    QCOMPARE(validated.size(), 1);
    const QStringList problems = validated.at(0).at(0).toStringList();
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.at(0).startsWith(problem), qPrintable(problems.at(0)));
    QCOMPARE(m.problems(), problems);
    QVERIFY(!(m.config() == base())); // the edit is what the user sees...
    QVERIFY(m.lastValid() == base()); // ...and the last valid config is kept
}

QTEST_MAIN(TestDatasetConfigModel)
#include "test_dataset_config_model.moc"
