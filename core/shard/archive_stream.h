#pragma once

#include "core/shard/archive_reader.h"
#include "core/storage/http_client.h"
#include "core/storage/store.h"

#include <atomic>
#include <functional>
#include <string>

namespace shardscope {

// Reads an archive that arrives pushed (an HTTP download writing into a sink)
// with a pull-style ArchiveReader: `produce` runs on a helper thread and
// writes into a bounded pipe; `consume` reads the archive on the calling
// thread. When `consume` returns or throws, the download is stopped and the
// helper joined. A producer error is rethrown to the consumer as it is.
void streamArchive(const std::function<void(const BodySink &)> &produce, const std::string &description,
                   const std::function<void(ArchiveReader &)> &consume);

// The same for an archive kept as an object: `object` of `bucket` in
// `store`, read with a GET that stops at `cancel`.
void streamStoredArchive(Store &store, const std::string &bucket, const std::string &object,
                         const std::atomic<bool> *cancel, const std::string &description,
                         const std::function<void(ArchiveReader &)> &consume);

} // namespace shardscope
