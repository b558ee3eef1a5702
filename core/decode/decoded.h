#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shardscope {

// A sample member decoded by its extension, as the loader core delivers it
// (and as the GUI previews it).
struct Decoded
{
    enum class Kind {
        Bytes,   // unknown extension: the raw bytes
        Text,    // txt: UTF-8 text
        Label,   // cls: an integer class label
        Json,    // json: the document, pretty-printed
        Array,   // npy: an n-dimensional array
        Image,   // png, jpg, jpeg: H x W x C uint8
        Audio,   // wav: frames x channels samples
    };
    Kind kind = Kind::Bytes;
    std::string text;                // Text, Json; Bytes keeps the raw bytes here
    std::int64_t label = 0;          // Label
    std::vector<std::int64_t> shape; // Array, Image, Audio
    std::string dtype;               // "uint8", "int16", "float32", ... (numpy names)
    std::vector<std::uint8_t> data;  // Array, Image, Audio: little-endian, C order
    int sampleRate = 0;              // Audio

    std::size_t elementCount() const; // product of the shape (1 for a 0-d array, 0 for an empty one)
    std::size_t elementSize() const; // bytes per element of dtype
    // "image 32x32x3 uint8", "label 7", "empty array, shape (0, 4), float32", ...
    std::string describe() const;
    // The tensor the libtorch adapters make of this member (torchx::toTensor):
    // images [H, W, C] uint8, arrays and audio in their dtype and shape, labels
    // a 0-d int64, text, JSON and bytes 1-D uint8.
    std::vector<std::int64_t> tensorShape() const;
    std::string tensorDtype() const;       // numpy name: "uint8", "int64", "float32", ...
    std::string tensorDescription() const; // "tensor uint8 [32, 32, 3]"
};

// Bounds on what decoding a member may cost, checked before anything is
// allocated: data from a shard must not make a decoder allocate gigabytes
// (a 335-byte JPEG can declare 65500 x 65500 pixels) or recurse without end.
struct DecodeLimits
{
    std::uint64_t maxImagePixels = 1ull << 26;   // width x height (8192 x 8192)
    std::size_t maxJsonDepth = 256;              // nesting of arrays and objects
    std::size_t maxJsonTextBytes = 64ull << 20;  // the pretty-printed document
    std::uint64_t maxArrayElements = 1ull << 34; // npy: product of the shape
    int maxJpegScans = 100;                      // a progressive JPEG redoes the image per scan
};

// Decodes a member by the last part of its extension ("seg.png" -> png).
// Unknown extensions stay bytes. A malformed member, or one past `limits`,
// throws Error(Protocol) whose message names `what` (e.g.
// "ais://b/shard-1.tar sample k1 member png") and says why.
Decoded decodeMember(std::string_view ext, std::string_view bytes, const std::string &what,
                     const DecodeLimits &limits = {});

// What an image member's header says, read without decoding its pixels
// (png, jpg, jpeg); nothing when the extension is not an image or the header
// is unreadable. `channels` is what decoding delivers (1 to 4).
struct ImageHeader
{
    std::string format; // "PNG", "JPEG"
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    int channels = 0;
};
std::optional<ImageHeader> readImageHeader(std::string_view ext, std::string_view bytes);

// Size in bytes of a numpy dtype name ("float32" -> 4); 0 if unknown.
std::size_t dtypeSize(const std::string &dtype);

} // namespace shardscope
