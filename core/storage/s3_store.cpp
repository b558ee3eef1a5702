#include "core/storage/s3_store.h"

#include "core/storage/endpoint.h"
#include "core/storage/retrying_http.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <pugixml.hpp>

#include <cstdlib>
#include <algorithm>

namespace shardscope {
namespace {

// SHA-256 of no bytes: the payload hash of a request without a body.
constexpr const char *kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return v ? trim(v) : std::string();
}

std::uint64_t toU64(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end = nullptr;
    const unsigned long long v = std::strtoull(s, &end, 10);
    return (end && *end == '\0') ? v : 0;
}

} // namespace

std::string normalizeS3Endpoint(std::string_view endpoint, std::string_view origin)
{
    std::string value = trim(endpoint);
    while (!value.empty() && value.back() == '/')
        value.pop_back();
    const auto sep = value.find("://");
    const auto pathStart = sep == std::string::npos ? std::string::npos : value.find('/', sep + 3);
    const std::string base = pathStart == std::string::npos ? value : value.substr(0, pathStart);
    const std::string path = pathStart == std::string::npos ? std::string() : value.substr(pathStart);
    if (path.find_first_of("?#") != std::string::npos || path.find(' ') != std::string::npos)
        throw Error(ErrorKind::InvalidUrl, "invalid S3 endpoint " + quoted(value) + " (from " + std::string(origin) +
                                               "): no query, fragment or spaces allowed");
    return normalizeEndpoint(base, origin) + path;
}

S3Options S3Options::fromEnvironment(const std::optional<std::string> &endpoint)
{
    S3Options o;
    if (endpoint)
        o.endpoint = normalizeS3Endpoint(*endpoint, "--endpoint");
    else if (const std::string e = env("AWS_ENDPOINT_URL"); !e.empty())
        o.endpoint = normalizeS3Endpoint(e, "AWS_ENDPOINT_URL");
    else
        throw Error(ErrorKind::InvalidUrl, "s3:// needs an endpoint: pass --endpoint or set AWS_ENDPOINT_URL "
                                           "(for AIStore: http://<proxy>:8080/s3)");
    o.accessKey = env("AWS_ACCESS_KEY_ID");
    o.secretKey = env("AWS_SECRET_ACCESS_KEY");
    o.sessionToken = env("AWS_SESSION_TOKEN");
    if (std::string r = env("AWS_REGION"); !r.empty())
        o.region = r;
    else if (std::string d = env("AWS_DEFAULT_REGION"); !d.empty())
        o.region = d;
    return o;
}

S3Store::S3Store(S3Options options) : m_options(std::move(options)), m_http(m_options.http) {}

std::string S3Store::url(const std::string &bucket, const std::string &object) const
{
    std::string u = "s3://" + bucket;
    if (!object.empty())
        u += "/" + object;
    return u;
}

HttpRequest S3Store::request(const char *method, const std::string &bucket, const std::string &object,
                             const std::string &query) const
{
    HttpRequest r;
    r.method = method;
    r.url = m_options.endpoint + "/";
    if (!bucket.empty()) {
        validateBucketName(bucket);
        r.url += bucket;
        if (!object.empty())
            r.url += "/" + percentEncode(object, true);
    }
    if (!query.empty())
        r.url += "?" + query;
    if (!m_options.accessKey.empty()) {
        r.awsSigV4 = "aws:amz:" + m_options.region + ":s3";
        r.awsCredentials = m_options.accessKey + ":" + m_options.secretKey;
        // S3 wants the payload's hash in x-amz-content-sha256 on every signed
        // request, and libcurl (7.88) does not add it. Requests without a body
        // hash the empty string; an upload is streamed, so it is sent unsigned.
        r.headers.push_back(std::string("x-amz-content-sha256: ") +
                            (std::string_view(method) == "PUT" ? "UNSIGNED-PAYLOAD" : kEmptySha256));
        if (!m_options.sessionToken.empty())
            r.headers.push_back("X-Amz-Security-Token: " + m_options.sessionToken);
    }
    return r;
}

