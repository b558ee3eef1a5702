#include "core/storage/store_url.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <cctype>
#include <cstdio>

namespace shardscope {
namespace {

constexpr const char *kExpected =
    "expected ais://bucket[/prefix], s3://bucket[/prefix], local://bucket[/prefix] or file:///absolute/dir";

[[noreturn]] void fail(std::string_view input, const std::string &why)
{
    throw Error(ErrorKind::InvalidUrl, "invalid URL " + quoted(input) + ": " + why);
}

bool hasControlChars(std::string_view s)
{
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f)
            return true;
    return false;
}

} // namespace

void validateBucketName(std::string_view name)
{
    if (name.empty())
        throw Error(ErrorKind::InvalidUrl, "bucket name is empty");
    if (name.size() > 64)
        throw Error(ErrorKind::InvalidUrl,
                    "bucket name " + quoted(name) + " is longer than 64 characters");
    if (name == "." || name == "..")
        throw Error(ErrorKind::InvalidUrl, "bucket name " + quoted(name) + " is not allowed");
    if (name.front() == '.')
        throw Error(ErrorKind::InvalidUrl, "bucket name " + quoted(name) + " is reserved (starts with '.')");
    for (unsigned char c : name) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
            continue;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", c);
        const std::string bad = c >= 0x80                 ? std::string("a non-ASCII byte (") + hex + ")"
                                : (c < 0x20 || c == 0x7f) ? std::string("a control character (") + hex + ")"
                                                          : "'" + std::string(1, static_cast<char>(c)) + "'";
        throw Error(ErrorKind::InvalidUrl, "bucket name " + quoted(name) + " contains " + bad +
                                               "; only letters, digits, '-', '_' and '.' are allowed");
    }
}

std::string StoreUrl::schemeName() const
{
    switch (scheme) {
    case Scheme::Ais: return "ais";
    case Scheme::S3: return "s3";
    case Scheme::File: return "file";
    case Scheme::Local: return "local";
    }
    return "ais";
}

std::string StoreUrl::toString() const
{
    if (scheme == Scheme::File)
        return "file://" + path;
    std::string s = schemeName() + "://" + bucket;
    if (!path.empty())
        s += "/" + path;
    return s;
}

StoreUrl parseStoreUrl(std::string_view text)
{
    const std::string input = trim(text);
    if (input.empty())
        throw Error(ErrorKind::InvalidUrl, std::string("empty URL: ") + kExpected);
    if (hasControlChars(input))
        fail(input, "contains control characters");

    const auto sep = input.find("://");
    if (sep == std::string::npos) {
        if (input.front() == '/')
            fail(input, "missing scheme; for a local directory write file://" + input);
        fail(input, std::string("missing scheme; ") + kExpected);
    }
    const std::string scheme = toLower(std::string_view(input).substr(0, sep));
    const std::string_view rest = std::string_view(input).substr(sep + 3);

    StoreUrl url;
    if (scheme == "file") {
        if (rest.empty() || rest.front() != '/')
            fail(input, "a file URL needs an absolute path, as in file:///data/my-bucket");
        if (rest.find("/../") != std::string_view::npos || endsWith(rest, "/.."))
            fail(input, "'..' is not allowed in a file URL");
        url.scheme = StoreUrl::Scheme::File;
        std::string path(rest);
        while (path.size() > 1 && path.back() == '/')
            path.pop_back();
        url.path = path;
        return url;
    }
    if (scheme == "ais") {
        url.scheme = StoreUrl::Scheme::Ais;
    } else if (scheme == "s3") {
        url.scheme = StoreUrl::Scheme::S3;
    } else if (scheme == "local") {
        url.scheme = StoreUrl::Scheme::Local;
    } else if (scheme == "http" || scheme == "https") {
        fail(input, "this is an endpoint, not a store URL; pass it with --endpoint (or AIS_ENDPOINT) "
                    "and name the data as ais://bucket[/prefix]");
    } else if (scheme.empty()) {
        fail(input, std::string("missing scheme; ") + kExpected);
    } else {
        fail(input, "unsupported scheme " + quoted(scheme) + "; " + kExpected);
    }

    const auto slash = rest.find('/');
    const std::string_view bucket = rest.substr(0, slash);
    if (bucket.empty()) {
        if (slash != std::string_view::npos && slash + 1 < rest.size())
            fail(input, "missing bucket name before the object path");
        return url; // "ais://" or "ais:///": the list of buckets
    }
    try {
        validateBucketName(bucket);
    } catch (const Error &e) {
        fail(input, e.what());
    }
    url.bucket = std::string(bucket);
    if (slash != std::string_view::npos)
        url.path = std::string(rest.substr(slash + 1));
    return url;
}

} // namespace shardscope
