#include "background.h"

#include <QEvent>
#include <QObject>
#include <QThread>

#include <algorithm>
#include <cstdio>

#include <pthread.h>

namespace shardscope::ui {

TaskQueue::TaskQueue(int threads, const char *name) : m_name(name)
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { run(); });
}

TaskQueue::~TaskQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
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

TaskQueue &backgroundPool()
{
    static TaskQueue pool(int(std::max(2u, std::thread::hardware_concurrency())), "shardscope-pool");
    return pool;
}

namespace detail {
namespace {

// Functions queued for the GUI thread. Producers append under the mutex and
// post one data-less event when the inbox was empty; the GUI thread takes
// everything queued so far and runs it.
class GuiInbox : public QObject
{
public:
    GuiInbox() { moveToThread(QCoreApplication::instance()->thread()); }

    void push(std::function<void()> fn)
    {
        bool wasEmpty;
        {
            std::lock_guard lock(m_mutex);
            wasEmpty = m_items.empty();
            m_items.push_back(std::move(fn));
        }
        if (wasEmpty)
            QCoreApplication::postEvent(this, new QEvent(eventType()));
    }

protected:
    bool event(QEvent *e) override
    {
        if (e->type() != eventType())
            return QObject::event(e);
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
        return true;
    }

private:
    static QEvent::Type eventType()
    {
        static const auto type = QEvent::Type(QEvent::registerEventType());
        return type;
    }

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_items;
};

} // namespace

void postToGuiThread(std::function<void()> fn)
{
    if (!QCoreApplication::instance())
        return; // the application is gone: nobody to deliver to
    // Never destroyed: tasks still running at exit may post until they end.
    static GuiInbox *inbox = new GuiInbox;
    inbox->push(std::move(fn));
}

} // namespace detail
} // namespace shardscope::ui
