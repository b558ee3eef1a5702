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
void configParse(const std::uint8_t *data, std::size_t size);
void braceExpand(const std::uint8_t *data, std::size_t size);

} // namespace shardscope::fuzz
