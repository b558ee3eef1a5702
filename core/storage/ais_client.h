#pragma once

#include "storage/ais_types.h"
#include "storage/http_client.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shardscope {

struct AisOptions
{
    std::string endpoint = "http://127.0.0.1:8080"; // proxy (gateway) URL, normalized
    std::string token;                                 // AuthN bearer token; never logged
    HttpOptions http;
};

// AIStore's native REST API (/v1). Object GETs are answered by the proxy with
// 301 and HEAD/PUT with 307 to the owning target; redirects are followed
// verbatim and a PUT body is sent again. Not thread-safe: one per thread
// (each holds one keep-alive connection pool).
class AisClient
{
public:
    explicit AisClient(AisOptions options);

    const std::string &endpoint() const noexcept { return m_options.endpoint; }

    // Liveness of the node behind the endpoint; throws when unreachable.
    void checkHealth();
    // Whether the cluster is up and ready (the primary's ?prr=true gate).
    bool isReady();
    AisClusterMap clusterMap();

    std::vector<AisBucket> listBuckets(const std::string &provider = "ais");
    bool bucketExists(const std::string &bucket);
    void createBucket(const std::string &bucket);
    void destroyBucket(const std::string &bucket);

    // One page of a listing; pass the returned uuid and token back for the next.
    AisListPage listObjectsPage(const std::string &bucket, const std::string &prefix,
                                const std::string &uuid, const std::string &continuationToken,
                                std::uint32_t pageSize = 0, const std::string &props = "name,size");
    // All pages.
    std::vector<AisObjectEntry> listObjects(const std::string &bucket, const std::string &prefix = "");

    void putObject(const std::string &bucket, const std::string &object, std::string_view data);
    std::string getObject(const std::string &bucket, const std::string &object);
    // Streams the object into `sink`; returns the number of bytes delivered.
    std::uint64_t getObject(const std::string &bucket, const std::string &object, const BodySink &sink);

private:
    std::string bucketUrl(const std::string &bucket) const;
    std::string objectUrl(const std::string &bucket, const std::string &object) const;
    HttpRequest request(const char *method, std::string url) const;

    AisOptions m_options;
    HttpClient m_http;
};

} // namespace shardscope
