#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shardscope {

// The names (and sizes) of a listing, packed for millions of entries. Names
// are front-coded, as sorted listings share long prefixes: each keeps only
// what differs from the name before it (the length of the shared prefix,
// then the rest), back to back in 1 MiB chunks, with a full name every
// kRestart entries and at each chunk's start; per entry a 32-bit offset into
// its chunk and a 32-bit size (sizes of 4 GiB and more are kept aside). A
// million names "obj-0000000.bin" ... with their sizes take 14 MB here,
// against 40 MB in std::vector<std::string> and std::vector<std::uint64_t>;
// and the list grows block by block, so it never holds an old and a new copy
// of itself as a growing vector does (that doubled the peak). Reading a name
// decodes at most kRestart entries.
//
// Append-only; reading from several threads while nobody appends is safe.
class NameList
{
public:
    // Longest name (bytes); with its prefix length it fits in a chunk. Stores
    // allow about a kilobyte; this only keeps the per-entry fields small.
    static constexpr std::size_t kMaxName = (std::size_t(1) << 20) - 8;
    static constexpr std::size_t kRestart = 16;

    NameList() = default;
    NameList(std::initializer_list<std::string_view> names);
    explicit NameList(const std::vector<std::string> &names);
    // A moved-from list is empty (and takes new names).
    NameList(NameList &&other) noexcept;
    NameList &operator=(NameList &&other) noexcept;
    NameList(const NameList &other);
    NameList &operator=(const NameList &other);

    // Throws Error (InvalidArgument) for a name longer than kMaxName.
    void push_back(std::string_view name, std::uint64_t size = 0);
    void clear();

    std::size_t size() const { return m_count; }
    bool empty() const { return m_count == 0; }
    std::string operator[](std::size_t i) const;
    std::uint64_t sizeAt(std::size_t i) const;
    std::vector<std::uint64_t> sizes() const;
    // Bytes held (names, entries, chunk tables), for memory accounting.
    std::size_t bytes() const;

    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string;
        const_iterator(const NameList *list, std::size_t i) : m_list(list), m_i(i) {}
        std::string operator*() const { return (*m_list)[m_i]; }
        const_iterator &operator++()
        {
            ++m_i;
            return *this;
        }
        bool operator==(const const_iterator &o) const { return m_i == o.m_i; }
        bool operator!=(const const_iterator &o) const { return m_i != o.m_i; }

    private:
        const NameList *m_list;
        std::size_t m_i;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, m_count}; }

private:
    static constexpr std::size_t kChunkBytes = std::size_t(1) << 20;
    static_assert(kMaxName < kChunkBytes, "a name fits in a new chunk");
    static constexpr std::size_t kBlockEntries = 65536;
    static constexpr std::uint32_t kLargeSize = 0xFFFFFFFFu; // the size is in m_largeSizes

    struct Entry
    {
        std::uint32_t offset; // into the entry's chunk: the shared prefix's length (varint), then the rest
        std::uint32_t size;
    };
    struct Chunk
    {
        std::unique_ptr<char[]> bytes;
        std::size_t capacity = 0;
        std::size_t used = 0;
        std::size_t firstEntry = 0;
    };

    const Entry &entry(std::size_t i) const { return m_blocks[i / kBlockEntries][i % kBlockEntries]; }
    std::size_t chunkOf(std::size_t i) const;
    // Entry i's bytes in its chunk (prefix length and rest).
    std::string_view coded(std::size_t i, std::size_t chunk) const;

    std::vector<std::unique_ptr<Entry[]>> m_blocks;
    std::vector<Chunk> m_chunks;
    std::unordered_map<std::size_t, std::uint64_t> m_largeSizes;
    std::size_t m_count = 0;
    std::string m_last; // the last name, for the next one's shared prefix
};

} // namespace shardscope
