#include "ui/models/object_rows.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <cstdio>
#include <cstring>
#include <optional>

namespace shardscope::ui {
namespace {

// The time formats kept as numbers. A text is stored as a number only when
// formatting the number gives the very same text back.
enum TimeFormat : std::uint8_t
{
    TimeNone = 0,   // no time (directories)
    TimeIso = 1,    // 2024-05-01T10:00:00Z       (file store)
    TimeIsoMs = 2,  // 2024-05-01T10:00:00.123Z  (S3 ListObjectsV2)
    TimeRfc822 = 3, // 01 May 24 10:00 UTC      (AIStore's default list time format)
    TimeText = 4,   // anything else: the text itself
};

constexpr const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil
{
    std::int64_t year;
    unsigned month, day, hour, minute, second, millis;
};

Civil civilFromMs(std::int64_t ms)
{
    std::int64_t days = ms / 86400000, rest = ms % 86400000;
    if (rest < 0)
        rest += 86400000, --days;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    Civil c{};
    c.day = doy - (153 * mp + 2) / 5 + 1;
    c.month = mp < 10 ? mp + 3 : mp - 9;
    c.year = static_cast<std::int64_t>(yoe) + era * 400 + (c.month <= 2);
    c.hour = static_cast<unsigned>(rest / 3600000);
    c.minute = static_cast<unsigned>(rest / 60000 % 60);
    c.second = static_cast<unsigned>(rest / 1000 % 60);
    c.millis = static_cast<unsigned>(rest % 1000);
    return c;
}

std::string formatTime(std::int64_t ms, std::uint8_t format)
{
    const Civil c = civilFromMs(ms);
    char buf[48];
    switch (format) {
    case TimeIso:
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.year),
                      c.month, c.day, c.hour, c.minute, c.second);
        return buf;
    case TimeIsoMs:
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                      static_cast<long long>(c.year), c.month, c.day, c.hour, c.minute, c.second, c.millis);
        return buf;
    case TimeRfc822:
        std::snprintf(buf, sizeof buf, "%02u %s %02u %02u:%02u UTC", c.day, kMonths[c.month - 1],
                      static_cast<unsigned>(((c.year % 100) + 100) % 100), c.hour, c.minute);
        return buf;
    }
    return {};
}

// Digits at t[pos, pos + n) as a number, or nullopt.
std::optional<unsigned> digits(std::string_view t, std::size_t pos, std::size_t n)
{
    if (pos + n > t.size())
        return std::nullopt;
    unsigned v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (t[i] < '0' || t[i] > '9')
            return std::nullopt;
        v = v * 10 + unsigned(t[i] - '0');
    }
    return v;
}

std::optional<std::int64_t> toMs(std::int64_t y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s,
                                 unsigned ms)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
        return std::nullopt; // anything odd stays text (the round trip would catch it too)
    return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + std::int64_t(s) * 1000 + ms;
}

std::optional<std::int64_t> parseTime(std::string_view t, std::uint8_t format)
{
    if (format == TimeIso || format == TimeIsoMs) {
        const std::size_t n = format == TimeIso ? 20 : 24;
        if (t.size() != n || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
            t.back() != 'Z' || (format == TimeIsoMs && t[19] != '.'))
            return std::nullopt;
        const auto y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2), h = digits(t, 11, 2),
                   mi = digits(t, 14, 2), s = digits(t, 17, 2);
        const auto ms = format == TimeIsoMs ? digits(t, 20, 3) : std::optional<unsigned>(0);
        if (!y || !mo || !d || !h || !mi || !s || !ms)
            return std::nullopt;
        return toMs(*y, *mo, *d, *h, *mi, *s, *ms);
    }
    if (format == TimeRfc822) {
        if (t.size() != 19 || t[2] != ' ' || t[6] != ' ' || t[9] != ' ' || t[12] != ':' ||
            t.substr(15) != " UTC")
            return std::nullopt;
        unsigned month = 0;
        for (unsigned i = 0; i < 12; ++i)
            if (t.substr(3, 3) == kMonths[i])
                month = i + 1;
        const auto d = digits(t, 0, 2), yy = digits(t, 7, 2), h = digits(t, 10, 2), mi = digits(t, 13, 2);
        if (!month || !d || !yy || !h || !mi)
            return std::nullopt;
        return toMs(*yy < 69 ? 2000 + *yy : 1900 + *yy, month, *d, *h, *mi, 0, 0); // Go's reading of "06"
    }
    return std::nullopt;
}

