#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// bench URL --mode object --workers W (--duration S | --epochs 1) [--via-proxy] [--json]
int runBench(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
