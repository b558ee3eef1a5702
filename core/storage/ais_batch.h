#pragma once

// The entries of an AIStore GetBatch request (apc.MossIn): whole objects or
// single members of shards, and the names the cluster gives them in its
// answer. shardscope always asks for entries named by object name (onob):
// an object is "<object>", a member "<shard>/<archpath>", and with
// continue-on-error a missing one comes back empty as "__404__/<that name>" -
// except a member of a missing shard that the assembling target owns, which
// comes back as "__404__/<shard>" (AIStore 5.0, xact/xs/moss.go).

#include <string>
#include <string_view>
#include <vector>

namespace shardscope {

struct AisBatchEntry
{
    std::string object;   // an object, or the shard that holds `archpath`
    std::string archpath; // a member of the shard; empty: the whole object
    std::string bucket;   // empty: the request's bucket

    bool operator==(const AisBatchEntry &o) const
    {
        return object == o.object && archpath == o.archpath && bucket == o.bucket;
    }
};

// Entries for whole objects of the request's bucket.
std::vector<AisBatchEntry> aisBatchEntries(const std::vector<std::string> &objects);

// The entry's name in the answer's archive: "<object>" or "<object>/<archpath>".
std::string aisBatchEntryName(const AisBatchEntry &entry);

// Where a user finds the entry, for messages: ais://bucket/object, or
// ais://bucket/shard member "archpath" (names are escaped).
std::string describeAisBatchEntry(const std::string &bucket, const AisBatchEntry &entry);

// What an entry of the answer is, against the request entry at its position.
enum class AisBatchMatch
{
    Delivered,
    Missing,
    Unexpected
};
AisBatchMatch matchAisBatchEntry(const AisBatchEntry &wanted, std::string_view nameInAnswer);

// Checks a request before it is sent: at least one entry, no empty object
// name, bucket names valid, no archpath ending in '/' (AIStore refuses those);
// throws Error(InvalidArgument) naming the entry. Returns the entries as they
// are sent: one leading '/' of an archpath dropped (AIStore finds the member
// either way, and names it without the slash only on some of its paths).
std::vector<AisBatchEntry> checkedAisBatchEntries(const std::string &bucket,
                                                  std::vector<AisBatchEntry> entries);

// The JSON body of a GetBatch request (apc.MossReq) for checked entries.
std::string aisBatchRequestBody(const std::vector<AisBatchEntry> &entries, bool continueOnError,
                                bool streaming);

} // namespace shardscope
