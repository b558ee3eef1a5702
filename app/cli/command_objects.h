#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

int runGet(CliContext &ctx, const QStringList &arguments); // get URL [-o FILE] [--range A-B] [--archpath P]
int runPut(CliContext &ctx, const QStringList &arguments); // put FILE URL
int runMb(CliContext &ctx, const QStringList &arguments);  // mb URL
int runRb(CliContext &ctx, const QStringList &arguments);  // rb URL

} // namespace shardscope::cli
