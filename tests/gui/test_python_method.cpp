// The profiler's Python methods against the real cluster: the SDK pipeline
// ("Python: aistore.pytorch") and the module's ("Python: shardscope") run in a
// subprocess with the venv's Python and read every object of a config once;
// finding a Python says clearly when there is none; a run stops on request;
// a pipeline that fails says why.

#include "ui/bench/benchmark_panel.h"
#include "ui/bench/python_method.h"
#include "ui/dataset/export_dialog.h"
#include "ui/jobs/job_tracker.h"

#include "cli_runner.h"
#include "core/config/dataset_config.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace shardscope;
using namespace shardscope::ui;

namespace {

QString endpoint()
{
    return qEnvironmentVariable("AIS_ENDPOINT", QStringLiteral("http://127.0.0.1:8080"));
}

CliRun cli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_ENDPOINT"), endpoint());
    return runCli(QStringLiteral(SHARDSCOPE_CLI_PATH), args, env);
}

} // namespace

class TestPythonMethod : public QObject
{
    Q_OBJECT

    QString m_bucket;
    const QString m_python = QStringLiteral(SHARDSCOPE_VENV_PYTHON);
    static constexpr int kObjects = 120;

    DatasetConfig config(const QString &bucket, DatasetConfig::Kind kind) const
    {
        DatasetConfig c;
        c.name = "python-method";
        DatasetConfig::Source s;
        s.id = "data";
        s.bucket = bucket.toStdString();
        c.sources.push_back(s);
        c.kind = kind;
        c.workers = 2;
        return c;
    }

