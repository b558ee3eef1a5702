// QCustomPlot's header uses Q_FOREACH: allow it here, before any Qt header.
#undef QT_NO_FOREACH

#include "ui/charts/plot_export.h"

#include <QBuffer>
#include <QPdfWriter>

#include <qcustomplot.h>

#include <algorithm>

namespace shardscope::ui {

QByteArray renderPlot(QCustomPlot *plot, bool pdf, int minWidth, int minHeight)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const int w = std::max(plot->width(), minWidth), h = std::max(plot->height(), minHeight);
    if (pdf) {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setResolution(72);
        QCPPainter painter(&writer);
        plot->toPainter(&painter, w, h);
        painter.end();
    } else {
        plot->toPixmap(w, h).save(&buffer, "PNG");
    }
    buffer.close();
    return bytes;
}

} // namespace shardscope::ui
