#pragma once

#include "core/storage/ais_types.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace shardscope {

// AIStore's highest-random-weight placement, as its clients compute it to
// find the target that owns an object without asking the proxy:
// owner = argmax over targets not in maintenance of mix(id_digest ^ xxh64(uname, seed 1103515245)),
// with uname = "ais/@#/<bucket>/<object>" for a bucket in the global namespace.
std::uint64_t aisNameDigest(std::string_view uname);
std::uint64_t aisHrwMix(std::uint64_t seed);
std::string aisUname(const std::string &bucket, const std::string &object);

// The owning target, or nullptr when the map has no usable target.
const AisNode *aisOwningTarget(const AisClusterMap &smap, const std::string &bucket, const std::string &object);

} // namespace shardscope
