#include "ui/jobs/job_tracker.h"

#include <QCoreApplication>

#include <algorithm>
#include <thread>

namespace shardscope::ui {

void JobContext::throwIfCancelled() const
{
    if (cancelled())
        throw Error(ErrorKind::Cancelled, "stopped: " + m_state->title.toStdString());
}

void JobContext::setProgress(std::int64_t done, std::int64_t total)
{
    m_state->done = done;
    m_state->total = total;
    if (m_state->progressQueued.exchange(true))
        return; // the pending event will read the newest numbers
    detail::postToGuiThread([tracker = m_tracker, state = m_state] {
        state->progressQueued = false;
        if (JobTracker *t = tracker.data())
            t->emitProgress(state);
    });
}

void JobContext::post(std::function<void()> fn) const
{
    detail::postToGuiThread([state = m_state, fn = std::move(fn)] {
        if (!state->superseded && state->owner)
            fn();
    });
}

JobTracker::JobTracker(int threads, QObject *parent)
    : QObject(parent), m_pool(threads > 0 ? threads : int(std::max(2u, std::thread::hardware_concurrency())),
                              "shardscope-jobs", true)
{
    qRegisterMetaType<shardscope::ui::JobId>("shardscope::ui::JobId");
}

JobTracker::~JobTracker()
{
    shutdown(std::chrono::milliseconds::max());
    // m_lanes and m_pool join their (now idle) threads as members go.
}

JobTracker &JobTracker::instance()
{
    // Never destroyed before the application object: made on the GUI thread
    // and parented to nothing, it lives until exit; threads are joined by the
    // static destructor after every job ended or was cancelled.
    static JobTracker tracker;
    return tracker;
}

JobTracker::StatePtr JobTracker::begin(QObject *owner, const QString &title, const JobOptions &options)
{
    if (!options.slot.isEmpty())
        cancelSlot(owner, options.slot);
    auto state = std::make_shared<detail::JobState>();
    state->id = m_nextId++;
    state->title = title;
    state->owner = owner;
    state->slot = options.slot;
    state->cancellable = options.cancellable;
    state->visible = options.visible;
    m_jobs.emplace(state->id, state);
    {
        std::lock_guard lock(m_runningMutex);
        ++m_running;
    }
    if (state->visible)
        Q_EMIT jobStarted(state->id, title, state->cancellable);
    return state;
}

void JobTracker::enqueue(const std::string &lane, std::function<void()> task)
{
    if (lane.empty()) {
        m_pool.post(std::move(task));
        return;
    }
    auto &queue = m_lanes[lane];
    if (!queue)
        queue = std::make_unique<TaskQueue>(1, lane.c_str(), true);
    queue->post(std::move(task));
}

void JobTracker::taskEnded()
{
    std::lock_guard lock(m_runningMutex);
    --m_running;
    m_runningChanged.notify_all();
}

void JobTracker::finish(const StatePtr &state, const std::optional<Error> &error,
                        const std::function<void()> &deliver, const std::function<void(const Error &)> &fail)
{
    m_jobs.erase(state->id);
    QString message;
    const bool current = !state->superseded && state->owner;
    if (current) {
        if (error && fail) {
            fail(*error); // the owner says what it means (no second message)
        } else if (error) {
            message = error->kind() == ErrorKind::Cancelled ? tr("Stopped: %1").arg(state->title)
                                                            : QString::fromStdString(error->what());
        } else if (deliver) {
            deliver();
        }
    }
    if (state->visible)
        Q_EMIT jobFinished(state->id, message);
}

void JobTracker::emitProgress(const StatePtr &state)
{
    if (state->visible && m_jobs.count(state->id))
        Q_EMIT jobProgress(state->id, state->done.load(), state->total.load());
}

void JobTracker::cancel(JobId id)
{
    const auto it = m_jobs.find(id);
    if (it != m_jobs.end() && it->second->cancellable)
        it->second->cancel->store(true);
}

void JobTracker::cancelSlot(QObject *owner, const QString &slot)
{
    for (auto &[id, state] : m_jobs) {
        if (state->owner == owner && state->slot == slot && !state->superseded) {
            state->superseded = true;
            state->cancel->store(true);
        }
    }
}

void JobTracker::cancelAll()
{
    for (auto &[id, state] : m_jobs)
        if (state->cancellable)
            state->cancel->store(true);
}

bool JobTracker::shutdown(std::chrono::milliseconds limit)
{
    cancelAll();
    std::unique_lock lock(m_runningMutex);
    if (limit == std::chrono::milliseconds::max()) {
        m_runningChanged.wait(lock, [this] { return m_running == 0; });
        return true;
    }
    return m_runningChanged.wait_for(lock, limit, [this] { return m_running == 0; });
}

bool JobTracker::isIdle() const
{
    std::lock_guard lock(m_runningMutex);
    return m_running == 0;
}

bool JobTracker::isRunning(QObject *owner, const QString &slot) const
{
    return std::any_of(m_jobs.begin(), m_jobs.end(), [&](const auto &entry) {
        return entry.second->owner == owner && entry.second->slot == slot && !entry.second->superseded;
    });
}

std::vector<JobTracker::Info> JobTracker::jobs() const
{
    std::vector<Info> out;
    for (const auto &[id, state] : m_jobs)
        if (state->visible)
            out.push_back({id, state->title, state->cancellable, state->done.load(), state->total.load()});
    return out;
}

} // namespace shardscope::ui