// A checksum of lowercase hex digits (as AIStore lists them) as bytes, when
// hex-encoding the bytes gives the very same text back.
bool packHex(std::string_view hex, char *out)
{
    if (hex.empty() || hex.size() % 2 != 0)
        return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < hex.size() / 2; ++i) {
        const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<char>(hi << 4 | lo);
    }
    return true;
}

} // namespace

void ObjectRows::push(const Row &row, std::string_view name, std::string_view checksum,
                      std::string_view timeText)
{
    const std::size_t need = name.size() + checksum.size() + timeText.size();
    if (m_chunks.empty() || m_lastChunkUsed + need > kChunkBytes) {
        if (m_chunks.size() >= (std::size_t(1) << 12))
            throw Error(ErrorKind::Internal, "the listing's names exceed 4 GiB");
        m_chunks.emplace_back(new char[kChunkBytes]); // not zeroed: only written bytes are read
        m_lastChunkUsed = 0;
    }
    if (m_ascending && m_count > 0 && name < nameBytes(static_cast<int>(m_count - 1)))
        m_ascending = false;
    if (m_count % kBlockRows == 0)
        m_blocks.emplace_back(new Row[kBlockRows]);
    Row &r = m_blocks.back()[m_count % kBlockRows];
    r = row;
    r.text = static_cast<std::uint32_t>(((m_chunks.size() - 1) << 20) | m_lastChunkUsed);
    char *p = m_chunks.back().get() + m_lastChunkUsed;
    if (!name.empty())
        std::memcpy(p, name.data(), name.size());
    if (!checksum.empty())
        std::memcpy(p + name.size(), checksum.data(), checksum.size());
    if (!timeText.empty())
        std::memcpy(p + name.size() + checksum.size(), timeText.data(), timeText.size());
    m_lastChunkUsed += need;
    ++m_count;
}

void ObjectRows::append(std::string_view name, std::uint64_t size, std::string_view modified,
                        std::string_view checksum, bool isDirectory)
{
    auto tooLong = [&](const char *what, std::size_t n, std::size_t limit) {
        return Error(ErrorKind::Protocol, "object " + shardscope::quoted(name.substr(0, 200)) + ": " + what +
                                              " of " + std::to_string(n) + " bytes (at most " +
                                              std::to_string(limit) + ")");
    };
    if (name.size() > kMaxName)
        throw tooLong("name", name.size(), kMaxName);
    if (checksum.size() > kMaxField)
        throw tooLong("checksum", checksum.size(), kMaxField);
    if (modified.size() > kMaxField)
        throw tooLong("time", modified.size(), kMaxField);
    Row row{};
    row.size = size;
    row.nameLength = static_cast<std::uint16_t>(name.size());
    row.flags = isDirectory ? kDirectory : 0;
    char packed[kMaxField / 2 + 1];
    if (packHex(checksum, packed)) { // checksum.size() <= kMaxField
        checksum = std::string_view(packed, checksum.size() / 2);
        row.flags |= kHexChecksum;
    }
    row.checksumLength = static_cast<std::uint8_t>(checksum.size());
    std::string_view timeText;
    if (!modified.empty()) {
        std::uint8_t format = TimeText;
        for (std::uint8_t f : {TimeIso, TimeIsoMs, TimeRfc822})
            if (const auto ms = parseTime(modified, f); ms && formatTime(*ms, f) == modified) {
                row.modified = *ms;
                format = f;
                break;
            }
        if (format == TimeText) {
            row.modified = static_cast<std::int64_t>(modified.size());
            timeText = modified;
        }
        row.flags |= format;
    }
    push(row, name, checksum, timeText);
}

