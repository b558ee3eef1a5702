#pragma once

#include "core/config/dataset_config.h"

#include <string>

namespace shardscope {

// A runnable Python training-data script for a config on shardscope's own
// Python module (import shardscope; python/): the same sources, split,
// sampler and workers as the config, read by the C++ loader core instead of
// aistore.pytorch. The config is embedded as a string literal (parsed at run
// time, never turned into code); the endpoint comes from its environment
// variable. The rank and world size come from --rank/--world-size, else from
// RANK/WORLD_SIZE (torchrun). `--names` prints what it reads, one JSON object
// per line ({"name"}, {"key"} or {"batch": [names]}), names escaped as the
// CLI prints them, so it can be checked against `iterate` and `batches`.
// make_loader(rank, world_size, epoch) gives the iterable itself, for a
// training loop that imports the script (and for the profiler's Python method).
std::string exportPythonNative(const DatasetConfig &config);

} // namespace shardscope
