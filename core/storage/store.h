#pragma once

#include "core/storage/http_client.h"

#include <atomic>
#include <memory>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace shardscope {

// One entry of a listing.
struct ObjectInfo
{
    std::string name;   // relative to the bucket ("dir/x.bin"); a virtual directory ends with '/'
    std::uint64_t size = 0;
    std::string checksum; // "type:value" where the store has one
    std::string version;
    std::string modified; // access (AIS) or modification (file, S3) time, as the store gives it
    bool isDirectory = false;
};

struct ListRequest
{
    std::string prefix;
    bool recursive = true;      // false: one level, with virtual directories ("dir/")
    std::uint32_t pageSize = 0; // 0: the store's default
    bool details = false;       // checksum, version, time (costs more on some stores)
    bool sizes = true;          // false: names only, sizes 0 (AIStore then reads no object metadata)
};

struct ListPage
{
    std::vector<ObjectInfo> entries; // sorted by name
    std::string continuationToken;   // empty: this was the last page
};

struct ArchiveMember
{
    std::string name; // path inside the archive
    std::uint64_t size = 0;
};

// Bytes [first, last] (inclusive); no `last` means to the end of the object.
struct ByteRange
{
    std::uint64_t first = 0;
    std::optional<std::uint64_t> last;
};

struct GetRequest
{
    std::optional<ByteRange> range;
    std::string archivePath; // a member of a tar / tar.gz / tar.lz4 / zip shard
    const std::atomic<bool> *cancel = nullptr;
};


// A place objects live: an AIStore cluster (ais://), an S3 endpoint (s3://) or
// local directories (file://). Buckets and object names are strings whose
// meaning the store defines (for file:// a bucket is a directory path).
// Every operation streams: nothing holds a whole object in memory unless the
// caller's sink does. Errors are shardscope::Error naming the operation and
// the object. A Store is not thread-safe: open one per thread.
class Store
{
public:
    virtual ~Store() = default;

    virtual std::string scheme() const = 0;
    // The URL of a bucket or object, for messages: "ais://b/o", "file:///d/o".
    virtual std::string url(const std::string &bucket, const std::string &object = {}) const = 0;

    virtual std::vector<std::string> listBuckets() = 0;
    virtual ListPage listPage(const std::string &bucket, const ListRequest &request, const std::string &token) = 0;
    virtual std::vector<ArchiveMember> listArchive(const std::string &bucket, const std::string &object) = 0;
    virtual ObjectInfo head(const std::string &bucket, const std::string &object) = 0;
    // Streams the object (or its range, or an archive member) into sink; returns the byte count.
    virtual std::uint64_t get(const std::string &bucket, const std::string &object, const GetRequest &request,
                              const BodySink &sink) = 0;
    virtual void put(const std::string &bucket, const std::string &object, const UploadSource &source) = 0;
    virtual void createBucket(const std::string &bucket) = 0;
    virtual void destroyBucket(const std::string &bucket) = 0;

    // Conveniences over the above.
    // Archive access by streaming the object through libarchive: used by stores
    // without server-side archive support (file://, s3://).
    std::vector<ArchiveMember> listArchiveByStreaming(const std::string &bucket, const std::string &object);
    std::uint64_t getMemberByStreaming(const std::string &bucket, const std::string &object,
                                       const std::string &member, const std::optional<ByteRange> &range,
                                       const BodySink &sink, const std::atomic<bool> *cancel);

    using ListProgress = std::function<bool(std::uint64_t entriesSoFar)>; // false: stop (Cancelled)
    std::vector<ObjectInfo> listAll(const std::string &bucket, const ListRequest &request,
                                    const ListProgress &progress = {});
    std::string getBytes(const std::string &bucket, const std::string &object, const GetRequest &request = {});
    void putBytes(const std::string &bucket, const std::string &object, std::string_view data);
};

} // namespace shardscope

namespace shardscope {

// True when an archive member's stored name is the one asked for: exactly, or
// after dropping one leading "/" or "./" (as AIStore compares archpath).
bool archiveNameMatches(const std::string &stored, const std::string &wanted);

// The continuation tokens of one listing: a server that sends one again
// would make the listing loop forever.
class ContinuationTokens
{
public:
    // Throws Error(Protocol) "<operation>: the server sent continuation token
    // "t" again ..." for a token seen before; "" (the end) is always fine.
    void check(const std::string &token, const std::string &operation);

private:
    std::unordered_set<std::string> m_seen;
};

// Passes on only bytes [range.first, range.last] of a stream to `sink`.
BodySink sliceSink(const ByteRange &range, const BodySink &sink, bool *done);

} // namespace shardscope
