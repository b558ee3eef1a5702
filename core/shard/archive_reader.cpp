#include "shard/archive_reader.h"

#include "util/error.h"
#include "util/strings.h"

#include <archive.h>
#include <archive_entry.h>

#include <exception>
#include <vector>

namespace shardscope {

struct ArchiveReader::Impl
{
    Pull pull;
    archive *a = nullptr;
    std::vector<char> buffer = std::vector<char>(256 * 1024); // input blocks
    std::vector<char> data = std::vector<char>(256 * 1024);   // member data (reused)
    std::uint64_t currentSize = 0;
    std::exception_ptr pullError; // an error of the data source, rethrown as is
    bool opened = false;

    static la_ssize_t onRead(archive *, void *self, const void **out)
    {
        auto *impl = static_cast<Impl *>(self);
        try {
            const std::size_t n = impl->pull(impl->buffer.data(), impl->buffer.size());
            *out = impl->buffer.data();
            return static_cast<la_ssize_t>(n);
        } catch (...) {
            impl->pullError = std::current_exception();
            return -1;
        }
    }
};

ArchiveReader::ArchiveReader(Pull pull, std::string description)
    : m_impl(std::make_unique<Impl>()), m_description(std::move(description))
{
    m_impl->pull = std::move(pull);
    m_impl->a = archive_read_new();
    archive_read_support_filter_all(m_impl->a);
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
            throw Error(ErrorKind::Protocol, m_description + ": not a readable archive (" +
                                                 (archive_error_string(a) ? archive_error_string(a) : "unknown") +
                                                 ")");
        }
    }
    archive_entry *e = nullptr;
    const int rc = archive_read_next_header(a, &e);
    if (rc == ARCHIVE_EOF)
        return false;
    if (m_impl->pullError)
        std::rethrow_exception(m_impl->pullError);
    if (rc < ARCHIVE_WARN) {
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
    archive *a = m_impl->a;
    std::uint64_t total = 0;
    std::vector<char> &buf = m_impl->data;
    for (;;) {
        const la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
        if (n == 0)
            return total;
        if (n < 0) {
            if (m_impl->pullError)
                std::rethrow_exception(m_impl->pullError);
            const char *msg = archive_error_string(a);
            throw Error(ErrorKind::Protocol, m_description + ": member " + quoted(m_current) +
                                                 " is truncated or corrupt (" + (msg ? msg : "unknown error") + ")");
        }
        total += static_cast<std::uint64_t>(n);
        if (!sink(buf.data(), static_cast<std::size_t>(n)))
            throw Error(ErrorKind::Cancelled, m_description + ": reading member " + quoted(m_current) + " stopped");
    }
}

std::string ArchiveReader::readData()
{
    std::string out;
    if (m_impl->currentSize > 0 && m_impl->currentSize < (1ull << 30))
        out.reserve(static_cast<std::size_t>(m_impl->currentSize));
    readData([&out](const char *d, std::size_t n) {
        out.append(d, n);
        return true;
    });
    return out;
}

} // namespace shardscope
