#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// bench URL|CONFIG --mode baseline|map|object|shard|get-batch --workers W (--duration S | --epochs 1) [--json]
int runBench(CliContext &ctx, const QStringList &arguments);
// sweep URL|CONFIG --mode M --workers 1,2,4,8 (--duration S | --epochs 1) [--json|--csv]
int runSweepCommand(CliContext &ctx, const QStringList &arguments);
// compare URL|CONFIG [--shards URL] --modes baseline,map,object,get-batch --workers W (--duration S | --epochs 1) [--json]
int runCompare(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
