// Long CLI work shows progress on stderr when it is a terminal (run here
// under a pseudo-terminal, tests/unit/pty_run.py), never when it is not,
// never with --quiet, and never on stdout: JSON stays JSON.

#include "cli_runner.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray kRedraw = "\x1b[K"; // ends every progress line: nothing else shardscope-cli prints has it

// "ls local://demo --json" as arguments.
QStringList words(const char *line) { return QString::fromUtf8(line).split(QLatin1Char(' ')); }

struct TerminalRun
{
    int exitCode = -1;
    QByteArray out;      // stdout (a file)
    QByteArray terminal; // what the terminal received
};

} // namespace

class TestCliProgress : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void progressOnlyOnATerminal_data();
    void progressOnlyOnATerminal();
    void noProgressWhenResultsShareTheTerminal();

private:
    TerminalRun onTerminal(const QStringList &args, bool stdoutToo = false);
    QProcessEnvironment env() const;
    QStringList expand(QStringList args) const;
    QTemporaryDir m_dir;
};

QProcessEnvironment TestCliProgress::env() const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), m_dir.filePath(QStringLiteral("data")));
    return e;
}

QStringList TestCliProgress::expand(QStringList args) const
{
    for (QString &a : args)
        a.replace(QStringLiteral("@DATA@"), m_dir.filePath(QStringLiteral("data")));
    return args;
}

TerminalRun TestCliProgress::onTerminal(const QStringList &args, bool stdoutToo)
{
    const QString out = m_dir.filePath(QStringLiteral("stdout")), term = m_dir.filePath(QStringLiteral("terminal"));
    QStringList py = {QStringLiteral(SHARDSCOPE_SOURCE_DIR "/tests/unit/pty_run.py")};
    if (stdoutToo)
        py << QStringLiteral("--both");
    py << out << term << QStringLiteral("--") << QStringLiteral(SHARDSCOPE_CLI_PATH) << args;
    QProcess p;
    p.setProcessEnvironment(env());
    p.start(QStringLiteral("python3"), py);
    TerminalRun r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    QFile o(out), t(term);
    if (o.open(QIODevice::ReadOnly))
        r.out = o.readAll();
    if (t.open(QIODevice::ReadOnly))
        r.terminal = t.readAll();
    return r;
}

void TestCliProgress::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const CliRun gen = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH),
                              {QStringLiteral("gen"), QStringLiteral("local://demo"), QStringLiteral("--demo"),
                               QStringLiteral("--shards"), QStringLiteral("2"), QStringLiteral("--samples"),
                               QStringLiteral("16")},
                              env());
    QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
}

void TestCliProgress::progressOnlyOnATerminal_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("count"); // the progress line's count (a pattern), then the time
    QTest::addColumn<bool>("json");    // stdout must parse as JSON (a document or one per line)
    QTest::newRow("gen objects") << words("gen local://p1 --objects 30 --size 1KiB")
                                 << "\\d+/30 objects" << false;
    QTest::newRow("gen demo") << words("gen local://p2 --demo --shards 2 --samples 8")
                              << "\\d+/5 objects" << false;
    QTest::newRow("ls") << words("ls local://demo") << "\\d+ objects listed" << false;
    QTest::newRow("ls --json") << words("ls local://demo --json") << "\\d+ objects listed" << true;
    QTest::newRow("ls --summary --json") << words("ls local://demo --summary --json")
                                         << "\\d+ objects listed" << true;
    QTest::newRow("iterate --json") << words("iterate local://demo/train/ --mode shard --json")
                                    << "\\d+ samples" << true;
    QTest::newRow("iterate objects") << words("iterate local://demo/train/") << "\\d+/2 objects" << false;
    QTest::newRow("bench --json") << words("bench local://demo/train/ --epochs 1 --json") << "\\d+ items"
                                  << true;
    QTest::newRow("sweep --json") << words("sweep local://demo/train/ --workers 1,2 --epochs 1 --json")
                                  << "\\d+ items" << true;
    QTest::newRow("compare") << words("compare local://demo/train/ --modes baseline,object --epochs 1 --json")
                             << "\\d+ items" << true;
    QTest::newRow("export wids") << words("export @DATA@/buckets/demo/dataset.json --format wids")
                                 << "\\d+(/2)? shards read" << true;
}

void TestCliProgress::progressOnlyOnATerminal()
{
    QFETCH(QStringList, args);
    QFETCH(QString, count);
    QFETCH(bool, json);
    args = expand(args);

    // A terminal on stderr: progress there, and only there.
    const TerminalRun tty = onTerminal(args);
    QVERIFY2(tty.exitCode == 0, tty.terminal.constData());
    QVERIFY2(tty.terminal.contains(kRedraw), tty.terminal.constData());
    // "\r<count>[/<total>] <what>  [<rate>/s  ]<elapsed> s[  <note>]\x1b[K"
    const QRegularExpression line(QStringLiteral("\r") + count + QStringLiteral("  ([\\d.]+/s  )?\\d+\\.\\d s.*\x1b\\[K"));
    QVERIFY2(line.match(QString::fromUtf8(tty.terminal)).hasMatch(), tty.terminal.constData());
    QVERIFY2(!tty.out.contains('\r') && !tty.out.contains('\x1b'), tty.out.constData());
    if (json) {
        QJsonParseError error;
        QJsonDocument::fromJson(tty.out, &error);
        if (error.error != QJsonParseError::NoError) // else one document per line
            for (const QByteArray &line : tty.out.split('\n'))
                if (!line.isEmpty()) {
                    QJsonDocument::fromJson(line, &error);
                    QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
                }
    }

    // --quiet: not a byte of it (the terminal itself turns "\n" into "\r\n").
    TerminalRun quiet = onTerminal(args + QStringList{QStringLiteral("--quiet")});
    QVERIFY2(quiet.exitCode == 0, quiet.terminal.constData());
    QVERIFY2(!quiet.terminal.contains(kRedraw) && !quiet.terminal.replace("\r\n", "\n").contains('\r'),
             quiet.terminal.constData());

    // A pipe (a log file, CI): none either.
    const CliRun piped = runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env());
    QVERIFY2(piped.exitCode == 0, qPrintable(piped.err));
    QVERIFY2(!piped.err.contains(QLatin1Char('\r')) && !piped.err.contains(QLatin1Char('\x1b')), qPrintable(piped.err));
    QVERIFY2(!piped.out.contains('\r') && !piped.out.contains('\x1b'), piped.out.constData());
}

void TestCliProgress::noProgressWhenResultsShareTheTerminal()
{
    // iterate and ls print their results as they come: on the same terminal a
    // progress line would cut through them, so there is none.
    for (const QStringList &args : {QStringList{QStringLiteral("iterate"), QStringLiteral("local://demo/train/")},
                                    QStringList{QStringLiteral("ls"), QStringLiteral("local://demo")}}) {
        const TerminalRun both = onTerminal(args, true);
        QVERIFY2(both.exitCode == 0, both.terminal.constData());
        QVERIFY2(both.terminal.contains("train/shard-00001.tar"), both.terminal.constData());
        QVERIFY2(!both.terminal.contains(kRedraw), both.terminal.constData());
    }
    // ... unless only a summary goes there at the end.
    const TerminalRun summary =
        onTerminal({QStringLiteral("ls"), QStringLiteral("local://demo"), QStringLiteral("--summary")}, true);
    QVERIFY2(summary.exitCode == 0, summary.terminal.constData());
    QVERIFY2(summary.terminal.contains(kRedraw), summary.terminal.constData());
}

QTEST_GUILESS_MAIN(TestCliProgress)
#include "test_cli_progress.moc"
