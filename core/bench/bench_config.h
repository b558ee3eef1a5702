#pragma once

#include "core/bench/benchmark.h"
#include "core/config/dataset_config.h"
#include "core/storage/store_factory.h"

#include <string>

namespace shardscope {

// A benchmark of a dataset config: its objects (listed now, the listing time
// kept for the verdict), its dataset kind as the method (map, iterable,
// shard, get-batch), workers, get-batch size, batch size, shuffle and seed,
// decoding when it names decoders. Reads go straight to the owning AIStore
// target unless `viaProxy`. Configs with several sources are refused
// (a benchmark reads one bucket).
BenchSpec benchSpecForConfig(const DatasetConfig &config, const StoreOptions &options, bool viaProxy = false);

// A benchmark of a bucket URL with an optional prefix or brace template
// ("ais://b/train/", "ais://b/shard-{0..9}.tar").
BenchSpec benchSpecForUrl(const std::string &url, const StoreOptions &options, BenchMethod method, int workers,
                          bool viaProxy = false);

} // namespace shardscope
