#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace shardscope::cli {

class CliContext;

// Exit code of `lint --fail-on` when findings at that severity or worse were found.
constexpr int ExitFindings = 3;

// lint URL|CONFIG [--json] [--fail-on error|warning|info] [--workers N] ...
int runLint(CliContext &ctx, const QStringList &arguments);

// index URL|CONFIG --dali [--out-dir DIR | --put] [--verify]
// index --wids FILE|URL [--verify] [--json]
int runIndex(CliContext &ctx, const QStringList &arguments);

// A wids index from a file or a store object (URL), at most kMaxWidsIndexBytes; throws Error.
std::string readIndexText(CliContext &ctx, const QString &where);

} // namespace shardscope::cli
