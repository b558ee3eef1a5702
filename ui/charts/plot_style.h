#pragma once

class QCustomPlot;
class QWidget;

namespace shardscope::ui {

// Creates a QCustomPlot styled like every chart of shardscope (palette-aware
// colours, antialiasing off for speed, queued replots).
QCustomPlot *createStyledPlot(QWidget *parent);
void applyPlotStyle(QCustomPlot *plot);

} // namespace shardscope::ui
