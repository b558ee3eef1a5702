#pragma once

#include <QString>

namespace shardscope::ui {

// A size for people in the language and locale in use: "1 byte", "512 bytes",
// "1 Byte", "2 Bytes", "1 字节", then "1.5 KiB" / "1,5 KiB" above 1023 bytes.
// Every view that shows a size uses this, so units and plural forms follow
// the language (LanguageManager sets the default locale with the catalog).
QString formatBytes(quint64 bytes);

} // namespace shardscope::ui
