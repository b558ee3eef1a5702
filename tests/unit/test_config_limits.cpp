// Loading a config reads a bounded number of bytes, whatever the file is:
// /dev/zero, a FIFO that never ends, a huge (sparse) file, a directory.
// `shardscope-cli export FILE` says what is wrong with the file, by name,
// and its peak memory stays small.

#include "core/config/dataset_config.h"
#include "core/util/error.h"

#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace shardscope;

class TestConfigLimits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadSaysWhatIsWrong_data();
    void loadSaysWhatIsWrong();
    void cliReadsABoundedAmount_data() { loadSaysWhatIsWrong_data(); }
    void cliReadsABoundedAmount();

private:
    QString prepare(const QString &kind, QTemporaryDir &dir, QProcess &writer);
};

void TestConfigLimits::loadSaysWhatIsWrong_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message"); // %1: the path
    QTest::newRow("/dev/zero") << QStringLiteral("zero")
                               << QStringLiteral("%1: more than the 64.0 MiB a dataset config may have");
    QTest::newRow("FIFO fed from /dev/zero") << QStringLiteral("fifo")
                                             << QStringLiteral("%1: more than the 64.0 MiB a dataset config may have");
    QTest::newRow("sparse 4 GiB file") << QStringLiteral("sparse")
                                       << QStringLiteral("%1: 4.0 GiB, larger than the 64.0 MiB a dataset config may have");
    QTest::newRow("directory") << QStringLiteral("dir") << QStringLiteral("cannot read %1: Is a directory");
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("cannot read %1: No such file or directory");
}

// The file a row reads; a FIFO gets a writer that feeds it zeros until the reader leaves.
QString TestConfigLimits::prepare(const QString &kind, QTemporaryDir &dir, QProcess &writer)
{
    const QString path = dir.filePath(QStringLiteral("config.json"));
    if (kind == QLatin1String("zero"))
        return QStringLiteral("/dev/zero");
    if (kind == QLatin1String("fifo")) {
        if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
            return {};
        writer.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("exec cat /dev/zero > \"$0\""), path});
        return writer.waitForStarted() ? path : QString();
    }
    if (kind == QLatin1String("sparse")) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.resize(qint64(4) << 30) ? path : QString();
    }
    if (kind == QLatin1String("dir"))
        return QDir().mkpath(path) ? path : QString();
    return path; // missing
}

void TestConfigLimits::loadSaysWhatIsWrong()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess writer;
    const QString path = prepare(kind, dir, writer);
    QVERIFY(!path.isEmpty());
    try {
        loadDatasetConfig(path.toStdString());
        QFAIL("loaded a config from what is not one");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), kind == QLatin1String("dir") || kind == QLatin1String("missing") ? ErrorKind::Io
                                                                                            : ErrorKind::InvalidArgument);
        QCOMPARE(QString::fromStdString(e.what()), message.arg(path));
    }
    if (writer.state() != QProcess::NotRunning) {
        writer.kill();
        writer.waitForFinished();
    }
}

// `shardscope-cli export FILE` on what is not a config: a clear error naming
// the file, and the CLI's peak memory (measured by /usr/bin/time) stays small.
void TestConfigLimits::cliReadsABoundedAmount()
{
    QFETCH(QString, kind);
    QFETCH(QString, message);
    const QString time = QStringLiteral("/usr/bin/time");
    QVERIFY2(QFileInfo(time).isExecutable(), "GNU time (/usr/bin/time) measures the CLI's peak memory");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess writer;
    const QString path = prepare(kind, dir, writer);
    QVERIFY(!path.isEmpty());
    const QString rss = dir.filePath(QStringLiteral("rss.txt"));
    const CliRun r = runCli(time, {QStringLiteral("-f"), QStringLiteral("%M"), QStringLiteral("-o"), rss,
                                   QStringLiteral(SHARDSCOPE_CLI_PATH), QStringLiteral("export"), path});
    if (writer.state() != QProcess::NotRunning) {
        writer.kill(); // cat stops on its own once the reader is gone; this is for a failed run
        writer.waitForFinished();
    }
    QFile f(rss);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    bool ok = false;
    const long peakKiB = lines.last().trimmed().toLong(&ok);
    QVERIFY2(ok, qPrintable(QString::fromUtf8(lines.last())));
    const qint64 boundKiB = 200 * 1024 * SHARDSCOPE_MEMORY_SCALE;
    QVERIFY2(peakKiB < boundKiB, qPrintable(QStringLiteral("peak RSS %1 KiB, bound %2 KiB").arg(peakKiB).arg(boundKiB)));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(message.arg(path)), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestConfigLimits)
#include "test_config_limits.moc"
