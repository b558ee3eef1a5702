#pragma once

// libtorch adapters: turn bytes the loader core delivers into tensors.
// Include only from Qt-free translation units.

#include <torch/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace shardscope::torchx {

// A 1-D uint8 tensor holding a copy of `bytes`.
torch::Tensor bytesToTensor(std::string_view bytes);

// Stacks equally long byte buffers into a [batch, length] uint8 tensor; throws
// shardscope::Error(InvalidArgument) naming the first item whose length differs.
torch::Tensor collateBytes(const std::vector<std::string> &items);

} // namespace shardscope::torchx
