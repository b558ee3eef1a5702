#include "ui/guarded_application.h"
#include "ui/background.h"

#include <QEvent>

#include <cstdio>

namespace shardscope::ui {

GuardedApplication::GuardedApplication(int &argc, char **argv) : QApplication(argc, argv) {}

bool GuardedApplication::notify(QObject *receiver, QEvent *event)
{
    try {
        return QApplication::notify(receiver, event);
    } catch (...) {
        const QString message = taskErrorText("handling a user interface event");
        std::fprintf(stderr, "shardscope: %s\n", qPrintable(message));
        Q_EMIT unexpectedError(message);
        return false;
    }
}

} // namespace shardscope::ui
