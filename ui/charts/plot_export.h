#pragma once

#include <QByteArray>

class QCustomPlot;

namespace shardscope::ui {

// A chart as file contents: PNG, or PDF when `pdf` (vector). Painting is GUI
// work, so this runs on the GUI thread; write the bytes from a worker.
QByteArray renderPlot(QCustomPlot *plot, bool pdf, int minWidth = 800, int minHeight = 500);

} // namespace shardscope::ui
