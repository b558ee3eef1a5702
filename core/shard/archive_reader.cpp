#include "core/shard/archive_reader.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <vector>

namespace shardscope {

bool isArchiveName(std::string_view name)
{
    for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.lz4", ".tar.zst", ".zip"})
        if (name.size() > ext.size() && name.substr(name.size() - ext.size()) == ext)
            return true;
    return false;
}

namespace {

using SupportFilter = int (*)(archive *);

// The compressions shardscope reads, each only where libarchive decodes it
// in-process: libarchive falls back to running an external program (gzip -d,
// lz4 -d, zstd -d) when it was built without the library, and says so by
// returning ARCHIVE_WARN. That is asked once, on a throwaway reader.
const std::vector<SupportFilter> &inProcessFilters()
{
    static const std::vector<SupportFilter> filters = [] {
        std::vector<SupportFilter> ok;
        for (SupportFilter f : {&archive_read_support_filter_gzip, &archive_read_support_filter_lz4,
                                &archive_read_support_filter_zstd}) {
            archive *probe = archive_read_new();
            if (f(probe) == ARCHIVE_OK)
                ok.push_back(f);
            archive_read_free(probe);
        }
        return ok;
    }();
    return filters;
}

// The compressions met in the wild that shardscope does not read, by magic
// number, so that the error can name them (and never run their programs).
const char *unsupportedCompression(const std::string &head)
{
    static const std::pair<const char *, std::string> magics[] = {
        {"bzip2", "BZh"},          {"xz", std::string("\xFD" "7zXZ\0", 6)}, {"lrzip", "LRZI"},
        {"grzip", "GRZipII"},      {"lzop", "\x89LZO"},                     {"lzip", "LZIP"},
        {"compress (.Z)", "\x1F\x9D"}, {"lzma", std::string("\x5D\0\0", 3)}, {"uuencode", "begin "},
    };
    for (const auto &[name, magic] : magics)
        if (head.compare(0, magic.size(), magic) == 0)
            return name;
    return nullptr;
}

} // namespace

struct ArchiveReader::Impl
{
    Pull pull;
    BlockSource blocks;
    archive *a = nullptr;
    std::vector<char> buffer = std::vector<char>(256 * 1024); // input blocks
    std::uint64_t currentSize = 0;
    std::exception_ptr pullError; // an error of the data source, rethrown as is
    bool opened = false;
    std::string head; // the archive's first bytes, to name an unsupported compression

