#pragma once

#include "core/storage/file_store.h"

#include <cstddef>
#include <string>

namespace shardscope {

// Adds the entries of the open directory `fd` (its names start with `rel`)
// under `prefix` to `out`: regular files, and in non-recursive mode the
// sub-directories as "name/". Every child is opened relative to its parent
// without following a link, so a link inside the bucket never leads out of
// it. Bounded: throws Error(InvalidArgument) when `out` would pass
// `maxEntries` entries or FileStore::kMaxListedNameBytes of names. `fd`
// stays open (the caller's).
void walkDirectory(int fd, const std::string &rel, bool recursive, const std::string &prefix,
                   std::size_t maxEntries, FileStore::Listing &out);

} // namespace shardscope
