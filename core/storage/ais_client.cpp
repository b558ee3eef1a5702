#include "core/storage/ais_client.h"

#include "core/storage/ais_errors.h"
#include "core/storage/ais_hrw.h"
#include "core/storage/ais_listing.h"
#include "core/storage/endpoint.h"
#include "core/storage/retrying_http.h"
#include "core/storage/store.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>


namespace shardscope {
namespace {

using Clock = std::chrono::steady_clock;
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

// "application/msgpack", maybe with parameters ("; charset=...").
bool isMsgpack(const std::string &contentType)
{
    return trim(toLower(contentType.substr(0, contentType.find(';')))) == kAisMsgpackType;
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

HttpResponse AisClient::performWithRetry(HttpRequest &r, const std::string &operation)
{
    return performWithRetries(m_http, r, m_options.retry, m_everAnswered, operation);
}

void AisClient::checkHealth()
{
    auto r = request("GET", m_options.endpoint + "/v1/health");
    const auto resp = m_http.perform(r); // no retries: a health check reports what is
    m_everAnswered = true;
    if (!resp.ok())
        throw aisError(resp, "health check of " + m_options.endpoint, AisTarget::Cluster);
}

bool AisClient::isReady()
{
    auto r = request("GET", m_options.endpoint + "/v1/health?prr=true");
    return m_http.perform(r).ok();
}

AisClusterMap AisClient::clusterMap()
{
    auto r = request("GET", m_options.endpoint + "/v1/daemon?what=smap");
    const auto resp = performWithRetry(r, "cluster map of " + m_options.endpoint);
    if (!resp.ok())
        throw aisError(resp, "cluster map of " + m_options.endpoint, AisTarget::Cluster);
    return parseClusterMap(resp.body);
}

std::string AisClient::softwareVersion()
{
    auto r = request("GET", m_options.endpoint + "/v1/daemon?what=software_version");
    const auto resp = performWithRetry(r, "software version of " + m_options.endpoint);
    if (!resp.ok())
        throw aisError(resp, "software version of " + m_options.endpoint, AisTarget::Cluster);
    // A JSON string: "5.0.v1.5.0".
    std::string v = resp.body;
    while (!v.empty() && (v.back() == '\n' || v.back() == ' '))
        v.pop_back();
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"')
        v = v.substr(1, v.size() - 2);
    return v;
}

std::string AisClient::nodeUrl(const AisNode &node) const
{
    const std::string what = "node " + node.id + " has an unusable URL in the cluster map";
    std::string url;
    try {
        url = normalizeEndpoint(node.publicNet.url, "the cluster map");
    } catch (const Error &e) {
        throw Error(ErrorKind::InvalidUrl, what + ": " + e.what());
    }
    if (startsWith(m_options.endpoint, "https://") && !startsWith(url, "https://"))
        throw Error(ErrorKind::InvalidUrl, what + ": " + url + " would downgrade https to http");
    return url;
}

void AisClient::restrictRedirects(HttpRequest &r)
{
    if (m_options.token.empty())
        return; // no credentials to protect: redirects are followed anywhere (http/https only)
    if (!m_smap) {
        try {
            m_smap = clusterMap();
        } catch (const Error &) {
            m_smap = AisClusterMap{}; // no map: redirects to any host but the endpoint fail
        }
    }
    r.redirectOnlyToTrusted = true;
    r.trustedName = "a node of the cluster map";
    if (!m_smap)
        return;
    for (const auto *group : {&m_smap->proxies, &m_smap->targets})
        for (const AisNode &n : *group) {
            try {
                r.trustedOrigins.push_back(urlOrigin(nodeUrl(n)));
            } catch (const Error &) {
                // an unusable URL is trusted with nothing
            }
        }
}

AisNodeHealth AisClient::nodeHealth(const AisNode &node)
{
    AisNodeHealth h;
    if (node.publicNet.url.empty()) {
        h.error = "the node has no public URL in the cluster map";
        return h;
    }
    try {
        auto r = request("GET", nodeUrl(node) + "/v1/health?readiness=true");
        const HttpResponse resp = m_http.perform(r);
        h.alive = true;
        h.ready = resp.ok();
        h.uptimeNs = parseDecimalU64(resp.header("ais-node-uptime")).value_or(0);
        if (!h.ready)
            h.error = aisError(resp, "health of " + node.id, AisTarget::Cluster).what();
    } catch (const Error &e) {
        h.error = e.what();
    }
    return h;
}

std::string AisClient::nodeDaemonJson(const std::string &nodeId, const std::string &what)
{
    const std::string operation = what + " of node " + shardscope::quoted(nodeId);
    if (nodeId.empty() || nodeId.find_first_of("\r\n") != std::string::npos)
        throw Error(ErrorKind::InvalidArgument, operation + ": not a node id");
    auto r = request("GET", m_options.endpoint + "/v1/reverse/daemon?what=" + percentEncode(what, false));
    r.headers.push_back("Ais-Node-Id: " + nodeId);
    r.maxBodyBytes = std::size_t(16) << 20; // a node's status is a few KiB
    HttpResponse resp;
    try {
        resp = m_http.perform(r);
    } catch (const Error &e) {
        throw Error(e.kind(), operation + ": " + e.what(), e.httpStatus());
    }
    if (!resp.ok())
        throw aisError(resp, operation, AisTarget::Cluster);
    return resp.body;
}

AisBucketSummary AisClient::bucketSummary(const std::string &bucket, const std::atomic<bool> *cancel,
                                          const std::function<void()> &polled)
{
    validateBucketName(bucket);
    const std::string operation = "summary of ais://" + bucket;
    std::string uuid;
    auto ask = [&] {
        auto r = request("GET", bucketUrl(bucket));
        r.headers.emplace_back(kJson);
        const std::string body =
            nlohmann::json{{"action", "summary-bck"},
                           {"value", {{"uuid", uuid}, {"prefix", ""}, {"cached", true}, {"present", true}}}}
                .dump();
        r.body = body;
        r.hasBody = true;
        r.cancel = cancel;
        const HttpResponse resp = performWithRetry(r, operation);
        if (!resp.ok() && resp.status != 202 && resp.status != 206)
            throw aisError(resp, operation, AisTarget::Bucket);
        return resp;
    };
    HttpResponse resp = ask();
    if (resp.status != 202)
        throw Error(ErrorKind::Protocol,
                    operation + ": expected 202 with a job id, got HTTP " + std::to_string(resp.status));
    uuid = trim(resp.body);
    if (uuid.size() >= 2 && uuid.front() == '"' && uuid.back() == '"')
        uuid = uuid.substr(1, uuid.size() - 2);
    if (uuid.empty() || uuid.size() > 128)
        throw Error(ErrorKind::Protocol, operation + ": no job id in the answer");
    auto wait = std::chrono::milliseconds(100);
    for (int polls = 0;; ++polls) {
        if (!sleepUnlessCancelled(wait, cancel))
            throw Error(ErrorKind::Cancelled, operation + ": cancelled");
        resp = ask();
        if (resp.status == 200)
            return parseBucketSummary(resp.body);
        if (polled)
            polled();
        if (polls > 3000)
            throw Error(ErrorKind::Timeout,
                        operation + ": not done after " + std::to_string(polls) + " polls");
        wait = std::min<std::chrono::milliseconds>(std::chrono::milliseconds(2000), wait * 3 / 2);
    }
}

bool AisClient::rebalanceRunning()
{
    auto r = request("GET", m_options.endpoint + "/v1/cluster?what=running_all");
    r.headers.emplace_back(kJson);
    r.body = R"({"kind":"rebalance"})";
    r.hasBody = true;
    const auto resp = performWithRetry(r, "running rebalance of " + m_options.endpoint);
    if (!resp.ok())
        throw aisError(resp, "running rebalance of " + m_options.endpoint, AisTarget::Cluster);
    try {
        const auto j = nlohmann::json::parse(resp.body);
        return j.is_array() && !j.empty();
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorKind::Protocol, "running rebalance of " + m_options.endpoint + ": " + e.what());
    }
}

bool AisClient::rebalanceRunningNoThrow()
{
    try {
        return rebalanceRunning();
    } catch (const Error &) {
        return false;
    }
}

void AisClient::setMaintenance(const std::string &nodeId, bool on)
{
    const std::string action = on ? "start-maintenance" : "stop-maintenance";
    auto r = request("PUT", m_options.endpoint + "/v1/cluster");
    r.headers.emplace_back(kJson);
    const std::string body =
        nlohmann::json{{"action", action}, {"value", {{"sid", nodeId}, {"skip_rebalance", false}}}}.dump();
    r.body = body;
    r.hasBody = true;
    const std::string operation = action + " of node " + shardscope::quoted(nodeId);
    const auto resp = performWithRetry(r, operation);
    if (!resp.ok())
        throw aisError(resp, operation, AisTarget::Cluster);
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
    const auto resp = performWithRetry(r, "list buckets at " + m_options.endpoint);
    if (!resp.ok())
        throw aisError(resp, "list buckets at " + m_options.endpoint, AisTarget::Cluster);
    return parseBucketList(resp.body);
}

bool AisClient::bucketExists(const std::string &bucket)
{
    auto r = request("HEAD", bucketUrl(bucket));
    const auto resp = performWithRetry(r, "check bucket ais://" + bucket);
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
    const auto resp = performWithRetry(r, "create bucket ais://" + bucket);
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
    const auto resp = performWithRetry(r, "destroy bucket ais://" + bucket);
    if (!resp.ok())
        throw aisError(resp, "destroy bucket ais://" + bucket, AisTarget::Bucket);
}

AisListPage AisClient::listObjectsPage(const std::string &bucket, const AisListRequest &req)
{
    const nlohmann::json value = {
        {"prefix", req.prefix},
        {"pagesize", req.pageSize},
        {"uuid", req.uuid},
        {"continuation_token", req.continuationToken},
        {"props", req.props},
        {"flags", std::to_string(req.flags)}, // uint64 as a quoted JSON string
    };
    const std::string body = nlohmann::json{{"action", "list"}, {"value", value}}.dump();
    auto r = request("GET", bucketUrl(bucket));
    r.headers.emplace_back(kJson);
    if (req.msgpack)
        r.headers.emplace_back(std::string("Accept: ") + kAisMsgpackType);
    r.body = body;
    r.hasBody = true;
    const std::string what = "list objects of ais://" + bucket + (req.prefix.empty() ? "" : "/" + req.prefix);
    const auto resp = performWithRetry(r, what);
    if (!resp.ok())
        throw aisError(resp, what, AisTarget::Bucket);
    const std::string page = req.pageNumber ? what + ", page " + std::to_string(req.pageNumber) : what;
    if (isMsgpack(resp.header("content-type")))
        return parseListPageMsgpack(resp.body, page);
    try {
        return parseListPage(resp.body);
    } catch (const Error &e) {
        throw Error(e.kind(), page + ": " + e.what());
    }
}

AisListPage AisClient::listObjectsPage(const std::string &bucket, const std::string &prefix,
                                       const std::string &uuid, const std::string &continuationToken,
                                       std::uint32_t pageSize, const std::string &props)
{
    AisListRequest req;
    req.prefix = prefix;
    req.uuid = uuid;
    req.continuationToken = continuationToken;
    req.pageSize = pageSize;
    req.props = props;
    return listObjectsPage(bucket, req);
}

std::vector<AisObjectEntry> AisClient::listObjects(const std::string &bucket, const std::string &prefix)
{
    std::vector<AisObjectEntry> all;
    AisListRequest req;
    req.prefix = prefix;
    ContinuationTokens tokens;
    do {
        ++req.pageNumber;
        AisListPage page = listObjectsPage(bucket, req);
        tokens.check(page.continuationToken,
                     "list objects of ais://" + bucket + (prefix.empty() ? "" : "/" + prefix));
        all.insert(all.end(), std::make_move_iterator(page.entries.begin()),
                   std::make_move_iterator(page.entries.end()));
        req.uuid = page.uuid;
        req.continuationToken = page.continuationToken;
    } while (!req.continuationToken.empty());
    return all;
}

AisObjectEntry AisClient::headObject(const std::string &bucket, const std::string &object)
{
    auto r = request("HEAD", objectUrl(bucket, object));
    restrictRedirects(r);
    const auto resp = performWithRetry(r, "head " + objName(bucket, object));
    if (!resp.ok())
        throw aisError(resp, "head " + objName(bucket, object), AisTarget::Object);
    AisObjectEntry e;
    e.name = object;
    e.size = parseDecimalU64(resp.header("content-length")).value_or(0);
    const std::string ckType = resp.header("ais-checksum-type");
    const std::string ckValue = resp.header("ais-checksum-value");
    if (!ckValue.empty())
        e.checksum = ckType.empty() ? ckValue : ckType + ":" + ckValue;
    e.version = resp.header("ais-version");
    e.atime = resp.header("ais-atime");
    return e;
}

void AisClient::putObject(const std::string &bucket, const std::string &object, const UploadSource &source)
{
    auto r = request("PUT", objectUrl(bucket, object));
    restrictRedirects(r);
    r.headers.emplace_back("Content-Type: application/octet-stream");
    r.upload = &source;
    const auto resp = performWithRetry(r, "put " + objName(bucket, object));
    if (!resp.ok())
        throw aisError(resp, "put " + objName(bucket, object), AisTarget::Object);
}

void AisClient::putObject(const std::string &bucket, const std::string &object, std::string_view data)
{
    putObject(bucket, object, UploadSource::fromMemory(data));
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
    return getObject(bucket, object, AisGetOptions{}, sink);
}

} // namespace shardscope
