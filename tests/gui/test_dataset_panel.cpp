// The dataset editor as a user drives it: sources and splits typed in, what
// each split selects counted off the GUI thread (objects, bytes, overlaps,
// objects in no split), the sampler validated as it will be saved, save and
// open round trips, and the Export dialog previewing and saving exactly what
// the core exports.

#include "core/config/export_cpp.h"
#include "core/config/export_python.h"
#include "core/gen/dataset_generator.h"
#include "core/storage/file_store.h"
#include "ui/dataset/dataset_panel.h"
#include "ui/dataset/export_dialog.h"
#include "ui/dataset/sampler_editor.h"
#include "ui/explorer/explorer_panel.h"
#include "ui/language_manager.h"
#include "ui/main_window.h"
#include "ui/settings.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>


#include "ports.h"

using namespace shardscope;
using namespace shardscope::ui;

namespace {
QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
QString reportCell(DatasetPanel &panel, const QString &split, int column)
{
    auto *t = panel.findChild<QTableWidget *>(QStringLiteral("splitReport"));
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, 0) && t->item(r, 0)->text() == split)
            return t->item(r, column) ? t->item(r, column)->text() : QString();
    return QStringLiteral("<no row %1>").arg(split);
}
} // namespace

class TestDatasetPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void countsSplitsWhileTyping();
    void validatesAndRoundTrips();
    void corruptConfigIsReported();
    void unreachableSourceIsReported();
    void exportDialogShowsWhatIsSaved();
    void widsCountsShardSamples();
    void explorerPrefixGoesToTheSplit();
    void invalidInputIsNamed_data();
    void invalidInputIsNamed();
    void savesTheJsonItOpened();

private:
    StoreOptions local() const
    {
        StoreOptions o;
        o.localRoot = m_dir.path().toStdString();
        return o;
    }
    void setCell(DatasetPanel &panel, const char *table, int row, int column, const QString &text);
    QTemporaryDir m_dir;
};

void TestDatasetPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("data");
    for (int i = 0; i < 6; ++i)
        store->putBytes("data", "train/" + std::to_string(i) + ".bin", std::string(100, 'x'));
    for (int i = 0; i < 3; ++i)
        store->putBytes("data", "val/" + std::to_string(i) + ".bin", std::string(10, 'x'));
    store->putBytes("data", "test/0.bin", "x");
    store->putBytes("data", "test/1.bin", "x");
    store->putBytes("data", "README", "hello");
    store->createBucket("shards");
    for (int s = 0; s < 2; ++s) {
        std::vector<std::pair<std::string, std::string>> members;
        for (int k = 0; k < 3 + s; ++k) {
            members.emplace_back("s" + std::to_string(k) + ".cls", std::to_string(k));
            members.emplace_back("s" + std::to_string(k) + ".txt", "text");
        }
        store->putBytes("shards", "shard-" + std::to_string(s) + ".tar", writeArchive(ShardFormat::Tar, members));
    }
}

void TestDatasetPanel::setCell(DatasetPanel &panel, const char *table, int row, int column, const QString &text)
{
    auto *t = panel.findChild<QAbstractItemView *>(QString::fromLatin1(table));
    QVERIFY(t);
    QVERIFY(row < t->model()->rowCount());
    QVERIFY(t->model()->index(row, column).isValid());
    t->model()->setData(t->model()->index(row, column), text); // as the user's edit commits it
}

