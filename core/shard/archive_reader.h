#pragma once

#include "core/storage/http_client.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace shardscope {

// Whether a name is one of the archives ArchiveReader reads, by its ending
// (.tar, .tar.gz, .tgz, .tar.lz4, .tar.zst, .zip; case-sensitive, as
// WebDataset's own tools name shards): what the explorer opens as a shard.
bool isArchiveName(std::string_view name);

struct ArchiveEntry
{
    enum class Type { File, Directory, Symlink, Hardlink, Other };
    std::string name;
    std::uint64_t size = 0;
    Type type = Type::File;
};

// Streams a tar, tar.gz, tar.lz4, tar.zst or zip archive from a pull
// function, one member at a time, without holding the archive in memory.
// Compressions are decoded in-process only (never by an external program),
// one at most; others (bzip2, xz, lrzip, ...) and stacks (gzip inside gzip)
// are refused by name. Errors are Error(Protocol) naming the archive
// (`description`, e.g. "ais://b/shard-0001.tar") and the member.
class ArchiveReader
{
public:
    // Fills buf with up to n bytes; returns 0 at the end. May throw.
    using Pull = std::function<std::size_t(char *buf, std::size_t n)>;

    // Or whole blocks that stay valid until the next call (empty at the end),
    // which libarchive reads in place: no copy into a buffer of its own.
    struct BlockSource
    {
        std::function<std::string_view()> next;
    };

    ArchiveReader(Pull pull, std::string description);
    ArchiveReader(BlockSource blocks, std::string description);
    ~ArchiveReader();
    ArchiveReader(const ArchiveReader &) = delete;
    ArchiveReader &operator=(const ArchiveReader &) = delete;

    // Advances to the next member; false at the end of the archive.
    bool next(ArchiveEntry &entry);
    // Streams the current member's data; returns its byte count.
    std::uint64_t readData(const BodySink &sink);
    // The current member's data, held in memory: a member larger than
    // maxBytes (by its header, or as its bytes arrive) is an Error, and never
    // more than maxBytes are held.
    std::string readData(std::uint64_t maxBytes = kDefaultMaxMemberBytes);
    // Appends the current member's data to `out`, the same way; the error
    // message past maxBytes is tooLarge()'s.
    void readData(std::string &out, std::uint64_t maxBytes, const std::function<std::string()> &tooLarge);
    static constexpr std::uint64_t kDefaultMaxMemberBytes = 1ull << 31;
    const std::string &description() const { return m_description; }

private:
    void throwUnsupported() const; // when the archive starts like a compression shardscope does not read
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_description;
    std::string m_current;
};

} // namespace shardscope
