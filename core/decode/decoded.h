#pragma once

#include <cstdint>
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

    std::size_t elementCount() const;
    std::size_t elementSize() const; // bytes per element of dtype
    std::string describe() const;    // "image 32x32x3 uint8", "label 7", ...
    // The tensor the libtorch adapters make of this member (torchx::toTensor):
    // images [H, W, C] uint8, arrays and audio in their dtype and shape, labels
    // a 0-d int64, text, JSON and bytes 1-D uint8.
    std::vector<std::int64_t> tensorShape() const;
    std::string tensorDtype() const;       // numpy name: "uint8", "int64", "float32", ...
    std::string tensorDescription() const; // "tensor uint8 [32, 32, 3]"
};

// Decodes a member by the last part of its extension ("seg.png" -> png).
// Unknown extensions stay bytes. A malformed member throws Error(Protocol)
// whose message names `what` (e.g. "ais://b/shard-1.tar sample k1 member png").
Decoded decodeMember(std::string_view ext, std::string_view bytes, const std::string &what);

// Size in bytes of a numpy dtype name ("float32" -> 4); 0 if unknown.
std::size_t dtypeSize(const std::string &dtype);

} // namespace shardscope
