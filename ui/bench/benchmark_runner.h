#pragma once

#include "core/bench/sweep.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace shardscope::ui {

// Runs benchmarks as a job of the tracker (listing included), so the GUI never
// waits: one run, a worker sweep, or a method comparison. The engine's series
// points land in a locked buffer the GUI drains on its own timer (never one
// signal per point); each finished run is reported with resultReady, the end
// with done (exactly once per start). stop() (or the job's Stop in the status
// bar) cancels; the destructor cancels and drops what is still to come.
class BenchmarkRunner : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Single, Sweep, Compare };
    struct Request
    {
        Kind kind = Kind::Single;
        std::function<BenchSpec()> makeSpec; // called on the runner's thread (it may list a bucket)
        std::vector<int> sweepWorkers;       // Sweep
        std::vector<BenchMethod> methods;    // Compare: the first is the baseline
        QString title;                       // the job's name in the status bar
    };

    explicit BenchmarkRunner(QObject *parent = nullptr);
    ~BenchmarkRunner() override;

    bool start(Request request); // false while a run is going
    void stop();
    bool isRunning() const { return m_running; }
    std::vector<BenchSample> takeSamples();

Q_SIGNALS:
    void phase(const QString &text);                       // "listing…", "W=4", "map"
    void resultReady(const shardscope::BenchResult &result); // each run, sweep step or compared method
    void done(const QString &error, bool cancelled);

private:
    struct SampleBuffer
    {
        std::mutex mutex;
        std::vector<BenchSample> samples;
    };

    quint64 m_job = 0;
    bool m_running = false;
    std::shared_ptr<SampleBuffer> m_buffer = std::make_shared<SampleBuffer>();
};

} // namespace shardscope::ui

Q_DECLARE_METATYPE(shardscope::BenchResult)
