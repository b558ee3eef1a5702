#pragma once

#include "core/bench/benchmark.h"
#include "core/config/dataset_config.h"
#include "ui/bench/python_finder.h"

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QTemporaryDir;

namespace shardscope::ui {

// One run of a pipeline over a config's data: one epoch, or until stop().
// The run is a job of the application's JobTracker (listed in the status bar
// with its own Stop) whose work only watches the process.
// Progress points are buffered for the GUI to drain on its timer (as
// BenchmarkRunner's); the end is exactly one of finished(result) (also after
// stop(), with result.cancelled) or failed(message).
class PythonMethodRun : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        PythonPipeline pipeline = PythonPipeline::Sdk;
        DatasetConfig config; // its workers are the run's
        QString python;       // the interpreter (PythonFinder)
        QString endpoint;     // given to the script through the config's endpoint variable
    };

    explicit PythonMethodRun(QObject *parent = nullptr);
    ~PythonMethodRun() override;

    // False (and failed() is not emitted) when a run is going; a config the
    // export refuses fails at once through failed().
    bool start(const Request &request);
    void stop();
    bool isRunning() const;
    std::vector<BenchSample> takeSamples();

Q_SIGNALS:
    void finished(const shardscope::BenchResult &result);
    void failed(const QString &message);

private:
    void readLines();
    void processEnded(int exitCode, QProcess::ExitStatus status);
    void handleLine(const QByteArray &line);
    void watchAsJob();
    void markEnded();

    // What the tracker's job waits on: the process has ended.
    struct Watch
    {
        std::mutex mutex;
        std::condition_variable cv;
        bool ended = false;
    };
    std::shared_ptr<Watch> m_watch;

    QProcess *m_process = nullptr;
    PythonPipeline m_pipeline = PythonPipeline::Sdk;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_pending;
    QByteArray m_stderr;
    bool m_stopped = false;
    bool m_ended = false;
    BenchResult m_result;
    std::mutex m_mutex;
    std::vector<BenchSample> m_buffer;
};

// The last finished benchmark of each pipeline over a config (by the config's
// canonical JSON, workers included), remembered in the settings, and what it
// says for the Export dialog: which script is faster by how much, or how to
// find out.
void recordPipelineRate(const DatasetConfig &config, PythonPipeline pipeline, double itemsPerSecond);
std::optional<double> lastPipelineRate(const DatasetConfig &config, PythonPipeline pipeline);
QString pipelineComparison(const DatasetConfig &config);

// The verdict of a comparison with the Python methods: what switching from
// the SDK pipeline to shardscope from Python, and to shardscope in C++ (its
// fastest native method), gains. Rates in items/s; 0 = not measured.
QString switchingVerdict(double sdk, double python, double cpp, const QString &cppMethod);

// What the benchmark panel drives: find a Python, then run the pipeline; the
// same signals as BenchmarkRunner (phase, resultReady, done exactly once per
// start), so the panel shows a Python run like a native one.
class PythonBenchmark : public QObject
{
    Q_OBJECT
public:
    explicit PythonBenchmark(QObject *parent = nullptr);
    // The config of a bucket URL ("ais://bucket/prefix"): an iterable dataset
    // over the prefix. Throws Error(InvalidArgument) for what is not ais://.
    static DatasetConfig configForUrl(const QString &url, int workers);

    bool start(PythonPipeline pipeline, const DatasetConfig &config, const QString &endpoint);
    // Compare Methods: each pipeline in turn, one resultReady each; one that
    // cannot run is skipped (notes() says why) instead of failing the rest.
    bool startAll(const std::vector<PythonPipeline> &pipelines, const DatasetConfig &config,
                  const QString &endpoint);
    PythonPipeline current() const { return m_pipeline; }
    QString notes() const { return m_notes.join(QLatin1Char(' ')); }
    void stop();
    bool isRunning() const { return m_running; }
    std::vector<BenchSample> takeSamples() { return m_run->takeSamples(); }

Q_SIGNALS:
    void phase(const QString &text);
    void resultReady(const shardscope::BenchResult &result);
    void done(const QString &error, bool cancelled);

private:
    void next();
    void failedOne(const QString &message);
    void end(const QString &error, bool cancelled);

    PythonFinder *m_finder;
    std::vector<PythonPipeline> m_queue;
    bool m_all = false;
    QStringList m_notes;
    PythonMethodRun *m_run;
    bool m_running = false;
    bool m_stopped = false;
    PythonPipeline m_pipeline = PythonPipeline::Sdk;
    DatasetConfig m_config;
    QString m_endpoint;
};

} // namespace shardscope::ui
