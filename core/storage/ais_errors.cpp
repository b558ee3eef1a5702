#include "core/storage/ais_errors.h"

#include "core/storage/http_client.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>

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
    std::string text = (j.is_object() && j.contains("message") && j["message"].is_string())
                           ? j["message"].get<std::string>()
                           : trim(body);
    if (text.size() > 300) // a server's message, not a flood
        text = text.substr(0, 300) + "...";
    return text;
}

// Like the Python SDK: the message names the bucket as provider://bucket and,
// when it is about an object, provider://bucket/object.
enum class Subject { Unknown, Bucket, Object };

bool isBucketChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The first "<provider>://[@namespace/]<bucket>[/<object>]" in the message,
// found by plain scanning (a std::regex recursed once per character and
// overflowed the stack on long messages).
Subject subjectOf(std::string_view message)
{
    static constexpr std::array<std::string_view, 9> providers = {"ais", "aws", "s3", "gcp", "gs",
                                                                   "azure", "az", "oci", "ht"};
    for (std::size_t sep = message.find("://"); sep != std::string_view::npos; sep = message.find("://", sep + 1)) {
        const std::string_view before = message.substr(0, sep);
        bool provider = false;
        for (std::string_view p : providers)
            provider = provider || endsWith(before, p);
        if (!provider)
            continue;
        std::size_t pos = sep + 3;
        if (pos < message.size() && message[pos] == '@') { // namespace: "@uuid#ns/"
            const std::size_t slash = message.find('/', pos);
            std::size_t stop = pos;
            while (stop < message.size() && message[stop] != '/' && !isSpace(message[stop]))
                ++stop;
            if (slash == std::string_view::npos || stop != slash)
                continue; // no bucket can follow
            pos = slash + 1;
        }
        const std::size_t bucketStart = pos;
        while (pos < message.size() && isBucketChar(message[pos]))
            ++pos;
        if (pos == bucketStart)
            continue;
        const bool object = pos + 1 < message.size() && message[pos] == '/' && !isSpace(message[pos + 1]);
        return object ? Subject::Object : Subject::Bucket;
    }
    return Subject::Unknown;
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
