#pragma once

// Plain C++ view of the libtorch adapters for the Qt test (which must not
// include libtorch headers next to Qt's).

#include <cstdint>
#include <string>
#include <vector>

struct TensorFacts
{
    std::vector<int64_t> shape;
    std::string dtype;
    std::vector<uint8_t> values;
};

TensorFacts probeBytesToTensor(const std::string &bytes);
TensorFacts probeCollate(const std::vector<std::string> &items); // throws shardscope::Error

namespace shardscope { struct Decoded; }
// The tensor toTensor() makes of a decoded member (values as raw bytes).
TensorFacts probeDecodedTensor(const shardscope::Decoded &d);
// Collates n copies of a decoded member plus one odd one (if given); throws.
TensorFacts probeCollateDecoded(const std::vector<shardscope::Decoded> &items);
