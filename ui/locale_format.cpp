#include "ui/locale_format.h"

#include <QCoreApplication>
#include <QLocale>

#include <limits>

namespace shardscope::ui {

QString formatBytes(quint64 bytes)
{
    if (bytes < 1024) { // the catalog's plural forms: "1 byte", "2 bytes"
        const int n = static_cast<int>(bytes); // (lupdate cannot read a cast in the call)
        return QCoreApplication::translate("Units", "%Ln byte(s)", nullptr, n);
    }
    const auto capped = static_cast<qint64>(std::min<quint64>(bytes, std::numeric_limits<qint64>::max()));
    return QLocale().formattedDataSize(capped, 1);
}

} // namespace shardscope::ui
