#include "core/util/strings.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace shardscope {

bool startsWith(std::string_view s, std::string_view prefix) noexcept
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(std::string_view s, std::string_view suffix) noexcept
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string toLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s)
{
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
        --e;
    return std::string(s.substr(b, e - b));
}

std::optional<std::uint64_t> parseDecimalU64(std::string_view s) noexcept
{
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    std::uint64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 10);
    if (ec != std::errc() || end != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::string percentEncode(std::string_view s, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        const bool unreserved = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved || (keepSlash && c == '/')) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
    }
    return out;
}

std::string quoted(std::string_view s)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size();) {
        const auto c = decodeUtf8(s, i);
        const unsigned char b = static_cast<unsigned char>(s[i]);
        if (c && (b == '"' || b == '\\')) {
            out.push_back('\\');
            out.push_back(static_cast<char>(b));
            ++i;
        } else if (c && !(b < 0x20 || b == 0x7f)) {
            out.append(s, i, c->length);
            i += c->length;
        } else { // a control character, or a byte that is not UTF-8
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", b);
            out += buf;
            ++i;
        }
    }
    out.push_back('"');
    return out;
}

namespace {

bool isHexDigit(char c) noexcept { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

int hexValue(char c) noexcept
{
    return c <= '9' ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
}

bool isControl(unsigned char c) noexcept { return c < 0x20 || c == 0x7f; }

} // namespace

std::optional<CodePoint> decodeUtf8(std::string_view s, std::size_t i) noexcept
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80)
        return CodePoint{b0, 1};
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if ((b0 & 0xe0) == 0xc0)
        n = 2, cp = b0 & 0x1f, min = 0x80;
    else if ((b0 & 0xf0) == 0xe0)
        n = 3, cp = b0 & 0x0f, min = 0x800;
    else if ((b0 & 0xf8) == 0xf0)
        n = 4, cp = b0 & 0x07, min = 0x10000;
    else
        return std::nullopt;
    if (i + n > s.size())
        return std::nullopt;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80)
            return std::nullopt;
        cp = (cp << 6) | (byte(i + k) & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return std::nullopt;
    return CodePoint{cp, n};
}

namespace {
// Length of the UTF-8 character at s[i], 0 when the bytes there are not UTF-8.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) noexcept
{
    const auto c = decodeUtf8(s, i);
    return c ? c->length : 0;
}
} // namespace

bool isValidUtf8(std::string_view s) noexcept
{
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = utf8SequenceLength(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

bool nameNeedsEscaping(std::string_view name) noexcept
{
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        if (isControl(c))
            return true;
        if (c == '\\' && i + 1 < name.size() &&
            (name[i + 1] == '\\' || (name[i + 1] == 'x' && i + 3 < name.size() && isHexDigit(name[i + 2]) &&
                                      isHexDigit(name[i + 3]))))
            return true; // it would read as an escape
        const std::size_t n = utf8SequenceLength(name, i);
        if (n == 0)
            return true;
        i += n;
    }
    return false;
}

std::string escapeName(std::string_view name)
{
    if (!nameNeedsEscaping(name))
        return std::string(name);
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(name.size() + 8);
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const std::size_t n = utf8SequenceLength(name, i);
        if (c == '\\') {
            out += "\\\\";
        } else if (n == 0 || isControl(c)) {
            out += "\\x";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        } else {
            out.append(name.substr(i, n));
            i += n;
            continue;
        }
        ++i;
    }
    return out;
}

std::string toValidUtf8(std::string_view text)
{
    if (isValidUtf8(text))
        return std::string(text);
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8SequenceLength(text, i);
        if (n == 0) {
            const unsigned char c = static_cast<unsigned char>(text[i]);
            out += "\\x";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string unescapeName(std::string_view text)
{
    if (text.find('\\') == std::string_view::npos)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\\') {
            out.push_back('\\');
            ++i;
        } else if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' && isHexDigit(text[i + 2]) &&
                   isHexDigit(text[i + 3])) {
            out.push_back(static_cast<char>(hexValue(text[i + 2]) * 16 + hexValue(text[i + 3])));
            i += 3;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::string humanBytes(unsigned long long bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 5) {
        v /= 1024.0;
        ++u;
    }
    char buf[32];
    if (u == 0)
        std::snprintf(buf, sizeof buf, "%llu B", bytes);
    else
        std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

} // namespace shardscope

#include "core/util/error.h"

namespace shardscope {

unsigned long long parseByteSize(std::string_view text)
{
    const std::string s = trim(text);
    size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
        ++i;
    if (i == 0 || i > 18)
        throw Error(ErrorKind::InvalidArgument, "not a size: " + quoted(text) + " (use e.g. 1024, 4KiB, 1MB)");
    const unsigned long long n = std::stoull(s.substr(0, i));
    const std::string unit = toLower(s.substr(i));
    unsigned long long mul = 1;
    if (unit.empty() || unit == "b")
        mul = 1;
    else if (unit == "k" || unit == "kib")
        mul = 1ull << 10;
    else if (unit == "kb")
        mul = 1000;
    else if (unit == "m" || unit == "mib")
        mul = 1ull << 20;
    else if (unit == "mb")
        mul = 1000000;
    else if (unit == "g" || unit == "gib")
        mul = 1ull << 30;
    else if (unit == "gb")
        mul = 1000000000;
    else
        throw Error(ErrorKind::InvalidArgument, "unknown size unit in " + quoted(text) + " (use KiB, MiB, GiB, KB, MB, GB)");
    if (n > (~0ull) / mul)
        throw Error(ErrorKind::InvalidArgument, "size " + quoted(text) + " is too large");
    return n * mul;
}

} // namespace shardscope

#include <cmath>
#include <cstdlib>

namespace shardscope {

double parseByteAmount(std::string_view text)
{
    const std::string s = trim(text);
    char *end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || !std::isfinite(v) || v < 0)
        throw Error(ErrorKind::InvalidArgument, "not a byte amount: " + quoted(text) + " (use e.g. 50000, 4.5MB, 1MiB)");
    const std::string unit = trim(std::string_view(end));
    if (unit.empty())
        return v;
    return v * static_cast<double>(parseByteSize("1" + unit));
}

} // namespace shardscope
