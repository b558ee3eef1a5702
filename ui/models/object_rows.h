#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shardscope::ui {

// One listed entry, as the GUI hands it out.
struct ObjectRow
{
    QString name;
    quint64 size = 0;
    QString modified;
    QString checksum;
    bool isDirectory = false;
};

// The rows of an object listing in compact form, so a million listed objects
// cost tens of megabytes, not hundreds: 24 bytes a row (size and time as
// numbers) plus the name and checksum as UTF-8 in one arena of 1 MiB chunks.
// A time in one of the stores' own formats (file: 2024-05-01T10:00:00Z, S3:
// 2024-05-01T10:00:00.123Z, AIStore: 01 May 24 10:00 UTC) is kept as a number
// and shown exactly as the store gave it; any other text is kept as text.
// Neither rows nor chunks ever move, so appending never copies what is there.
class ObjectRows
{
public:
    // Longest name, checksum and time text one row holds (the stores' own
    // limits are far lower: 1,024 bytes for AIStore and S3 names, 4,096 for a path).
    static constexpr std::size_t kMaxName = 65535;
    static constexpr std::size_t kMaxField = 255;
    static constexpr std::size_t kChunkBytes = std::size_t(1) << 20;

    ObjectRows() = default;
    ObjectRows(ObjectRows &&) noexcept = default;
    ObjectRows &operator=(ObjectRows &&) noexcept = default;

    // Adds a row; throws Error(Protocol) naming the object when a field is
    // longer than the limits above.
    void append(std::string_view name, std::uint64_t size, std::string_view modified,
                std::string_view checksum, bool isDirectory);
    // Copies rows of `other` to the end of this one, as many as fit in
    // `maxRows` rows and `maxBytes` bytes() in all; returns how many.
    int append(const ObjectRows &other, std::size_t maxRows = SIZE_MAX, std::size_t maxBytes = SIZE_MAX);
    // How many rows append(other, maxRows, maxBytes) would copy.
    int fitting(const ObjectRows &other, std::size_t maxRows = SIZE_MAX,
                std::size_t maxBytes = SIZE_MAX) const;
    void clear();

    int count() const { return static_cast<int>(m_count); }
    // True while every name is >= the one before (byte order): the stores
    // list in name order, so sorting by name is then sorting by row.
    bool namesAscending() const { return m_ascending; }
    // Bytes held: rows, chunks (their full capacity) and indexes.
    std::size_t bytes() const;

    ObjectRow row(int r) const;
    QString name(int r) const { return QString::fromUtf8(nameBytes(r)); }
    // The name's UTF-8 bytes (a copy): sorts as the name, without decoding.
    QByteArray nameUtf8(int r) const;
    quint64 size(int r) const { return at(r).size; }
    bool isDirectory(int r) const { return at(r).flags & kDirectory; }
    QString modified(int r) const;
    // Milliseconds since 1970 (UTC) when the time was one of the known formats.
    bool modifiedMs(int r, qint64 *ms) const;
    QString checksum(int r) const;

private:
    enum : std::uint8_t
    {
        kDirectory = 0x80,
        kHexChecksum = 0x40, // the checksum's lowercase hex digits, kept as bytes (half the size)
        kTimeMask = 0x07
    };
    struct Row
    {
        std::uint64_t size;
        std::int64_t modified; // ms since 1970 UTC, or the text's length for TimeText
        std::uint32_t text;    // name, checksum[, time text] in chunk text >> 20 at text & (1 MiB - 1)
        std::uint16_t nameLength;
        std::uint8_t checksumLength;
        std::uint8_t flags; // kDirectory | kHexChecksum | time format
    };
    static_assert(sizeof(Row) == 24, "a listed row is 24 bytes");
    static constexpr std::size_t kBlockRows = 16384; // rows per block

    static std::size_t textLength(const Row &r);
    const Row &at(int r) const { return m_blocks[std::size_t(r) / kBlockRows][std::size_t(r) % kBlockRows]; }
    std::string_view nameBytes(int r) const;
    const char *textOf(const Row &row) const;
    void push(const Row &row, std::string_view name, std::string_view checksum, std::string_view timeText);

    std::vector<std::unique_ptr<Row[]>> m_blocks;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_count = 0;
    bool m_ascending = true;
    std::size_t m_lastChunkUsed = 0; // bytes used in the last chunk
};

} // namespace shardscope::ui
