#include "core/bench/bench_config.h"

#include "core/config/batch_tuning.h"
#include "core/config/resolved_dataset.h"
#include "core/data/sources.h"
#include "core/util/error.h"

#include <chrono>

namespace shardscope {

namespace {
using Clock = std::chrono::steady_clock;

std::function<std::unique_ptr<Store>()> storeOpener(const StoreUrl &url, StoreOptions options, bool viaProxy,
                                                    bool wholeBucket)
{
    options.aisDirectReads = !viaProxy && url.scheme == StoreUrl::Scheme::Ais;
    return [url, options, wholeBucket] { return openStore(url, options, wholeBucket).store; };
}
} // namespace

BenchSpec benchSpecForConfig(const DatasetConfig &config, const StoreOptions &base, bool viaProxy)
{
    if (config.sources.size() != 1)
        throw Error(ErrorKind::InvalidArgument, "a benchmark reads configs with one source (this one has " +
                                                    std::to_string(config.sources.size()) + ")");
    const StoreOptions options = storeOptionsFor(config, base);
    const auto t0 = Clock::now();
    const ResolvedDataset data = resolveDataset(config, options);
    BenchSpec spec;
    spec.listingSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    for (const auto &it : data.items)
        spec.names.push_back(it.object.name, it.object.size);
    spec.method = config.kind == DatasetConfig::Kind::Map        ? BenchMethod::Map
                  : config.kind == DatasetConfig::Kind::Shard    ? BenchMethod::Shard
                  : config.kind == DatasetConfig::Kind::GetBatch ? BenchMethod::GetBatch
                                                                 : BenchMethod::Iterable;
    spec.workers = config.workers;
    spec.getBatchSize = config.getBatchSize;
    if (config.sampler.batchSize > 0)
        spec.batchSize = config.sampler.batchSize;
    spec.shuffle = config.sampler.shuffle;
    spec.seed = config.sampler.seed;
    // A map dataset is read batch by batch as its sampler forms them.
    if (config.kind == DatasetConfig::Kind::Map &&
        config.sampler.kind != DatasetConfig::SamplerKind::Sequential &&
        !(config.sampler.kind == DatasetConfig::SamplerKind::Random && config.sampler.batchSize == 0))
        spec.batches = samplerBatches(spec.names.sizes(), config);
    spec.decode = !config.decoders.empty();
    const StoreUrl url = data.sourceUrls.front();
    spec.bucket = url.bucket;
    spec.storeScheme = url.schemeName();
    spec.openStore = storeOpener(url, options, viaProxy, true);
    return spec;
}

BenchSpec benchSpecForUrl(const std::string &text, const StoreOptions &options, BenchMethod method, int workers,
                          bool viaProxy)
{
    const StoreUrl url = parseStoreUrl(text);
    StoreLocation loc = openStore(url, options);
    if (loc.bucket.empty())
        throw Error(ErrorKind::InvalidUrl, text + ": name a bucket, as in ais://bucket[/prefix]");
    const ObjectGroup group = groupForPath(loc.path);
    BenchSpec spec;
    const auto t0 = Clock::now();
    if (group.kind == ObjectGroup::Kind::Prefix) {
        // Page by page into the packed names: no full listing entries held at once.
        ListRequest req;
        req.prefix = group.prefix;
        std::string token;
        do {
            ListPage page = loc.store->listPage(loc.bucket, req, token);
            for (auto &e : page.entries)
                if (!e.isDirectory)
                    spec.names.push_back(e.name, e.size);
            token = std::move(page.continuationToken);
        } while (!token.empty());
    } else {
        for (const auto &o : resolveGroup(*loc.store, loc.bucket, group))
            spec.names.push_back(o.name, o.size);
    }
    spec.listingSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    spec.method = method;
    spec.workers = workers;
    spec.bucket = loc.bucket;
    spec.storeScheme = url.schemeName();
    spec.openStore = storeOpener(url, options, viaProxy, false);
    return spec;
}

} // namespace shardscope
