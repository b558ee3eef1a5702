// The desktop binary on a machine without a display: --help and --version
// answer as usual, and starting the window fails with one line that says how
// to run it (no abort, no Qt plugin dump).

#include "cli_runner.h"

#include <QTest>

namespace {

QProcessEnvironment withoutDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    return env;
}

} // namespace

class TestAppLaunch : public QObject
{
    Q_OBJECT
private slots:
    void textWithoutDisplay_data();
    void textWithoutDisplay();
    void windowWithoutDisplay();
};

void TestAppLaunch::textWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << "--language <code>";
    QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << "--screenshot <file>";
    QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << "shardscope ";
    QTest::newRow("--help after a URL") << QStringList{QStringLiteral("local://demo"), QStringLiteral("--help")}
                                        << "Usage:";
}

void TestAppLaunch::textWithoutDisplay()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const CliRun run = runCli(QStringLiteral(SHARDSCOPE_GUI_PATH), args, withoutDisplay(), 30000);
    QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.err)));
    QVERIFY2(QString::fromUtf8(run.out).contains(expected), run.out.constData());
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
}

void TestAppLaunch::windowWithoutDisplay()
{
    const CliRun run = runCli(QStringLiteral(SHARDSCOPE_GUI_PATH), {}, withoutDisplay(), 30000);
    QCOMPARE(run.exitCode, 3); // an exit code, not a crash (-1) or an abort
    QVERIFY(run.out.isEmpty());
    const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(QStringLiteral("shardscope: cannot open a window: no usable display "
                                                "(DISPLAY and WAYLAND_DISPLAY are not set)")),
             qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(QStringLiteral("xvfb-run")), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(QStringLiteral("QT_QPA_PLATFORM=offscreen")), qPrintable(lines[0]));
}

QTEST_GUILESS_MAIN(TestAppLaunch)
#include "test_app_launch.moc"
