#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shardscope {

bool startsWith(std::string_view s, std::string_view prefix) noexcept;
bool endsWith(std::string_view s, std::string_view suffix) noexcept;
std::string toLower(std::string_view s);
std::string trim(std::string_view s);

// A decimal number as servers send it in headers and JSON strings: ASCII
// digits only (no sign, space or prefix); nullopt when empty, not all digits
// or above 2^64 - 1.
std::optional<std::uint64_t> parseDecimalU64(std::string_view s) noexcept;

// Percent-encodes everything but RFC 3986 unreserved characters; '/' is kept
// when keepSlash is true (object names in URL paths).
std::string percentEncode(std::string_view s, bool keepSlash);

// Quotes a value for an error message: "name" with quotes and backslashes
// escaped, and control characters and bytes that are not UTF-8 as \xNN.
std::string quoted(std::string_view s);

// Names from data (object, file and shard member names) are bytes. Where they
// must become text (JSON, a terminal line) they are shown in one reversible
// escaped form: unchanged when they are valid UTF-8 with no control character
// and nothing unescapeName() would change; otherwise every byte that is not
// part of valid UTF-8 and every control character becomes \xNN (two lower-case
// hex digits) and every backslash becomes \\. unescapeName(escapeName(n)) == n
// for every n, and unescapeName() leaves a name that needed no escaping as it is.
// The UTF-8 character at s[i]: its code point and byte length, or nullopt when
// the bytes there are not UTF-8 (stray continuation byte, overlong form,
// surrogate, above U+10FFFF, cut off).
struct CodePoint
{
    char32_t value = 0;
    std::size_t length = 1;
};
std::optional<CodePoint> decodeUtf8(std::string_view s, std::size_t i) noexcept;
bool isValidUtf8(std::string_view s) noexcept;
bool nameNeedsEscaping(std::string_view name) noexcept;
std::string escapeName(std::string_view name);
// The inverse: \\ becomes one backslash, \xNN the byte NN; any other backslash
// is kept as it is.
std::string unescapeName(std::string_view text);

// Free text (a message) made valid UTF-8 for JSON: each byte that is not part of
// valid UTF-8 becomes \xNN, everything else is kept (not reversible; names use
// escapeName()).
std::string toValidUtf8(std::string_view text);

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