HttpResponse S3Store::perform(HttpRequest &r, const std::string &operation)
{
    return performWithRetries(m_http, r, m_options.retry, m_everAnswered, operation);
}

Error S3Store::error(const HttpResponse &resp, const std::string &operation, bool aboutObject) const
{
    std::string code, message;
    pugi::xml_document doc;
    if (!resp.body.empty() && doc.load_buffer(resp.body.data(), resp.body.size())) {
        code = doc.child("Error").child_value("Code");
        message = doc.child("Error").child_value("Message");
    }
    if (message.empty() && !resp.body.empty() && resp.body.front() == '{') {
        // AIStore's own JSON error body
        const auto pos = resp.body.find("\"message\":\"");
        if (pos != std::string::npos)
            message = resp.body.substr(pos + 11, resp.body.find('"', pos + 11) - pos - 11);
    }
    std::string text = operation + ": " + (message.empty() ? (code.empty() ? "failed" : code) : message) +
                       " (HTTP " + std::to_string(resp.status) + (code.empty() ? "" : ", " + code) + ")";
    const int st = static_cast<int>(resp.status);
    if (resp.status == 404) {
        if (code == "NoSuchBucket" || (!aboutObject && code != "NoSuchKey"))
            return Error(ErrorKind::BucketNotFound, text, st);
        if (code == "NoSuchKey" || aboutObject) {
            if (message.empty() && code.empty())
                text = operation + ": not found (HTTP 404: the object or its bucket does not exist)";
            return Error(message.find("bucket") != std::string::npos && message.find("does not exist") != std::string::npos
                             ? ErrorKind::BucketNotFound
                             : ErrorKind::ObjectNotFound,
                         text, st);
        }
    }
    if (resp.status == 401)
        return Error(ErrorKind::Unauthorized, text, st);
    if (resp.status == 403)
        return Error(ErrorKind::Forbidden, text + "; check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", st);
    if (resp.status == 409)
        return Error(ErrorKind::AlreadyExists, text, st);
    return Error(ErrorKind::Http, text, st);
}

std::vector<std::string> S3Store::listBuckets()
{
    auto r = request("GET", "", "");
    const auto resp = perform(r, "list buckets at " + m_options.endpoint);
    if (!resp.ok())
        throw error(resp, "list buckets at " + m_options.endpoint, false);
    pugi::xml_document doc;
    if (!doc.load_buffer(resp.body.data(), resp.body.size()))
        throw Error(ErrorKind::Protocol, "list buckets at " + m_options.endpoint + ": the answer is not XML");
    std::vector<std::string> out;
    for (auto b : doc.child("ListAllMyBucketsResult").child("Buckets").children("Bucket"))
        out.emplace_back(b.child_value("Name"));
    return out;
}

ListPage parseS3ListPage(const std::string &xml, const std::string &what)
{
    pugi::xml_document doc;
    if (!doc.load_buffer(xml.data(), xml.size()))
        throw Error(ErrorKind::Protocol, what + ": the answer is not XML");
    const auto root = doc.child("ListBucketResult");
    if (!root)
        throw Error(ErrorKind::Protocol, what + ": no ListBucketResult in the answer");
    ListPage page;
    for (auto c : root.children("Contents")) {
        ObjectInfo o;
        o.name = c.child_value("Key");
        o.size = toU64(c.child_value("Size"));
        o.checksum = c.child_value("ETag");
        o.modified = c.child_value("LastModified");
        page.entries.push_back(std::move(o));
    }
    for (auto p : root.children("CommonPrefixes")) {
        ObjectInfo o;
        o.name = p.child_value("Prefix");
        o.isDirectory = true;
        page.entries.push_back(std::move(o));
    }
    std::sort(page.entries.begin(), page.entries.end(),
              [](const ObjectInfo &a, const ObjectInfo &b) { return a.name < b.name; });
    if (std::string(root.child_value("IsTruncated")) == "true") {
        page.continuationToken = root.child_value("NextContinuationToken");
        if (page.continuationToken.empty()) // ending here would return part of the bucket as if it were all
            throw Error(ErrorKind::Protocol,
                        what + ": the page says IsTruncated=true but has no NextContinuationToken");
    }
    return page;
}

