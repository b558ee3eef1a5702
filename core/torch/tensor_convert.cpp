#include "torch/tensor_convert.h"

#include "util/error.h"

#include <cstring>

namespace shardscope::torchx {

torch::Tensor bytesToTensor(std::string_view bytes)
{
    auto t = torch::empty({static_cast<int64_t>(bytes.size())}, torch::kUInt8);
    if (!bytes.empty())
        std::memcpy(t.data_ptr<uint8_t>(), bytes.data(), bytes.size());
    return t;
}

torch::Tensor collateBytes(const std::vector<std::string> &items)
{
    const int64_t n = static_cast<int64_t>(items.size());
    const int64_t len = items.empty() ? 0 : static_cast<int64_t>(items.front().size());
    for (size_t i = 0; i < items.size(); ++i) {
        if (static_cast<int64_t>(items[i].size()) != len)
            throw Error(ErrorKind::InvalidArgument,
                        "cannot collate items of different lengths: item 0 has " + std::to_string(len) +
                            " bytes, item " + std::to_string(i) + " has " + std::to_string(items[i].size()));
    }
    auto t = torch::empty({n, len}, torch::kUInt8);
    auto *dst = t.data_ptr<uint8_t>();
    for (int64_t i = 0; i < n; ++i)
        if (len > 0)
            std::memcpy(dst + i * len, items[static_cast<size_t>(i)].data(), static_cast<size_t>(len));
    return t;
}

} // namespace shardscope::torchx
