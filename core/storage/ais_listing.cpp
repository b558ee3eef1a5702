#include "core/storage/ais_listing.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#ifndef MSGPACK_NO_BOOST
#define MSGPACK_NO_BOOST
#endif
#include <msgpack.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace shardscope {
namespace {

constexpr std::size_t kMaxDepth = 8;
// The smallest entry there is ({"n": ""}: fixmap, fixstr key, fixstr value):
// a page cannot hold more entries than its bytes allow, so no more are
// reserved than that whatever count it declares.
constexpr std::size_t kMinEntryBytes = 4;

enum class Ctx
{
    Top,
    Entries,
    Entry,
    Skipped
};
enum class Field
{
    None,
    Unknown,
    Uuid,
    Token,
    Entries,
    Flags,
    Name,
    Checksum,
    Atime,
    Version,
    Size,
    Copies,
    EntryFlags,
    Ignored
};

struct Frame
{
    Ctx ctx = Ctx::Skipped;
    bool inKey = false;
    Field field = Field::None;
};

Field topField(std::string_view k)
{
    if (k == "UUID")
        return Field::Uuid;
    if (k == "ContinuationToken")
        return Field::Token;
    if (k == "Entries")
        return Field::Entries;
    if (k == "Flags")
        return Field::Flags;
    return Field::Unknown;
}

Field entryField(std::string_view k)
{
    if (k == "n")
        return Field::Name;
    if (k == "s")
        return Field::Size;
    if (k == "cs")
        return Field::Checksum;
    if (k == "a")
        return Field::Atime;
    if (k == "v")
        return Field::Version;
    if (k == "f")
        return Field::EntryFlags;
    if (k == "c")
        return Field::Copies;
    if (k == "t" || k == "m") // location, custom metadata: not kept
        return Field::Ignored;
    return Field::Unknown;
}

const char *fieldName(Field f)
{
    switch (f) {
    case Field::Uuid:
        return "UUID";
    case Field::Token:
        return "ContinuationToken";
    case Field::Entries:
        return "Entries";
    case Field::Flags:
        return "Flags";
    case Field::Name:
        return "name (n)";
    case Field::Checksum:
        return "checksum (cs)";
    case Field::Atime:
        return "atime (a)";
    case Field::Version:
        return "version (v)";
    case Field::Size:
        return "size (s)";
    case Field::Copies:
        return "copies (c)";
    case Field::EntryFlags:
        return "flags (f)";
    default:
        return "a field";
    }
}

// msgpack-cxx visitor: fills the page while the parser walks the bytes. A
// callback that returns false stops the parse; `error` then says why.
class PageVisitor : public msgpack::null_visitor
{
public:
    PageVisitor(AisListPage &page, std::size_t bodySize) : m_page(page), m_bodySize(bodySize) {}

    std::string error;
    bool sawTop = false;

    bool visit_nil() { return scalar(Kind::Nil); }
    bool visit_boolean(bool) { return scalar(Kind::Other); }
    bool visit_positive_integer(std::uint64_t v)
    {
        m_uint = v;
        return scalar(Kind::Uint);
    }
    bool visit_negative_integer(std::int64_t v)
    {
        if (v >= 0) { // msgpack-cxx reports every signed format here (Go writes sizes as int64)
            m_uint = static_cast<std::uint64_t>(v);
            return scalar(Kind::Uint);
        }
        m_int = v;
        return scalar(Kind::Int);
    }
    bool visit_float32(float) { return scalar(Kind::Other); }
    bool visit_float64(double) { return scalar(Kind::Other); }
    bool visit_str(const char *v, std::uint32_t size)
    {
        m_str = std::string_view(v, size);
        return scalar(Kind::Str);
    }
    bool visit_bin(const char *, std::uint32_t) { return scalar(Kind::Other); }
    bool visit_ext(const char *, std::uint32_t) { return scalar(Kind::Other); }

