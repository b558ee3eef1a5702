#include "core/storage/ais_batch.h"

#include "core/storage/ais_client.h"
#include "core/storage/ais_errors.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

namespace shardscope {

namespace {
const char kMissingDir[] = "__404__/"; // apc.MossMissingDir

// The value of a parameter in a header value: boundary="x" or boundary=x.
std::string headerParam(const std::string &value, const std::string &name)
{
    const auto at = toLower(value).find(name + "=");
    if (at == std::string::npos)
        return {};
    std::string v = value.substr(at + name.size() + 1);
    if (!v.empty() && v.front() == '"')
        return v.substr(1, v.find('"', 1) - 1);
    return trim(v.substr(0, v.find(';')));
}

std::string countOf(std::size_t n)
{
    return std::to_string(n) + (n == 1 ? " entry" : " entries");
}

std::string requestName(const std::string &bucket, const std::vector<AisBatchEntry> &entries)
{
    return "get-batch of " + countOf(entries.size()) + " from ais://" + bucket;
}
} // namespace

std::vector<AisBatchEntry> aisBatchEntries(const std::vector<std::string> &objects)
{
    std::vector<AisBatchEntry> out;
    out.reserve(objects.size());
    for (const auto &o : objects)
        out.push_back({o, {}, {}});
    return out;
}

std::string aisBatchEntryName(const AisBatchEntry &entry)
{
    return entry.archpath.empty() ? entry.object : entry.object + "/" + entry.archpath;
}

std::string describeAisBatchEntry(const std::string &bucket, const AisBatchEntry &entry)
{
    const std::string url =
        "ais://" + (entry.bucket.empty() ? bucket : entry.bucket) + "/" + escapeName(entry.object);
    return entry.archpath.empty() ? url : url + " member " + shardscope::quoted(entry.archpath);
}

AisBatchMatch matchAisBatchEntry(const AisBatchEntry &wanted, std::string_view nameInAnswer)
{
    const std::string name = aisBatchEntryName(wanted);
    if (nameInAnswer == name)
        return AisBatchMatch::Delivered;
    if (startsWith(nameInAnswer, kMissingDir)) {
        const std::string_view rest = nameInAnswer.substr(sizeof kMissingDir - 1);
        // A member of a shard that is missing on the assembling target is
        // reported under the shard's name alone.
        if (rest == name || (!wanted.archpath.empty() && rest == wanted.object))
            return AisBatchMatch::Missing;
    }
    return AisBatchMatch::Unexpected;
}

std::vector<AisBatchEntry> checkedAisBatchEntries(const std::string &bucket,
                                                  std::vector<AisBatchEntry> entries)
{
    validateBucketName(bucket);
    if (entries.empty())
        throw Error(ErrorKind::InvalidArgument, "get-batch from ais://" + bucket + ": no objects asked for");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        AisBatchEntry &e = entries[i];
        const std::string where = "get-batch from ais://" + bucket + ", entry " + std::to_string(i);
        if (!e.bucket.empty())
            validateBucketName(e.bucket);
        if (e.object.empty())
            throw Error(ErrorKind::InvalidArgument, where + ": the object name is empty");
        if (!e.archpath.empty() && e.archpath.front() == '/')
            e.archpath.erase(0, 1);
        if (!e.archpath.empty() && e.archpath.back() == '/')
            throw Error(ErrorKind::InvalidArgument, where + " (" + describeAisBatchEntry(bucket, e) +
                                                        "): a member name cannot end in '/'");
    }
    return entries;
}

std::string aisBatchRequestBody(const std::vector<AisBatchEntry> &entries, bool continueOnError,
                                bool streaming)
{
    nlohmann::json in = nlohmann::json::array();
    for (const auto &e : entries) {
        nlohmann::json j = {{"objname", e.object}};
        if (!e.archpath.empty())
            j["archpath"] = e.archpath;
        if (!e.bucket.empty()) {
            j["bucket"] = e.bucket;
            j["provider"] = "ais";
        }
        in.push_back(std::move(j));
    }
    // onob: entries named by object name, so the names are the request's own.
    const nlohmann::json req = {
        {"in", in}, {"mime", ".tar"}, {"coer", continueOnError}, {"onob", true}, {"strm", streaming}};
    try {
        return req.dump();
    } catch (const nlohmann::json::exception &) {
        throw Error(ErrorKind::InvalidArgument, "get-batch: an object or member name is not UTF-8, which "
                                                "AIStore's JSON request cannot carry");
    }
}

HttpRequest AisClient::batchRequest(const std::string &bucket, const std::string &body,
                                    const AisBatchOptions &options) const
{
    auto r = request("GET", m_options.endpoint + "/v1/ml/moss/" + bucket + "?provider=ais");
    r.headers.emplace_back("Content-Type: application/json");
    r.body = body;
    r.hasBody = true;
    r.cancel = options.cancel;
    return r;
}

AisClient::MultipartBatch AisClient::getBatchMultipart(const std::string &bucket,
                                                       const std::vector<std::string> &objects,
                                                       const AisBatchOptions &options)
{
    return getBatchMultipart(bucket, aisBatchEntries(objects), options);
}

