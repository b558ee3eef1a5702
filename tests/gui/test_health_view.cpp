// The Health view, offscreen: an audit of a local folder runs off the GUI
// thread and shows its findings (errors first), activating a finding asks to
// open the shard at its member, the advice carries a recipe to copy, a clean
// folder shows nothing to report, and a bad target says why.

#include "raw_tar.h"

#include "ui/health/health_view.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace shardscope;
using namespace shardscope::ui;

namespace {
using Members = std::vector<std::pair<std::string, std::string>>;

Members samples(int first, int count, std::size_t bytes)
{
    Members m;
    for (int i = first; i < first + count; ++i) {
        m.emplace_back("s" + std::to_string(i) + ".jpg", std::string(bytes, 'j'));
        m.emplace_back("s" + std::to_string(i) + ".cls", std::to_string(i % 3));
    }
    return m;
}

void writeShard(const QString &path, const Members &m)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const std::string tar = rawTar(m);
    QCOMPARE(f.write(tar.data(), static_cast<qint64>(tar.size())), static_cast<qint64>(tar.size()));
}

Members operator+(Members a, const Members &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

QStringList column(QAbstractItemModel *model, int c)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out << model->index(r, c).data().toString();
    return out;
}
} // namespace

class TestHealthView : public QObject
{
    Q_OBJECT
private slots:
    void auditShowsFindings();
    void cleanFolderShowsNothing();
    void badTargetSaysWhy();
    void stopKeepsWhatWasRead();

private:
    bool runAudit(HealthView &view, const QString &target, QString *error);
};

bool TestHealthView::runAudit(HealthView &view, const QString &target, QString *error)
{
    auto *edit = view.findChild<QLineEdit *>(QStringLiteral("healthTarget"));
    auto *button = view.findChild<QPushButton *>(QStringLiteral("healthAudit"));
    if (!edit || !button)
        return false;
    edit->setText(target);
    QSignalSpy finished(&view, &HealthView::auditFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    if (!view.isRunning() && finished.isEmpty())
        return false;
    if (finished.isEmpty() && !finished.wait(20000))
        return false;
    *error = finished.at(0).at(0).toString();
    return true;
}

void TestHealthView::auditShowsFindings()
{
    QTemporaryDir dir;
    // shard 0: key s2 comes back after s3 (a split sample); shard 1: s9 has no .cls.
    writeShard(dir.filePath(QStringLiteral("shard-00000.tar")),
               samples(0, 4, 300000) + Members{{"s2.jpg", "split"}, {"s2.cls", "2"}});
    writeShard(dir.filePath(QStringLiteral("shard-00001.tar")),
               samples(4, 5, 300000) + Members{{"s9.jpg", std::string(300000, 'j')}});
    HealthView view;
    view.resize(1100, 720);
    view.show();
    QString error;
    QVERIFY(runAudit(view, QStringLiteral("file://") + dir.path(), &error));
    QCOMPARE(error, QString());
    QVERIFY(!view.isRunning());

    auto *table = view.findChild<QTableView *>(QStringLiteral("healthFindings"));
    QVERIFY(table);
    QAbstractItemModel *model = table->model();
    // Sorted by severity: the error first.
    QCOMPARE(column(model, 1),
             (QStringList{QStringLiteral("split_sample"), QStringLiteral("missing_extension")}));
    QCOMPARE(column(model, 0).first(), QStringLiteral("error"));
    QCOMPARE(column(model, 3),
             (QStringList{QStringLiteral("shard-00000.tar"), QStringLiteral("shard-00001.tar")}));
    QCOMPARE(column(model, 4), (QStringList{QStringLiteral("s2.jpg"), QStringLiteral("s9.jpg")}));
    // Sorting by another column re-orders the rows.
    table->sortByColumn(1, Qt::AscendingOrder);
    QCOMPARE(column(model, 1).first(), QStringLiteral("missing_extension"));

    auto *summary = view.findChild<QLabel *>(QStringLiteral("healthSummary"));
    QVERIFY(summary->text().contains(QStringLiteral("2 shards")));
    QVERIFY2(summary->text().contains(QStringLiteral("1 errors")), qPrintable(summary->text()));

    // Enter on a finding asks to open its shard at the member.
    QSignalSpy open(&view, &HealthView::openShardRequested);
    table->setFocus();
    table->setCurrentIndex(model->index(1, 0)); // split_sample after the re-sort
    QTest::keyClick(table->viewport(), Qt::Key_Return);
    if (open.isEmpty())
        QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toString(),
             QStringLiteral("file://") + dir.path() + QStringLiteral("/shard-00000.tar"));
    QCOMPARE(open.at(0).at(1).toString(), QStringLiteral("s2.jpg"));

    // Advice with the numbers and a recipe to copy.
    auto *advice = view.findChild<QPlainTextEdit *>(QStringLiteral("healthAdvice"));
    QVERIFY(advice->toPlainText().contains(QStringLiteral("shards are too small")));
    QVERIFY(advice->toPlainText().contains(QStringLiteral("\"input_format\"")));
    auto *copy = view.findChild<QPushButton *>(QStringLiteral("healthCopyDsort"));
    QVERIFY(copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(
        QStringLiteral("\"template\": \"shard-{00000..00001}\"")));
    // Shuffle quality of the audited shards: three strategies.
    QCOMPARE(view.result().shuffle.size(), std::size_t(3));

    if (const QByteArray shots = qgetenv("SHARDSCOPE_SCREENSHOT_DIR"); !shots.isEmpty()) {
        table->sortByColumn(0, Qt::DescendingOrder);
        QTest::qWait(50); // the queued replots
        QVERIFY(view.grab().save(QDir(QString::fromLocal8Bit(shots)).filePath(QStringLiteral("health.png"))));
    }
}

