#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// shardscope-cli ls URL [--json]: the buckets of a cluster or the objects of a bucket.
int runLs(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
