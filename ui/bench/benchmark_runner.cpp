#include "ui/bench/benchmark_runner.h"
#include "ui/jobs/job_tracker.h"

#include "core/util/error.h"

#include <algorithm>

namespace shardscope::ui {

BenchmarkRunner::BenchmarkRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<shardscope::BenchResult>();
}

BenchmarkRunner::~BenchmarkRunner()
{
    JobTracker::instance().cancelSlot(this, QStringLiteral("run"));
}

void BenchmarkRunner::stop()
{
    if (m_job)
        JobTracker::instance().cancel(m_job);
}

std::vector<BenchSample> BenchmarkRunner::takeSamples()
{
    std::lock_guard lock(m_buffer->mutex);
    std::vector<BenchSample> out;
    out.swap(m_buffer->samples);
    return out;
}

bool BenchmarkRunner::start(Request request)
{
    if (m_running)
        return false;
    m_running = true;
    m_buffer = std::make_shared<SampleBuffer>(); // a late sample of the last run cannot land in this one
    // `self` is only dereferenced on the GUI thread, in what job.post() runs
    // after checking that the runner still exists.
    auto work = [self = this, request, buffer = m_buffer](JobContext &job) {
        auto post = [&job](auto fn) { job.post(std::move(fn)); };
        auto onSample = [buffer](const BenchSample &s) {
            std::lock_guard lock(buffer->mutex);
            buffer->samples.push_back(s);
        };
        std::atomic<bool> *cancel = job.cancelFlag();
        post([self] { Q_EMIT self->phase(tr("Listing…")); });
        BenchSpec spec = request.makeSpec();
        if (request.kind == Kind::Single) {
            post([self] { Q_EMIT self->phase(tr("Running")); });
            const BenchResult r = runBenchmark(spec, onSample, cancel);
            post([self, r] { Q_EMIT self->resultReady(r); });
        } else if (request.kind == Kind::Sweep) {
            const std::vector<int> &counts = request.sweepWorkers;
            std::size_t step = 0;
            auto announce = [post, self](int w) {
                post([self, w] { Q_EMIT self->phase(tr("Sweep: %n worker(s)", nullptr, w)); });
            };
            announce(counts.front());
            job.setProgress(0, std::int64_t(counts.size()));
            (void)runSweep(
                spec, counts,
                [&](const SweepStep &done) {
                    post([self, r = done.result] { Q_EMIT self->resultReady(r); });
                    job.setProgress(std::int64_t(++step), std::int64_t(counts.size()));
                    const auto it = std::find(counts.begin(), counts.end(), done.workers);
                    if (it != counts.end() && it + 1 != counts.end())
                        announce(*(it + 1));
                },
                onSample, cancel);
        } else {
            std::size_t done = 0;
            for (BenchMethod m : request.methods) {
                if (job.cancelled())
                    break;
                job.setProgress(std::int64_t(done++), std::int64_t(request.methods.size()));
                BenchSpec s = spec;
                s.method = m;
                const QString name = QString::fromStdString(benchMethodName(m));
                post([self, name] { Q_EMIT self->phase(tr("Comparing: %1").arg(name)); });
                const BenchResult r = runBenchmark(s, onSample, cancel);
                if (r.cancelled)
                    break;
                post([self, r] { Q_EMIT self->resultReady(r); });
            }
        }
        return job.cancelled();
    };
    m_job = JobTracker::instance().start(
        this, request.title.isEmpty() ? tr("Benchmark") : request.title, std::move(work),
        [this](bool cancelled) {
            m_running = false;
            m_job = 0;
            Q_EMIT done(QString(), cancelled);
        },
        [this](const Error &error) {
            m_running = false;
            m_job = 0;
            const bool cancelled = error.kind() == ErrorKind::Cancelled;
            Q_EMIT done(cancelled ? QString() : QString::fromStdString(error.what()), cancelled);
        },
        JobOptions{QStringLiteral("run")});
    return true;
}

} // namespace shardscope::ui
