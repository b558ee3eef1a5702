#include "core/health/tar_layout.h"

#include "core/util/byte_pipe.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <archive.h>
#include <archive_entry.h>

#include <exception>
#include <thread>

namespace shardscope {

namespace {
struct PullState
{
    BytePipe *pipe = nullptr;
    std::vector<char> buffer = std::vector<char>(256 * 1024);
    std::exception_ptr error;
};

la_ssize_t onRead(archive *, void *self, const void **out)
{
    auto *s = static_cast<PullState *>(self);
    try {
        *out = s->buffer.data();
        return static_cast<la_ssize_t>(s->pipe->pull(s->buffer.data(), s->buffer.size()));
    } catch (...) {
        s->error = std::current_exception();
        return -1;
    }
}
} // namespace

std::vector<TarMemberLayout> tarLayout(Store &store, const std::string &bucket, const std::string &object,
                                       const std::atomic<bool> *cancel)
{
    const std::string where = store.url(bucket, object);
    // Offsets are positions in the stored bytes: only an uncompressed tar has them.
    for (const char *ext : {".gz", ".tgz", ".lz4", ".zst", ".zip"})
        if (endsWith(object, ext))
            throw Error(ErrorKind::InvalidArgument,
                        where +
                            ": byte offsets need an uncompressed tar (DALI and wids read members by range)");
    BytePipe pipe;
    std::thread producer([&] {
        try {
            GetRequest req;
            req.cancel = cancel;
            store.get(bucket, object, req, [&](const char *d, std::size_t n) { return pipe.push(d, n); });
            pipe.close();
        } catch (...) {
            pipe.fail(std::current_exception());
        }
    });
    PullState state;
    state.pipe = &pipe;
    archive *a = archive_read_new();
    struct Cleanup
    {
        archive *a;
        BytePipe &pipe;
        std::thread &t;
        ~Cleanup()
        {
            archive_read_free(a);
            pipe.cancel();
            t.join();
        }
    } cleanup{a, pipe, producer};
    archive_read_support_format_tar(a);
    archive_read_support_format_gnutar(a);
    auto fail = [&](const std::string &what) {
        if (state.error)
            std::rethrow_exception(state.error);
        const char *msg = archive_error_string(a);
        throw Error(ErrorKind::Protocol, where + ": " + what + " (" + (msg ? msg : "unknown error") + ")");
    };
    if (archive_read_open(a, &state, nullptr, &onRead, nullptr) != ARCHIVE_OK)
        fail("not an uncompressed tar");
    std::vector<TarMemberLayout> out;
    std::vector<std::uint64_t> headerAt; // where each member's header(s) start
    for (;;) {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "indexing " + where + " stopped");
        archive_entry *e = nullptr;
        const int rc = archive_read_next_header(a, &e);
        // Whatever came back, the position is where this header (or the end) starts:
        // libarchive skips the previous member's data and padding first.
        const std::uint64_t pos = static_cast<std::uint64_t>(archive_read_header_position(a));
        if (!out.empty()) {
            TarMemberLayout &prev = out.back();
            const std::uint64_t padded = (prev.size + 511) / 512 * 512;
            if (pos < headerAt.back() + padded)
                throw Error(ErrorKind::Protocol, where + ": member " + shardscope::quoted(prev.name) +
                                                     " overlaps the next header");
            prev.dataOffset = pos - padded;
        }
        if (rc == ARCHIVE_EOF)
            break;
        if (rc < ARCHIVE_WARN)
            fail(out.empty() ? "not an uncompressed tar"
                             : "malformed after member " + shardscope::quoted(out.back().name));
        TarMemberLayout m;
        const char *path = archive_entry_pathname(e);
        m.name = path ? path : "";
        m.size = archive_entry_size_is_set(e) ? static_cast<std::uint64_t>(archive_entry_size(e)) : 0;
        m.regularFile = archive_entry_filetype(e) == AE_IFREG && !archive_entry_hardlink(e);
        if (!m.regularFile)
            m.size = 0; // links and directories carry no data in a tar
        out.push_back(std::move(m));
        headerAt.push_back(pos);
        // Skipping the data (at the next header) reads it to its end, so a
        // truncated member fails there and is named.
        if (archive_read_data_skip(a) != ARCHIVE_OK)
            fail("member " + shardscope::quoted(out.back().name) + " is truncated or corrupt");
    }
    if (state.error)
        std::rethrow_exception(state.error);
    return out;
}

} // namespace shardscope