void TestHealthView::cleanFolderShowsNothing()
{
    QTemporaryDir dir;
    writeShard(dir.filePath(QStringLiteral("a.tar")), samples(0, 8, 150000));
    writeShard(dir.filePath(QStringLiteral("b.tar")), samples(8, 8, 150000));
    HealthView view;
    QString error;
    QVERIFY(runAudit(view, QStringLiteral("file://") + dir.path(), &error));
    QCOMPARE(error, QString());
    QCOMPARE(view.findChild<QTableView *>(QStringLiteral("healthFindings"))->model()->rowCount(), 0);
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("healthSummary"))
                ->text()
                .contains(QStringLiteral("nothing to report")));
    // Nothing wrong, but small shards: the advice still says so, with the numbers.
    QVERIFY(view.findChild<QPlainTextEdit *>(QStringLiteral("healthAdvice"))
                ->toPlainText()
                .contains(QStringLiteral("shards are too small: the median shard holds")));
}

void TestHealthView::badTargetSaysWhy()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("no shards");
    f.close();
    HealthView view;
    QString error;
    QVERIFY(runAudit(view, QStringLiteral("file://") + dir.path(), &error));
    QVERIFY2(error.contains(QStringLiteral("no shards")), qPrintable(error));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("healthSummary"))
                ->text()
                .contains(QStringLiteral("not complete")));
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("healthAudit"))->isEnabled());
}

void TestHealthView::stopKeepsWhatWasRead()
{
    // 2,000 small shards read by one worker; Stop as soon as the first shard is
    // reported: the audit ends as stopped, with a partial report of what it read.
    QTemporaryDir dir;
    const std::string tar = rawTar(samples(0, 2, 10));
    for (int i = 0; i < 2000; ++i) {
        QFile f(dir.filePath(QStringLiteral("s%1.tar").arg(i, 5, 10, QLatin1Char('0'))));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(tar.data(), static_cast<qint64>(tar.size()));
    }
    HealthView view;
    view.findChild<QSpinBox *>(QStringLiteral("healthWorkers"))->setValue(1);
    auto *stop = view.findChild<QPushButton *>(QStringLiteral("healthStop"));
    auto *bar = view.findChild<QProgressBar *>(QStringLiteral("healthProgress"));
    QVERIFY(stop && bar);
    connect(bar, &QProgressBar::valueChanged, stop, [stop](int value) {
        if (value > 0 && stop->isEnabled())
            QTest::mouseClick(stop, Qt::LeftButton);
    });
    QString error;
    QVERIFY(runAudit(view, QStringLiteral("file://") + dir.path(), &error));
    QCOMPARE(error, QStringLiteral("stopped"));
    QVERIFY(view.result().report.cancelled);
    QVERIFY(view.result().report.shardsRead >= 1);
    QVERIFY(view.result().report.shardsRead < 2000);
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("healthSummary"))
                ->text()
                .contains(QStringLiteral("stopped: partial")));
    QVERIFY(!stop->isEnabled());
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("healthAudit"))->isEnabled());
}

QTEST_MAIN(TestHealthView)
#include "test_health_view.moc"
