#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// Exit code of `lint --fail-on` when findings at that severity or worse were found.
constexpr int ExitFindings = 3;

// lint URL|CONFIG [--json] [--fail-on error|warning|info] [--workers N] ...
int runLint(CliContext &ctx, const QStringList &arguments);

// index URL|CONFIG --dali [--out-dir DIR | --put] [--verify]
// index --wids FILE|URL [--verify] [--json]
int runIndex(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