    bool start_array(std::uint32_t n) { return container(false, n); }
    bool start_map(std::uint32_t n) { return container(true, n); }
    bool end_array() { return close(); }
    bool end_map() { return close(); }
    bool start_map_key()
    {
        Frame &f = m_stack[m_depth - 1];
        f.inKey = true;
        f.field = Field::None;
        return true;
    }
    bool end_map_key()
    {
        m_stack[m_depth - 1].inKey = false;
        return true;
    }

    void parse_error(std::size_t, std::size_t at)
    {
        setError("malformed msgpack at byte " + std::to_string(at));
    }
    void insufficient_bytes(std::size_t, std::size_t at)
    {
        setError("the msgpack ends early, at byte " + std::to_string(at));
    }

private:
    enum class Kind
    {
        Nil,
        Uint,
        Int,
        Str,
        Other
    };

    bool fail(std::string why)
    {
        setError(std::move(why));
        return false;
    }
    void setError(std::string why)
    {
        if (error.empty())
            error = std::move(why);
    }
    // The entry being read (inside an entry map) or the next one (between them).
    std::string entryWhere() const
    {
        const bool inside = m_depth > 0 && m_stack[m_depth - 1].ctx == Ctx::Entry;
        return "entry " + std::to_string(m_page.entries.size() - (inside ? 1 : 0));
    }

    bool scalar(Kind kind)
    {
        if (m_depth == 0)
            return fail("the page is not a msgpack map");
        Frame &f = m_stack[m_depth - 1];
        if (f.inKey) {
            const std::string_view key = kind == Kind::Str ? m_str : std::string_view();
            if (f.ctx == Ctx::Top)
                f.field = topField(key);
            else if (f.ctx == Ctx::Entry)
                f.field = entryField(key);
            return true;
        }
        switch (f.ctx) {
        case Ctx::Skipped:
            return true;
        case Ctx::Entries:
            if (kind == Kind::Nil) // Go's encoder writes a nil *LsoEnt as nil; nothing to list
                return true;
            return fail(entryWhere() + " is not a map");
        case Ctx::Top:
            return topValue(f.field, kind);
        case Ctx::Entry:
            return entryValue(f.field, kind);
        }
        return true;
    }

    bool topValue(Field field, Kind kind)
    {
        switch (field) {
        case Field::Uuid:
        case Field::Token:
            if (kind == Kind::Nil)
                return true;
            if (kind != Kind::Str)
                return fail(std::string(fieldName(field)) + " is not a string");
            (field == Field::Uuid ? m_page.uuid : m_page.continuationToken).assign(m_str);
            return true;
        case Field::Entries: // nil: an empty page
            return kind == Kind::Nil ? true : fail("Entries is not an array");
        case Field::Flags:
            return kind == Kind::Uint || kind == Kind::Nil ? true : fail("Flags is not a number");
        default:
            return true;
        }
    }