    static la_ssize_t onRead(archive *, void *self, const void **out)
    {
        auto *impl = static_cast<Impl *>(self);
        try {
            if (impl->blocks.next) {
                const std::string_view block = impl->blocks.next();
                if (impl->head.size() < 16)
                    impl->head.append(block.data(), std::min(block.size(), 16 - impl->head.size()));
                *out = block.data();
                return static_cast<la_ssize_t>(block.size());
            }
            const std::size_t n = impl->pull(impl->buffer.data(), impl->buffer.size());
            if (impl->head.size() < 16)
                impl->head.append(impl->buffer.data(), std::min(n, 16 - impl->head.size()));
            *out = impl->buffer.data();
            return static_cast<la_ssize_t>(n);
        } catch (...) {
            impl->pullError = std::current_exception();
            return -1;
        }
    }
};

ArchiveReader::ArchiveReader(BlockSource blocks, std::string description)
    : ArchiveReader(Pull{}, std::move(description))
{
    m_impl->blocks = std::move(blocks);
    m_impl->buffer = {}; // libarchive reads the source's blocks in place
}

ArchiveReader::ArchiveReader(Pull pull, std::string description)
    : m_impl(std::make_unique<Impl>()), m_description(std::move(description))
{
    m_impl->pull = std::move(pull);
    m_impl->a = archive_read_new();
    for (SupportFilter f : inProcessFilters())
        f(m_impl->a);
    archive_read_support_format_tar(m_impl->a);
    archive_read_support_format_gnutar(m_impl->a);
    archive_read_support_format_zip(m_impl->a);
}

ArchiveReader::~ArchiveReader()
{
    if (m_impl->a)
        archive_read_free(m_impl->a);
}

bool ArchiveReader::next(ArchiveEntry &entry)
{
    archive *a = m_impl->a;
    if (!m_impl->opened) {
        m_impl->opened = true;
        if (archive_read_open(a, m_impl.get(), nullptr, &Impl::onRead, nullptr) != ARCHIVE_OK) {
            if (m_impl->pullError)
                std::rethrow_exception(m_impl->pullError);
            throwUnsupported();
            throw Error(ErrorKind::Protocol, m_description + ": not a readable archive (" +
                                                 (archive_error_string(a) ? archive_error_string(a) : "unknown") +
                                                 ")");
        }
        // One compression at most: a gzip inside a gzip (inside ...) multiplies
        // what a few bytes expand to, and no shard writer makes one.
        if (archive_filter_count(a) > 2) {
            std::string stack;
            for (int i = archive_filter_count(a) - 2; i >= 0; --i)
                stack += std::string(stack.empty() ? "" : " inside ") + archive_filter_name(a, i);
            throw Error(ErrorKind::Protocol, m_description + ": compression inside compression (" + stack +
                                                 ") is not supported; a shard has one compression at most");
        }
    }
    archive_entry *e = nullptr;
    const int rc = archive_read_next_header(a, &e);
    if (rc == ARCHIVE_EOF)
        return false;
    if (m_impl->pullError)
        std::rethrow_exception(m_impl->pullError);
    if (rc < ARCHIVE_WARN) {
        if (m_current.empty())
            throwUnsupported();
        const char *msg = archive_error_string(a);
        throw Error(ErrorKind::Protocol,
                    m_description + ": malformed archive " +
                        (m_current.empty() ? std::string("at the first member")
                                           : "after member " + quoted(m_current)) +
                        " (" + (msg ? msg : "unknown error") + ")");
    }
    // The raw name first: for the usual ASCII names it is the UTF-8 name, and
    // asking libarchive for UTF-8 converts every name through wide characters
    // (mbrtowc), which cost about 7% of a shard read. Other names are converted.
    const char *path = archive_entry_pathname(e);
    bool ascii = path != nullptr;
    for (const char *p = path; ascii && *p; ++p)
        ascii = static_cast<unsigned char>(*p) < 0x80;
    if (!ascii) {
        const char *utf8 = archive_entry_pathname_utf8(e);
        if (utf8)
            path = utf8;
    }
    entry.name = path ? path : "";
    entry.size = archive_entry_size_is_set(e) ? static_cast<std::uint64_t>(archive_entry_size(e)) : 0;
    m_impl->currentSize = entry.size;
    if (archive_entry_hardlink(e))
        entry.type = ArchiveEntry::Type::Hardlink;
    else {
        switch (archive_entry_filetype(e)) {
        case AE_IFREG: entry.type = ArchiveEntry::Type::File; break;
        case AE_IFDIR: entry.type = ArchiveEntry::Type::Directory; break;
        case AE_IFLNK: entry.type = ArchiveEntry::Type::Symlink; break;
        default: entry.type = ArchiveEntry::Type::Other; break;
        }
    }
    m_current = entry.name;
    return true;
}

std::uint64_t ArchiveReader::readData(const BodySink &sink)
{
    // Blocks as libarchive holds them (for a plain tar: straight out of the
    // bytes read from the source): one copy fewer than archive_read_data,
    // which copies each block into a buffer of ours first.
    archive *a = m_impl->a;
    std::uint64_t total = 0;
    auto deliver = [&](const char *d, std::size_t n) {
        total += n;
        if (!sink(d, n))
            throw Error(ErrorKind::Cancelled,
                        m_description + ": reading member " + quoted(m_current) + " stopped");
    };
    // A sparse member's holes are zeros, as archive_read_data gives them.
    auto zerosUpTo = [&](la_int64_t offset) {
        static const std::vector<char> zeros(64 * 1024, '\0');
        while (offset > 0 && total < static_cast<std::uint64_t>(offset))
            deliver(zeros.data(), static_cast<std::size_t>(std::min<std::uint64_t>(
                                      zeros.size(), static_cast<std::uint64_t>(offset) - total)));
    };
    for (;;) {
        const void *block = nullptr;
        std::size_t size = 0;
        la_int64_t offset = 0;
        const int rc = archive_read_data_block(a, &block, &size, &offset);
        if (rc == ARCHIVE_EOF) {
            zerosUpTo(offset);
            return total;
        }
        if (rc < ARCHIVE_WARN || (size > 0 && offset >= 0 && static_cast<std::uint64_t>(offset) < total)) {
            if (m_impl->pullError)
                std::rethrow_exception(m_impl->pullError);
            const char *msg = rc < ARCHIVE_WARN ? archive_error_string(a) : "blocks out of order";
            throw Error(ErrorKind::Protocol, m_description + ": member " + quoted(m_current) +
                                                 " is truncated or corrupt (" + (msg ? msg : "unknown error") + ")");
        }
        zerosUpTo(offset);
        if (size > 0)
            deliver(static_cast<const char *>(block), size);
    }
}

void ArchiveReader::throwUnsupported() const
{
    if (const char *name = unsupportedCompression(m_impl->head))
        throw Error(ErrorKind::Protocol, m_description + ": " + name +
                                             " compression is not supported (a shard is a tar, tar.gz, tar.lz4, "
                                             "tar.zst or zip)");
}

std::string ArchiveReader::readData(std::uint64_t maxBytes)
{
    std::string out;
    readData(out, maxBytes, [this, maxBytes] {
        return m_description + ": member " + quoted(m_current) + " is larger than " + humanBytes(maxBytes);
    });
    return out;
}

void ArchiveReader::readData(std::string &out, std::uint64_t maxBytes, const std::function<std::string()> &tooLarge)
{
    const std::uint64_t declared = m_impl->currentSize;
    if (declared > maxBytes)
        throw Error(ErrorKind::Protocol, tooLarge() + " (its header says " + std::to_string(declared) + " bytes)");
    // The header's size is a hint, not a promise: reserve what it says, up to
    // 64 MiB, and let the rest grow as bytes arrive.
    out.reserve(out.size() + static_cast<std::size_t>(std::min<std::uint64_t>(declared, 64ull << 20)));
    std::uint64_t held = 0;
    readData([&](const char *d, std::size_t n) {
        held += n;
        if (held > maxBytes)
            throw Error(ErrorKind::Protocol, tooLarge());
        out.append(d, n);
        return true;
    });
}

} // namespace shardscope
