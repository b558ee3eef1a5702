#include "decode/decoded.h"

#include "util/error.h"
#include "util/strings.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstring>

#include <csetjmp>
#include <cstdio>
#include <jpeglib.h>
#include <png.h>

namespace shardscope {
namespace {

[[noreturn]] void bad(const std::string &what, const std::string &why)
{
    throw Error(ErrorKind::Protocol, what + ": cannot decode: " + why);
}

Decoded decodePng(std::string_view bytes, const std::string &what)
{
    png_image img;
    std::memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, bytes.data(), bytes.size()))
        bad(what, std::string("not a valid PNG (") + img.message + ")");
    int channels = 3;
    if (img.format & PNG_FORMAT_FLAG_COLOR)
        channels = (img.format & PNG_FORMAT_FLAG_ALPHA) ? 4 : 3;
    else
        channels = (img.format & PNG_FORMAT_FLAG_ALPHA) ? 2 : 1;
    img.format = channels == 4 ? PNG_FORMAT_RGBA : channels == 3 ? PNG_FORMAT_RGB : channels == 2 ? PNG_FORMAT_GA
                                                                                                  : PNG_FORMAT_GRAY;
    if (static_cast<std::uint64_t>(img.width) * img.height * channels > (1ull << 31)) {
        png_image_free(&img);
        bad(what, "the image is absurdly large (" + std::to_string(img.width) + "x" + std::to_string(img.height) + ")");
    }
    Decoded d;
    d.kind = Decoded::Kind::Image;
    d.dtype = "uint8";
    d.shape = {static_cast<std::int64_t>(img.height), static_cast<std::int64_t>(img.width), channels};
    d.data.resize(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, d.data.data(), 0, nullptr))
        bad(what, std::string("broken PNG data (") + img.message + ")");
    return d;
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

Decoded decodeJpeg(std::string_view bytes, const std::string &what)
{
    jpeg_decompress_struct cinfo;
    JpegError err;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpegErrorExit;
    Decoded d; // declared before setjmp: nothing with a destructor is created after it
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        bad(what, std::string("not a valid JPEG (") + err.message + ")");
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&cinfo, TRUE);
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

// numpy's .npy: magic, version, header length, a Python dict literal, data.
Decoded decodeNpy(std::string_view b, const std::string &what)
{
    if (b.size() < 10 || b.substr(0, 6) != "\x93NUMPY")
        bad(what, "not a .npy file (no \\x93NUMPY magic)");
    const int major = static_cast<unsigned char>(b[6]);
    std::size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(b[8]) | (static_cast<unsigned char>(b[9]) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (b.size() < 12)
            bad(what, "truncated .npy header");
        headerLen = static_cast<std::size_t>(static_cast<unsigned char>(b[8])) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(b[9])) << 8) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(b[10])) << 16) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(b[11])) << 24);
        offset = 12;
    } else {
        bad(what, ".npy version " + std::to_string(major) + " is not supported");
    }
    if (offset + headerLen > b.size())
        bad(what, "truncated .npy header");
    const std::string header(b.substr(offset, headerLen));
    auto field = [&](const char *key) -> std::string {
        const auto k = header.find(std::string("'") + key + "'");
        if (k == std::string::npos)
            bad(what, std::string(".npy header has no ") + key);
        auto v = header.find(':', k) + 1;
        while (v < header.size() && header[v] == ' ')
            ++v;
        if (header[v] == '\'') {
            const auto e = header.find('\'', v + 1);
            return header.substr(v + 1, e - v - 1);
        }
        if (header[v] == '(') {
            const auto e = header.find(')', v);
            return header.substr(v + 1, e - v - 1);
        }
        const auto e = header.find_first_of(",}", v);
        return trim(header.substr(v, e - v));
    };
    const std::string descr = field("descr");
    if (field("fortran_order") != "False")
        bad(what, "Fortran-ordered .npy arrays are not supported");
    static const std::vector<std::pair<std::string, std::string>> types = {
        {"|u1", "uint8"},   {"|i1", "int8"},    {"|b1", "bool"},    {"<u2", "uint16"},  {"<i2", "int16"},
        {"<u4", "uint32"},  {"<i4", "int32"},   {"<u8", "uint64"},  {"<i8", "int64"},   {"<f2", "float16"},
        {"<f4", "float32"}, {"<f8", "float64"}, {"u1", "uint8"},    {"i1", "int8"}};
    Decoded d;
    d.kind = Decoded::Kind::Array;
    for (const auto &[np, name] : types)
        if (descr == np)
            d.dtype = name;
    if (d.dtype.empty())
        bad(what, "the .npy dtype " + shardscope::quoted(descr) + " is not supported (little-endian numbers only)");
    std::uint64_t count = 1;
    const std::string shape = field("shape");
    std::size_t start = 0;
    while (start < shape.size()) {
        const auto comma = shape.find(',', start);
        const std::string part = trim(shape.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!part.empty()) {
            if (part.find_first_not_of("0123456789") != std::string::npos || part.size() > 12)
                bad(what, "bad .npy shape (" + shape + ")");
            const std::int64_t n = std::stoll(part);
            d.shape.push_back(n);
            count *= static_cast<std::uint64_t>(n);
            if (count > (1ull << 34))
                bad(what, "the .npy array is absurdly large");
        }
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    const std::uint64_t need = count * dtypeSize(d.dtype);
    const std::size_t dataAt = offset + headerLen;
    if (b.size() - dataAt != need)
        bad(what, "the .npy data has " + std::to_string(b.size() - dataAt) + " bytes, its header says " +
                      std::to_string(need));
    d.data.assign(b.begin() + static_cast<std::ptrdiff_t>(dataAt), b.end());
    return d;
}

