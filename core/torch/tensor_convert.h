#pragma once

// libtorch adapters: turn bytes the loader core delivers into tensors.
// Include only from Qt-free translation units.

#include "core/decode/decoded.h"

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

// A decoded member as a tensor: images [H, W, C] uint8, arrays and audio in
// their dtype and shape, labels a 0-d int64, text/JSON/bytes 1-D uint8.
// The tensor owns a copy of the data.
torch::Tensor toTensor(const Decoded &decoded);

// Stacks equally shaped tensors into one with a leading batch dimension;
// throws shardscope::Error(InvalidArgument) naming the first misfit.
torch::Tensor collate(const std::vector<torch::Tensor> &items);

} // namespace shardscope::torchx
