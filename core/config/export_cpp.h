#pragma once

#include "config/dataset_config.h"

#include <string>

namespace shardscope {

// A C++ program that reads the config's data with shardscope's own loader
// core and libtorch adapters (link it with shardscope::torch). The config is
// embedded; the endpoint comes from its environment variable at run time.
// `--names` prints what it reads as JSON lines ({"name"}, {"key"}, {"batch"}),
// like the exported Python script.
std::string exportCpp(const DatasetConfig &config);

// WebDataset's wids shard index for a shard dataset: every shard with its
// sample count (counted by reading the shards), as JSON.
struct WidsShard
{
    std::string url;
    std::uint64_t samples = 0;
};
std::string widsIndex(const std::string &name, const std::vector<WidsShard> &shards);

} // namespace shardscope