std::uint32_t le32(std::string_view b, std::size_t at)
{
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24);
}
std::uint16_t le16(std::string_view b, std::size_t at)
{
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}

// RIFF/WAVE with PCM 8/16/32-bit integers or 32/64-bit floats.
Decoded decodeWav(std::string_view b, const std::string &what)
{
    if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
        bad(what, "not a WAV file (no RIFF/WAVE header)");
    int format = 0, channels = 0, bits = 0, rate = 0;
    std::string_view samples;
    bool haveFmt = false, haveData = false;
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const std::string_view id = b.substr(at, 4);
        const std::uint32_t len = le32(b, at + 4);
        if (len > b.size() - at - 8)
            bad(what, "WAV chunk " + shardscope::quoted(id) + " runs past the end of the file");
        if (id == "fmt " && len >= 16) {
            format = le16(b, at + 8);
            channels = le16(b, at + 10);
            rate = static_cast<int>(le32(b, at + 12));
            bits = le16(b, at + 22);
            if (format == 0xFFFE && len >= 40) // WAVE_FORMAT_EXTENSIBLE: sub-format code
                format = le16(b, at + 32);
            haveFmt = true;
        } else if (id == "data") {
            samples = b.substr(at + 8, len);
            haveData = true;
        }
        at += 8 + len + (len & 1);
    }
    if (!haveFmt || !haveData)
        bad(what, "a WAV file needs fmt and data chunks");
    Decoded d;
    d.kind = Decoded::Kind::Audio;
    d.sampleRate = rate;
    if (format == 1 && bits == 8)
        d.dtype = "uint8";
    else if (format == 1 && bits == 16)
        d.dtype = "int16";
    else if (format == 1 && bits == 32)
        d.dtype = "int32";
    else if (format == 3 && bits == 32)
        d.dtype = "float32";
    else if (format == 3 && bits == 64)
        d.dtype = "float64";
    else
        bad(what, "WAV format " + std::to_string(format) + " with " + std::to_string(bits) +
                      "-bit samples is not supported");
    if (channels < 1 || channels > 64)
        bad(what, "a WAV file with " + std::to_string(channels) + " channels");
    const std::size_t frame = dtypeSize(d.dtype) * static_cast<std::size_t>(channels);
    d.shape = {static_cast<std::int64_t>(samples.size() / frame), channels};
    d.data.assign(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(samples.size() / frame * frame));
    return d;
}

} // namespace

