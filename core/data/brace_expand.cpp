#include "core/data/brace_expand.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace shardscope {
namespace {

[[noreturn]] void fail(std::string_view text, std::size_t pos, const std::string &why)
{
    throw Error(ErrorKind::InvalidArgument, "brace template " + quoted(text) + " at position " +
                                                std::to_string(pos + 1) + ": " + why);
}

bool parseInt(std::string_view s, std::int64_t *out)
{
    if (s.empty() || s.size() > 18)
        return false;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size())
        return false;
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = s[0] == '-' ? -v : v;
    return true;
}

constexpr std::uint64_t kSaturated = std::numeric_limits<std::uint64_t>::max();

std::uint64_t addSat(std::uint64_t a, std::uint64_t b) { return a > kSaturated - b ? kSaturated : a + b; }

std::uint64_t mulSat(std::uint64_t a, std::uint64_t b) { return b != 0 && a > kSaturated / b ? kSaturated : a * b; }

} // namespace

std::uint64_t BraceTemplate::Group::valueBytes() const
{
    if (!numeric) {
        std::uint64_t n = 0;
        for (const auto &c : choices)
            n = addSat(n, c.size());
        return n;
    }
    // The values run monotonically, so the longest is at one end.
    const std::uint64_t n = size();
    return mulSat(n, std::max(value(0).size(), value(n - 1).size()));
}

std::uint64_t BraceTemplate::Group::size() const
{
    if (!numeric)
        return choices.size();
    const std::uint64_t span = static_cast<std::uint64_t>(from <= to ? to - from : from - to);
    return span / static_cast<std::uint64_t>(step) + 1;
}

std::string BraceTemplate::Group::value(std::uint64_t i) const
{
    if (!numeric)
        return choices[i];
    const std::int64_t v = from <= to ? from + static_cast<std::int64_t>(i) * step
                                      : from - static_cast<std::int64_t>(i) * step;
    char buf[40];
    if (v < 0)
        std::snprintf(buf, sizeof buf, "-%0*lld", width > 0 ? width - 1 : 0, static_cast<long long>(-v));
    else
        std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
    return buf;
}

BraceTemplate::BraceTemplate(std::string_view text) : m_text(text)
{
    std::string literal;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '}')
            fail(text, i, "'}' without a matching '{'");
        if (c != '{') {
            literal.push_back(c);
            continue;
        }
        const std::size_t close = text.find('}', i);
        if (close == std::string_view::npos)
            fail(text, i, "'{' is never closed");
        const std::string_view body = text.substr(i + 1, close - i - 1);
        if (body.find('{') != std::string_view::npos)
            fail(text, i, "nested braces are not supported");
        Group g;
        g.literal = std::move(literal);
        literal.clear();
        const std::size_t dots = body.find("..");
        if (dots != std::string_view::npos) {
            const std::string_view a = body.substr(0, dots);
            std::string_view b = body.substr(dots + 2), s;
            if (const std::size_t d2 = b.find(".."); d2 != std::string_view::npos) {
                s = b.substr(d2 + 2);
                b = b.substr(0, d2);
            }
            if (!parseInt(a, &g.from) || !parseInt(b, &g.to))
                fail(text, i, "a range needs whole numbers, as in {0000..0999}");
            if (!s.empty() && (!parseInt(s, &g.step) || g.step == 0))
                fail(text, i, "the step must be a whole number other than 0");
            if (g.step < 0)
                g.step = -g.step;
            const bool padded = (a.size() > 1 && a[0] == '0') || (b.size() > 1 && b[0] == '0') ||
                                (a.size() > 2 && a[0] == '-' && a[1] == '0');
            if (padded)
                g.width = static_cast<int>(std::max(a.size(), b.size()));
            g.numeric = true;
        } else {
            std::size_t start = 0;
            for (;;) {
                const std::size_t comma = body.find(',', start);
                g.choices.emplace_back(body.substr(start, comma - start));
                if (comma == std::string_view::npos)
                    break;
                start = comma + 1;
            }
            if (g.choices.size() < 2)
                fail(text, i, "a list needs at least two items separated by ',' (or use a range {A..B})");
        }
        m_groups.push_back(std::move(g));
        i = close;
    }
    m_tail = std::move(literal);
}

std::uint64_t BraceTemplate::count() const
{
    std::uint64_t n = 1;
    for (const Group &g : m_groups) {
        const std::uint64_t k = g.size();
        if (k != 0 && n > std::numeric_limits<std::uint64_t>::max() / k)
            throw Error(ErrorKind::InvalidArgument, "brace template " + quoted(m_text) + " names too many objects");
        n *= k;
    }
    return n;
}

std::string BraceTemplate::at(std::uint64_t index) const
{
    if (index >= count())
        throw Error(ErrorKind::InvalidArgument, "brace template " + quoted(m_text) + ": index " +
                                                    std::to_string(index) + " is past its " +
                                                    std::to_string(count()) + " names");
    // The leftmost group varies slowest.
    std::vector<std::uint64_t> digits(m_groups.size());
    for (std::size_t g = m_groups.size(); g-- > 0;) {
        const std::uint64_t k = m_groups[g].size();
        digits[g] = index % k;
        index /= k;
    }
    std::string out;
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        out += m_groups[g].literal + m_groups[g].value(digits[g]);
    return out + m_tail;
}

std::uint64_t BraceTemplate::expandedBytes() const
{
    // Each name is the literals and the tail plus one value of every group;
    // over all names, each value of group g appears count() / size(g) times.
    const std::uint64_t n = count();
    if (n == 0)
        return 0;
    std::uint64_t fixed = m_tail.size();
    for (const Group &g : m_groups)
        fixed = addSat(fixed, g.literal.size());
    std::uint64_t total = mulSat(n, fixed);
    for (const Group &g : m_groups)
        total = addSat(total, mulSat(n / g.size(), g.valueBytes()));
    return total;
}

void BraceTemplate::checkExpansion(std::uint64_t limit, std::uint64_t maxBytes) const
{
    const std::uint64_t n = count();
    if (n > limit)
        throw Error(ErrorKind::InvalidArgument, "brace template " + quoted(m_text) + " names " + std::to_string(n) +
                                                    " objects, more than the limit of " + std::to_string(limit));
    const std::uint64_t bytes = expandedBytes();
    if (bytes > maxBytes)
        throw Error(ErrorKind::InvalidArgument,
                    "brace template " + quoted(m_text) + " expands to " +
                        (bytes == kSaturated ? std::string("more than 16 EiB") : humanBytes(bytes)) +
                        " of object names, more than the cap of " + humanBytes(maxBytes));
}

std::vector<std::string> BraceTemplate::expand(std::uint64_t limit, std::uint64_t maxBytes) const
{
    checkExpansion(limit, maxBytes);
    const std::uint64_t n = count();
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i)
        out.push_back(at(i));
    return out;
}

} // namespace shardscope
