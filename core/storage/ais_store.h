#pragma once

#include "core/storage/ais_client.h"
#include "core/storage/store.h"

namespace shardscope {

// ais://: AIStore's native API. Shard listing (ArchDir) and member reads
// (archpath) run on the cluster; a range inside a member is cut on the client
// because AIStore refuses range + archpath.
class AisStore : public Store
{
public:
    explicit AisStore(AisOptions options);

    AisClient &client() { return m_client; }

    std::string scheme() const override { return "ais"; }
    std::string url(const std::string &bucket, const std::string &object = {}) const override;

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
    AisClient m_client;
    std::string m_listUuid; // listing session of the paging in progress
    std::uint64_t m_listPages = 0; // pages of it asked for so far (for messages)
};

} // namespace shardscope
