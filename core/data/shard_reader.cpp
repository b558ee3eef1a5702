#include "data/shard_reader.h"

#include "shard/archive_stream.h"
#include "util/error.h"
#include "util/strings.h"

#include <map>

namespace shardscope {

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
    std::map<std::string, bool> seenKeys; // WebDataset rule: keys already closed

    auto emit = [&](Sample &&s) -> bool {
        ++m_counters.samples;
        return sink(std::move(s));
    };
    try {
        bool keepGoing = true;
        streamArchive(
            [&](const BodySink &sink) {
                GetRequest req;
                req.cancel = cancel;
                m_store.get(m_bucket, shard, req, sink);
            },
            where, [&](ArchiveReader &reader) {
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
            std::string bytes = reader.readData();
            if (m_options.rule == KeyRule::WebDataset) {
                if (!current.members.empty() && mk.key != current.key) {
                    currentBytes = 0;
                    seenKeys[current.key] = true;
                    if (!emit(std::move(current))) {
                        keepGoing = false;
                        return;
                    }
                    current = Sample();
                    current.shard = shard;
                }
                if (current.members.empty()) {
                    current.key = mk.key;
                    if (seenKeys.count(mk.key))
                        ++m_counters.repeatedKeys;
                }
                currentBytes += bytes.size();
                current.members.emplace_back(mk.ext, std::move(bytes));
                if (currentBytes > m_options.maxSampleBytes)
                    throw Error(ErrorKind::Protocol, where + ": sample " + quoted(current.key) + " is larger than " +
                                                         humanBytes(m_options.maxSampleBytes));
            } else {
                auto it = byKey.find(mk.key);
                if (it == byKey.end()) {
                    it = byKey.emplace(mk.key, pending.size()).first;
                    pending.emplace_back();
                    pending.back().shard = shard;
                    pending.back().key = mk.key;
                }
                auto &members = pending[it->second].members;
                bool replaced = false; // a later member with the same extension overwrites (as the SDK does)
                for (auto &m : members)
                    if (m.first == mk.ext) {
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