std::size_t ObjectRows::textLength(const Row &r)
{
    return std::size_t(r.nameLength) + r.checksumLength +
           ((r.flags & kTimeMask) == TimeText ? std::size_t(r.modified) : 0);
}

int ObjectRows::fitting(const ObjectRows &other, std::size_t maxRows, std::size_t maxBytes) const
{
    // What append() would do, counted: a new chunk or block grows bytes(),
    // and a row stops before that would pass the budget.
    std::size_t count = m_count, used = m_lastChunkUsed, total = bytes();
    bool haveChunk = !m_chunks.empty();
    int i = 0;
    for (; i < other.count() && count < maxRows; ++i) {
        const std::size_t text = textLength(other.at(i));
        const bool newChunk = !haveChunk || used + text > kChunkBytes;
        haveChunk = true;
        const std::size_t growth =
            (newChunk ? kChunkBytes : 0) + (count % kBlockRows == 0 ? kBlockRows * sizeof(Row) : 0);
        if (growth && total + growth > maxBytes)
            break;
        total += growth;
        used = (newChunk ? 0 : used) + text;
        ++count;
    }
    return i;
}

int ObjectRows::append(const ObjectRows &other, std::size_t maxRows, std::size_t maxBytes)
{
    const int n = fitting(other, maxRows, maxBytes);
    for (int i = 0; i < n; ++i) {
        const Row &r = other.at(i);
        const char *t = other.textOf(r);
        const std::size_t timeLength = (r.flags & kTimeMask) == TimeText ? std::size_t(r.modified) : 0;
        push(r, {t, r.nameLength}, {t + r.nameLength, r.checksumLength},
             {t + r.nameLength + r.checksumLength, timeLength});
    }
    return n;
}

void ObjectRows::clear()
{
    std::vector<std::unique_ptr<Row[]>>().swap(m_blocks); // frees the indexes too
    std::vector<std::unique_ptr<char[]>>().swap(m_chunks);
    m_count = 0;
    m_ascending = true;
    m_lastChunkUsed = 0;
}

std::size_t ObjectRows::bytes() const
{
    return m_blocks.size() * kBlockRows * sizeof(Row) + m_chunks.size() * kChunkBytes +
           (m_blocks.capacity() + m_chunks.capacity()) * sizeof(void *);
}

const char *ObjectRows::textOf(const Row &row) const
{
    return m_chunks[row.text >> 20].get() + (row.text & (kChunkBytes - 1));
}

std::string_view ObjectRows::nameBytes(int r) const
{
    const Row &row = at(r);
    return {textOf(row), row.nameLength};
}

QByteArray ObjectRows::nameUtf8(int r) const
{
    const std::string_view n = nameBytes(r);
    return QByteArray(n.data(), static_cast<qsizetype>(n.size()));
}

QString ObjectRows::checksum(int r) const
{
    const Row &row = at(r);
    const char *text = textOf(row) + row.nameLength;
    if (!(row.flags & kHexChecksum))
        return QString::fromUtf8(text, row.checksumLength);
    return QString::fromLatin1(QByteArray(text, row.checksumLength).toHex());
}

QString ObjectRows::modified(int r) const
{
    const Row &row = at(r);
    const std::uint8_t format = row.flags & kTimeMask;
    if (format == TimeNone)
        return {};
    if (format == TimeText)
        return QString::fromUtf8(textOf(row) + row.nameLength + row.checksumLength,
                                 static_cast<qsizetype>(row.modified));
    return QString::fromStdString(formatTime(row.modified, format));
}

bool ObjectRows::modifiedMs(int r, qint64 *ms) const
{
    const Row &row = at(r);
    const std::uint8_t format = row.flags & kTimeMask;
    if (format == TimeNone || format == TimeText)
        return false;
    *ms = row.modified;
    return true;
}

ObjectRow ObjectRows::row(int r) const
{
    return {name(r), size(r), modified(r), checksum(r), isDirectory(r)};
}

} // namespace shardscope::ui
