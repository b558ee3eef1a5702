#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// export CONFIG --format json|python [-o FILE]
int runExport(CliContext &ctx, const QStringList &arguments);

// A dataset config given where a URL is expected: a path ending in .json.
bool isConfigArgument(const QString &argument);

} // namespace shardscope::cli
