#include "storage/ais_client.h"

#include "storage/ais_errors.h"
#include "storage/store_url.h"
#include "util/error.h"
#include "util/strings.h"

#include <nlohmann/json.hpp>

namespace shardscope {
namespace {

const char kJson[] = "Content-Type: application/json";

std::string objName(const std::string &bucket, const std::string &object)
{
    return "ais://" + bucket + "/" + object;
}

void checkObjectName(const std::string &bucket, const std::string &object)
{
    if (object.empty())
        throw Error(ErrorKind::InvalidArgument, "ais://" + bucket + "/: the object name is empty");
}

} // namespace

AisClient::AisClient(AisOptions options) : m_options(std::move(options)), m_http(m_options.http)
{
    while (!m_options.endpoint.empty() && m_options.endpoint.back() == '/')
        m_options.endpoint.pop_back();
}

HttpRequest AisClient::request(const char *method, std::string url) const
{
    HttpRequest r;
    r.method = method;
    r.url = std::move(url);
    if (!m_options.token.empty())
        r.headers.push_back("Authorization: Bearer " + m_options.token);
    return r;
}

std::string AisClient::bucketUrl(const std::string &bucket) const
{
    validateBucketName(bucket);
    return m_options.endpoint + "/v1/buckets/" + bucket + "?provider=ais";
}

std::string AisClient::objectUrl(const std::string &bucket, const std::string &object) const
{
    validateBucketName(bucket);
    checkObjectName(bucket, object);
    return m_options.endpoint + "/v1/objects/" + bucket + "/" + percentEncode(object, true) + "?provider=ais";
}

void AisClient::checkHealth()
{
    const auto resp = m_http.perform(request("GET", m_options.endpoint + "/v1/health"));
    if (!resp.ok())
        throw aisError(resp, "health check of " + m_options.endpoint, AisTarget::Cluster);
}

bool AisClient::isReady()
{
    const auto resp = m_http.perform(request("GET", m_options.endpoint + "/v1/health?prr=true"));
    return resp.ok();
}

AisClusterMap AisClient::clusterMap()
{
    const auto resp = m_http.perform(request("GET", m_options.endpoint + "/v1/daemon?what=smap"));
    if (!resp.ok())
        throw aisError(resp, "cluster map of " + m_options.endpoint, AisTarget::Cluster);
    return parseClusterMap(resp.body);
}

std::vector<AisBucket> AisClient::listBuckets(const std::string &provider)
{
    std::string url = m_options.endpoint + "/v1/buckets";
    if (!provider.empty())
        url += "?provider=" + percentEncode(provider, false);
    auto r = request("GET", url);
    const std::string body = R"({"action":"list"})";
    r.headers.emplace_back(kJson);
    r.body = body;
    r.hasBody = true;
    const auto resp = m_http.perform(r);
    if (!resp.ok())
        throw aisError(resp, "list buckets at " + m_options.endpoint, AisTarget::Cluster);
    return parseBucketList(resp.body);
}

bool AisClient::bucketExists(const std::string &bucket)
{
    const auto resp = m_http.perform(request("HEAD", bucketUrl(bucket)));
    if (resp.ok())
        return true;
    if (resp.status == 404)
        return false;
    throw aisError(resp, "check bucket ais://" + bucket, AisTarget::Bucket);
}

void AisClient::createBucket(const std::string &bucket)
{
    auto r = request("POST", bucketUrl(bucket));
    const std::string body = R"({"action":"create-bck"})";
    r.headers.emplace_back(kJson);
    r.body = body;
    r.hasBody = true;
    const auto resp = m_http.perform(r);
    if (!resp.ok())
        throw aisError(resp, "create bucket ais://" + bucket, AisTarget::Bucket);
}

void AisClient::destroyBucket(const std::string &bucket)
{
    auto r = request("DELETE", bucketUrl(bucket));
    const std::string body = R"({"action":"destroy-bck"})";
    r.headers.emplace_back(kJson);
    r.body = body;
    r.hasBody = true;
    const auto resp = m_http.perform(r);
    if (!resp.ok())
        throw aisError(resp, "destroy bucket ais://" + bucket, AisTarget::Bucket);
}

AisListPage AisClient::listObjectsPage(const std::string &bucket, const std::string &prefix,
                                       const std::string &uuid, const std::string &continuationToken,
                                       std::uint32_t pageSize, const std::string &props)
{
    nlohmann::json value = {
        {"prefix", prefix},
        {"pagesize", pageSize},
        {"uuid", uuid},
        {"continuation_token", continuationToken},
        {"props", props},
        {"flags", "0"},
    };
    const std::string body = nlohmann::json{{"action", "list"}, {"value", value}}.dump();
    auto r = request("GET", bucketUrl(bucket));
    r.headers.emplace_back(kJson);
    r.body = body;
    r.hasBody = true;
    const auto resp = m_http.perform(r);
    if (!resp.ok())
        throw aisError(resp, "list objects of ais://" + bucket + (prefix.empty() ? "" : "/" + prefix),
                       AisTarget::Bucket);
    return parseListPage(resp.body);
}

std::vector<AisObjectEntry> AisClient::listObjects(const std::string &bucket, const std::string &prefix)
{
    std::vector<AisObjectEntry> all;
    std::string uuid, token;
    do {
        AisListPage page = listObjectsPage(bucket, prefix, uuid, token);
        all.insert(all.end(), std::make_move_iterator(page.entries.begin()),
                   std::make_move_iterator(page.entries.end()));
        uuid = page.uuid;
        token = page.continuationToken;
    } while (!token.empty());
    return all;
}

void AisClient::putObject(const std::string &bucket, const std::string &object, std::string_view data)
{
    auto r = request("PUT", objectUrl(bucket, object));
    r.headers.emplace_back("Content-Type: application/octet-stream");
    r.body = data;
    r.hasBody = true;
    const auto resp = m_http.perform(r);
    if (!resp.ok())
        throw aisError(resp, "put " + objName(bucket, object), AisTarget::Object);
}

std::string AisClient::getObject(const std::string &bucket, const std::string &object)
{
    std::string out;
    getObject(bucket, object, [&out](const char *d, std::size_t n) {
        out.append(d, n);
        return true;
    });
    return out;
}

std::uint64_t AisClient::getObject(const std::string &bucket, const std::string &object, const BodySink &sink)
{
    std::uint64_t delivered = 0;
    auto r = request("GET", objectUrl(bucket, object));
    r.sink = [&](const char *d, std::size_t n) {
        delivered += n;
        return sink(d, n);
    };
    const auto resp = m_http.perform(r);
    if (!resp.ok())
        throw aisError(resp, "get " + objName(bucket, object), AisTarget::Object);
    const std::string len = resp.header("content-length");
    if (!len.empty() && len.find_first_not_of("0123456789") == std::string::npos &&
        std::stoull(len) != delivered)
        throw Error(ErrorKind::Protocol, "get " + objName(bucket, object) + ": received " +
                                             std::to_string(delivered) + " of " + len + " bytes");
    return delivered;
}

} // namespace shardscope
