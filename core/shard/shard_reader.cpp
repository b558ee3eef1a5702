#include "core/shard/shard_reader.h"

#include "core/shard/archive_stream.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace shardscope {

namespace {
// What the SDK rule counts for a pending sample and a member besides their
// bytes, so that a shard of many tiny members is bounded too.
constexpr std::uint64_t kSampleOverhead = 128;
constexpr std::uint64_t kMemberOverhead = 64;
constexpr std::size_t kMaxSeenKeys = 1u << 18;
} // namespace

const std::string *Sample::member(const std::string &ext) const
{
    for (const auto &[e, bytes] : members)
        if (e == ext)
            return &bytes;
    return nullptr;
}

std::uint64_t Sample::bytes() const
{
    std::uint64_t n = 0;
    for (const auto &m : members)
        n += m.second.size();
    return n;
}

ShardReader::ShardReader(Store &store, std::string bucket, ShardReadOptions options)
    : m_store(store), m_bucket(std::move(bucket)), m_options(options)
{
}

bool ShardReader::read(const std::string &shard, const SampleSink &sink, const ProblemSink &problems,
                       const std::atomic<bool> *cancel)
{
    ++m_counters.shards;
    const std::string where = m_store.url(m_bucket, shard);
    std::string currentMember;
    Sample current;
    current.shard = shard;
    std::map<std::string, std::size_t> byKey; // SDK rule: key -> index in pending
    std::vector<Sample> pending;
    std::uint64_t currentBytes = 0; // of the sample being assembled
    std::uint64_t heldBytes = 0;    // SDK rule: of every pending sample
    // WebDataset rule: hashes of the keys already closed, for the repeatedKeys
    // count; bounded, so a shard of millions of tiny samples is not held here.
    std::unordered_set<std::size_t> seenKeys;

    auto emit = [&](Sample &&s) -> bool {
        ++m_counters.samples;
        return sink(std::move(s));
    };
    try {
        bool keepGoing = true;
        streamStoredArchive(m_store, m_bucket, shard, cancel, where, [&](ArchiveReader &reader) {
            ArchiveEntry e;
            while (reader.next(e)) {
                if (cancel && cancel->load())
                    throw Error(ErrorKind::Cancelled, "read " + where + ": cancelled");
                currentMember = e.name;
                if (e.type != ArchiveEntry::Type::File) {
                    ++m_counters.otherEntries;
                    continue;
                }
                const MemberKey mk = splitMemberName(e.name, m_options.rule);
                if (!mk.valid) {
                    ++m_counters.membersWithoutKey;
                    continue;
                }
                ++m_counters.members;
                if (m_options.rule == KeyRule::WebDataset) {
                    if (!current.members.empty() && mk.key != current.key) {
                        currentBytes = 0;
                        if (seenKeys.size() < kMaxSeenKeys)
                            seenKeys.insert(std::hash<std::string>()(current.key));
                        if (!emit(std::move(current))) {
                            keepGoing = false;
                            return;
                        }
                        current = Sample();
                        current.shard = shard;
                    }
                    if (current.members.empty()) {
                        current.key = mk.key;
                        if (seenKeys.count(std::hash<std::string>()(mk.key)))
                            ++m_counters.repeatedKeys;
                    }
                    // The cap holds while the member streams: never more than
                    // maxSampleBytes of a sample are in memory.
                    current.members.emplace_back(mk.ext, std::string());
                    reader.readData(current.members.back().second, m_options.maxSampleBytes - currentBytes,
                                    [&] {
                                        return where + ": sample " + quoted(current.key) +
                                               " is larger than " + humanBytes(m_options.maxSampleBytes);
                                    });
                    currentBytes += current.members.back().second.size();
                } else {
                    // The SDK rule merges members of a key from anywhere in the
                    // shard, so it holds the shard's samples until its end: that
                    // is bounded by maxSdkShardBytes (bytes plus bookkeeping).
                    auto it = byKey.find(mk.key);
                    if (it == byKey.end()) {
                        heldBytes += kSampleOverhead + 2 * mk.key.size();
                        it = byKey.emplace(mk.key, pending.size()).first;
                        pending.emplace_back();
                        pending.back().shard = shard;
                        pending.back().key = mk.key;
                    }
                    heldBytes += kMemberOverhead + mk.ext.size();
                    auto tooLarge = [&] {
                        return where +
                               ": the sdk key rule holds a whole shard's samples until its end, and this "
                               "shard's are larger than " +
                               humanBytes(m_options.maxSdkShardBytes) +
                               "; read it with the webdataset key rule";
                    };
                    if (heldBytes > m_options.maxSdkShardBytes)
                        throw Error(ErrorKind::Protocol, tooLarge());
                    std::string bytes;
                    const std::uint64_t room =
                        std::min(m_options.maxSdkShardBytes - heldBytes, m_options.maxSampleBytes);
                    reader.readData(bytes, room, [&] {
                        return room < m_options.maxSampleBytes
                                   ? tooLarge()
                                   : where + ": member " + quoted(e.name) + " is larger than " +
                                         humanBytes(m_options.maxSampleBytes);
                    });
                    heldBytes += bytes.size();
                    auto &members = pending[it->second].members;
                    bool replaced =
                        false; // a later member with the same extension overwrites (as the SDK does)
                    for (auto &m : members)
                        if (m.first == mk.ext) {
                            heldBytes -= m.second.size();
                            m.second = std::move(bytes);
                            replaced = true;
                        }
                    if (!replaced)
                        members.emplace_back(mk.ext, std::move(bytes));
                }
            }
            currentMember.clear();
            if (m_options.rule == KeyRule::WebDataset) {
                if (!current.members.empty() && !emit(std::move(current)))
                    keepGoing = false;
            } else {
                for (Sample &s : pending)
                    if (!emit(std::move(s))) {
                        keepGoing = false;
                        return;
                    }
            }
        });
        return keepGoing;
    } catch (const Error &err) {
        if (err.kind() == ErrorKind::Cancelled)
            throw;
        std::string message = err.what();
        if (!currentMember.empty() && message.find(quoted(currentMember)) == std::string::npos)
            message += " (in member " + quoted(currentMember) + ")";
        if (message.find(where) == std::string::npos)
            message = where + ": " + message;
        if (m_options.onError == ErrorPolicy::Stop)
            throw Error(err.kind(), message, err.httpStatus());
        ++m_counters.shardsWithErrors;
        if (problems)
            problems({shard, currentMember, message});
        return true;
    }
}

} // namespace shardscope
