// QCustomPlot's header uses Q_FOREACH: allow it in this file, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/charts/plot_style.h"

#include <QPalette>

#include <qcustomplot.h>

namespace shardscope::ui {

void applyPlotStyle(QCustomPlot *plot)
{
    const QPalette pal = plot->palette();
    const QColor fg = pal.color(QPalette::WindowText);
    const QColor bg = pal.color(QPalette::Base);
    const QColor grid = pal.color(QPalette::Mid);

    plot->setBackground(bg);
    plot->setNoAntialiasingOnDrag(true);
    plot->setPlottingHint(QCP::phFastPolylines, true);
    for (QCPAxis *axis : {plot->xAxis, plot->yAxis}) {
        axis->setBasePen(QPen(fg));
        axis->setTickPen(QPen(fg));
        axis->setSubTickPen(QPen(fg));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    }
    plot->legend->setBrush(bg);
    plot->legend->setTextColor(fg);
}

QCustomPlot *createStyledPlot(QWidget *parent)
{
    auto *plot = new QCustomPlot(parent);
    applyPlotStyle(plot);
    return plot;
}

} // namespace shardscope::ui
