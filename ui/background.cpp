#include "ui/background.h"

#include <QMetaObject>
#include <QObject>
#include <QThread>

#include <algorithm>
#include <cstdio>

#include <pthread.h>

namespace shardscope::ui {

TaskQueue::TaskQueue(int threads, const char *name, bool finishQueued) : m_finishQueued(finishQueued), m_name(name)
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { run(); });
}

TaskQueue::~TaskQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        if (!m_finishQueued)
            m_tasks.clear();
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        t.join();
}

void TaskQueue::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void TaskQueue::run()
{
    pthread_setname_np(pthread_self(), m_name.substr(0, 15).c_str());
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
            if (m_tasks.empty())
                return; // stopping
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        try {
            task();
        } catch (...) {
            // Tasks catch what they can report; this is the last line.
            std::fprintf(stderr, "shardscope: %s\n",
                         qPrintable(taskErrorText("a background task (" + m_name + ")")));
        }
    }
}

namespace detail {
namespace {

// Functions queued for the GUI thread. Producers append under the mutex and,
// when the inbox was empty, queue one call of drain() by name: Qt allocates
// and delivers that call itself and it carries no data, so nothing shardscope
// wrote crosses threads outside the mutex. The GUI thread takes everything
// queued so far and runs it.
class GuiInbox : public QObject
{
    Q_OBJECT
public:
    void push(std::function<void()> fn)
    {
        bool wasEmpty;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_items.empty();
            m_items.push_back(std::move(fn));
        }
        if (wasEmpty)
            QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
    }

    Q_INVOKABLE void drain()
    {
        std::deque<std::function<void()>> items;
        {
            std::lock_guard lock(m_mutex);
            items.swap(m_items);
        }
        for (auto &fn : items) {
            try {
                fn();
            } catch (...) {
                std::fprintf(stderr, "shardscope: %s\n", qPrintable(taskErrorText("delivering a result")));
            }
        }
    }

private:
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_items;
};

// Made on the GUI thread while the application object is constructed, before
// any task can post (so every thread sees it made); never destroyed: tasks
// still running at exit may post until they end.
GuiInbox *g_inbox = nullptr;

} // namespace

void createGuiInbox()
{
    if (!g_inbox)
        g_inbox = new GuiInbox;
}

void postToGuiThread(std::function<void()> fn)
{
    if (!QCoreApplication::instance() || !g_inbox)
        return; // no application (yet, or any more): nobody to deliver to
    g_inbox->push(std::move(fn));
}

} // namespace detail
} // namespace shardscope::ui

namespace {
void startGuiInbox() { shardscope::ui::detail::createGuiInbox(); }
} // namespace
Q_COREAPP_STARTUP_FUNCTION(startGuiInbox)

#include "background.moc"
