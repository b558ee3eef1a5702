#include "core/config/export_wids.h"

#include "core/config/export_cpp.h"
#include "core/config/resolved_dataset.h"
#include "core/shard/shard_reader.h"
#include "core/util/error.h"

namespace shardscope {

std::string exportWids(const DatasetConfig &config, const StoreOptions &baseOptions,
                       const std::function<void(std::size_t, std::size_t)> &progress, const std::atomic<bool> *cancel)
{
    validateDatasetConfig(config);
    if (config.kind != DatasetConfig::Kind::Shard)
        throw Error(ErrorKind::InvalidArgument,
                    "wids describes shard datasets; this config's kind is " + kindName(config.kind));
    const StoreOptions options = storeOptionsFor(config, baseOptions);
    const ResolvedDataset data = resolveDataset(config, options);
    ShardReadOptions so;
    so.rule = parseKeyRule(config.keyRule);
    std::vector<StoreLocation> stores; // one per source, reused for all its shards
    for (const auto &url : data.sourceUrls)
        stores.push_back(openStore(url, options, true));
    std::vector<WidsShard> shards;
    shards.reserve(data.items.size());
    for (const auto &it : data.items) {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "wids export cancelled");
        StoreLocation &loc = stores[it.source];
        ShardReader reader(*loc.store, loc.bucket, so);
        std::uint64_t n = 0;
        reader.read(it.object.name, [&n](Sample &&) { ++n; return true; }, {}, cancel);
        shards.push_back({loc.store->url(loc.bucket, it.object.name), n});
        if (progress)
            progress(shards.size(), data.items.size());
    }
    if (cancel && cancel->load())
        throw Error(ErrorKind::Cancelled, "wids export cancelled");
    return widsIndex(config.name, shards);
}

} // namespace shardscope
