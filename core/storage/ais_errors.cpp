#include "storage/ais_errors.h"

#include "storage/http_client.h"
#include "util/strings.h"

#include <nlohmann/json.hpp>

#include <regex>

namespace shardscope {
namespace {

// AIStore error bodies are JSON: {"message", "method", "url_path", "status", ...}.
// Anything else (a proxy's HTML page, plain text) is used as is, shortened.
std::string serverMessage(const std::string &body, std::string *tcode)
{
    if (body.empty())
        return {};
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("tcode") && j["tcode"].is_string())
        *tcode = j["tcode"].get<std::string>();
    if (j.is_object() && j.contains("message") && j["message"].is_string())
        return j["message"].get<std::string>();
    std::string text = trim(body);
    if (text.size() > 300)
        text = text.substr(0, 300) + "...";
    return text;
}

// Like the Python SDK: the message names the bucket as provider://bucket and,
// when it is about an object, provider://bucket/object.
enum class Subject { Unknown, Bucket, Object };
Subject subjectOf(const std::string &message)
{
    static const std::regex re(R"((ais|aws|s3|gcp|gs|azure|az|oci|ht)://(@[^/\s]*/)?[A-Za-z0-9_.\-]+(/\S*)?)");
    std::smatch m;
    if (!std::regex_search(message, m, re))
        return Subject::Unknown;
    return (m[3].matched && m[3].length() > 1) ? Subject::Object : Subject::Bucket;
}

} // namespace

Error aisError(long status, const std::string &body, const std::string &operation, AisTarget target)
{
    std::string tcode; // AIStore's error type, e.g. "ErrBckNotFound" (targets answer some with 400)
    const std::string msg = serverMessage(body, &tcode);
    std::string text = operation + ": ";
    text += msg.empty() ? std::string("HTTP ") + std::to_string(status)
                        : msg + " (HTTP " + std::to_string(status) + ")";
    const int st = static_cast<int>(status);
    if (tcode == "ErrBckNotFound" || tcode == "ErrRemoteBckNotFound")
        return Error(ErrorKind::BucketNotFound, text, st);
    if (tcode == "ErrObjNotFound" || tcode == "ErrNotFound")
        return Error(target == AisTarget::Object ? ErrorKind::ObjectNotFound : ErrorKind::BucketNotFound, text, st);
    if (tcode == "ErrBckAlreadyExists")
        return Error(ErrorKind::AlreadyExists, text, st);
    switch (status) {
    case 401: return Error(ErrorKind::Unauthorized, text + "; set AIS_AUTHN_TOKEN", st);
    case 403: return Error(ErrorKind::Forbidden, text, st);
    case 404: {
        Subject s = subjectOf(msg);
        if (s == Subject::Unknown)
            s = (target == AisTarget::Object) ? Subject::Object : Subject::Bucket;
        if (s == Subject::Object && target != AisTarget::Object)
            s = Subject::Bucket;
        if (msg.empty() && target == AisTarget::Object)
            text = operation + ": not found (HTTP 404: the object or its bucket does not exist)";
        return Error(s == Subject::Object ? ErrorKind::ObjectNotFound : ErrorKind::BucketNotFound, text, st);
    }
    case 409:
        if (target == AisTarget::Bucket)
            return Error(ErrorKind::AlreadyExists, text, st);
        return Error(ErrorKind::Http, text, st);
    case 408:
    case 504: return Error(ErrorKind::Timeout, text, st);
    default: return Error(ErrorKind::Http, text, st);
    }
}

Error aisError(const HttpResponse &response, const std::string &operation, AisTarget target)
{
    return aisError(response.status, response.body, operation, target);
}

} // namespace shardscope
