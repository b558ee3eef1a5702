#include "core/health/lint_input.h"

#include "core/config/resolved_dataset.h"
#include "core/data/sources.h"
#include "core/util/error.h"
#include "core/util/strings.h"

namespace shardscope {

bool isShardName(const std::string &name)
{
    for (const char *ext : {".tar", ".tar.gz", ".tgz", ".tar.lz4", ".tar.zst", ".zip"})
        if (endsWith(name, ext))
            return true;
    return false;
}

LintInput lintInputFromUrl(const std::string &url, const StoreOptions &options)
{
    const StoreUrl parsed = parseStoreUrl(url);
    StoreLocation loc = openStore(parsed, options);
    if (loc.bucket.empty())
        throw Error(ErrorKind::InvalidArgument, "lint needs a bucket: " + shardscope::quoted(url));
    loc.path = unescapeName(loc.path);
    ObjectGroup group;
    if (loc.path.find('{') != std::string::npos) {
        group.kind = ObjectGroup::Kind::Template;
        group.braceTemplate = loc.path;
    } else {
        group.prefix = loc.path;
    }
    LintInput input;
    input.target = url;
    const std::string bucket = loc.bucket;
    input.sources.push_back({[parsed, options] { return openStore(parsed, options).store; }, bucket});
    for (auto &o : resolveGroup(*loc.store, bucket, group))
        if (!o.isDirectory && isShardName(o.name))
            input.shards.push_back({0, std::move(o.name), o.size});
    if (input.shards.empty())
        throw Error(ErrorKind::InvalidArgument,
                    "no shards (.tar, .tar.gz, .tgz, .tar.lz4, .tar.zst, .zip) at " +
                        shardscope::quoted(url));
    return input;
}

LintInput lintInputFromConfig(const DatasetConfig &config, const StoreOptions &baseOptions,
                              const std::string &origin)
{
    const StoreOptions options = storeOptionsFor(config, baseOptions);
    const ResolvedDataset data = resolveDataset(config, options);
    LintInput input;
    input.target = origin;
    for (const StoreUrl &u : data.sourceUrls) {
        StoreLocation loc = openStore(u, options, true);
        input.sources.push_back({[u, options] { return openStore(u, options, true).store; }, loc.bucket});
    }
    for (const auto &it : data.items)
        if (!it.object.isDirectory && isShardName(it.object.name))
            input.shards.push_back({it.source, it.object.name, it.object.size});
    if (input.shards.empty())
        throw Error(ErrorKind::InvalidArgument, origin + ": the dataset config reads no shards");
    return input;
}

} // namespace shardscope
