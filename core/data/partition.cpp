#include "core/data/partition.h"

#include "core/util/error.h"

namespace shardscope {

void validate(const RankPartition &p)
{
    if (p.worldSize == 0 || p.worldSize > 1000000)
        throw Error(ErrorKind::InvalidArgument, "the world size must be between 1 and 1000000");
    if (p.rank >= p.worldSize)
        throw Error(ErrorKind::InvalidArgument, "rank " + std::to_string(p.rank) + " is outside a world of " +
                                                    std::to_string(p.worldSize));
}

std::vector<std::size_t> rankItems(const std::vector<std::size_t> &order, const RankPartition &p)
{
    validate(p);
    const std::size_t usable = p.evenRanks ? order.size() - order.size() % p.worldSize : order.size();
    std::vector<std::size_t> out;
    out.reserve(usable / p.worldSize + 1);
    for (std::size_t i = p.rank; i < usable; i += p.worldSize)
        out.push_back(order[i]);
    return out;
}

} // namespace shardscope
