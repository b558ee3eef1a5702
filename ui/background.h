#pragma once

// Two rules every background task of the UI follows, kept in one place:
// - results reach a QObject only on the GUI thread, and only if it still exists
//   there (postToGui);
// - nothing a task throws escapes it: a discarded QFuture loses the exception
//   (the UI stays "busy") and a QFutureWatcher rethrows it on the GUI thread
//   (the application terminates); taskErrorText turns it into a message.

#include "util/error.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QString>

#include <exception>
#include <string>
#include <utility>

namespace shardscope::ui {

// Calls fn(receiver) later on the GUI thread if the receiver still exists then.
// Safe from any thread: off the GUI thread only the guard is copied; the check
// and the call happen on the GUI thread, where receivers are deleted. (A
// QPointer checked on a pool thread and then used there may point at an object
// that the GUI thread deleted in between.)
template <class T, class F>
void postToGui(const QPointer<T> &receiver, F &&fn)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return;
    QMetaObject::invokeMethod(
        app,
        [receiver, fn = std::forward<F>(fn)]() mutable {
            if (T *r = receiver.data())
                fn(r);
        },
        Qt::QueuedConnection);
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