ListPage S3Store::listPage(const std::string &bucket, const ListRequest &request, const std::string &token)
{
    std::string query = "list-type=2";
    if (!token.empty())
        query += "&continuation-token=" + percentEncode(token, false);
    if (!request.recursive)
        query += "&delimiter=%2F";
    if (request.pageSize)
        query += "&max-keys=" + std::to_string(request.pageSize);
    if (!request.prefix.empty())
        query += "&prefix=" + percentEncode(request.prefix, false);
    auto r = this->request("GET", bucket, "", query);
    const std::string what = "list objects of " + url(bucket, request.prefix);
    const auto resp = perform(r, what);
    if (!resp.ok())
        throw error(resp, what, false);
    return parseS3ListPage(resp.body, what);
}

std::vector<ArchiveMember> S3Store::listArchive(const std::string &bucket, const std::string &object)
{
    head(bucket, object);
    return listArchiveByStreaming(bucket, object);
}

ObjectInfo S3Store::head(const std::string &bucket, const std::string &object)
{
    auto r = request("HEAD", bucket, object);
    const auto resp = perform(r, "head " + url(bucket, object));
    if (!resp.ok())
        throw error(resp, "head " + url(bucket, object), true);
    ObjectInfo o;
    o.name = object;
    o.size = toU64(resp.header("content-length").c_str());
    o.checksum = resp.header("etag");
    o.modified = resp.header("last-modified");
    return o;
}

std::uint64_t S3Store::get(const std::string &bucket, const std::string &object, const GetRequest &request,
                           const BodySink &sink)
{
    if (!request.archivePath.empty())
        return getMemberByStreaming(bucket, object, request.archivePath, request.range, sink, request.cancel);
    auto r = this->request("GET", bucket, object);
    r.cancel = request.cancel;
    if (request.range) // only 206 with this range is taken
        r.range = HttpRange{request.range->first, request.range->last};
    std::uint64_t delivered = 0;
    r.sink = [&](const char *d, std::size_t n) {
        delivered += n;
        return sink(d, n);
    };
    HttpResponse resp;
    try {
        resp = m_http.perform(r); // no blind retry: the sink may have data already
    } catch (const Error &e) {
        throw Error(e.kind(), "get " + url(bucket, object) + ": " + e.what(), e.httpStatus());
    }
    m_everAnswered = true;
    if (!resp.ok())
        throw error(resp, "get " + url(bucket, object), true);
    return delivered;
}

void S3Store::put(const std::string &bucket, const std::string &object, const UploadSource &source)
{
    auto r = request("PUT", bucket, object);
    r.upload = &source;
    r.headers.emplace_back("Content-Type: application/octet-stream");
    const auto resp = perform(r, "put " + url(bucket, object));
    if (!resp.ok())
        throw error(resp, "put " + url(bucket, object), true);
}

void S3Store::createBucket(const std::string &bucket)
{
    auto r = request("PUT", bucket, "");
    const UploadSource empty = UploadSource::fromMemory({});
    r.upload = &empty;
    const auto resp = perform(r, "create bucket " + url(bucket));
    if (!resp.ok())
        throw error(resp, "create bucket " + url(bucket), false);
}

void S3Store::destroyBucket(const std::string &bucket)
{
    auto r = request("DELETE", bucket, "");
    const auto resp = perform(r, "remove bucket " + url(bucket));
    if (!resp.ok())
        throw error(resp, "remove bucket " + url(bucket), false);
}

} // namespace shardscope
