#pragma once

// The threading primitives under the job tracker (ui/jobs/job_tracker.h, which
// every background site uses). Three rules:
// - Work runs on task queues that shardscope owns (std::thread, std::mutex).
// - Results reach a QObject only on the GUI thread, and only if it still exists
//   there (postToGui). Off the GUI thread only the guard is copied.
// - Nothing a task throws escapes it (taskErrorText turns it into a message).
//
// Data crosses threads only through shardscope's own mutex-protected queues;
// Qt carries nothing but a data-less "look at the inbox" event. So every
// hand-off is visible to ThreadSanitizer (Qt's own thread pool and queued
// calls synchronise inside Qt, which is not built with it, and would have to be
// suppressed wholesale), and shutdown is explicit.

#include "core/util/error.h"

#include <QCoreApplication>
#include <QPointer>
#include <QString>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace shardscope::ui {

// A fixed set of threads running posted tasks in order of posting (one thread:
// strictly one after another). The destructor waits for the running tasks
// (they end at their cancel flags or timeouts) and, with `finishQueued`, for
// the queued ones too (nothing the user asked for, such as a save, is lost);
// otherwise queued tasks are dropped.
class TaskQueue
{
public:
    TaskQueue(int threads, const char *name, bool finishQueued = false);
    ~TaskQueue();
    TaskQueue(const TaskQueue &) = delete;
    TaskQueue &operator=(const TaskQueue &) = delete;

    void post(std::function<void()> task);

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    bool m_stopping = false;
    bool m_finishQueued = false;
    std::string m_name;
    std::vector<std::thread> m_threads;
};

namespace detail {
// Queues fn for the GUI thread (the thread of the QCoreApplication).
void postToGuiThread(std::function<void()> fn);
// Called on the GUI thread as the application object is made (automatically).
void createGuiInbox();
} // namespace detail

// Calls fn(receiver) later on the GUI thread if the receiver still exists then.
// Safe from any thread: the check and the call happen on the GUI thread, where
// receivers are deleted. (A QPointer checked on a pool thread and then used
// there may point at an object that the GUI thread deleted in between.)
template <class T, class F>
void postToGui(const QPointer<T> &receiver, F &&fn)
{
    detail::postToGuiThread([receiver, fn = std::forward<F>(fn)]() mutable {
        if (T *r = receiver.data())
            fn(r);
    });
}

// The message for whatever a task threw; call it inside a catch (...).
// Cancellation reads as `cancelledText`; anything that is not shardscope's
// Error names `operation` (out of memory, a library exception on odd data).
inline QString taskErrorText(const std::string &operation, const QString &cancelledText = {})
{
    const Error e = errorFromException(std::current_exception(), operation);
    if (e.kind() == ErrorKind::Cancelled && !cancelledText.isEmpty())
        return cancelledText;
    return QString::fromStdString(e.what());
}

} // namespace shardscope::ui
