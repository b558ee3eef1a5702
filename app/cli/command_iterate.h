#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// iterate URL --mode object|shard --workers W [--rank R --world-size N] [--limit K] [--json] ...
int runIterate(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