    bool entryValue(Field field, Kind kind)
    {
        AisObjectEntry &e = m_page.entries.back();
        if (kind == Kind::Nil || field == Field::Unknown || field == Field::Ignored || field == Field::None)
            return true;
        switch (field) {
        case Field::Name:
        case Field::Checksum:
        case Field::Atime:
        case Field::Version: {
            if (kind != Kind::Str)
                return fail(entryWhere() + ": " + fieldName(field) + " is not a string");
            std::string &to = field == Field::Name       ? e.name
                              : field == Field::Checksum ? e.checksum
                              : field == Field::Atime    ? e.atime
                                                         : e.version;
            to.assign(m_str);
            return true;
        }
        case Field::Size:
            if (kind == Kind::Int)
                return fail(entryWhere() + (e.name.empty() ? "" : " " + shardscope::quoted(e.name)) +
                            ": negative size " + std::to_string(m_int));
            if (kind != Kind::Uint || m_uint > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
                return fail(entryWhere() + ": size (s) is not a number of bytes");
            e.size = m_uint;
            return true;
        case Field::Copies:
            return kind == Kind::Uint || kind == Kind::Int
                       ? true
                       : fail(entryWhere() + ": copies (c) is not a number");
        case Field::EntryFlags:
            if (kind != Kind::Uint || m_uint > std::numeric_limits<std::uint32_t>::max())
                return fail(entryWhere() + ": flags (f) is not a number");
            e.flags = static_cast<std::uint32_t>(m_uint);
            return true;
        default:
            return true;
        }
    }

    bool container(bool isMap, std::uint32_t n)
    {
        if (m_depth == kMaxDepth)
            return fail("the msgpack is nested more than " + std::to_string(kMaxDepth) + " deep");
        Ctx ctx = Ctx::Skipped;
        if (m_depth == 0) {
            if (!isMap || sawTop)
                return fail("the page is not a msgpack map");
            sawTop = true;
            ctx = Ctx::Top;
        } else {
            Frame &f = m_stack[m_depth - 1];
            if (f.inKey) {
                ctx = Ctx::Skipped; // a container as a key: never one of ours
                f.field = Field::Unknown;
            } else if (f.ctx == Ctx::Top && f.field == Field::Entries) {
                if (isMap)
                    return fail("Entries is not an array");
                if (n > kAisMaxPageEntries - m_page.entries.size())
                    return fail("the page says it holds " + std::to_string(m_page.entries.size() + n) +
                                " entries, more than " + std::to_string(kAisMaxPageEntries));
                m_page.entries.reserve(std::min<std::size_t>(n, m_bodySize / kMinEntryBytes));
                ctx = Ctx::Entries;
            } else if (f.ctx == Ctx::Top && f.field != Field::Unknown && f.field != Field::None) {
                return fail(std::string(fieldName(f.field)) + " is not " +
                            (f.field == Field::Entries ? "an array" : "a scalar"));
            } else if (f.ctx == Ctx::Entries) {
                if (!isMap)
                    return fail(entryWhere() + " is not a map");
                m_page.entries.emplace_back();
                ctx = Ctx::Entry;
            } else if (f.ctx == Ctx::Entry && f.field != Field::Unknown && f.field != Field::Ignored &&
                       f.field != Field::None) {
                return fail(entryWhere() + ": " + fieldName(f.field) + " is not a scalar");
            }
        }
        m_stack[m_depth++] = Frame{ctx, false, Field::None};
        return true;
    }

    bool close()
    {
        const Frame f = m_stack[--m_depth];
        if (f.ctx == Ctx::Entry && m_page.entries.back().name.empty())
            return fail("entry " + std::to_string(m_page.entries.size() - 1) + " has no name");
        return true;
    }

    AisListPage &m_page;
    std::size_t m_bodySize;
    Frame m_stack[kMaxDepth];
    std::size_t m_depth = 0;
    std::uint64_t m_uint = 0;
    std::int64_t m_int = 0;
    std::string_view m_str;
};

} // namespace

AisListPage parseListPageMsgpack(std::string_view body, const std::string &what)
{
    AisListPage page;
    PageVisitor visitor(page, body.size());
    std::size_t off = 0;
    bool ok = false;
    try {
        ok = msgpack::parse(body.data(), body.size(), off, visitor);
    } catch (const std::exception &e) { // msgpack-cxx's own limits (sizes it refuses)
        visitor.error = std::string("malformed msgpack: ") + e.what();
    }
    std::string why = visitor.error;
    if (why.empty() && !ok)
        why = body.empty() ? "the answer is empty" : "malformed msgpack at byte " + std::to_string(off);
    if (why.empty() && !visitor.sawTop)
        why = "the page is not a msgpack map";
    if (why.empty() && off != body.size())
        why = std::to_string(body.size() - off) + " bytes follow the page";
    if (!why.empty())
        throw Error(ErrorKind::Protocol, what + ": cannot read the msgpack answer (" +
                                             std::to_string(body.size()) + " bytes): " + why);
    return page;
}

} // namespace shardscope
