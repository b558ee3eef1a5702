#include "export_check.h"

#include "core/config/dataset_config.h"
#include "core/config/export_cpp.h"
#include "core/config/export_python.h"
#include "core/util/error.h"
#include "core/util/strings.h"
#include "fuzz_targets.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>

namespace shardscope::fuzz {
namespace {

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Reads `digits` hex digits at s[i] (exactly that many; -1 when not).
long hexNumber(const std::string &s, std::size_t i, std::size_t digits)
{
    if (i + digits > s.size())
        return -1;
    long v = 0;
    for (std::size_t k = 0; k < digits; ++k) {
        const int d = hexDigit(s[i + k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

} // namespace

PythonParts splitPython(const std::string &s)
{
    PythonParts p;
    auto fail = [&p](const std::string &why, std::size_t at) {
        p.error = why + " at byte " + std::to_string(at);
        return p;
    };
    // The whole script: UTF-8, and no raw control or invisible characters but newlines.
    for (std::size_t i = 0; i < s.size();) {
        const auto c = decodeUtf8(s, i);
        if (!c)
            return fail("not UTF-8", i);
        const char32_t v = c->value;
        if ((v < 0x20 && v != '\n') || (v >= 0x7f && v <= 0x9f) || v == 0x2028 || v == 0x2029 ||
            (v >= 0x202a && v <= 0x202e) || (v >= 0x2066 && v <= 0x2069))
            return fail("a raw control, separator or bidi character", i);
        i += c->length;
    }
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '#') {
            const std::size_t end = s.find('\n', i);
            p.code.append(s, i, end == std::string::npos ? std::string::npos : end - i);
            i = end == std::string::npos ? s.size() : end;
            continue;
        }
        if (c != '"' && c != '\'') {
            p.code += c;
            ++i;
            continue;
        }
        // A literal: its prefix letters are already in `code`.
        std::size_t b = p.code.size();
        while (b > 0 && identChar(p.code[b - 1]))
            --b;
        const std::string prefix = p.code.substr(b);
        if (prefix.size() > 2 || prefix.find_first_not_of("rRbBuUfF") != std::string::npos)
            return fail("a quote after an identifier", i);
        const bool raw = prefix.find_first_of("rR") != std::string::npos;
        const bool triple = s.compare(i, 3, std::string(3, c)) == 0;
        const std::string close = triple ? std::string(3, c) : std::string(1, c);
        std::size_t j = i + close.size();
        std::string value;
        for (;;) {
            if (j >= s.size())
                return fail("an unterminated string literal", i);
            if (s.compare(j, close.size(), close) == 0)
                break;
            const char d = s[j];
            if (d == '\n' && !triple)
                return fail("a newline in a one-line string literal", j);
            if (d != '\\') {
                value += d;
                ++j;
                continue;
            }
            if (j + 1 >= s.size())
                return fail("a backslash at the end", j);
            const char e = s[j + 1];
            if (raw) {
                value += d;
                value += e;
                j += 2;
                continue;
            }
            j += 2;
            switch (e) {
            case '\n': break; // continues the line
            case '\\': value += '\\'; break;
            case '\'': value += '\''; break;
            case '"': value += '"'; break;
            case 'a': value += '\a'; break;
            case 'b': value += '\b'; break;
            case 'f': value += '\f'; break;
            case 'n': value += '\n'; break;
            case 'r': value += '\r'; break;
            case 't': value += '\t'; break;
            case 'v': value += '\v'; break;
            case 'x':
            case 'u':
            case 'U': {
                const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                const long v = hexNumber(s, j, digits);
                if (v < 0 || v > 0x10ffff)
                    return fail("a malformed \\" + std::string(1, e) + " escape", j);
                appendUtf8(value, static_cast<char32_t>(v));
                j += digits;
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    long v = e - '0';
                    for (int k = 0; k < 2 && j < s.size() && s[j] >= '0' && s[j] <= '7'; ++k, ++j)
                        v = v * 8 + (s[j] - '0');
                    appendUtf8(value, static_cast<char32_t>(v));
                } else if (e == 'N') {
                    return fail("a \\N{} escape", j);
                } else {
                    value += '\\';
                    value += e;
                }
            }
        }
        p.code += 'S';
        p.literals.push_back(std::move(value));
        i = j + close.size();
    }
    p.ok = true;
    return p;
}

CppHead splitCppHead(const std::string &s)
{
    CppHead h;
    auto fail = [&h](const std::string &why, std::size_t at) {
        h.error = why + " at byte " + std::to_string(at);
        return h;
    };
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((s[i] < 0x20 && s[i] != '\n') || static_cast<unsigned char>(s[i]) >= 0x7f)
            return fail("not printable ASCII", i);
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == ' ' || c == '\n') {
            ++i;
        } else if (s.compare(i, 2, "//") == 0) {
            const std::size_t end = s.find('\n', i);
            if (end == std::string::npos || (end > i && s[end - 1] == '\\'))
                return fail("a comment continued onto the next line", i);
            ++h.comments;
            i = end + 1;
        } else if (s.compare(i, 2, "/*") == 0) {
            return fail("a block comment", i);
        } else if (identChar(c)) {
            std::size_t j = i;
            while (j < s.size() && identChar(s[j]))
                ++j;
            tokens.push_back(s.substr(i, j - i));
            i = j;
        } else if (c == '"') {
            std::size_t j = i + 1;
            for (;;) {
                if (j >= s.size() || s[j] == '\n')
                    return fail("an unterminated string literal", i);
                if (s[j] == '"')
                    break;
                if (s[j] != '\\') {
                    h.value += s[j++];
                    continue;
                }
                if (j + 1 >= s.size())
                    return fail("a backslash at the end", j);
                const char e = s[j + 1];
                j += 2;
                switch (e) {
                case '\\': case '"': case '\'': case '?': h.value += e; break;
                case 'a': h.value += '\a'; break;
                case 'b': h.value += '\b'; break;
                case 'f': h.value += '\f'; break;
                case 'n': h.value += '\n'; break;
                case 'r': h.value += '\r'; break;
                case 't': h.value += '\t'; break;
                case 'v': h.value += '\v'; break;
                default:
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int k = 0; k < 2 && j < s.size() && s[j] >= '0' && s[j] <= '7'; ++k, ++j)
                            v = v * 8 + (s[j] - '0');
                        if (v > 0xff)
                            return fail("an octal escape over 255", j);
                        h.value += static_cast<char>(v);
                    } else {
                        return fail("an escape the exporter does not write", j);
                    }
                }
            }
            tokens.push_back("S");
            i = j + 1;
        } else {
            tokens.push_back(std::string(1, c));
            ++i;
        }
    }
    const std::vector<std::string> declaration = {"static", "const", "char", "*", "const", "kConfig", "="};
    std::size_t t = 0;
    for (; t < declaration.size(); ++t)
        if (t >= tokens.size() || tokens[t] != declaration[t])
            return fail("not the kConfig declaration", 0);
    const std::size_t first = t;
    while (t < tokens.size() && tokens[t] == "S")
        ++t;
    if (t == first || t + 1 != tokens.size() || tokens[t] != ";")
        return fail("more than the kConfig string", 0);
    h.ok = true;
    return h;
}

