#include "core/decode/decode_parts.h"

#include <algorithm>
#include <cstring>

#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>
#include <png.h>

namespace shardscope::decode {
namespace {

// The pixel cap, checked from the header before any pixel buffer exists.
void checkPixels(std::uint64_t width, std::uint64_t height, const std::string &what,
                 const DecodeLimits &limits)
{
    if (width * height > limits.maxImagePixels)
        fail(what, "the image is too large: " + std::to_string(width) + "x" + std::to_string(height) + " is " +
                       std::to_string(width * height) + " pixels, more than the limit of " +
                       std::to_string(limits.maxImagePixels));
}

int pngChannels(const png_image &img)
{
    if (img.format & PNG_FORMAT_FLAG_COLOR)
        return (img.format & PNG_FORMAT_FLAG_ALPHA) ? 4 : 3;
    return (img.format & PNG_FORMAT_FLAG_ALPHA) ? 2 : 1;
}

struct JpegError
{
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void jpegErrorExit(j_common_ptr cinfo)
{
    auto *err = reinterpret_cast<JpegError *>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

// Stops a progressive JPEG with more scans than allowed: each scan is a pass
// over the whole image, so a few kilobytes of scans cost minutes of CPU.
struct JpegScans
{
    jpeg_progress_mgr mgr;
    int max = 0;
    volatile bool exceeded = false;
};

void jpegProgress(j_common_ptr cinfo)
{
    auto *scans = reinterpret_cast<JpegScans *>(cinfo->progress);
    if (cinfo->is_decompressor && reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number > scans->max) {
        scans->exceeded = true;
        std::longjmp(reinterpret_cast<JpegError *>(cinfo->err)->jump, 1);
    }
}

} // namespace

std::optional<ImageHeader> readPngHeader(std::string_view bytes)
{
    png_image img;
    std::memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, bytes.data(), bytes.size()))
        return std::nullopt;
    ImageHeader h{"PNG", img.width, img.height, pngChannels(img)};
    png_image_free(&img);
    return h;
}

Decoded decodePng(std::string_view bytes, const std::string &what, const DecodeLimits &limits)
{
    png_image img;
    std::memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, bytes.data(), bytes.size()))
        fail(what, std::string("not a valid PNG (") + img.message + ")");
    const int channels = pngChannels(img);
    img.format = channels == 4 ? PNG_FORMAT_RGBA : channels == 3 ? PNG_FORMAT_RGB : channels == 2 ? PNG_FORMAT_GA
                                                                                                  : PNG_FORMAT_GRAY;
    const std::uint32_t width = img.width, height = img.height;
    if (static_cast<std::uint64_t>(width) * height > limits.maxImagePixels) {
        png_image_free(&img);
        checkPixels(width, height, what, limits);
    }
    Decoded d;
    d.kind = Decoded::Kind::Image;
    d.dtype = "uint8";
    d.shape = {static_cast<std::int64_t>(height), static_cast<std::int64_t>(width), channels};
    d.data.resize(static_cast<std::size_t>(width) * height * static_cast<std::size_t>(channels));
    if (!png_image_finish_read(&img, nullptr, d.data.data(), 0, nullptr))
        fail(what, std::string("broken PNG data (") + img.message + ")");
    return d;
}

std::optional<ImageHeader> readJpegHeader(std::string_view bytes)
{
    jpeg_decompress_struct cinfo;
    JpegError err;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpegErrorExit;
    ImageHeader h; // declared before setjmp: nothing with a destructor is created after it
    h.format = "JPEG";
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return std::nullopt;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&cinfo, TRUE);
    h.width = cinfo.image_width;
    h.height = cinfo.image_height;
    h.channels = cinfo.num_components == 1 ? 1 : 3; // decoded as grey or RGB
    jpeg_destroy_decompress(&cinfo);
    return h;
}

Decoded decodeJpeg(std::string_view bytes, const std::string &what, const DecodeLimits &limits)
{
    jpeg_decompress_struct cinfo;
    JpegError err;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpegErrorExit;
    Decoded d; // declared before setjmp: nothing with a destructor is created after it
    std::uint64_t tooWide = 0, tooHigh = 0;
    JpegScans scans;
    scans.mgr.progress_monitor = &jpegProgress;
    scans.max = limits.maxJpegScans;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        if (scans.exceeded)
            fail(what, "the progressive JPEG has more than " + std::to_string(limits.maxJpegScans) + " scans");
        fail(what, std::string("not a valid JPEG (") + err.message + ")");
    }
    jpeg_create_decompress(&cinfo);
    cinfo.progress = &scans.mgr;
    // libjpeg's own buffers (a progressive image's coefficients) stay within
    // what the pixel cap allows; past that it fails instead of allocating.
    cinfo.mem->max_memory_to_use = static_cast<long>(std::min<std::uint64_t>(limits.maxImagePixels * 8, 1ull << 40));
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&cinfo, TRUE);
    if (static_cast<std::uint64_t>(cinfo.image_width) * cinfo.image_height > limits.maxImagePixels) {
        tooWide = cinfo.image_width;
        tooHigh = cinfo.image_height;
        jpeg_destroy_decompress(&cinfo);
        checkPixels(tooWide, tooHigh, what, limits);
    }
    if (cinfo.num_components != 1)
        cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    const int c = cinfo.output_components;
    d.kind = Decoded::Kind::Image;
    d.dtype = "uint8";
    d.shape = {cinfo.output_height, cinfo.output_width, c};
    d.data.resize(static_cast<std::size_t>(cinfo.output_height) * cinfo.output_width * c);
    while (cinfo.output_scanline < cinfo.output_height) {
        unsigned char *row = d.data.data() + static_cast<std::size_t>(cinfo.output_scanline) * cinfo.output_width * c;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return d;
}

} // namespace shardscope::decode
