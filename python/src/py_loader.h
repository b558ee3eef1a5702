#pragma once

#include "py_sources.h"

#include <optional>
#include <vector>

namespace shardscope::py {

// What a shardscope.Loader is asked to do; unset fields come from the
// dataset config when there is one, else from iterate's defaults.
struct LoaderSpec
{
    std::optional<std::string> mode; // object | shard | get-batch
    std::optional<int> workers;
    std::size_t rank = 0, worldSize = 1;
    bool evenRanks = false;
    std::optional<bool> shuffle;
    std::optional<std::uint64_t> seed;
    std::uint64_t epoch = 0;
    bool ordered = false;
    std::optional<std::string> keyRule;
    std::string onError = "stop";
    std::optional<std::size_t> batchSize; // get-batch: objects per request
    bool multipart = false;
    std::size_t prefetch = 64;
    bool withShard = false;
};

// A shardscope.Loader over `sources` (all its items, or `indices` of them in that order).
nb::object newLoader(std::shared_ptr<Sources> sources, LoaderSpec spec, nb::handle state,
                     const std::optional<std::vector<std::size_t>> &indices);

} // namespace shardscope::py
