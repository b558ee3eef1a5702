#pragma once

#include "core/storage/store.h"

#include <cstdint>
#include <functional>
#include <string>

namespace shardscope {

// Called with the bytes written so far and the object's size (0 when unknown:
// a range or an archive member), at most about ten times a second.
using DownloadProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Writes an object, or the range or archive member `request` names, to the
// local file `path`, atomically (an abandoned or failed download leaves no
// partial file and keeps the previous one). Stops at request.cancel with
// Error(Cancelled). Returns the number of bytes written. Errors name the
// object and the path. The CLI's `get -o` and the GUI's Save As use it.
std::uint64_t downloadObject(Store &store, const std::string &bucket, const std::string &object,
                             const GetRequest &request, const std::string &path,
                             const DownloadProgress &progress = {});

} // namespace shardscope
