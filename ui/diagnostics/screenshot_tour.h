#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <vector>

namespace shardscope::ui {

class MainWindow;

// `shardscope --screenshots DIR URL`: walks the real window through its main
// views on a data set — the start view, the bucket listing, a shard with its preview and its
// thumbnails, the summary, the dataset editor, a benchmark, a worker sweep,
// batch tuning and the cluster view — and saves each as DIR/<view>.png.
// Each step waits for the view's own "done" signal (bounded), then grabs.
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    ScreenshotTour(MainWindow &window, QString dir, QString url, QObject *parent = nullptr);
    void start();

private:
    struct Step
    {
        QString name;
        std::function<void()> setUp;
        std::function<bool()> ready;
    };
    void next();
    void waitAndGrab();

    MainWindow &m_window;
    QString m_dir;
    QString m_url;
    std::vector<Step> m_steps;
    std::size_t m_at = 0;
    int m_waited = 0;
    int m_failures = 0;
    bool m_clusterDone = false;
};

} // namespace shardscope::ui
