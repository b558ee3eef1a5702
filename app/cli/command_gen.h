#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// gen URL (--objects N --size S | --shards K --samples M [--ext ...] [--format ...]) [--workers W]
int runGen(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
