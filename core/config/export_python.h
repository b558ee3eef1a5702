#pragma once

#include "core/config/dataset_config.h"

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

// Quotes a string as a Python literal ("..."): the literal's value is exactly
// `s`. Backslashes, quotes, control characters, line separators and invisible
// format characters (U+2028, U+2029, U+200B-U+200F, U+202A-U+202E,
// U+2060-U+2069, U+FEFF) are escaped; other UTF-8 text stays as it is.
// Throws Error(InvalidArgument) when `s` is not UTF-8 (a Python str cannot hold it).
std::string pythonString(const std::string &s);
// The same as a triple-quoted literal (docstrings): newlines stay newlines.
std::string pythonBlockString(const std::string &s);

} // namespace shardscope