void TestDatasetPanel::countsSplitsWhileTyping()
{
    DatasetPanel panel;
    panel.setStoreOptions([this](const QString &) { return local(); });
    panel.show();
    auto *status = panel.findChild<QLabel *>(QStringLiteral("countStatus"));
    auto *details = panel.findChild<QPlainTextEdit *>(QStringLiteral("splitDetails"));

    panel.addSource(QStringLiteral("local://data"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Counted."), 5000);
    QCOMPARE(reportCell(panel, QStringLiteral("(in no split)"), 1), QStringLiteral("12"));

    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("addSplit")), Qt::LeftButton);
    setCell(panel, "splitsTable", 0, 2, QStringLiteral("train/"));
    QTRY_COMPARE_WITH_TIMEOUT(reportCell(panel, QStringLiteral("train"), 1), QStringLiteral("6"), 5000);
    QCOMPARE(reportCell(panel, QStringLiteral("train"), 2), QStringLiteral("600 B"));

    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("addSplit")), Qt::LeftButton);
    setCell(panel, "splitsTable", 1, 2, QStringLiteral("val/, train/0"));
    QTRY_COMPARE_WITH_TIMEOUT(reportCell(panel, QStringLiteral("val"), 1), QStringLiteral("4"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Counted."), 5000);
    QCOMPARE(reportCell(panel, QStringLiteral("(in no split)"), 1), QStringLiteral("3"));
    QVERIFY2(details->toPlainText().contains(QStringLiteral("Overlap train / val: 1 object(s), e.g. train/0.bin")),
             qPrintable(details->toPlainText()));
    QVERIFY2(details->toPlainText().contains(QStringLiteral("In no split: 3 object(s), e.g. README, test/0.bin")),
             qPrintable(details->toPlainText()));

    // The split to read is offered from the names typed.
    auto *read = panel.findChild<QComboBox *>(QStringLiteral("readSplit"));
    QCOMPARE(read->count(), 3);
    read->setCurrentIndex(read->findData(QStringLiteral("val")));
    Q_EMIT read->activated(read->currentIndex());
    const DatasetConfig c = panel.config();
    QCOMPARE(QString::fromStdString(c.split.value_or("")), QStringLiteral("val"));
    QCOMPARE(c.splits.at("val").at("data"), (std::vector<std::string>{"val/", "train/0"}));
}

void TestDatasetPanel::validatesAndRoundTrips()
{
    DatasetPanel panel;
    panel.setStoreOptions([this](const QString &) { return local(); });
    panel.addSource(QStringLiteral("local://data/train/"));
    panel.findChild<QLineEdit *>(QStringLiteral("configName"))->setText(QStringLiteral("demo"));
    auto *validation = panel.findChild<QLabel *>(QStringLiteral("configValidation"));
    auto *sampler = panel.findChild<QComboBox *>(QStringLiteral("samplerKind"));
    sampler->setCurrentIndex(sampler->findData(QStringLiteral("dynamic")));
    QVERIFY2(validation->text().contains(QStringLiteral("max_batch_bytes")), qPrintable(validation->text()));
    auto *bytes = panel.findChild<QLineEdit *>(QStringLiteral("maxBatchBytes"));
    bytes->setText(QStringLiteral("4 XB"));
    Q_EMIT bytes->textEdited(bytes->text());
    QVERIFY2(validation->text().contains(QStringLiteral("Max batch bytes")), qPrintable(validation->text()));
    bytes->setText(QStringLiteral("4MiB"));
    Q_EMIT bytes->textEdited(bytes->text());
    QVERIFY2(validation->text().contains(QStringLiteral("use dataset kind map")), qPrintable(validation->text()));
    auto *kind = panel.findChild<QComboBox *>(QStringLiteral("datasetKind"));
    kind->setCurrentIndex(kind->findData(QStringLiteral("map")));
    QCOMPARE(validation->text(), QStringLiteral("The config is valid."));

    QString error;
    const DatasetConfig edited = panel.config(&error);
    QVERIFY(error.isEmpty());
    QCOMPARE(edited.sampler.maxBatchBytes, 4.0 * 1024 * 1024);
    QCOMPARE(edited.sources.at(0).group.prefix, std::string("train/"));

    const QString path = m_dir.filePath(QStringLiteral("demo.json"));
    QSignalSpy saved(&panel, &DatasetPanel::saved);
    panel.saveFile(path);
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.at(0).at(1).toString(), QString());
    QVERIFY(loadDatasetConfig(path.toStdString()) == edited);

    DatasetPanel other;
    QSignalSpy loaded(&other, &DatasetPanel::loaded);
    other.openFile(path);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.at(0).at(1).toString(), QString());
    QVERIFY(other.config() == edited);
    QCOMPARE(other.filePath(), path);

    // An invalid config is not saved, and the file on disk stays as it was.
    sampler->setCurrentIndex(sampler->findData(QStringLiteral("fixed")));
    panel.findChild<QSpinBox *>(QStringLiteral("batchSize"))->setValue(0);
    QString why;
    (void)panel.config(&why);
    QVERIFY2(!why.isEmpty(), "a fixed sampler without a batch size must be invalid");
    panel.saveFile(path);
    QTRY_COMPARE(saved.size(), 2);
    QVERIFY(saved.at(1).at(1).toString().contains(QStringLiteral("not valid")));
    QVERIFY(loadDatasetConfig(path.toStdString()) == edited);
}