std::size_t dtypeSize(const std::string &t)
{
    if (t == "uint8" || t == "int8" || t == "bool")
        return 1;
    if (t == "uint16" || t == "int16" || t == "float16")
        return 2;
    if (t == "uint32" || t == "int32" || t == "float32")
        return 4;
    if (t == "uint64" || t == "int64" || t == "float64")
        return 8;
    return 0;
}

std::size_t Decoded::elementCount() const
{
    std::size_t n = 1;
    for (auto s : shape)
        n *= static_cast<std::size_t>(s);
    return shape.empty() ? 0 : n;
}

std::size_t Decoded::elementSize() const { return dtypeSize(dtype); }

std::string Decoded::describe() const
{
    auto dims = [this] {
        std::string s;
        for (std::size_t i = 0; i < shape.size(); ++i)
            s += (i ? "x" : "") + std::to_string(shape[i]);
        return s;
    };
    switch (kind) {
    case Kind::Bytes: return "bytes (" + std::to_string(text.size()) + ")";
    case Kind::Text: return "text (" + std::to_string(text.size()) + " bytes)";
    case Kind::Label: return "label " + std::to_string(label);
    case Kind::Json: return "json";
    case Kind::Array: return "array " + dims() + " " + dtype;
    case Kind::Image: return "image " + dims() + " " + dtype;
    case Kind::Audio: return "audio " + dims() + " " + dtype + " at " + std::to_string(sampleRate) + " Hz";
    }
    return "?";
}

std::vector<std::int64_t> Decoded::tensorShape() const
{
    switch (kind) {
    case Kind::Label: return {};
    case Kind::Text:
    case Kind::Json:
    case Kind::Bytes: return {static_cast<std::int64_t>(text.size())};
    case Kind::Image:
    case Kind::Array:
    case Kind::Audio: return shape;
    }
    return {};
}

std::string Decoded::tensorDtype() const
{
    switch (kind) {
    case Kind::Label: return "int64";
    case Kind::Text:
    case Kind::Json:
    case Kind::Bytes: return "uint8";
    case Kind::Image:
    case Kind::Array:
    case Kind::Audio: return dtype;
    }
    return "uint8";
}

std::string Decoded::tensorDescription() const
{
    std::string s = "tensor " + tensorDtype() + " [";
    const auto dims = tensorShape();
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

Decoded decodeMember(std::string_view ext, std::string_view bytes, const std::string &what)
{
    const auto dot = ext.rfind('.');
    const std::string e = toLower(dot == std::string_view::npos ? ext : ext.substr(dot + 1));
    if (e == "png")
        return decodePng(bytes, what);
    if (e == "jpg" || e == "jpeg")
        return decodeJpeg(bytes, what);
    if (e == "npy")
        return decodeNpy(bytes, what);
    if (e == "wav")
        return decodeWav(bytes, what);
    Decoded d;
    if (e == "cls" || e == "cls2" || e == "index" || e == "label") {
        const std::string t = trim(bytes);
        std::size_t i = (!t.empty() && t[0] == '-') ? 1 : 0;
        if (t.size() == i || t.size() > 19 || t.find_first_not_of("0123456789", i) != std::string::npos)
            bad(what, "a class label must be an integer, not " + shardscope::quoted(t.substr(0, 40)));
        d.kind = Decoded::Kind::Label;
        d.label = std::stoll(t);
        return d;
    }
    if (e == "json") {
        try {
            d.text = nlohmann::json::parse(bytes.begin(), bytes.end()).dump(2);
        } catch (const nlohmann::json::exception &ex) {
            bad(what, std::string("invalid JSON (") + ex.what() + ")");
        }
        d.kind = Decoded::Kind::Json;
        return d;
    }
    if (e == "txt" || e == "text" || e == "caption") {
        d.kind = Decoded::Kind::Text;
        d.text = std::string(bytes);
        return d;
    }
    d.kind = Decoded::Kind::Bytes;
    d.text = std::string(bytes);
    return d;
}

} // namespace shardscope