namespace {

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "config_export: %s\n", what.c_str());
    std::fflush(stderr);
    __builtin_trap();
}

std::string hex(const std::string &s)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// The same config with every free-text string hex-encoded: no string of it
// can break a quote, yet prefixes, order and uniqueness stay as they were, so
// its exports have the same shape. Buckets and endpoint_env are validated to
// safe characters and stay.
DatasetConfig benignTwin(const DatasetConfig &c)
{
    DatasetConfig b = c;
    b.name = hex(c.name);
    for (auto &s : b.sources) {
        s.id = hex(s.id);
        s.group.prefix = hex(s.group.prefix);
        s.group.braceTemplate = hex(s.group.braceTemplate);
        for (auto &n : s.group.names)
            n = hex(n);
    }
    b.splits.clear();
    for (const auto &[name, perSource] : c.splits)
        for (const auto &[id, prefixes] : perSource) {
            auto &list = b.splits[hex(name)][hex(id)];
            for (const auto &p : prefixes)
                list.push_back(hex(p));
        }
    for (const auto &[name, perSource] : c.splits)
        if (perSource.empty())
            b.splits[hex(name)];
    if (c.split)
        b.split = hex(*c.split);
    for (auto &d : b.decoders)
        d = hex(d);
    return b;
}

// Runs an export; "" and the message when it refuses the config.
template <typename F>
std::string attempt(F f, std::string *refused)
{
    try {
        return f();
    } catch (const Error &e) {
        *refused = e.what();
        return {};
    }
}

