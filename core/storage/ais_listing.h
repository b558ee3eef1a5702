#pragma once

#include "core/storage/ais_types.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace shardscope {

// The media type AIStore answers list-objects with when asked for it (Accept),
// as its own CLI and SDKs do: about half the bytes of the JSON page and no
// number-as-string sizes.
inline constexpr const char kAisMsgpackType[] = "application/msgpack";

// The most entries one list-objects page may hold: ten times what AIStore sends
// (at most 10,000 for ais://, 5,000 for remote buckets). A page that says it
// holds more is refused before anything is allocated for it.
inline constexpr std::size_t kAisMaxPageEntries = 100000;

// Parses one list-objects page encoded as msgpack (AIStore's cmn.LsoRes: a map
// with UUID, ContinuationToken, Entries, Flags; each entry a map with n
// (name), s (size), cs (checksum), v (version), a (atime), f (flags), ...),
// streaming through the bytes without building a document. Unknown keys are
// skipped (nested at most 8 deep). Anything else - truncated, malformed,
// trailing bytes, a wrong type, a negative size, an entry without a name, more
// than kAisMaxPageEntries entries - throws Error(Protocol) whose message starts
// with `what` (e.g. "list objects of ais://b, page 3") and says what and where.
AisListPage parseListPageMsgpack(std::string_view body, const std::string &what);

} // namespace shardscope
