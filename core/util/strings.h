#pragma once

#include <string>
#include <string_view>

namespace shardscope {

bool startsWith(std::string_view s, std::string_view prefix) noexcept;
bool endsWith(std::string_view s, std::string_view suffix) noexcept;
std::string toLower(std::string_view s);
std::string trim(std::string_view s);

// Percent-encodes everything but RFC 3986 unreserved characters; '/' is kept
// when keepSlash is true (object names in URL paths).
std::string percentEncode(std::string_view s, bool keepSlash);

// Quotes a value for an error message: "name" with control characters escaped.
std::string quoted(std::string_view s);

// "1.5 KiB", "3.2 MiB", ...
std::string humanBytes(unsigned long long bytes);

} // namespace shardscope

namespace shardscope {
// Parses "1024", "4K", "4KiB" (1024-based), "4KB" (1000-based), M/MiB/MB, G/GiB/GB;
// throws Error(InvalidArgument) naming the text.
unsigned long long parseByteSize(std::string_view text);
} // namespace shardscope

namespace shardscope {
// Like parseByteSize but for budgets that may be fractional: "10000.0", "4.5MB", "1e6".
double parseByteAmount(std::string_view text);
} // namespace shardscope