void checkPython(const DatasetConfig &c, const DatasetConfig &twin)
{
    std::string refused, twinRefused;
    const std::string py = attempt([&] { return exportPython(c); }, &refused);
    const std::string benign = attempt([&] { return exportPython(twin); }, &twinRefused);
    if (refused.empty() != twinRefused.empty())
        fail("python: the config and its twin are not both exportable: " + refused + " / " + twinRefused);
    if (!refused.empty())
        return;
    const PythonParts got = splitPython(py), want = splitPython(benign);
    if (!want.ok)
        fail("python: the benign twin's script is malformed: " + want.error);
    if (!got.ok)
        fail("python: the script is malformed: " + got.error);
    if (got.code != want.code)
        fail("python: config text changed the code outside string literals");
    if (got.literals.size() != want.literals.size())
        fail("python: not the same number of string literals");
    for (std::size_t i = 0; i < got.literals.size(); ++i) {
        const std::string &g = got.literals[i], &w = want.literals[i];
        if (g == w || hex(g) == w)
            continue; // fixed text, or a config string
        if (i == 0) { // the docstring names the dataset and the split
            std::string expected = w;
            const auto swap = [&expected](const std::string &from, const std::string &to) {
                const std::size_t at = expected.find(from);
                if (at != std::string::npos)
                    expected.replace(at, from.size(), to);
            };
            swap("Training data for " + hex(c.name) + ", generated", "Training data for " + c.name + ", generated");
            if (c.split)
                swap(", split: " + hex(*c.split) + ".\n", ", split: " + *c.split + ".\n");
            if (g == expected)
                continue;
        }
        fail("python: string literal " + std::to_string(i) + " does not hold its config string");
    }
}

void checkCpp(const DatasetConfig &c, const DatasetConfig &twin)
{
    std::string refused, twinRefused;
    const std::string cpp = attempt([&] { return exportCpp(c); }, &refused);
    const std::string benign = attempt([&] { return exportCpp(twin); }, &twinRefused);
    if (refused.empty() != twinRefused.empty())
        fail("cpp: the config and its twin are not both exportable: " + refused + " / " + twinRefused);
    if (!refused.empty())
        return;
    const std::size_t at = cpp.find("\n#include"), benignAt = benign.find("\n#include");
    if (at == std::string::npos || benignAt == std::string::npos)
        fail("cpp: no #include");
    if (cpp.compare(at, std::string::npos, benign, benignAt, std::string::npos) != 0)
        fail("cpp: config text changed the program after the config");
    const CppHead got = splitCppHead(cpp.substr(0, at + 1)), want = splitCppHead(benign.substr(0, benignAt + 1));
    if (!got.ok)
        fail("cpp: the head is malformed: " + got.error);
    if (!want.ok || got.comments != want.comments)
        fail("cpp: not the same comments as the benign twin");
    if (got.value != serializeDatasetConfig(c))
        fail("cpp: kConfig does not hold the config");
}

// Structured input: byte 0 picks the kind, sampler and groups; the rest are
// NUL-separated strings for the name, split, ids, prefixes, names and template.
std::string structuredConfig(const std::uint8_t *data, std::size_t size)
{
    using json = nlohmann::json;
    std::vector<std::string> f;
    std::string cur;
    for (std::size_t i = 1; i < size; ++i) {
        if (data[i] == 0) {
            f.push_back(cur);
            cur.clear();
        } else {
            cur += static_cast<char>(data[i]);
        }
    }
    f.push_back(cur);
    f.resize(std::max<std::size_t>(f.size(), 10));
    const unsigned sel = data[0];
    static const char *kinds[] = {"map", "iterable", "shard", "get-batch"};
    static const char *samplers[] = {"sequential", "random", "fixed", "dynamic"};
    json groupA = {{"prefix", f[4]}};
    json groupB = (sel & 0x10) ? json{{"template", f[7]}} : json{{"names", json::array({f[6], f[7]})}};
    json doc = {{"schema_version", 1},
                {"name", f[0]},
                {"sources", json::array({json{{"id", f[2]}, {"bucket", "b0"}, {"group", groupA}},
                                         json{{"id", f[3]}, {"bucket", "b1"}, {"group", groupB}}})},
                {"dataset", {{"kind", kinds[sel & 3]}}},
                {"sampler", {{"kind", samplers[(sel >> 2) & 3]}, {"batch_size", 2}, {"max_batch_bytes", 1000}}},
                {"decoders", json::array({f[8], f[9]})}};
    if (sel & 0x20) {
        json perSource = json::object();
        perSource[f[2]] = json::array({f[5]});
        perSource[f[3]] = json::array();
        doc["splits"] = json::object();
        doc["splits"][f[1]] = perSource;
        doc["split"] = f[1];
    }
    // Invalid UTF-8 becomes U+FFFD: the JSON is the input to the parser, not the test.
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace

void configExport(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return;
    // JSON text as it is, or the structured form that always makes a config shape.
    const std::string text = data[0] == '{' ? std::string(reinterpret_cast<const char *>(data), size)
                                            : structuredConfig(data, size);
    DatasetConfig c;
    try {
        c = parseDatasetConfig(text, "fuzz.json");
    } catch (const Error &) {
        return;
    }
    const DatasetConfig twin = benignTwin(c);
    checkPython(c, twin);
    checkCpp(c, twin);
}

} // namespace shardscope::fuzz
