#include "core/decode/decode_parts.h"

#include <nlohmann/json.hpp>

namespace shardscope::decode {
namespace {

// Validates a document without building it, counting its depth as it goes:
// nlohmann's SAX parser is iterative, so no nesting can exhaust the stack.
struct Checker : nlohmann::json::json_sax_t
{
    std::size_t depth = 0;
    std::size_t maxDepth = 0;
    std::string error;

    bool open()
    {
        if (++depth <= maxDepth)
            return true;
        error = "the document is nested deeper than " + std::to_string(maxDepth) + " levels";
        return false;
    }
    bool close()
    {
        --depth;
        return true;
    }
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return open(); }
    bool key(string_t &) override { return true; }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string &, const nlohmann::json::exception &ex) override
    {
        error = std::string("invalid JSON (") + ex.what() + ")";
        return false;
    }
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Writes the pretty form of a valid document to `out`, or only counts its
// bytes when `out` is null; returns the byte count.
std::size_t reindent(std::string_view doc, std::string *out)
{
    std::size_t size = 0, depth = 0;
    auto put = [&](std::string_view text) {
        size += text.size();
        if (out)
            out->append(text);
    };
    auto newline = [&](std::size_t level) {
        size += 1 + 2 * level;
        if (out) {
            *out += '\n';
            out->append(2 * level, ' ');
        }
    };
    auto nextToken = [&](std::size_t i) {
        while (i < doc.size() && isSpace(doc[i]))
            ++i;
        return i;
    };
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const char c = doc[i];
        if (isSpace(c))
            continue;
        if (c == '"') {
            const std::size_t start = i++;
            while (i < doc.size() && doc[i] != '"')
                i += doc[i] == '\\' ? 2 : 1;
            put(doc.substr(start, i - start + 1));
        } else if (c == '{' || c == '[') {
            const std::size_t next = nextToken(i + 1);
            if (doc[next] == (c == '{' ? '}' : ']')) { // empty: "{}", "[]"
                put(doc.substr(i, 1));
                put(doc.substr(next, 1));
                i = next;
            } else {
                put(doc.substr(i, 1));
                newline(++depth);
            }
        } else if (c == '}' || c == ']') {
            if (depth > 0) // a valid document never closes more than it opened
                --depth;
            newline(depth);
            put(doc.substr(i, 1));
        } else if (c == ',') {
            put(",");
            newline(depth);
        } else if (c == ':') {
            put(": ");
        } else {
            put(doc.substr(i, 1));
        }
    }
    return size;
}

} // namespace

std::string prettyJson(std::string_view bytes, const std::string &what, const DecodeLimits &limits)
{
    // The parser ends a document at a NUL byte; JSON text never holds one raw,
    // and what follows it would not have been checked.
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos)
        fail(what, "invalid JSON (a NUL byte at offset " + std::to_string(nul) + ")");
    Checker check;
    check.maxDepth = limits.maxJsonDepth;
    if (!nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &check))
        fail(what, check.error.empty() ? std::string("invalid JSON") : check.error);

    // A valid document: re-indent its tokens, copying strings, numbers and
    // literals as written. Indentation grows with depth, so the size of the
    // result is counted first (nothing allocated) and capped, then written.
    const std::size_t bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; // skipped by the parser too
    const std::size_t size = reindent(bytes.substr(bom), nullptr);
    if (size > limits.maxJsonTextBytes)
        fail(what, "the pretty-printed document would be larger than " + std::to_string(limits.maxJsonTextBytes) +
                       " bytes (" + std::to_string(bytes.size()) + " bytes as stored)");
    std::string out;
    out.reserve(size);
    reindent(bytes.substr(bom), &out);
    return out;
}

} // namespace shardscope::decode
