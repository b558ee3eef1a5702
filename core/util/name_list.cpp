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
      m_largeSizes(std::move(other.m_largeSizes)), m_count(std::exchange(other.m_count, 0)),
      m_last(std::move(other.m_last))
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
        m_last = std::move(other.m_last);
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

namespace {

std::size_t varintLength(std::size_t v)
{
    std::size_t n = 1;
    for (; v >= 0x80; v >>= 7)
        ++n;
    return n;
}

char *putVarint(char *p, std::size_t v)
{
    for (; v >= 0x80; v >>= 7)
        *p++ = static_cast<char>(0x80 | (v & 0x7F));
    *p++ = static_cast<char>(v);
    return p;
}

// Reads a varint from the front of `bytes` and drops it.
std::size_t takeVarint(std::string_view &bytes)
{
    std::size_t v = 0;
    for (unsigned shift = 0; !bytes.empty(); shift += 7) {
        const auto b = static_cast<unsigned char>(bytes.front());
        bytes.remove_prefix(1);
        v |= std::size_t(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
    }
    return v;
}

} // namespace

void NameList::push_back(std::string_view name, std::uint64_t size)
{
    if (name.size() > kMaxName)
        throw Error(ErrorKind::InvalidArgument, "a listed name of " + std::to_string(name.size()) +
                                                    " bytes is longer than the " + std::to_string(kMaxName) +
                                                    " this program holds");
    std::size_t shared = 0;
    if (m_count % kRestart != 0)
        while (shared < name.size() && shared < m_last.size() && name[shared] == m_last[shared])
            ++shared;
    // Everything that can throw comes first: a chunk or block allocated for
    // an entry that then fails stays empty and takes the next one.
    if (m_chunks.empty() ||
        m_chunks.back().capacity - m_chunks.back().used < varintLength(shared) + name.size() - shared) {
        Chunk c;
        c.capacity = kChunkBytes; // a name and its prefix length fit in a new chunk
        c.bytes = std::make_unique<char[]>(c.capacity);
        c.firstEntry = m_count;
        m_chunks.push_back(std::move(c));
    }
    if (m_chunks.back().firstEntry == m_count)
        shared = 0; // a chunk starts with a whole name
    if (m_count == m_blocks.size() * kBlockEntries)
        m_blocks.push_back(std::make_unique<Entry[]>(kBlockEntries));
    if (size >= kLargeSize)
        m_largeSizes[m_count] = size;
    m_last.assign(name.data(), name.size());
    Chunk &c = m_chunks.back();
    char *p = putVarint(c.bytes.get() + c.used, shared);
    if (name.size() > shared)
        std::memcpy(p, name.data() + shared, name.size() - shared);
    Entry &e = m_blocks[m_count / kBlockEntries][m_count % kBlockEntries];
    e.offset = static_cast<std::uint32_t>(c.used);
    e.size = size < kLargeSize ? static_cast<std::uint32_t>(size) : kLargeSize;
    c.used = static_cast<std::size_t>(p - c.bytes.get()) + (name.size() - shared);
    ++m_count;
}

void NameList::clear()
{
    m_blocks.clear();
    m_chunks.clear();
    m_largeSizes.clear();
    m_count = 0;
    m_last.clear();
}

std::size_t NameList::chunkOf(std::size_t i) const
{
    // The last chunk whose first entry is at or before i.
    const auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), i,
                                     [](std::size_t v, const Chunk &c) { return v < c.firstEntry; });
    return static_cast<std::size_t>(it - m_chunks.begin()) - 1;
}

std::string_view NameList::coded(std::size_t i, std::size_t chunk) const
{
    const Chunk &c = m_chunks[chunk];
    const std::size_t begin = entry(i).offset;
    // An entry ends where the next one of its chunk starts, or at the chunk's end.
    const bool lastOfChunk =
        i + 1 == m_count || (chunk + 1 < m_chunks.size() && m_chunks[chunk + 1].firstEntry == i + 1);
    const std::size_t end = lastOfChunk ? c.used : entry(i + 1).offset;
    return {c.bytes.get() + begin, end - begin};
}

std::string NameList::operator[](std::size_t i) const
{
    if (i >= m_count)
        throw Error(ErrorKind::InvalidArgument,
                    "name " + std::to_string(i) + " of a list of " + std::to_string(m_count));
    const std::size_t chunk = chunkOf(i);
    // From the last whole name (a restart point or the chunk's start) to i.
    std::string name;
    for (std::size_t j = std::max(i - i % kRestart, m_chunks[chunk].firstEntry); j <= i; ++j) {
        std::string_view bytes = coded(j, chunk);
        const std::size_t shared = takeVarint(bytes);
        name.resize(std::min(shared, name.size()));
        name.append(bytes.data(), bytes.size());
    }
    return name;
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
    return n + m_last.capacity();
}

} // namespace shardscope
