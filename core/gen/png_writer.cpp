#include "core/gen/png_writer.h"

#include "core/util/error.h"

#include <zlib.h>

namespace shardscope {
namespace {

void put32(std::string &out, std::uint32_t v)
{
    out.push_back(static_cast<char>(v >> 24));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v));
}

void chunk(std::string &out, const char type[4], const std::string &data)
{
    put32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.append(type, 4);
    out += data;
    const uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(out.data() + start), static_cast<uInt>(data.size() + 4));
    put32(out, static_cast<std::uint32_t>(crc));
}

} // namespace

std::string encodePngRgb(int width, int height, const std::vector<std::uint8_t> &rgb)
{
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384 ||
        rgb.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3)
        throw Error(ErrorKind::InvalidArgument, "PNG: bad image size " + std::to_string(width) + "x" +
                                                    std::to_string(height));
    std::string raw; // each row starts with filter type 0 (none)
    raw.reserve(static_cast<std::size_t>(height) * (static_cast<std::size_t>(width) * 3 + 1));
    for (int y = 0; y < height; ++y) {
        raw.push_back('\0');
        raw.append(reinterpret_cast<const char *>(rgb.data()) + static_cast<std::size_t>(y) * width * 3,
                   static_cast<std::size_t>(width) * 3);
    }
    uLongf zlen = compressBound(static_cast<uLong>(raw.size()));
    std::string z(zlen, '\0');
    if (compress2(reinterpret_cast<Bytef *>(z.data()), &zlen, reinterpret_cast<const Bytef *>(raw.data()),
                  static_cast<uLong>(raw.size()), 6) != Z_OK)
        throw Error(ErrorKind::InvalidArgument, "PNG: compression failed");
    z.resize(zlen);

    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    put32(ihdr, static_cast<std::uint32_t>(width));
    put32(ihdr, static_cast<std::uint32_t>(height));
    ihdr += std::string("\x08\x02\x00\x00\x00", 5); // 8-bit, RGB, deflate, no filter, no interlace
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", {});
    return png;
}

} // namespace shardscope