    BenchResult runToEnd(PythonPipeline pipeline, const DatasetConfig &c)
    {
        PythonMethodRun run;
        QSignalSpy finished(&run, &PythonMethodRun::finished);
        QSignalSpy failed(&run, &PythonMethodRun::failed);
        [&] { QVERIFY(run.start({pipeline, c, m_python, endpoint()})); }();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, 240000); }();
        if (!failed.isEmpty())
            qWarning() << failed.first().first().toString();
        return finished.isEmpty() ? BenchResult() : finished.first().first().value<BenchResult>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<BenchResult>();
        QVERIFY2(QFileInfo::exists(m_python), "no venv Python: run scripts/setup-venv.sh");
        m_bucket = QStringLiteral("ss-python-gui-%1").arg(QRandomGenerator::global()->bounded(1000000));
        const CliRun gen =
            cli({QStringLiteral("gen"), QStringLiteral("ais://") + m_bucket, QStringLiteral("--objects"),
                 QString::number(kObjects), QStringLiteral("--size"), QStringLiteral("2KiB")});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
    }

    void cleanupTestCase()
    {
        if (!m_bucket.isEmpty())
            cli({QStringLiteral("rb"), QStringLiteral("ais://") + m_bucket});
    }

    void bothPipelinesReadEveryObjectOnce_data()
    {
        QTest::addColumn<int>("pipeline");
        QTest::addColumn<int>("kind");
        QTest::newRow("aistore.pytorch, iterable")
            << int(PythonPipeline::Sdk) << int(DatasetConfig::Kind::Iterable);
        QTest::newRow("aistore.pytorch, map") << int(PythonPipeline::Sdk) << int(DatasetConfig::Kind::Map);
        QTest::newRow("shardscope, iterable")
            << int(PythonPipeline::Native) << int(DatasetConfig::Kind::Iterable);
        QTest::newRow("shardscope, map") << int(PythonPipeline::Native) << int(DatasetConfig::Kind::Map);
    }

    void bothPipelinesReadEveryObjectOnce()
    {
        QFETCH(int, pipeline);
        QFETCH(int, kind);
        const BenchResult r = runToEnd(PythonPipeline(pipeline), config(m_bucket, DatasetConfig::Kind(kind)));
        QCOMPARE(r.items, std::uint64_t(kObjects));
        QCOMPARE(r.payloadBytes, std::uint64_t(kObjects) * 2048);
        QCOMPARE(r.workers, 2);
        QVERIFY(!r.cancelled);
        QVERIFY(r.seconds > 0);
        QVERIFY(r.timeToFirstBatch >= 0);
    }

    void thePanelRunsAPythonMethodLikeANativeOne_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("Python: aistore.pytorch") << QStringLiteral("python-sdk");
        QTest::newRow("Python: shardscope") << QStringLiteral("python-native");
    }

    void thePanelRunsAPythonMethodLikeANativeOne()
    {
        QFETCH(QString, method);
        setConfiguredPython(m_python);
        BenchmarkPanel panel;
        QSignalSpy finished(&panel, &BenchmarkPanel::finished);
        auto *methods = panel.findChild<QComboBox *>(QStringLiteral("benchMethod"));
        QVERIFY(methods);
        const int index = methods->findData(method);
        QVERIFY(index >= 0);
        methods->setCurrentIndex(index);
        QCOMPARE(methods->currentText(), QString::fromUtf8(QTest::currentDataTag()));
        panel.findChild<QLineEdit *>(QStringLiteral("benchUrl"))
            ->setText(QStringLiteral("ais://") + m_bucket);
        // A sweep or comparison of a Python method is refused with a reason; Start runs it.
        panel.startSweep();
        QVERIFY(!panel.isRunning());
        panel.startSingle();
        QVERIFY(panel.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 240000);
        QCOMPARE(finished.first().at(0).toString(), QString());
        QCOMPARE(panel.results().size(), std::size_t(1));
        QCOMPARE(panel.results().front().items, std::uint64_t(kObjects));
        // Remembered for the Export dialog, for this very config.
        const auto pipeline =
            method == QLatin1String("python-sdk") ? PythonPipeline::Sdk : PythonPipeline::Native;
        const auto rate =
            lastPipelineRate(PythonBenchmark::configForUrl(QStringLiteral("ais://") + m_bucket, 4), pipeline);
        QVERIFY(rate);
        QCOMPARE(*rate, panel.results().front().itemsPerSecond());
        setConfiguredPython(QString());
    }

    void compareMethodsPutsThePythonPipelinesBesideTheNativeOnes()
    {
        setConfiguredPython(m_python);
        BenchmarkPanel panel;
        QSignalSpy finished(&panel, &BenchmarkPanel::finished);
        panel.findChild<QLineEdit *>(QStringLiteral("benchUrl"))
            ->setText(QStringLiteral("ais://") + m_bucket);
        panel.findChild<QCheckBox *>(QStringLiteral("benchEpoch"))->setChecked(true);
        panel.startCompare();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 480000);
        QCOMPARE(finished.first().at(0).toString(), QString());
        // Baseline, map, object, get-batch, then the SDK pipeline and shardscope from Python, all on the same
        // data.
        const auto &results = panel.results();
        QCOMPARE(results.size(), std::size_t(6));
        for (const BenchResult &r : results)
            QCOMPARE(r.items, std::uint64_t(kObjects));
        const QString verdict = panel.findChild<QLabel *>(QStringLiteral("benchVerdict"))->text();
        const double sdk = results[4].itemsPerSecond(), python = results[5].itemsPerSecond();
        QVERIFY2(verdict.contains(QLatin1String("Your aistore.pytorch pipeline: ")) &&
                     verdict.contains(QLatin1String("Switching to shardscope from Python")) &&
                     verdict.contains(QLocale().toString(python / sdk, 'f', python / sdk < 10 ? 1 : 0)),
                 qPrintable(verdict));
        setConfiguredPython(QString());
    }

    void theExportDialogSaysWhichScriptIsFaster()
    {
        DatasetConfig c = config(m_bucket, DatasetConfig::Kind::Iterable);
        c.name = "never-benchmarked";
        ExportDialog dialog(c, {});
        dialog.setFormat(QStringLiteral("python-native"));
        QVERIFY(dialog.text().contains(QLatin1String("import shardscope")));
        QCOMPARE(ExportDialog::suggestedSuffix(dialog.format()), QStringLiteral("py"));
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("exportStatus"));
        QVERIFY2(status->text().contains(QLatin1String("benchmark this config with the methods")),
                 qPrintable(status->text()));

        recordPipelineRate(c, PythonPipeline::Sdk, 250);
        recordPipelineRate(c, PythonPipeline::Native, 5000);
        ExportDialog again(c, {});
        again.setFormat(QStringLiteral("python"));
        const QString text = again.findChild<QLabel *>(QStringLiteral("exportStatus"))->text();
        QVERIFY2(text.contains(QString::fromUtf8("shardscope is 20× faster")), qPrintable(text));
        QVERIFY2(text.contains(QLocale().toString(5000.0, 'f', 0)), qPrintable(text));
    }

    void thePythonIsChosenInSettings()
    {
        QWidget window;
        QAction *action = createPythonSettingAction(&window);
        QCOMPARE(action->objectName(), QStringLiteral("actionPythonForBenchmarks"));
        QVERIFY(action->text().contains(QLatin1String("Python for Benchmarks")));
        QTimer::singleShot(0, [this] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->setTextValue(QStringLiteral("  ") + m_python + QStringLiteral(" "));
            dialog->accept();
        });
        action->trigger();
        QCOMPARE(configuredPython(), m_python);
        setConfiguredPython(QString());
    }

    void findsTheVenvPythonAndSaysWhenThereIsNone()
    {
        PythonFinder finder;
        QSignalSpy found(&finder, &PythonFinder::found);
        QSignalSpy notFound(&finder, &PythonFinder::notFound);
        finder.start(PythonPipeline::Sdk, m_python);
        QTRY_COMPARE_WITH_TIMEOUT(found.size() + notFound.size(), 1, 60000);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().first().toString(), m_python);

        finder.start(PythonPipeline::Native, QStringLiteral("/nonexistent/python3"));
        QTRY_COMPARE_WITH_TIMEOUT(notFound.size(), 1, 60000);
        const QString message = notFound.first().first().toString();
        QVERIFY2(message.contains(QLatin1String("/nonexistent/python3")) &&
                     message.contains(QLatin1String("shardscope")) &&
                     message.contains(QLatin1String("Settings")),
                 qPrintable(message));

        // No python3 on PATH at all.
        QTemporaryDir empty;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", empty.path().toUtf8());
        finder.start(PythonPipeline::Sdk, QString());
        qputenv("PATH", path);
        QTRY_COMPARE_WITH_TIMEOUT(notFound.size(), 2, 60000);
        QVERIFY2(notFound.last().first().toString().startsWith(QLatin1String("No python3 on PATH")),
                 qPrintable(notFound.last().first().toString()));
    }

    void stopEndsTheRunAsCancelled()
    {
        PythonMethodRun run;
        QSignalSpy finished(&run, &PythonMethodRun::finished);
        QSignalSpy failed(&run, &PythonMethodRun::failed);
        QVERIFY(run.start(
            {PythonPipeline::Sdk, config(m_bucket, DatasetConfig::Kind::Iterable), m_python, endpoint()}));
        QVERIFY(run.isRunning());
        QVERIFY(!run.start(
            {PythonPipeline::Sdk, config(m_bucket, DatasetConfig::Kind::Iterable), m_python, endpoint()}));
        run.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(failed.size(), 0);
        QVERIFY(finished.first().first().value<BenchResult>().cancelled);
        QVERIFY(!run.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(JobTracker::instance().jobs().empty(), 10000);

        // The status bar's Stop: the run is a job of the tracker, and cancelling the job ends it.
        QVERIFY(run.start(
            {PythonPipeline::Sdk, config(m_bucket, DatasetConfig::Kind::Iterable), m_python, endpoint()}));
        const auto jobs = JobTracker::instance().jobs();
        QCOMPARE(jobs.size(), std::size_t(1));
        QCOMPARE(jobs.front().title, QStringLiteral("Benchmark: Python: aistore.pytorch"));
        JobTracker::instance().cancel(jobs.front().id);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
        QVERIFY(finished.last().first().value<BenchResult>().cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(JobTracker::instance().jobs().empty(), 10000);
    }

    void failuresSayWhy()
    {
        // What aistore.pytorch cannot express is refused before anything runs.
        DatasetConfig c = config(m_bucket, DatasetConfig::Kind::Map);
        c.sampler.kind = DatasetConfig::SamplerKind::Packed;
        c.sampler.maxBatchBytes = 10000;
        PythonMethodRun run;
        QSignalSpy failed(&run, &PythonMethodRun::failed);
        QVERIFY(run.start({PythonPipeline::Sdk, c, m_python, endpoint()}));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(QLatin1String("packed sampler")),
                 qPrintable(failed.first().first().toString()));

        // A bucket that does not exist: the pipeline's own error, naming it.
        const QString missing = m_bucket + QStringLiteral("-missing");
        QSignalSpy failed2(&run, &PythonMethodRun::failed);
        QVERIFY(run.start(
            {PythonPipeline::Native, config(missing, DatasetConfig::Kind::Iterable), m_python, endpoint()}));
        QTRY_COMPARE_WITH_TIMEOUT(failed2.size(), 1, 120000);
        const QString message = failed2.first().first().toString();
        QVERIFY2(message.contains(missing) && message.contains(QLatin1String("Python: shardscope")),
                 qPrintable(message));

        // An interpreter that is not there.
        QSignalSpy failed3(&run, &PythonMethodRun::failed);
        QVERIFY(run.start({PythonPipeline::Native, config(m_bucket, DatasetConfig::Kind::Iterable),
                           QStringLiteral("/nonexistent/python3"), endpoint()}));
        QTRY_COMPARE_WITH_TIMEOUT(failed3.size(), 1, 30000);
        QVERIFY2(failed3.first().first().toString().contains(QLatin1String("/nonexistent/python3")),
                 qPrintable(failed3.first().first().toString()));
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // The Python setting goes to a throwaway place, never the user's settings.
    QCoreApplication::setOrganizationName(QStringLiteral("shardscope-test"));
    QCoreApplication::setApplicationName(QStringLiteral("test_python_method"));
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    TestPythonMethod t;
    return QTest::qExec(&t, argc, argv);
}
#include "test_python_method.moc"
