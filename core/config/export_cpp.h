#pragma once

#include "core/config/dataset_config.h"

#include <string>

namespace shardscope {

// A C++ program that reads the config's data with shardscope's own loader
// core and libtorch adapters (link it with shardscope::torch). The config is
// embedded; the endpoint comes from its environment variable at run time.
// `--names` prints what it reads as JSON lines ({"name"}, {"key"}, {"batch"}),
// like the exported Python script.
// Its first lines (comments and the kConfig string) are the only part that
// depends on the config; the program after them is the same for every config.
std::string exportCpp(const DatasetConfig &config);

// Quotes bytes as a C++ string literal ("..."): printable ASCII stays, the
// rest becomes escapes (octal for any byte), so the literal holds exactly
// `s` whatever the compiler's source and execution character sets.
std::string cppString(const std::string &s);
// The same split after each newline into adjacent literals, one per line,
// each line after the first starting with `indent`.
std::string cppStringLines(const std::string &s, const std::string &indent);

// WebDataset's wids shard index for a shard dataset: every shard with its
// sample count (counted by reading the shards), as JSON.
struct WidsShard
{
    std::string url;
    std::uint64_t samples = 0;
};
std::string widsIndex(const std::string &name, const std::vector<WidsShard> &shards);

} // namespace shardscope
