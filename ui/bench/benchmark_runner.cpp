#include "ui/bench/benchmark_runner.h"
#include "ui/background.h"

#include "core/util/error.h"

#include <QMetaObject>

#include <algorithm>
#include <QPointer>

namespace shardscope::ui {

BenchmarkRunner::BenchmarkRunner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<shardscope::BenchResult>();
}

BenchmarkRunner::~BenchmarkRunner()
{
    m_cancel = true;
    join();
}

void BenchmarkRunner::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void BenchmarkRunner::stop() { m_cancel = true; }

std::vector<BenchSample> BenchmarkRunner::takeSamples()
{
    std::lock_guard lock(m_mutex);
    std::vector<BenchSample> out;
    out.swap(m_buffer);
    return out;
}

bool BenchmarkRunner::start(Request request)
{
    if (m_running)
        return false;
    join(); // the previous run's thread has ended (done was delivered)
    m_cancel = false;
    m_running = true;
    {
        std::lock_guard lock(m_mutex);
        m_buffer.clear();
    }
    // Calls into this object on the GUI thread (the destructor joins the
    // thread, so `this` outlives the thread; the guard drops calls that arrive
    // after the object is gone).
    auto post = [self = QPointer<BenchmarkRunner>(this)](auto fn) {
        postToGui(self, [fn = std::move(fn)](BenchmarkRunner *) mutable { fn(); });
    };
    m_thread = std::thread([this, request, post] {
        auto onSample = [this](const BenchSample &s) {
            std::lock_guard lock(m_mutex);
            m_buffer.push_back(s);
        };
        QString error;
        try {
            post([this] { Q_EMIT phase(tr("Listing…")); });
            BenchSpec spec = request.makeSpec();
            if (request.kind == Kind::Single) {
                post([this] { Q_EMIT phase(tr("Running")); });
                const BenchResult r = runBenchmark(spec, onSample, &m_cancel);
                post([this, r] { Q_EMIT resultReady(r); });
            } else if (request.kind == Kind::Sweep) {
                const std::vector<int> &counts = request.sweepWorkers;
                auto announce = [post, this](int w) { post([this, w] { Q_EMIT phase(tr("Sweep: %n worker(s)", nullptr, w)); }); };
                announce(counts.front());
                (void)runSweep(
                    spec, counts,
                    [post, announce, &counts, this](const SweepStep &step) {
                        post([this, r = step.result] { Q_EMIT resultReady(r); });
                        const auto it = std::find(counts.begin(), counts.end(), step.workers);
                        if (it != counts.end() && it + 1 != counts.end())
                            announce(*(it + 1));
                    },
                    onSample, &m_cancel);
            } else {
                for (BenchMethod m : request.methods) {
                    if (m_cancel)
                        break;
                    BenchSpec s = spec;
                    s.method = m;
                    const QString name = QString::fromStdString(benchMethodName(m));
                    post([this, name] { Q_EMIT phase(tr("Comparing: %1").arg(name)); });
                    const BenchResult r = runBenchmark(s, onSample, &m_cancel);
                    if (r.cancelled)
                        break;
                    post([this, r] { Q_EMIT resultReady(r); });
                }
            }
        } catch (...) {
            // The thread's boundary: whatever escaped the run ends it with a message.
            error = QString::fromStdString(errorFromException(std::current_exception(), "benchmark").what());
        }
        const bool cancelled = m_cancel.load();
        post([this, error, cancelled] {
            m_running = false;
            Q_EMIT done(error, cancelled);
        });
    });
    return true;
}

} // namespace shardscope::ui
