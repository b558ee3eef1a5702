#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// plan CONFIG|URL [--world-size N] [--workers W] [--even-ranks] [--shuffle] [--seed S]
//      [--wids FILE | --samples-per-shard N] [--buffer N] [--batch N] [--json]
int runPlan(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