void TestDatasetPanel::corruptConfigIsReported()
{
    const QString path = m_dir.filePath(QStringLiteral("bad.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"schema_version": 1, "sources": [{"bucket": "data", "provider": "gcs"}]})");
    f.close();
    DatasetPanel panel;
    panel.addSource(QStringLiteral("local://data"));
    const DatasetConfig before = panel.config();
    QSignalSpy loaded(&panel, &DatasetPanel::loaded);
    panel.openFile(path);
    QVERIFY(loaded.wait(5000));
    const QString error = loaded.at(0).at(1).toString();
    QVERIFY2(error.contains(QStringLiteral("$.sources[0].provider")) && error.contains(QStringLiteral("gcs")),
             qPrintable(error));
    QVERIFY(panel.config() == before); // what the user had stays
}

void TestDatasetPanel::unreachableSourceIsReported()
{
    DatasetPanel panel;
    const int port = closedLoopbackPort();
    panel.setStoreOptions([port](const QString &) {
        StoreOptions o;
        o.endpoint = "http://127.0.0.1:" + std::to_string(port);
        o.retry.maxAttempts = 1;
        return o;
    });
    panel.addSource(QStringLiteral("ais://nowhere"));
    auto *status = panel.findChild<QLabel *>(QStringLiteral("countStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Cannot count:")), 10000);
    QVERIFY2(status->text().contains(QStringLiteral("nowhere")) || status->text().contains(QString::number(port)),
             qPrintable(status->text()));
    // The panel keeps working: a local source counts.
    panel.setStoreOptions([this](const QString &) { return local(); });
    panel.setConfig(DatasetConfig{});
    panel.addSource(QStringLiteral("local://data"));
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Counted."), 5000);
}

void TestDatasetPanel::exportDialogShowsWhatIsSaved()
{
    DatasetConfig c;
    c.name = "demo";
    c.sources = {{"data", "ais", "data", {}}};
    c.splits["train"] = {{"data", {"train/"}}};
    c.split = "train";
    c.kind = DatasetConfig::Kind::Map;
    c.sampler.kind = DatasetConfig::SamplerKind::Dynamic;
    c.sampler.maxBatchBytes = 4e6;
    ExportDialog dialog(c, {});
    auto *preview = dialog.findChild<QPlainTextEdit *>(QStringLiteral("exportPreview"));
    QCOMPARE(dialog.format(), QStringLiteral("python"));
    QCOMPARE(preview->toPlainText(), QString::fromStdString(exportPython(c)));
    QVERIFY(preview->toPlainText().contains(QStringLiteral("DynamicBatchSampler")));
    dialog.setFormat(QStringLiteral("cpp"));
    QCOMPARE(dialog.text(), QString::fromStdString(exportCpp(c)));
    dialog.setFormat(QStringLiteral("json"));
    QCOMPARE(dialog.text(), QString::fromStdString(serializeDatasetConfig(c)));

    const QString path = m_dir.filePath(QStringLiteral("export.json"));
    QSignalSpy saved(&dialog, &ExportDialog::savedTo);
    dialog.saveTo(path);
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.at(0).at(1).toString(), QString());
    QCOMPARE(readAll(path), dialog.text());

    // A save that cannot happen says why and leaves nothing half-written.
    dialog.saveTo(m_dir.filePath(QStringLiteral("no/such/dir/x.json")));
    QVERIFY(saved.wait(5000));
    QVERIFY(!saved.at(1).at(1).toString().isEmpty());

    // wids is for shard datasets.
    QSignalSpy ready(&dialog, &ExportDialog::textReady);
    dialog.setFormat(QStringLiteral("wids"));
    QTRY_VERIFY(ready.size() >= 1);
    QVERIFY(dialog.text().isEmpty());
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("exportStatus"))->text().contains(QStringLiteral("shard datasets")),
             qPrintable(dialog.findChild<QLabel *>(QStringLiteral("exportStatus"))->text()));
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("exportSave"))->isEnabled());
}

