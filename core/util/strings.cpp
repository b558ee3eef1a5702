#include "util/strings.h"

#include <cctype>
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
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
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

#include "util/error.h"

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
