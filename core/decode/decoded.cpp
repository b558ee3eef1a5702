#include "core/decode/decoded.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include "core/decode/decode_parts.h"

#include <charconv>
#include <climits>

namespace shardscope {

namespace decode {
void fail(const std::string &what, const std::string &why)
{
    throw Error(ErrorKind::Protocol, what + ": cannot decode: " + why);
}
} // namespace decode

namespace {

using decode::fail;

// A decimal integer of data (a label, a dimension): digits after an optional
// minus sign; never throws but Error naming the value.
std::int64_t parseInteger(const std::string &t, const std::string &what, const char *which)
{
    const std::size_t digits = (!t.empty() && t[0] == '-') ? 1 : 0;
    if (t.size() == digits || t.find_first_not_of("0123456789", digits) != std::string::npos)
        fail(what, std::string(which) + " must be an integer, not " + quoted(t.substr(0, 40)));
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec == std::errc::result_out_of_range || end != t.data() + t.size())
        fail(what, std::string(which) + " " + quoted(t.size() > 40 ? t.substr(0, 40) + "..." : t) +
                       " is out of range (a 64-bit integer)");
    return v;
}

// numpy's .npy: magic, version, header length, a Python dict literal, data.
Decoded decodeNpy(std::string_view b, const std::string &what, const DecodeLimits &limits)
{
    if (b.size() < 10 || b.substr(0, 6) != "\x93NUMPY")
        fail(what, "not a .npy file (no \\x93NUMPY magic)");
    const int major = static_cast<unsigned char>(b[6]);
    std::size_t headerLen = 0, offset = 0;
    if (major == 1) {
        headerLen = static_cast<unsigned char>(b[8]) | (static_cast<unsigned char>(b[9]) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (b.size() < 12)
            fail(what, "truncated .npy header");
        headerLen = static_cast<std::size_t>(static_cast<unsigned char>(b[8])) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(b[9])) << 8) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(b[10])) << 16) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(b[11])) << 24);
        offset = 12;
    } else {
        fail(what, ".npy version " + std::to_string(major) + " is not supported");
    }
    if (offset + headerLen > b.size())
        fail(what, "truncated .npy header");
    const std::string header(b.substr(offset, headerLen));
    auto field = [&](const char *key) -> std::string {
        const auto k = header.find(std::string("'") + key + "'");
        if (k == std::string::npos)
            fail(what, std::string(".npy header has no ") + key);
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
        fail(what, "Fortran-ordered .npy arrays are not supported");
    static const std::vector<std::pair<std::string, std::string>> types = {
        {"|u1", "uint8"},   {"|i1", "int8"},    {"|b1", "bool"},   {"<u2", "uint16"}, {"<i2", "int16"},
        {"<u4", "uint32"},  {"<i4", "int32"},   {"<u8", "uint64"}, {"<i8", "int64"},  {"<f2", "float16"},
        {"<f4", "float32"}, {"<f8", "float64"}, {"u1", "uint8"},   {"i1", "int8"}};
    Decoded d;
    d.kind = Decoded::Kind::Array;
    for (const auto &[np, name] : types)
        if (descr == np)
            d.dtype = name;
    if (d.dtype.empty())
        fail(what, "the .npy dtype " + shardscope::quoted(descr) +
                       " is not supported (little-endian numbers only)");
    // numpy's rule: the product of the non-zero dimensions must not overflow,
    // and any zero dimension makes an empty array (a common (0, 4) box list).
    std::uint64_t count = 1;
    bool empty = false;
    const std::string shape = field("shape");
    std::size_t start = 0;
    while (start < shape.size()) {
        const auto comma = shape.find(',', start);
        const std::string part =
            trim(shape.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!part.empty()) {
            if (part.find_first_not_of("0123456789") != std::string::npos)
                fail(what, "bad .npy shape (" + shape.substr(0, 200) + ")");
            const auto n = static_cast<std::uint64_t>(parseInteger(part, what, "a .npy dimension"));
            d.shape.push_back(static_cast<std::int64_t>(n));
            if (d.shape.size() > 64)
                fail(what, "the .npy shape has more than 64 dimensions");
            if (n == 0)
                empty = true;
            else if (count > limits.maxArrayElements / n)
                fail(what, "the .npy shape (" + shape.substr(0, 200) + ") has more than " +
                               std::to_string(limits.maxArrayElements) + " elements");
            else
                count *= n;
        }
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    if (empty)
        count = 0;
    const std::uint64_t need = count * dtypeSize(d.dtype);
    const std::size_t dataAt = offset + headerLen;
    if (b.size() - dataAt != need)
        fail(what, "the .npy data has " + std::to_string(b.size() - dataAt) + " bytes, its header says " +
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
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      (static_cast<unsigned char>(b[at + 1]) << 8));
}

// RIFF/WAVE with PCM 8/16/32-bit integers or 32/64-bit floats.
Decoded decodeWav(std::string_view b, const std::string &what)
{
    if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
        fail(what, "not a WAV file (no RIFF/WAVE header)");
    int format = 0, channels = 0, bits = 0;
    std::uint32_t rate = 0;
    std::string_view samples;
    bool haveFmt = false, haveData = false;
    for (std::size_t at = 12; at + 8 <= b.size();) {
        const std::string_view id = b.substr(at, 4);
        const std::uint32_t len = le32(b, at + 4);
        if (len > b.size() - at - 8)
            fail(what, "WAV chunk " + shardscope::quoted(id) + " says " + std::to_string(len) +
                           " bytes, only " + std::to_string(b.size() - at - 8) +
                           " are there (a truncated file)");
        if (id == "fmt " && len < 16)
            fail(what, "the WAV fmt chunk has " + std::to_string(len) + " bytes, at least 16 are needed");
        if (id == "fmt ") {
            format = le16(b, at + 8);
            channels = le16(b, at + 10);
            rate = le32(b, at + 12);
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
        fail(what, "a WAV file needs fmt and data chunks");
    Decoded d;
    d.kind = Decoded::Kind::Audio;
    if (rate == 0 || rate > static_cast<std::uint32_t>(INT_MAX))
        fail(what, "a WAV sample rate of " + std::to_string(rate) + " Hz");
    d.sampleRate = static_cast<int>(rate);
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
        fail(what, "WAV format " + std::to_string(format) + " with " + std::to_string(bits) +
                       "-bit samples is not supported");
    if (channels < 1 || channels > 64)
        fail(what, "a WAV file with " + std::to_string(channels) + " channels");
    const std::size_t frame = dtypeSize(d.dtype) * static_cast<std::size_t>(channels);
    d.shape = {static_cast<std::int64_t>(samples.size() / frame), channels};
    d.data.assign(samples.begin(),
                  samples.begin() + static_cast<std::ptrdiff_t>(samples.size() / frame * frame));
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
    return n;
}

std::size_t Decoded::elementSize() const
{
    return dtypeSize(dtype);
}

std::string Decoded::describe() const
{
    auto dims = [this] {
        std::string s;
        for (std::size_t i = 0; i < shape.size(); ++i)
            s += (i ? "x" : "") + std::to_string(shape[i]);
        return s;
    };
    switch (kind) {
    case Kind::Bytes:
        return "bytes (" + std::to_string(text.size()) + ")";
    case Kind::Text:
        return "text (" + std::to_string(text.size()) + " bytes)";
    case Kind::Label:
        return "label " + std::to_string(label);
    case Kind::Json:
        return "json";
    case Kind::Array:
        if (!shape.empty() && elementCount() == 0) { // numpy's spelling: (0, 4), (0,)
            std::string t;
            for (std::size_t i = 0; i < shape.size(); ++i)
                t += (i ? ", " : "") + std::to_string(shape[i]);
            return "empty array, shape (" + t + (shape.size() == 1 ? ",)" : ")") + ", " + dtype;
        }
        return "array " + dims() + " " + dtype;
    case Kind::Image:
        return "image " + dims() + " " + dtype;
    case Kind::Audio:
        return "audio " + dims() + " " + dtype + " at " + std::to_string(sampleRate) + " Hz";
    }
    return "?";
}

std::vector<std::int64_t> Decoded::tensorShape() const
{
    switch (kind) {
    case Kind::Label:
        return {};
    case Kind::Text:
    case Kind::Json:
    case Kind::Bytes:
        return {static_cast<std::int64_t>(text.size())};
    case Kind::Image:
    case Kind::Array:
    case Kind::Audio:
        return shape;
    }
    return {};
}

std::string Decoded::tensorDtype() const
{
    switch (kind) {
    case Kind::Label:
        return "int64";
    case Kind::Text:
    case Kind::Json:
    case Kind::Bytes:
        return "uint8";
    case Kind::Image:
    case Kind::Array:
    case Kind::Audio:
        return dtype;
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

namespace {
std::string lastExtension(std::string_view ext)
{
    const auto dot = ext.rfind('.');
    return toLower(dot == std::string_view::npos ? ext : ext.substr(dot + 1));
}
} // namespace

std::optional<ImageHeader> readImageHeader(std::string_view ext, std::string_view bytes)
{
    const std::string e = lastExtension(ext);
    if (e == "png")
        return decode::readPngHeader(bytes);
    if (e == "jpg" || e == "jpeg")
        return decode::readJpegHeader(bytes);
    return std::nullopt;
}

Decoded decodeMember(std::string_view ext, std::string_view bytes, const std::string &what,
                     const DecodeLimits &limits)
{
    const std::string e = lastExtension(ext);
    if (e == "png")
        return decode::decodePng(bytes, what, limits);
    if (e == "jpg" || e == "jpeg")
        return decode::decodeJpeg(bytes, what, limits);
    if (e == "npy")
        return decodeNpy(bytes, what, limits);
    if (e == "wav")
        return decodeWav(bytes, what);
    Decoded d;
    if (e == "cls" || e == "cls2" || e == "index" || e == "label") {
        d.kind = Decoded::Kind::Label;
        d.label = parseInteger(trim(bytes), what, "a class label");
        return d;
    }
    if (e == "json") {
        d.text = decode::prettyJson(bytes, what, limits);
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
