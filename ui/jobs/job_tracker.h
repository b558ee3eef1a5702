#pragma once

// The one way the UI runs work off the GUI thread (the shape of KDAB hotspot's
// job tracker): start(owner, title, work, done, failed).
//
// - work(JobContext &) runs on a pool of threads the tracker owns (or, with
//   JobOptions::lane, in order on that lane's single thread). It sees a cancel
//   flag, reports progress, and may post partial results to the GUI thread.
// - done(result) or failed(error) then runs on the GUI thread, only if the
//   owner still exists and no newer job of the same owner and slot replaced
//   this one (stale results are dropped by generation, in one place).
// - Every exception of work is caught here and becomes failed(error), naming
//   the job; cancellation is an Error of kind Cancelled.
// - Running jobs are listed (jobs(), the started/progress/finished signals):
//   the status bar shows each with its own Stop. shutdown() cancels them all
//   and waits a bounded time; saves (cancellable = false) are not cancelled.

#include "ui/background.h"

#include "core/util/error.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace shardscope::ui {

using JobId = quint64;

struct JobOptions
{
    JobOptions(QString slot_ = QString(), bool cancellable_ = true, bool visible_ = true,
               std::string lane_ = {})
        : slot(std::move(slot_)), cancellable(cancellable_), visible(visible_), lane(std::move(lane_))
    {
    }
    // A new job of the same owner and slot cancels the previous one and drops
    // its results (a new listing, a new preview, a new count).
    QString slot;
    // false: not stopped by the user or by closing (a save); no Stop button.
    bool cancellable;
    // false: short work the status bar does not list (thumbnails, probes).
    bool visible;
    // Non-empty: runs after earlier jobs of this lane, one at a time.
    std::string lane;
};

class JobTracker;

namespace detail {
struct JobState
{
    JobId id = 0;
    QString title;
    QPointer<QObject> owner;
    QString slot;
    bool cancellable = true;
    bool visible = true;
    bool superseded = false; // GUI thread only
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    std::atomic<std::int64_t> done{0};
    std::atomic<std::int64_t> total{-1};
    std::atomic<bool> progressQueued{false};
};
} // namespace detail

// What a running job sees.
class JobContext
{
public:
    bool cancelled() const { return m_state->cancel->load(); }
    // For core functions that take a cancel flag; valid while the job runs.
    std::atomic<bool> *cancelFlag() const { return m_state->cancel.get(); }
    // Throws Error(Cancelled) once the job is stopped.
    void throwIfCancelled() const;
    // Progress for the status bar: total <= 0 is "unknown". Coalesced: any
    // number of calls cost at most one pending GUI event.
    void setProgress(std::int64_t done, std::int64_t total);
    // Runs fn on the GUI thread if the job was not replaced by a newer one of
    // its slot and its owner exists (partial results: rows, sample points,
    // counts). A stopped job's results still arrive: what was read is shown.
    void post(std::function<void()> fn) const;

private:
    friend class JobTracker;
    JobContext(QPointer<JobTracker> tracker, std::shared_ptr<detail::JobState> state)
        : m_tracker(std::move(tracker)), m_state(std::move(state))
    {
    }
    QPointer<JobTracker> m_tracker;
    std::shared_ptr<detail::JobState> m_state;
};

class JobTracker : public QObject
{
    Q_OBJECT
public:
    struct Info
    {
        JobId id;
        QString title;
        bool cancellable;
        std::int64_t done;
        std::int64_t total;
    };

    explicit JobTracker(int threads = 0, QObject *parent = nullptr);
    ~JobTracker() override; // shutdown(forever) and join

    // The application's tracker (made on first use on the GUI thread).
    static JobTracker &instance();

    // Starts work; see the top of this file. Call on the GUI thread.
    template <class Work, class Done, class Failed = std::nullptr_t>
    JobId start(QObject *owner, const QString &title, Work work, Done done, Failed failed = nullptr,
                JobOptions options = {});

    void cancel(JobId id);
    // Cancels the owner's job in `slot` (if any) and drops its results.
    void cancelSlot(QObject *owner, const QString &slot);
    void cancelAll(); // the cancellable ones
    // Cancels every cancellable job and waits until no job runs or `limit`
    // passed; true when everything ended.
    bool shutdown(std::chrono::milliseconds limit);
    bool isIdle() const;
    bool isRunning(QObject *owner, const QString &slot) const;
    std::vector<Info> jobs() const; // visible jobs, oldest first

Q_SIGNALS:
    void jobStarted(shardscope::ui::JobId id, const QString &title, bool cancellable);
    void jobProgress(shardscope::ui::JobId id, qint64 done, qint64 total);
    // message: empty on success and when the job had a failed callback (the
    // owner reports); otherwise "Stopped: title" when cancelled, or the
    // error. Also sent for superseded jobs (empty).
    void jobFinished(shardscope::ui::JobId id, const QString &message);

private:
    friend class JobContext;
    using StatePtr = std::shared_ptr<detail::JobState>;

    StatePtr begin(QObject *owner, const QString &title, const JobOptions &options);
    void enqueue(const std::string &lane, std::function<void()> task);
    void taskEnded();
    // GUI thread: the job ended; deliver() runs when it is still current.
    void finish(const StatePtr &state, const std::optional<Error> &error,
                const std::function<void()> &deliver, const std::function<void(const Error &)> &fail);
    void emitProgress(const StatePtr &state);

    TaskQueue m_pool;
    std::map<std::string, std::unique_ptr<TaskQueue>> m_lanes;
    std::map<JobId, StatePtr> m_jobs; // GUI thread only
    JobId m_nextId = 1;

    mutable std::mutex m_runningMutex;
    std::condition_variable m_runningChanged;
    int m_running = 0; // tasks queued or running
};

template <class Work, class Done, class Failed>
JobId JobTracker::start(QObject *owner, const QString &title, Work work, Done done, Failed failed,
                        JobOptions options)
{
    using Result = std::invoke_result_t<Work &, JobContext &>;
    StatePtr state = begin(owner, title, options);
    std::function<void(const Error &)> fail;
    if constexpr (!std::is_same_v<Failed, std::nullptr_t>)
        fail = std::move(failed);
    auto task = [tracker = QPointer<JobTracker>(this), self = this, state, work = std::move(work),
                 done = std::move(done), fail = std::move(fail), title = title.toStdString()]() mutable {
        JobContext context(tracker, state);
        std::optional<Error> error;
        std::function<void()> deliver;
        if (state->cancel->load()) {
            error = Error(ErrorKind::Cancelled, "stopped: " + title);
        } else {
            try {
                if constexpr (std::is_void_v<Result>) {
                    work(context);
                    deliver = [done = std::move(done)]() mutable { done(); };
                } else {
                    auto result = std::make_shared<Result>(work(context));
                    deliver = [done = std::move(done), result]() mutable { done(std::move(*result)); };
                }
            } catch (...) {
                error = errorFromException(std::current_exception(), title);
            }
        }
        // The error moves to the GUI thread whole: a copy would share its
        // message (std::runtime_error's reference-counted string) between
        // this thread and the GUI thread, which may free it first.
        detail::postToGuiThread(
            [tracker, state, error = std::move(error), deliver = std::move(deliver), fail = std::move(fail)] {
                if (JobTracker *t = tracker.data())
                    t->finish(state, error, deliver, fail);
            });
        self->taskEnded(); // last: shutdown() may destroy the tracker after this
    };
    enqueue(options.lane, std::move(task));
    return state->id;
}

} // namespace shardscope::ui
