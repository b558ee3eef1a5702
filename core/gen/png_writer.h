#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// Encodes 8-bit RGB pixels (row-major, 3 bytes each) as a PNG file.
std::string encodePngRgb(int width, int height, const std::vector<std::uint8_t> &rgb);

} // namespace shardscope
