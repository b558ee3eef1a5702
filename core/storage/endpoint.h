#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shardscope {

inline constexpr const char *kDefaultAisEndpoint = "http://127.0.0.1:8080";

// Validates an HTTP(S) endpoint such as "http://127.0.0.1:8080" and returns it
// normalized (lower-case scheme, no trailing slash). `origin` names where the
// value came from ("--endpoint", "AIS_ENDPOINT") for the error message.
std::string normalizeEndpoint(std::string_view endpoint, std::string_view origin);

// The AIStore endpoint to use: the explicit value if given, else the
// AIS_ENDPOINT environment variable, else kDefaultAisEndpoint.
std::string resolveAisEndpoint(const std::optional<std::string> &explicitEndpoint);

// The AuthN token from AIS_AUTHN_TOKEN, or empty.
std::string aisTokenFromEnvironment();

} // namespace shardscope