void TestDatasetPanel::widsCountsShardSamples()
{
    DatasetConfig c;
    c.name = "shards";
    c.sources = {{"shards", "local", "shards", {}}};
    c.kind = DatasetConfig::Kind::Shard;
    ExportDialog dialog(c, [this](const QString &) { return local(); });
    QSignalSpy ready(&dialog, &ExportDialog::textReady);
    dialog.setFormat(QStringLiteral("wids"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.text().isEmpty(), 10000);
    const QString text = dialog.text();
    QVERIFY2(text.contains(QStringLiteral("shard-0.tar")) && text.contains(QStringLiteral("\"nsamples\": 3")) &&
                 text.contains(QStringLiteral("\"nsamples\": 4")),
             qPrintable(text));
}

void TestDatasetPanel::explorerPrefixGoesToTheSplit()
{
    QTemporaryDir settingsDir;
    Settings settings(settingsDir.filePath(QStringLiteral("s.ini")));
    LanguageManager languages;
    MainWindow window(settings, languages);
    Q_EMIT window.explorer()->addToSplitRequested(QStringLiteral("local://data"), QStringLiteral("val/"));
    QCOMPARE(window.tabs()->currentWidget(), window.dataset());
    const DatasetConfig c = window.dataset()->config();
    QCOMPARE(c.sources.size(), size_t(1));
    QCOMPARE(c.sources[0].bucket, std::string("data"));
    QCOMPARE(c.splits.at("train").at("data"), (std::vector<std::string>{"val/"}));
}

void TestDatasetPanel::invalidInputIsNamed_data()
{
    QTest::addColumn<QString>("widget"); // object name
    QTest::addColumn<int>("row");        // table cells: row, column
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<bool>("keepsConfig"); // the edit cannot be held: the config stays as it was
    QTest::newRow("negative batch size")
        << QStringLiteral("batchSize") << 0 << 0 << QStringLiteral("-5")
        << QStringLiteral("config: $.sampler.batch_size: required (at least 1) for "
                          "the fixed sampler")
        << false;
    QTest::newRow("unreadable max batch bytes")
        << QStringLiteral("maxBatchBytes") << 0 << 0 << QStringLiteral("4 XB")
        << QStringLiteral("Max batch bytes: ") << true;
    QTest::newRow("empty bucket") << QStringLiteral("sourcesTable") << 0 << 1 << QStringLiteral("ais://")
                                  << QStringLiteral("Source 1, bucket URL: \"ais://\" names no bucket")
                                  << true;
    QTest::newRow("duplicate split name")
        << QStringLiteral("splitsTable") << 1 << 0 << QStringLiteral("train")
        << QStringLiteral(
               "Split row 2, split name: split \"train\" already has a row (1) for source \"data\"")
        << true;
}

void TestDatasetPanel::invalidInputIsNamed()
{
    QFETCH(QString, widget);
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QString, problem);
    QFETCH(bool, keepsConfig);
    DatasetConfig c;
    c.sources = {{"data", "ais", "data", {}}};
    c.splits["train"]["data"] = {"train/"};
    c.splits["val"]["data"] = {"val/"};
    c.kind = DatasetConfig::Kind::Map;
    c.sampler.kind = DatasetConfig::SamplerKind::Fixed;
    c.sampler.batchSize = 8;
    c.sampler.maxBatchBytes = 4e6;
    DatasetPanel panel;
    panel.setConfig(c);
    auto *validation = panel.findChild<QLabel *>(QStringLiteral("configValidation"));
    QCOMPARE(validation->text(), QStringLiteral("The config is valid."));
    if (auto *table = panel.findChild<QAbstractItemView *>(widget)) {
        table->model()->setData(table->model()->index(row, column), text);
    } else if (auto *spin = panel.findChild<QSpinBox *>(widget)) {
        spin->setValue(text.toInt()); // what the box keeps of it
    } else {
        auto *edit = panel.findChild<QLineEdit *>(widget);
        QVERIFY(edit);
        edit->setText(text);
        Q_EMIT edit->textEdited(text);
    }
    QVERIFY2(validation->text().startsWith(QStringLiteral("Not valid yet: ") + problem),
             qPrintable(validation->text()));
    QString error;
    const DatasetConfig after = panel.config(&error);
    if (keepsConfig) {
        QVERIFY(after == c);
    } else {
        QVERIFY2(error.startsWith(problem), qPrintable(error));
        QCOMPARE(after.sampler.batchSize, std::size_t(0));
    }
}

