#include "core/util/name_list.h"

#include "core/util/error.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace shardscope {

NameList::NameList(std::initializer_list<std::string_view> names)
{
    for (std::string_view n : names)
        push_back(n);
}

NameList::NameList(const std::vector<std::string> &names)
{
    for (const std::string &n : names)
        push_back(n);
}

NameList::NameList(const NameList &other)
{
    for (std::size_t i = 0; i < other.size(); ++i)
        push_back(other[i], other.sizeAt(i));
}

NameList::NameList(NameList &&other) noexcept
    : m_blocks(std::move(other.m_blocks)), m_chunks(std::move(other.m_chunks)),
      m_largeSizes(std::move(other.m_largeSizes)), m_count(std::exchange(other.m_count, 0))
{
    other.clear();
}

NameList &NameList::operator=(NameList &&other) noexcept
{
    if (this != &other) {
        m_blocks = std::move(other.m_blocks);
        m_chunks = std::move(other.m_chunks);
        m_largeSizes = std::move(other.m_largeSizes);
        m_count = std::exchange(other.m_count, 0);
        other.clear();
    }
    return *this;
}

NameList &NameList::operator=(const NameList &other)
{
    if (this != &other) {
        NameList copy(other);
        *this = std::move(copy);
    }
    return *this;
}

void NameList::push_back(std::string_view name, std::uint64_t size)
{
    if (name.size() > kMaxName)
        throw Error(ErrorKind::InvalidArgument, "a listed name of " + std::to_string(name.size()) +
                                                    " bytes is longer than the " + std::to_string(kMaxName) +
                                                    " this program holds");
    // Everything that can throw comes first: a chunk or block allocated for
    // an entry that then fails stays empty and takes the next one.
    if (m_chunks.empty() || m_chunks.back().capacity - m_chunks.back().used < name.size()) {
        Chunk c;
        c.capacity = kChunkBytes; // kMaxName < kChunkBytes: every name fits in a new chunk
        c.bytes = std::make_unique<char[]>(c.capacity);
        c.firstEntry = m_count;
        m_chunks.push_back(std::move(c));
    }
    if (m_count == m_blocks.size() * kBlockEntries)
        m_blocks.push_back(std::make_unique<Entry[]>(kBlockEntries));
    if (size >= kLargeSize)
        m_largeSizes[m_count] = size;
    Chunk &c = m_chunks.back();
    if (!name.empty())
        std::memcpy(c.bytes.get() + c.used, name.data(), name.size());
    Entry &e = m_blocks[m_count / kBlockEntries][m_count % kBlockEntries];
    e.offset = static_cast<std::uint32_t>(c.used);
    e.size = size < kLargeSize ? static_cast<std::uint32_t>(size) : kLargeSize;
    c.used += name.size();
    ++m_count;
}

void NameList::clear()
{
    m_blocks.clear();
    m_chunks.clear();
    m_largeSizes.clear();
    m_count = 0;
}

std::size_t NameList::chunkOf(std::size_t i) const
{
    // The last chunk whose first entry is at or before i.
    const auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), i,
                                     [](std::size_t v, const Chunk &c) { return v < c.firstEntry; });
    return static_cast<std::size_t>(it - m_chunks.begin()) - 1;
}

std::string_view NameList::operator[](std::size_t i) const
{
    if (i >= m_count)
        throw Error(ErrorKind::InvalidArgument,
                    "name " + std::to_string(i) + " of a list of " + std::to_string(m_count));
    const std::size_t ci = chunkOf(i);
    const Chunk &c = m_chunks[ci];
    const std::size_t begin = entry(i).offset;
    // A name ends where the next one of its chunk starts, or at the chunk's end.
    const bool lastOfChunk =
        i + 1 == m_count || (ci + 1 < m_chunks.size() && m_chunks[ci + 1].firstEntry == i + 1);
    const std::size_t end = lastOfChunk ? c.used : entry(i + 1).offset;
    return {c.bytes.get() + begin, end - begin};
}

std::uint64_t NameList::sizeAt(std::size_t i) const
{
    if (i >= m_count)
        throw Error(ErrorKind::InvalidArgument,
                    "size " + std::to_string(i) + " of a list of " + std::to_string(m_count));
    const std::uint32_t s = entry(i).size;
    return s == kLargeSize ? m_largeSizes.at(i) : s;
}

std::vector<std::uint64_t> NameList::sizes() const
{
    std::vector<std::uint64_t> out;
    out.reserve(m_count);
    for (std::size_t i = 0; i < m_count; ++i)
        out.push_back(sizeAt(i));
    return out;
}

std::size_t NameList::bytes() const
{
    std::size_t n = m_blocks.size() * kBlockEntries * sizeof(Entry) + m_chunks.capacity() * sizeof(Chunk) +
                    m_largeSizes.size() * (sizeof(std::size_t) + sizeof(std::uint64_t));
    for (const Chunk &c : m_chunks)
        n += c.capacity;
    return n;
}

} // namespace shardscope
