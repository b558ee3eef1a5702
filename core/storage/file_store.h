#pragma once

#include "core/storage/store.h"

#include <map>
#include <memory>
#include <string_view>
#include <tuple>

namespace shardscope {

// Local directories as buckets. Two flavours:
//  - file://: a bucket is an absolute directory path ("/data/wds");
//  - local://: the embedded default store: buckets are the sub-directories of
//    one root (defaultLocalStoreRoot()), named like AIStore buckets.
// Object names are paths relative to the bucket directory with '/', listed
// sorted by name as AIStore lists them; symbolic links are not followed.
// Writes are atomic (temporary file + rename) and never leave the bucket.
class FileStore : public Store
{
public:
    static std::unique_ptr<FileStore> forFileUrls();                    // file://
    static std::unique_ptr<FileStore> forLocalRoot(std::string root);   // local://

    std::string scheme() const override { return m_local ? "local" : "file"; }
    std::string url(const std::string &bucket, const std::string &object = {}) const override;
    const std::string &root() const { return m_root; }
    std::string bucketPath(const std::string &bucket) const;

    std::vector<std::string> listBuckets() override;
    ListPage listPage(const std::string &bucket, const ListRequest &request, const std::string &token) override;
    std::vector<ArchiveMember> listArchive(const std::string &bucket, const std::string &object) override;
    ObjectInfo head(const std::string &bucket, const std::string &object) override;
    std::uint64_t get(const std::string &bucket, const std::string &object, const GetRequest &request,
                      const BodySink &sink) override;
    void put(const std::string &bucket, const std::string &object, const UploadSource &source) override;
    void createBucket(const std::string &bucket) override;
    void destroyBucket(const std::string &bucket) override;

private:
    FileStore(std::string root, bool local);
    std::string objectPath(const std::string &bucket, const std::string &object) const;
    void requireBucket(const std::string &bucket) const;

    std::string m_root; // "" for file://
    bool m_local;

public:
    // The last full listing, so that paging through it does not walk the tree
    // again; sorted by name. Compact (names in one arena, 24 bytes an entry)
    // and bounded: a tree of more than kMaxListed entries under the prefix is
    // refused, naming it, rather than filling memory.
    struct Listing
    {
        struct Entry
        {
            std::uint32_t offset = 0; // into names (at most kMaxListedNameBytes)
            std::uint32_t length = 0; // of the name; kDirectory set: a virtual directory
            std::uint64_t size = 0;
            std::int64_t mtime = 0; // seconds since 1970
        };
        static constexpr std::uint32_t kDirectory = 1u << 31;
        std::string bucket, prefix;
        bool recursive = true;
        std::string names;
        std::vector<Entry> entries;
        std::string_view name(const Entry &e) const
        {
            return {names.data() + e.offset, e.length & ~kDirectory};
        }
    };
    static constexpr std::size_t kMaxListed = 20'000'000;
    static constexpr std::size_t kMaxListedNameBytes = std::size_t(1) << 30;
    static_assert(kMaxListedNameBytes < Listing::kDirectory, "a name's offset and length fit their fields");
    static_assert(sizeof(Listing::Entry) == 24, "a listed entry is 24 bytes");
    void setMaxListed(std::size_t entries) { m_maxListed = entries; } // tests: a bound they can reach

private:
    std::unique_ptr<Listing> m_cache;
    std::size_t m_maxListed = kMaxListed;
};

// Object names a file store accepts: relative, '/'-separated, no empty, "." or
// ".." component, no NUL. Throws Error(InvalidArgument) naming the problem.
void validateLocalObjectName(const std::string &name);

} // namespace shardscope
