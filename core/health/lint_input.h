#pragma once

#include "core/config/dataset_config.h"
#include "core/health/lint.h"
#include "core/storage/store_factory.h"

#include <string>

namespace shardscope {

// True for names shards are written under: .tar, .tar.gz, .tgz, .tar.lz4, .tar.zst, .zip.
bool isShardName(const std::string &name);

// The shards a URL names: every shard under a prefix, or a brace template
// ("ais://b/shard-{0000..0099}.tar"); other objects (a README, a config)
// are left out. The part after the bucket may be in escapeName()'s form.
// Throws Error naming the URL when nothing there is a shard.
LintInput lintInputFromUrl(const std::string &url, const StoreOptions &options);

// The shards a dataset config reads (its sources, split and groups), each
// source opened per worker. `origin` names the config in the report.
LintInput lintInputFromConfig(const DatasetConfig &config, const StoreOptions &options,
                              const std::string &origin);

} // namespace shardscope
