#include "core/torch/tensor_convert.h"

#include "core/util/error.h"

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

namespace {
torch::ScalarType scalarType(const std::string &dtype)
{
    if (dtype == "uint8")
        return torch::kUInt8;
    if (dtype == "int8")
        return torch::kInt8;
    if (dtype == "bool")
        return torch::kBool;
    if (dtype == "int16")
        return torch::kInt16;
    if (dtype == "int32")
        return torch::kInt32;
    if (dtype == "int64")
        return torch::kInt64;
    if (dtype == "float16")
        return torch::kFloat16;
    if (dtype == "float32")
        return torch::kFloat32;
    if (dtype == "float64")
        return torch::kFloat64;
    throw Error(ErrorKind::InvalidArgument, "no tensor type for dtype " + dtype +
                                                " (libtorch has no unsigned 16/32/64-bit integers)");
}
} // namespace

torch::Tensor toTensor(const Decoded &d)
{
    switch (d.kind) {
    case Decoded::Kind::Label:
        return torch::tensor(static_cast<int64_t>(d.label), torch::kInt64);
    case Decoded::Kind::Text:
    case Decoded::Kind::Json:
    case Decoded::Kind::Bytes:
        return bytesToTensor(d.text);
    case Decoded::Kind::Image:
    case Decoded::Kind::Array:
    case Decoded::Kind::Audio: {
        const auto type = scalarType(d.dtype);
        auto t = torch::empty(std::vector<int64_t>(d.shape.begin(), d.shape.end()), type);
        if (static_cast<std::size_t>(t.nbytes()) != d.data.size())
            throw Error(ErrorKind::InvalidArgument, "decoded data has " + std::to_string(d.data.size()) +
                                                        " bytes, its shape needs " + std::to_string(t.nbytes()));
        if (!d.data.empty())
            std::memcpy(t.data_ptr(), d.data.data(), d.data.size());
        return t;
    }
    }
    return {};
}

torch::Tensor collate(const std::vector<torch::Tensor> &items)
{
    if (items.empty())
        throw Error(ErrorKind::InvalidArgument, "cannot collate an empty batch");
    for (std::size_t i = 1; i < items.size(); ++i)
        if (items[i].sizes() != items[0].sizes() || items[i].scalar_type() != items[0].scalar_type())
            throw Error(ErrorKind::InvalidArgument,
                        "cannot collate item " + std::to_string(i) + " of shape " + c10::str(items[i].sizes()) +
                            " with item 0 of shape " + c10::str(items[0].sizes()) + "; resize or pad first");
    return torch::stack(items);
}

} // namespace shardscope::torchx
