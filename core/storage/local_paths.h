#pragma once

#include <string>

namespace shardscope {

// Where the embedded default store keeps its buckets (one directory each):
// $SHARDSCOPE_DATA_DIR/buckets if set, else $XDG_DATA_HOME/shardscope/buckets,
// else ~/.local/share/shardscope/buckets. The directory may not exist yet.
std::string defaultLocalStoreRoot();

} // namespace shardscope
