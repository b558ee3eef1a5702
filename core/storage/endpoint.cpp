#include "core/storage/endpoint.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <cctype>
#include <cstdlib>

namespace shardscope {

namespace {
// The endpoint as it may appear in a message: user information (a password
// typed into the URL) is replaced by "***".
std::string redacted(const std::string &value)
{
    const auto sep = value.find("://");
    const std::size_t start = sep == std::string::npos ? 0 : sep + 3;
    const auto end = value.find_first_of("/?#", start);
    const auto at = value.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at == std::string::npos || at < start)
        return value;
    return value.substr(0, start) + "***" + value.substr(at);
}
} // namespace

std::string normalizeEndpoint(std::string_view endpoint, std::string_view origin)
{
    const std::string value = trim(endpoint);
    auto fail = [&](const std::string &why) -> Error {
        return Error(ErrorKind::InvalidUrl,
                     "invalid endpoint " + quoted(redacted(value)) + " (from " + std::string(origin) + "): " + why);
    };
    if (value.empty())
        throw fail("it is empty; expected something like http://127.0.0.1:8080");
    const auto sep = value.find("://");
    if (sep == std::string::npos)
        throw fail("missing http:// or https://");
    const std::string scheme = toLower(std::string_view(value).substr(0, sep));
    if (scheme != "http" && scheme != "https")
        throw fail("the scheme must be http or https, not " + quoted(scheme));
    std::string rest = value.substr(sep + 3);
    while (!rest.empty() && rest.back() == '/')
        rest.pop_back();
    if (rest.find_first_of("/?#") != std::string::npos)
        throw fail("an endpoint has no path, query or fragment; give only scheme://host[:port]");
    if (rest.find('@') != std::string::npos)
        throw fail("credentials do not belong in the endpoint; use AIS_AUTHN_TOKEN");
    for (unsigned char c : rest)
        if (std::isspace(c) || c < 0x20)
            throw fail("contains white space or control characters");

    std::string host = rest, port;
    if (!rest.empty() && rest.front() == '[') { // [::1]:8080
        const auto close = rest.find(']');
        if (close == std::string::npos)
            throw fail("unterminated IPv6 address");
        host = rest.substr(0, close + 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':')
                throw fail("unexpected text after the IPv6 address");
            port = rest.substr(close + 2);
        }
    } else if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
        if (port.empty())
            throw fail("missing port number after ':'");
    }
    if (host.empty() || host == "[]")
        throw fail("missing host");
    if (!port.empty()) {
        if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
            throw fail("port " + quoted(port) + " is not a number");
        const long p = std::strtol(port.c_str(), nullptr, 10);
        if (p < 1 || p > 65535)
            throw fail("port " + port + " is out of range 1-65535");
    }
    return scheme + "://" + rest;
}

std::string resolveAisEndpoint(const std::optional<std::string> &explicitEndpoint)
{
    if (explicitEndpoint)
        return normalizeEndpoint(*explicitEndpoint, "--endpoint");
    if (const char *env = std::getenv("AIS_ENDPOINT"); env && *env)
        return normalizeEndpoint(env, "AIS_ENDPOINT");
    return kDefaultAisEndpoint;
}

std::string aisTokenFromEnvironment()
{
    const char *env = std::getenv("AIS_AUTHN_TOKEN");
    return env ? trim(env) : std::string();
}

} // namespace shardscope
