#pragma once

#include <QApplication>

namespace shardscope::ui {

// The GUI's outermost boundary: an exception that escapes an event handler or
// a slot (Qt would terminate the application) is caught here, reported through
// unexpectedError (the main window logs it in Messages) and on stderr, and the
// application goes on.
class GuardedApplication : public QApplication
{
    Q_OBJECT
public:
    GuardedApplication(int &argc, char **argv);

    bool notify(QObject *receiver, QEvent *event) override;

Q_SIGNALS:
    void unexpectedError(const QString &message);
};

} // namespace shardscope::ui
