#pragma once

// Internal to core/decode: the decoders of decodeMember, by family.

#include "core/decode/decoded.h"

#include <string>
#include <string_view>

namespace shardscope::decode {

// Throws Error(Protocol) "<what>: cannot decode: <why>".
[[noreturn]] void fail(const std::string &what, const std::string &why);

Decoded decodePng(std::string_view bytes, const std::string &what, const DecodeLimits &limits);
Decoded decodeJpeg(std::string_view bytes, const std::string &what, const DecodeLimits &limits);
std::optional<ImageHeader> readPngHeader(std::string_view bytes);
std::optional<ImageHeader> readJpegHeader(std::string_view bytes);

// Checks that `bytes` is one JSON document and pretty-prints it with an
// indent of two, keeping its key order and spelling; iterative, and refuses
// documents nested deeper than limits.maxJsonDepth or whose pretty text
// would pass limits.maxJsonTextBytes.
std::string prettyJson(std::string_view bytes, const std::string &what, const DecodeLimits &limits);

} // namespace shardscope::decode
