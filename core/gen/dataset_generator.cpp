#include "core/gen/dataset_generator.h"

#include "core/gen/png_writer.h"
#include "core/util/error.h"

#include <archive.h>
#include <archive_entry.h>

#include <cmath>
#include <cstring>

namespace shardscope {
namespace {

std::string image(const SampleSpec &spec, std::uint64_t index)
{
    const int n = spec.imageSize;
    const int cls = sampleClass(spec, index);
    // A hue per class, a pattern per class, a little per-sample jitter.
    const double hue = 2 * M_PI * cls / std::max(1, spec.classes);
    const auto r0 = static_cast<std::uint8_t>(127 + 120 * std::cos(hue));
    const auto g0 = static_cast<std::uint8_t>(127 + 120 * std::cos(hue - 2.094));
    const auto b0 = static_cast<std::uint8_t>(127 + 120 * std::cos(hue + 2.094));
    const int period = 3 + cls % 5;
    const std::uint64_t jitter = splitmix64(spec.seed ^ index);
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * n * 3);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const bool on = (cls % 2 == 0) ? (((x + static_cast<int>(jitter % 7)) / period) % 2 == 0)
                                           : (std::hypot(x - n / 2.0, y - n / 2.0) < n * (0.2 + 0.05 * (cls % 5)));
            std::uint8_t *p = &px[(static_cast<std::size_t>(y) * n + x) * 3];
            p[0] = on ? r0 : static_cast<std::uint8_t>(255 - r0 / 2);
            p[1] = on ? g0 : static_cast<std::uint8_t>(255 - g0 / 2);
            p[2] = on ? b0 : static_cast<std::uint8_t>(255 - b0 / 2);
        }
    return encodePngRgb(n, n, px);
}

la_ssize_t appendToString(archive *, void *out, const void *buf, size_t n)
{
    static_cast<std::string *>(out)->append(static_cast<const char *>(buf), n);
    return static_cast<la_ssize_t>(n);
}

} // namespace

int sampleClass(const SampleSpec &spec, std::uint64_t index)
{
    return static_cast<int>(splitmix64(spec.seed * 1000003 + index) % static_cast<std::uint64_t>(std::max(1, spec.classes)));
}

std::string randomPayload(std::uint64_t seed, std::uint64_t index, std::uint64_t size)
{
    std::string s(size, '\0');
    std::uint64_t state = splitmix64(seed) ^ splitmix64(index + 1);
    for (std::uint64_t i = 0; i < size; i += 8) {
        state = splitmix64(state);
        std::memcpy(&s[i], &state, std::min<std::uint64_t>(8, size - i));
    }
    return s;
}

std::vector<std::pair<std::string, std::string>> generateSample(const SampleSpec &spec, std::uint64_t index)
{
    std::vector<std::pair<std::string, std::string>> out;
    const int cls = sampleClass(spec, index);
    for (const std::string &ext : spec.extensions) {
        if (ext == "png")
            out.emplace_back(ext, image(spec, index));
        else if (ext == "cls")
            out.emplace_back(ext, std::to_string(cls));
        else if (ext == "json")
            out.emplace_back(ext, "{\"index\": " + std::to_string(index) + ", \"label\": " + std::to_string(cls) +
                                      ", \"source\": \"shardscope gen\"}");
        else if (ext == "txt")
            out.emplace_back(ext, "a synthetic picture of class " + std::to_string(cls));
        else if (ext == "bin")
            out.emplace_back(ext, randomPayload(spec.seed, index, spec.binSize));
        else
            throw Error(ErrorKind::InvalidArgument,
                        "unknown sample extension " + ext + "; use png, cls, json, txt or bin");
    }
    return out;
}

ShardFormat parseShardFormat(const std::string &name)
{
    if (name == "tar")
        return ShardFormat::Tar;
    if (name == "tar.gz" || name == "tgz")
        return ShardFormat::TarGz;
    if (name == "tar.lz4")
        return ShardFormat::TarLz4;
    if (name == "zip")
        return ShardFormat::Zip;
    throw Error(ErrorKind::InvalidArgument, "unknown shard format '" + name + "'; use tar, tar.gz, tar.lz4 or zip");
}

std::string shardExtension(ShardFormat f)
{
    switch (f) {
    case ShardFormat::Tar: return ".tar";
    case ShardFormat::TarGz: return ".tar.gz";
    case ShardFormat::TarLz4: return ".tar.lz4";
    case ShardFormat::Zip: return ".zip";
    }
    return ".tar";
}

std::string writeArchive(ShardFormat format, const std::vector<std::pair<std::string, std::string>> &members)
{
    std::string out;
    archive *a = archive_write_new();
    int rc = ARCHIVE_OK;
    switch (format) {
    case ShardFormat::Tar: rc = archive_write_set_format_pax_restricted(a); break;
    case ShardFormat::TarGz:
        rc = archive_write_set_format_pax_restricted(a);
        if (rc == ARCHIVE_OK)
            rc = archive_write_add_filter_gzip(a);
        break;
    case ShardFormat::TarLz4:
        rc = archive_write_set_format_pax_restricted(a);
        if (rc == ARCHIVE_OK)
            rc = archive_write_add_filter_lz4(a);
        break;
    case ShardFormat::Zip: rc = archive_write_set_format_zip(a); break;
    }
    archive_write_set_bytes_in_last_block(a, 1);
    if (rc != ARCHIVE_OK || archive_write_open(a, &out, nullptr, appendToString, nullptr) != ARCHIVE_OK) {
        const std::string msg = archive_error_string(a) ? archive_error_string(a) : "unknown";
        archive_write_free(a);
        throw Error(ErrorKind::InvalidArgument, "cannot write " + shardExtension(format) + " archives: " + msg);
    }
    archive_entry *e = archive_entry_new();
    for (const auto &[name, data] : members) {
        archive_entry_clear(e);
        archive_entry_set_pathname(e, name.c_str());
        archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_mtime(e, 1700000000, 0);
        if (archive_write_header(a, e) != ARCHIVE_OK ||
            archive_write_data(a, data.data(), data.size()) != static_cast<la_ssize_t>(data.size())) {
            const std::string msg = archive_error_string(a) ? archive_error_string(a) : "unknown";
            archive_entry_free(e);
            archive_write_free(a);
            throw Error(ErrorKind::Io, "cannot add " + name + " to a shard: " + msg);
        }
    }
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

} // namespace shardscope
