#pragma once

#include <cstdint>

namespace shardscope {

// SplitMix64: a fast, well-mixed 64-bit hash of x (Steele, Lea, Flood 2014).
// The one source of seeded randomness: shuffles, samplers and generated data
// use it, so the same seed gives the same order on every platform.
constexpr std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

} // namespace shardscope
