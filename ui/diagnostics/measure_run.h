#pragma once

#include "ui/diagnostics/responsiveness_probe.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace shardscope::ui {

class MainWindow;

// `shardscope --measure URL`: drives the real window as a user would — open
// the bucket, scroll the object table to the end until the whole listing is
// loaded, then run a benchmark of it at full rate — and measures the GUI
// thread's stalls and the memory in each phase. Prints one JSON object and
// ends the application.
class MeasureRun : public QObject
{
    Q_OBJECT
public:
    MeasureRun(MainWindow &window, QString url, double benchSeconds, QObject *parent = nullptr);
    void start();

private:
    void pollListing();
    void startBenchmark();
    void finish(const QString &error);
    static QJsonObject phase(const ResponsivenessProbe::Summary &s);

    MainWindow &m_window;
    QString m_url;
    double m_benchSeconds;
    ResponsivenessProbe m_probe;
    QTimer m_poll;
    qint64 m_listStart = 0;
    QElapsedTimer m_clock;
    QJsonObject m_result;
};

} // namespace shardscope::ui
