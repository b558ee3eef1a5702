#pragma once

#include "core/storage/store.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// Where a member's bytes sit inside an uncompressed tar.
struct TarMemberLayout
{
    std::string name;
    std::uint64_t dataOffset = 0; // of its first data byte in the tar object
    std::uint64_t size = 0;
    bool regularFile = true;
};

// Streams an uncompressed tar shard once (bounded memory: names and numbers
// only) and gives every member's data offset, as DALI's and wids' indexes
// need: byte ranges of the object. A compressed or zip shard has no such
// offsets and is an Error(InvalidArgument) naming it; a truncated or corrupt
// one an Error(Protocol) naming it and the member.
std::vector<TarMemberLayout> tarLayout(Store &store, const std::string &bucket, const std::string &object,
                                       const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
