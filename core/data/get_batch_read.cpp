#include "core/data/get_batch_read.h"

#include "core/shard/archive_stream.h"
#include "core/storage/ais_client.h"
#include "core/storage/store.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <cstring>
#include <unordered_set>

namespace shardscope {

void readGetBatch(AisClient &client, const std::string &bucket, const std::vector<AisBatchEntry> &requested,
                  const GetBatchReadOptions &options, const std::string &description,
                  const std::function<bool(GetBatchEntryResult &&)> &deliver)
{
    // As they are sent (a leading '/' of a member dropped), so that names compare.
    const std::vector<AisBatchEntry> entries = checkedAisBatchEntries(bucket, requested);
    std::vector<AisClient::BatchEntryInfo>
        meta; // multipart mode: per-entry sizes and errors from the cluster
    std::size_t pos = 0;
    bool stopped = false;
    const auto consume = [&](ArchiveReader &reader) {
        ArchiveEntry e;
        while (reader.next(e)) {
            if (e.type != ArchiveEntry::Type::File)
                continue;
            if (pos >= entries.size())
                throw Error(ErrorKind::Protocol, description + ": more entries than the " +
                                                     std::to_string(entries.size()) + " asked for (" +
                                                     shardscope::quoted(e.name) + ")");
            const AisBatchEntry &want = entries[pos];
            const AisBatchMatch match = matchAisBatchEntry(want, e.name);
            if (match == AisBatchMatch::Unexpected)
                throw Error(ErrorKind::Protocol, description + ": entry " + std::to_string(pos) + " is " +
                                                     shardscope::quoted(e.name) + ", expected " +
                                                     describeAisBatchEntry(bucket, want));
            GetBatchEntryResult r;
            r.index = pos;
            r.missing = match == AisBatchMatch::Missing;
            r.bytes = reader.readData();
            if (r.missing) {
                r.bytes.clear(); // zero-length by AIStore's convention; never delivered as data
                if (pos < meta.size())
                    r.reason = meta[pos].error;
            } else if (pos < meta.size() && meta[pos].size != r.bytes.size()) {
                throw Error(ErrorKind::Protocol, description + ": " + describeAisBatchEntry(bucket, want) +
                                                     " has " + std::to_string(r.bytes.size()) +
                                                     " bytes, the metadata says " +
                                                     std::to_string(meta[pos].size));
            }
            ++pos;
            if (!deliver(std::move(r))) {
                stopped = true;
                return;
            }
        }
    };
    AisBatchOptions o;
    o.cancel = options.cancel;
    if (options.streaming) {
        streamArchive([&](const BodySink &sink) { client.getBatch(bucket, entries, o, sink); }, description,
                      consume);
    } else {
        AisClient::MultipartBatch mp = client.getBatchMultipart(bucket, entries, o);
        meta = std::move(mp.entries);
        std::size_t offset = 0;
        ArchiveReader reader(
            [&](char *buf, std::size_t n) {
                const std::size_t k = std::min(n, mp.archive.size() - offset);
                std::memcpy(buf, mp.archive.data() + offset, k);
                offset += k;
                return k;
            },
            description);
        consume(reader);
    }
    if (!stopped && pos != entries.size())
        throw Error(ErrorKind::Protocol, description + ": the answer has " + std::to_string(pos) + " of " +
                                             std::to_string(entries.size()) +
                                             " entries (truncated?); first missing: " +
                                             describeAisBatchEntry(bucket, entries[pos]));
}

AisBatchEntry shardMemberEntry(const std::string &unit)
{
    std::size_t start = 0;
    while (start < unit.size()) {
        const std::size_t slash = unit.find('/', start);
        if (slash == std::string::npos)
            break;
        if (isArchiveName(std::string_view(unit).substr(start, slash - start))) {
            if (slash + 1 == unit.size())
                break;
            return {unit.substr(0, slash), unit.substr(slash + 1), {}};
        }
        start = slash + 1;
    }
    throw Error(ErrorKind::InvalidArgument,
                shardscope::quoted(unit) +
                    " does not name a shard member (<shard>.tar/<member>, or .tgz, .tar.gz, .zip, ...)");
}

std::vector<std::string> listShardMemberUnits(AisClient &client, const std::string &bucket,
                                              const std::string &prefix)
{
    std::vector<std::string> units;
    AisListRequest req;
    req.prefix = prefix;
    req.flags = AisLsArchDir;
    ContinuationTokens tokens;
    // Shards seen so far: a shard sorts before its members (its name is their
    // prefix), though not always right before them ("s.tar.gz" sorts between
    // "s.tar" and "s.tar/m").
    std::unordered_set<std::string> shards;
    do {
        AisListPage page = client.listObjectsPage(bucket, req);
        tokens.check(page.continuationToken, "list the shard members of ais://" + bucket + "/" + prefix);
        for (auto &e : page.entries) {
            if (e.flags & 512u) { // a shard
                shards.insert(e.name);
                continue;
            }
            if ((e.flags & 128u) == 0) // not a member of one
                continue;
            std::string shard;
            try {
                shard = shardMemberEntry(e.name).object;
            } catch (const Error &) {
            }
            if (!shards.count(shard)) {
                // The listed shard whose member this is, for the message.
                std::string owner;
                for (const auto &s : shards)
                    if (s.size() > owner.size() && startsWith(e.name, s + "/"))
                        owner = s;
                throw Error(ErrorKind::InvalidArgument,
                            "ais://" + bucket + "/" + escapeName(owner.empty() ? e.name : owner) +
                                ": its members cannot be read as get-batch units \"<shard>/<member>\" (a "
                                "directory above the shard is named like an archive)");
            }
            units.push_back(std::move(e.name));
        }
        req.uuid = page.uuid;
        req.continuationToken = page.continuationToken;
    } while (!req.continuationToken.empty());
    return units;
}

} // namespace shardscope
