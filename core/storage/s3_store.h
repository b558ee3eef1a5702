#pragma once

#include "core/storage/http_client.h"
#include "core/storage/retry_policy.h"
#include "core/storage/store.h"
#include "core/util/error.h"

namespace shardscope {

struct S3Options
{
    std::string endpoint;  // e.g. "http://127.0.0.1:8080/s3" (AIStore) or "https://s3.example.com"
    std::string accessKey; // empty: unsigned requests
    std::string secretKey; // never logged
    std::string sessionToken;
    std::string region = "us-east-1";
    HttpOptions http;
    RetryPolicy retry;

    // From AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
    // AWS_SESSION_TOKEN and AWS_REGION / AWS_DEFAULT_REGION; `endpoint` wins
    // over AWS_ENDPOINT_URL when given.
    static S3Options fromEnvironment(const std::optional<std::string> &endpoint);
};

// s3://: the S3 API, path-style (endpoint/bucket/key), signed with AWS
// Signature V4 by libcurl. Works with AIStore's /s3 endpoint and any
// S3-compatible store. Archives are read by streaming them through libarchive.
class S3Store : public Store
{
public:
    explicit S3Store(S3Options options);

    std::string scheme() const override { return "s3"; }
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
    HttpRequest request(const char *method, const std::string &bucket, const std::string &object,
                        const std::string &query = {}) const;
    HttpResponse perform(HttpRequest &request, const std::string &operation);
    Error error(const HttpResponse &response, const std::string &operation, bool aboutObject) const;

    S3Options m_options;
    HttpClient m_http;
    bool m_everAnswered = false;
};

// Parses an answer to ListObjectsV2 (ListBucketResult XML) into a page, entries
// sorted by name; `what` names the listing in errors ("list objects of s3://b/p").
// Throws Error(Protocol). Exposed for tests and the fuzz targets.
ListPage parseS3ListPage(const std::string &xml, const std::string &what);

// Normalizes an S3 endpoint: http(s)://host[:port][/path], no query.
std::string normalizeS3Endpoint(std::string_view endpoint, std::string_view origin);

} // namespace shardscope
