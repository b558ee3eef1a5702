#pragma once

#include "config/dataset_config.h"

#include <string>

namespace shardscope {

// A runnable Python training-data script for a config, using AIStore's
// aistore.pytorch datasets (AISMapDataset + DynamicBatchSampler or PyTorch's
// samplers, AISIterDataset, AISShardReader, AISBatchIterDataset) and
// PyTorch's DataLoader with the config's workers and batch settings. It reads
// the endpoint from the config's environment variable. `--names` makes it
// print what it reads, one JSON object per line ({"name"}, {"key"} or
// {"batch": [names]}), so its reads can be checked against shardscope's.
// Throws Error(InvalidArgument) for what aistore.pytorch cannot express.
std::string exportPython(const DatasetConfig &config);

// Quotes a string as a Python literal.
std::string pythonString(const std::string &s);

} // namespace shardscope
