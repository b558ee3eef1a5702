#pragma once

#include "core/config/dataset_config.h"
#include "core/storage/store_factory.h"

#include <atomic>
#include <functional>
#include <string>

namespace shardscope {

// WebDataset's wids index of a shard dataset: every shard of the config with
// its sample count, found by reading each shard through the core's shard
// reader (the same key rule the loader uses). `progress(done, total)` is
// called after each shard; a set `cancel` stops with Error(Cancelled).
// Throws Error(InvalidArgument) when the config is not a shard dataset.
std::string exportWids(const DatasetConfig &config, const StoreOptions &options,
                       const std::function<void(std::size_t done, std::size_t total)> &progress = {},
                       const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
