#include "core/storage/ais_hrw.h"

#include <xxhash.h>

namespace shardscope {

std::uint64_t aisNameDigest(std::string_view uname)
{
    return XXH64(uname.data(), uname.size(), 1103515245ull);
}

std::uint64_t aisHrwMix(std::uint64_t z)
{
    constexpr std::uint64_t golden = 0x9e3779b97f4a7c15ull;
    constexpr std::uint64_t c1 = 0xbf58476d1ce4e5b9ull;
    constexpr std::uint64_t c2 = 0x94d049bb133111ebull;
    z += golden;
    z = (z ^ (z >> 30)) * c1;
    z = (z ^ (z >> 27)) * c2;
    z = (z ^ (z >> 31)) + golden;
    z = (z ^ (z >> 30)) * c1;
    z = (z ^ (z >> 27)) * c2;
    z = (z ^ (z >> 31)) * 5;
    z = (z << 7) | (z >> 57);
    return z * 9;
}

std::string aisUname(const std::string &bucket, const std::string &object)
{
    return "ais/@#/" + bucket + "/" + object;
}

const AisNode *aisOwningTarget(const AisClusterMap &smap, const std::string &bucket, const std::string &object)
{
    const std::uint64_t digest = aisNameDigest(aisUname(bucket, object));
    const AisNode *best = nullptr;
    std::uint64_t bestScore = 0;
    for (const AisNode &t : smap.targets) {
        if (t.inMaintenance())
            continue;
        const std::uint64_t score = aisHrwMix(t.idDigest ^ digest);
        if (!best || score > bestScore) {
            best = &t;
            bestScore = score;
        }
    }
    return best;
}

} // namespace shardscope
