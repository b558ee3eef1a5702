#pragma once

#include "core/config/dataset_config.h"
#include "core/storage/store_factory.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shardscope {

// A config made concrete: the stores of its sources and the objects it reads,
// in the order AIStore's datasets would list them (source by source; per
// source, prefix by prefix of the chosen split, objects in listing or group order).
struct ResolvedDataset
{
    struct Item
    {
        std::size_t source = 0; // index into config.sources
        ObjectInfo object;
    };
    DatasetConfig config;
    std::vector<StoreUrl> sourceUrls;
    std::vector<Item> items;
};

// Store options for a config: the endpoint comes from the variable the config
// names (endpoint_env) unless `base.endpoint` is already set (--endpoint).
StoreOptions storeOptionsFor(const DatasetConfig &config, StoreOptions base);

ResolvedDataset resolveDataset(const DatasetConfig &config, const StoreOptions &options);

} // namespace shardscope
