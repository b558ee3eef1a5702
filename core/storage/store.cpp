#include "core/storage/store.h"

#include "core/util/error.h"

namespace shardscope {

std::vector<ObjectInfo> Store::listAll(const std::string &bucket, const ListRequest &request,
                                       const ListProgress &progress)
{
    std::vector<ObjectInfo> all;
    std::string token;
    ContinuationTokens tokens;
    do {
        ListPage page = listPage(bucket, request, token);
        tokens.check(page.continuationToken, "list " + url(bucket, request.prefix));
        all.insert(all.end(), std::make_move_iterator(page.entries.begin()),
                   std::make_move_iterator(page.entries.end()));
        token = std::move(page.continuationToken);
        if (progress && !progress(all.size()))
            throw Error(ErrorKind::Cancelled, "list " + url(bucket, request.prefix) + ": cancelled");
    } while (!token.empty());
    return all;
}

std::string Store::getBytes(const std::string &bucket, const std::string &object, const GetRequest &request)
{
    std::string out;
    get(bucket, object, request, [&out](const char *d, std::size_t n) {
        out.append(d, n);
        return true;
    });
    return out;
}

void Store::putBytes(const std::string &bucket, const std::string &object, std::string_view data)
{
    put(bucket, object, UploadSource::fromMemory(data));
}

} // namespace shardscope

#include "core/shard/archive_stream.h"
#include "core/util/strings.h"

namespace shardscope {

void ContinuationTokens::check(const std::string &token, const std::string &operation)
{
    if (token.empty())
        return;
    if (!m_seen.insert(token).second)
        throw Error(ErrorKind::Protocol, operation + ": the server sent continuation token " +
                                             quoted(token.size() > 100 ? token.substr(0, 100) + "..." : token) +
                                             " again; the listing would never end");
}

bool archiveNameMatches(const std::string &stored, const std::string &wanted)
{
    auto strip = [](std::string_view s) {
        if (startsWith(s, "./"))
            s.remove_prefix(2);
        else if (startsWith(s, "/"))
            s.remove_prefix(1);
        return s;
    };
    return stored == wanted || strip(stored) == strip(wanted);
}

BodySink sliceSink(const ByteRange &range, const BodySink &sink, bool *done)
{
    auto pos = std::make_shared<std::uint64_t>(0);
    return [range, sink, pos, done](const char *d, std::size_t n) -> bool {
        const std::uint64_t start = *pos, end = *pos + n; // [start, end)
        *pos = end;
        const std::uint64_t lo = std::max(start, range.first);
        const std::uint64_t hi = range.last ? std::min(end, *range.last + 1) : end;
        if (lo < hi && !sink(d + (lo - start), static_cast<std::size_t>(hi - lo)))
            return false;
        if (range.last && end > *range.last) {
            if (done)
                *done = true;
            return false; // everything wanted has been delivered
        }
        return true;
    };
}

std::vector<ArchiveMember> Store::listArchiveByStreaming(const std::string &bucket, const std::string &object)
{
    std::vector<ArchiveMember> members;
    streamStoredArchive(*this, bucket, object, nullptr, url(bucket, object), [&](ArchiveReader &reader) {
        ArchiveEntry e;
        while (reader.next(e))
            if (e.type == ArchiveEntry::Type::File)
                members.push_back({e.name, e.size});
    });
    return members;
}

std::uint64_t Store::getMemberByStreaming(const std::string &bucket, const std::string &object,
                                          const std::string &member, const std::optional<ByteRange> &range,
                                          const BodySink &sink, const std::atomic<bool> *cancel)
{
    bool found = false;
    std::uint64_t delivered = 0;
    streamStoredArchive(*this, bucket, object, cancel, url(bucket, object), [&](ArchiveReader &reader) {
        ArchiveEntry e;
        while (reader.next(e)) {
            if (e.type != ArchiveEntry::Type::File || !archiveNameMatches(e.name, member))
                continue;
            found = true;
            if (range && e.size > 0 && range->first >= e.size)
                throw Error(ErrorKind::InvalidArgument, url(bucket, object) + " member " + quoted(member) +
                                                            ": range starts past its end (" +
                                                            std::to_string(e.size) + " bytes)");
            const BodySink counting = [&](const char *d, std::size_t n) {
                delivered += n;
                return sink(d, n);
            };
            bool done = false;
            try {
                reader.readData(range ? sliceSink(*range, counting, &done) : counting);
            } catch (const Error &err) {
                if (!(done && err.kind() == ErrorKind::Cancelled))
                    throw;
            }
            return;
        }
    });
    if (!found)
        throw Error(ErrorKind::ObjectNotFound, url(bucket, object) + ": no member " + quoted(member));
    return delivered;
}

} // namespace shardscope
