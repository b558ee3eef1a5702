#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace shardscope {

// Which items of a listing a distributed rank reads: item i (in listing or
// shuffled order) belongs to rank i % worldSize, so every item is read by
// exactly one rank. With `evenRanks` the tail that would give some ranks one
// item more is left out, so all ranks see the same count (and the same number
// of batches: distributed training cannot hang on a missing batch).
struct RankPartition
{
    std::size_t rank = 0;
    std::size_t worldSize = 1;
    bool evenRanks = false;
};

// Throws Error(InvalidArgument) unless 0 <= rank < worldSize.
void validate(const RankPartition &p);

// The positions (into `order`) this rank reads, in order.
std::vector<std::size_t> rankItems(const std::vector<std::size_t> &order, const RankPartition &p);

} // namespace shardscope
