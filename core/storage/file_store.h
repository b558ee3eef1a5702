#pragma once

#include "core/storage/store.h"

#include <map>
#include <memory>
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
    // The last full listing, so that paging through it does not walk the tree again.
    struct Cached
    {
        std::string bucket, prefix;
        bool recursive = true;
        std::vector<ObjectInfo> entries;
    };
    std::unique_ptr<Cached> m_cache;
};

// Object names a file store accepts: relative, '/'-separated, no empty, "." or
// ".." component, no NUL. Throws Error(InvalidArgument) naming the problem.
void validateLocalObjectName(const std::string &name);

} // namespace shardscope
