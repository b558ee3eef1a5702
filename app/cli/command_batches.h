#pragma once

#include <QStringList>

namespace shardscope::cli {

class CliContext;

// batches URL|--sizes-file F --max-batch-bytes N [--drop-last] [--allow-oversized] [--saturation F]
//         [--shuffle --seed S] [--strategy sdk|packed] [--window N] [--json] [--stats-only]
int runBatches(CliContext &ctx, const QStringList &arguments);

} // namespace shardscope::cli