AisClient::MultipartBatch AisClient::getBatchMultipart(const std::string &bucket,
                                                       const std::vector<AisBatchEntry> &requested,
                                                       const AisBatchOptions &options)
{
    const std::vector<AisBatchEntry> entries = checkedAisBatchEntries(bucket, requested);
    const std::string body = aisBatchRequestBody(entries, options.continueOnError, false);
    auto r = batchRequest(bucket, body, options);
    r.maxBodyBytes = std::size_t(1) << 30; // the whole archive is held in memory by design
    const std::string what = requestName(bucket, entries);
    const HttpResponse resp = performWithRetry(r, what); // nothing was delivered yet: safe to retry
    if (!resp.ok())
        throw aisError(resp, what, AisTarget::Bucket);
    const std::string boundary = headerParam(resp.header("content-type"), "boundary");
    if (boundary.empty())
        throw Error(ErrorKind::Protocol,
                    what + ": the answer is not multipart (" + resp.header("content-type") + ")");
    // Parts are separated by "--boundary"; each has headers, a blank line, the body.
    MultipartBatch out;
    bool haveMeta = false, haveArchive = false;
    const std::string delim = "--" + boundary;
    std::size_t pos = resp.body.find(delim);
    while (pos != std::string::npos) {
        pos += delim.size();
        if (resp.body.compare(pos, 2, "--") == 0)
            break; // closing delimiter
        const std::size_t headEnd = resp.body.find("\r\n\r\n", pos);
        if (headEnd == std::string::npos)
            throw Error(ErrorKind::Protocol, what + ": a multipart part has no end of headers");
        const std::string head = toLower(resp.body.substr(pos, headEnd - pos));
        const std::size_t next = resp.body.find("\r\n" + delim, headEnd + 4);
        if (next == std::string::npos)
            throw Error(ErrorKind::Protocol, what + ": the multipart answer is truncated");
        const std::string part = resp.body.substr(headEnd + 4, next - headEnd - 4);
        if (head.find("name=\"metadata\"") != std::string::npos) {
            const auto j = nlohmann::json::parse(part, nullptr, false);
            if (!j.is_object() || !j.contains("out") || !j["out"].is_array())
                throw Error(ErrorKind::Protocol, what + ": the metadata part is not GetBatch's JSON");
            for (const auto &e : j["out"]) {
                if (!e.is_object())
                    throw Error(ErrorKind::Protocol, what + ": the metadata part is not GetBatch's JSON");
                BatchEntryInfo info;
                try {
                    info.objname = e.value("objname", std::string());
                    info.archpath = e.value("archpath", std::string());
                    info.bucket = e.value("bucket", std::string());
                    info.size = e.value("size", std::uint64_t(0));
                    info.error = e.value("err_msg", std::string());
                } catch (const nlohmann::json::exception &) {
                    throw Error(ErrorKind::Protocol, what + ": metadata entry " +
                                                         std::to_string(out.entries.size()) +
                                                         " has fields of the wrong type");
                }
                out.entries.push_back(std::move(info));
            }
            haveMeta = true;
        } else if (head.find("name=\"archive\"") != std::string::npos) {
            out.archive = part;
            haveArchive = true;
        }
        pos = next + 2;
    }
    if (!haveMeta || !haveArchive)
        throw Error(ErrorKind::Protocol, what + ": the multipart answer lacks its metadata or archive part");
    if (out.entries.size() != entries.size())
        throw Error(
            ErrorKind::Protocol,
            what + ": the metadata lists " + std::to_string(out.entries.size()) + " of " +
                countOf(entries.size()) +
                (out.entries.size() < entries.size()
                     ? "; first unlisted: " + describeAisBatchEntry(bucket, entries[out.entries.size()])
                     : std::string()));
    // In request order, each entry the one asked for. A member that another
    // target sent to the assembling one is listed as objname "<shard>/<member>"
    // with no archpath (AIStore 5.0, xact/xs/moss.go): compare whole names,
    // and give the caller the entry's own object and member.
    for (std::size_t i = 0; i < entries.size(); ++i) {
        BatchEntryInfo &got = out.entries[i];
        const AisBatchEntry &want = entries[i];
        const std::string &wantBucket = want.bucket.empty() ? bucket : want.bucket;
        if (aisBatchEntryName({got.objname, got.archpath, {}}) != aisBatchEntryName(want) ||
            (!got.bucket.empty() && got.bucket != wantBucket))
            throw Error(ErrorKind::Protocol,
                        what + ": metadata entry " + std::to_string(i) + " is " +
                            describeAisBatchEntry(got.bucket.empty() ? bucket : got.bucket,
                                                  {got.objname, got.archpath, {}}) +
                            ", expected " + describeAisBatchEntry(bucket, want));
        got.objname = want.object;
        got.archpath = want.archpath;
    }
    return out;
}

void AisClient::getBatch(const std::string &bucket, const std::vector<std::string> &objects,
                         const AisBatchOptions &options, const BodySink &sink)
{
    getBatch(bucket, aisBatchEntries(objects), options, sink);
}

void AisClient::getBatch(const std::string &bucket, const std::vector<AisBatchEntry> &requested,
                         const AisBatchOptions &options, const BodySink &sink)
{
    const std::vector<AisBatchEntry> entries = checkedAisBatchEntries(bucket, requested);
    const std::string body = aisBatchRequestBody(entries, options.continueOnError, true);
    auto r = batchRequest(bucket, body, options);
    r.sink = sink;
    const std::string what = requestName(bucket, entries);
    HttpResponse resp;
    try {
        resp = m_http.perform(r); // not retried: the sink may have data already
    } catch (const Error &e) {
        throw Error(e.kind(), what + ": " + e.what(), e.httpStatus());
    }
    m_everAnswered = true;
    if (!resp.ok())
        throw aisError(resp, what, AisTarget::Bucket);
}

} // namespace shardscope