void TestDatasetPanel::savesTheJsonItOpened()
{
    // A config as shardscope writes it: opened and saved again, the same bytes.
    const QByteArray json = R"({
  "dataset": {
    "get_batch_size": 64,
    "key_rule": "webdataset",
    "kind": "map"
  },
  "decoders": [
    "png",
    "cls"
  ],
  "endpoint_env": "MY_ENDPOINT",
  "name": "demo",
  "sampler": {
    "allow_oversized": true,
    "batch_size": 0,
    "drop_last": true,
    "kind": "dynamic",
    "max_batch_bytes": 4000000.0,
    "saturation": 0.5,
    "seed": 7,
    "shuffle": true,
    "window": 1024
  },
  "schema_version": 1,
  "sources": [
    {
      "bucket": "data",
      "group": {
        "prefix": "train/"
      },
      "id": "data",
      "provider": "ais"
    },
    {
      "bucket": "more",
      "group": {
        "names": [
          "a.tar",
          "b.tar"
        ]
      },
      "id": "named",
      "provider": "s3"
    },
    {
      "bucket": "shards",
      "group": {
        "template": "s-{0..9}.tar"
      },
      "id": "shards",
      "provider": "local"
    }
  ],
  "split": "train",
  "splits": {
    "train": {
      "data": [
        "train/",
        "extra/"
      ],
      "shards": []
    },
    "val": {
      "named": [
        "a"
      ]
    }
  },
  "workers": 3
}
)";
    const QString in = m_dir.filePath(QStringLiteral("golden.json"));
    const QString out = m_dir.filePath(QStringLiteral("golden-saved.json"));
    QFile f(in);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    DatasetPanel panel;
    QSignalSpy loaded(&panel, &DatasetPanel::loaded);
    panel.openFile(in);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.at(0).at(1).toString(), QString());
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("configValidation"))->text(),
             QStringLiteral("The config is valid."));
    QSignalSpy saved(&panel, &DatasetPanel::saved);
    panel.saveFile(out);
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.at(0).at(1).toString(), QString());
    QCOMPARE(readAll(out), QString::fromUtf8(json));
}

QTEST_MAIN(TestDatasetPanel)
#include "test_dataset_panel.moc"
