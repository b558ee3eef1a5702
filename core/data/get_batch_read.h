#pragma once

// One GetBatch request read to the end and checked against what was asked:
// whole objects and shard members, streamed (a TAR as it is assembled) or
// multipart (metadata + TAR). The answer must hold exactly the entries asked
// for, in request order; anything else (a name not asked for, a TAR that
// ends early, metadata that lists fewer entries or other ones, more entries
// than asked for) is an Error(Protocol) naming the bucket, the object or
// shard and the member.

#include "core/storage/ais_batch.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace shardscope {

class AisClient;

struct GetBatchEntryResult
{
    std::size_t index = 0; // position in the request
    bool missing = false;  // the cluster reported it missing (continue-on-error)
    std::string bytes;     // delivered bytes; empty when missing
    std::string reason;    // missing: why, as the cluster said (multipart mode), else empty
};

struct GetBatchReadOptions
{
    bool streaming = true; // false: multipart (the cluster's per-entry errors, archive held in memory)
    const std::atomic<bool> *cancel = nullptr;
};

// Reads the answer to one GetBatch request for `entries` of `bucket` and
// calls `deliver` once per entry, in request order; `deliver` returning false
// stops reading (nothing more is delivered). `description` names the request
// in errors.
void readGetBatch(AisClient &client, const std::string &bucket, const std::vector<AisBatchEntry> &entries,
                  const GetBatchReadOptions &options, const std::string &description,
                  const std::function<bool(GetBatchEntryResult &&)> &deliver);

// A loader unit that names a shard member, "<shard>/<member>", as a GetBatch
// entry: the shard is the name up to the first path component that is an
// archive name (isArchiveName: .tar, .tgz, .tar.gz, ...), the member the rest.
// Throws Error(InvalidArgument) naming the unit when there is no such
// component or nothing after it.
AisBatchEntry shardMemberEntry(const std::string &unit);

// Every member of every shard under `prefix` of an ais:// bucket, as units
// "<shard>/<member>" in listing order, from one listing of the shards'
// contents (list-objects with ArchDir), not one listing per shard. A shard
// whose members such a unit cannot name (a directory above it named like an
// archive, "x.tar/s.tar") is an Error(InvalidArgument) naming it.
std::vector<std::string> listShardMemberUnits(AisClient &client, const std::string &bucket,
                                              const std::string &prefix);

} // namespace shardscope
