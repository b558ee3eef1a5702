#pragma once

#include <cstddef>
#include <cstdint>

// Entry points shared by the libFuzzer binaries (scripts/fuzz.sh) and the
// corpus replay test that runs in the normal suite: each feeds one input to
// one parser of shardscope's core. Only shardscope::Error may leave a parser;
// anything else (another exception, a crash, a sanitizer report) is a bug.
namespace shardscope::fuzz {

void shardGrouping(const std::uint8_t *data, std::size_t size);
void archiveStream(const std::uint8_t *data, std::size_t size);
void listObjects(const std::uint8_t *data, std::size_t size);
// An AIStore list-objects page as msgpack (what the client asks for).
void listObjectsMsgpack(const std::uint8_t *data, std::size_t size);
void configParse(const std::uint8_t *data, std::size_t size);
void braceExpand(const std::uint8_t *data, std::size_t size);
// Sample decoders by extension (core/decode).
void decodeNpy(const std::uint8_t *data, std::size_t size);
void decodeWav(const std::uint8_t *data, std::size_t size);
void decodeJson(const std::uint8_t *data, std::size_t size);
void decodePng(const std::uint8_t *data, std::size_t size);
void decodeJpeg(const std::uint8_t *data, std::size_t size);
// AIStore error answers: byte 0-1 the status, byte 2 the target, the rest the body.
void aisErrors(const std::uint8_t *data, std::size_t size);
// An S3 ListObjectsV2 answer (XML).
void s3List(const std::uint8_t *data, std::size_t size);
// A config (JSON text, or a structured form when byte 0 is not '{') exported
// as Python and C++: config strings may appear only as string literals
// holding exactly their values, the code around them as for a benign config.
void configExport(const std::uint8_t *data, std::size_t size);

} // namespace shardscope::fuzz
