#include "core/config/resolved_dataset.h"

#include "core/util/error.h"

#include <cstdlib>

namespace shardscope {

StoreOptions storeOptionsFor(const DatasetConfig &config, StoreOptions base)
{
    if (!base.endpoint) {
        const char *v = std::getenv(config.endpointEnv.c_str());
        if (v && *v)
            base.endpoint = std::string(v);
        else if (config.endpointEnv != "AIS_ENDPOINT" && config.sources.front().provider == "ais")
            throw Error(ErrorKind::InvalidArgument,
                        "the config reads its endpoint from " + config.endpointEnv + ", which is not set");
    }
    return base;
}

ResolvedDataset resolveDataset(const DatasetConfig &config, const StoreOptions &options)
{
    ResolvedDataset r;
    r.config = config;
    for (std::size_t i = 0; i < config.sources.size(); ++i) {
        const auto &src = config.sources[i];
        const StoreUrl url = parseStoreUrl(sourceUrl(src));
        r.sourceUrls.push_back(url);
        StoreLocation loc = openStore(url, options);
        for (auto &o :
             applyPrefixMap(resolveGroup(*loc.store, loc.bucket, src.group), config.selectionFor(src.id)))
            r.items.push_back({i, std::move(o)});
    }
    return r;
}

} // namespace shardscope
