#include "core/storage/ais_store.h"

#include "core/util/error.h"
#include "core/util/strings.h"

namespace shardscope {

AisStore::AisStore(AisOptions options) : m_client(std::move(options)) {}

std::string AisStore::url(const std::string &bucket, const std::string &object) const
{
    std::string u = "ais://" + bucket;
    if (!object.empty())
        u += "/" + object;
    return u;
}

std::vector<std::string> AisStore::listBuckets()
{
    std::vector<std::string> names;
    for (const auto &b : m_client.listBuckets("ais"))
        if (b.nsUuid.empty() && b.nsName.empty())
            names.push_back(b.name);
    return names;
}

ListPage AisStore::listPage(const std::string &bucket, const ListRequest &request, const std::string &token)
{
    AisListRequest req;
    req.prefix = request.prefix;
    req.pageSize = request.pageSize;
    req.continuationToken = token;
    req.uuid = token.empty() ? std::string() : m_listUuid;
    m_listPages = token.empty() ? 1 : m_listPages + 1;
    req.pageNumber = m_listPages;
    req.props = request.details ? "name,size,checksum,version,atime" : request.sizes ? "name,size" : "name";
    if (!request.recursive)
        req.flags |= AisLsNoRecursion;
    AisListPage page = m_client.listObjectsPage(bucket, req);
    m_listUuid = page.uuid;
    ListPage out;
    out.continuationToken = std::move(page.continuationToken);
    out.entries.reserve(page.entries.size());
    for (auto &e : page.entries) {
        ObjectInfo o;
        o.isDirectory = e.isDirectory();
        o.name = std::move(e.name);
        if (o.isDirectory && (o.name.empty() || o.name.back() != '/'))
            o.name += '/';
        o.size = e.size;
        o.checksum = std::move(e.checksum);
        o.version = std::move(e.version);
        o.modified = std::move(e.atime);
        out.entries.push_back(std::move(o));
    }
    return out;
}

std::vector<ArchiveMember> AisStore::listArchive(const std::string &bucket, const std::string &object)
{
    m_client.headObject(bucket, object); // a clear "not found" for the shard itself
    std::vector<ArchiveMember> members;
    AisListRequest req;
    req.prefix = object;
    req.flags = AisLsArchDir;
    const std::string inside = object + "/";
    ContinuationTokens tokens;
    do {
        ++req.pageNumber;
        AisListPage page = m_client.listObjectsPage(bucket, req);
        tokens.check(page.continuationToken, "list shard " + url(bucket, object));
        for (auto &e : page.entries) {
            if ((e.flags & 128u) == 0 || !startsWith(e.name, inside)) // 128: a file inside a shard
                continue;
            members.push_back({e.name.substr(inside.size()), e.size});
        }
        req.uuid = page.uuid;
        req.continuationToken = page.continuationToken;
    } while (!req.continuationToken.empty());
    return members;
}

ObjectInfo AisStore::head(const std::string &bucket, const std::string &object)
{
    AisObjectEntry e = m_client.headObject(bucket, object);
    ObjectInfo o;
    o.name = object;
    o.size = e.size;
    o.checksum = std::move(e.checksum);
    o.version = std::move(e.version);
    o.modified = std::move(e.atime);
    return o;
}

std::uint64_t AisStore::get(const std::string &bucket, const std::string &object, const GetRequest &request,
                            const BodySink &sink)
{
    AisGetOptions opts;
    opts.cancel = request.cancel;
    opts.archpath = request.archivePath;
    if (!request.archivePath.empty() && request.range) {
        // AIStore answers range + archpath with 416: read the member, keep the range.
        std::uint64_t delivered = 0;
        bool done = false;
        const BodySink counting = [&](const char *d, std::size_t n) {
            delivered += n;
            return sink(d, n);
        };
        try {
            m_client.getObject(bucket, object, opts, sliceSink(*request.range, counting, &done));
        } catch (const Error &e) {
            if (!(done && e.kind() == ErrorKind::Cancelled))
                throw;
        }
        return delivered;
    }
    if (request.range) {
        opts.first = request.range->first;
        opts.last = request.range->last;
    }
    return m_client.getObject(bucket, object, opts, sink);
}

void AisStore::put(const std::string &bucket, const std::string &object, const UploadSource &source)
{
    m_client.putObject(bucket, object, source);
}

void AisStore::createBucket(const std::string &bucket) { m_client.createBucket(bucket); }
void AisStore::destroyBucket(const std::string &bucket) { m_client.destroyBucket(bucket); }

} // namespace shardscope
