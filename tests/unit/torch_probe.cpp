#include "torch_probe.h"

#include "core/torch/tensor_convert.h"

namespace {
TensorFacts facts(const torch::Tensor &t)
{
    if (t.scalar_type() != torch::kUInt8) { // describe non-byte tensors by their raw bytes
        TensorFacts f;
        for (auto d : t.sizes())
            f.shape.push_back(d);
        f.dtype = std::string(c10::toString(t.scalar_type()));
        const auto c = t.contiguous();
        const auto *p = static_cast<const uint8_t *>(c.data_ptr());
        f.values.assign(p, p + c.nbytes());
        return f;
    }
    TensorFacts f;
    for (auto d : t.sizes())
        f.shape.push_back(d);
    f.dtype = std::string(c10::toString(t.scalar_type()));
    const auto flat = t.contiguous().view({-1});
    f.values.assign(flat.data_ptr<uint8_t>(), flat.data_ptr<uint8_t>() + flat.numel());
    return f;
}
} // namespace

TensorFacts probeBytesToTensor(const std::string &bytes)
{
    return facts(shardscope::torchx::bytesToTensor(bytes));
}

TensorFacts probeCollate(const std::vector<std::string> &items)
{
    return facts(shardscope::torchx::collateBytes(items));
}

TensorFacts probeDecodedTensor(const shardscope::Decoded &d)
{
    return facts(shardscope::torchx::toTensor(d));
}

TensorFacts probeCollateDecoded(const std::vector<shardscope::Decoded> &items)
{
    std::vector<torch::Tensor> t;
    for (const auto &d : items)
        t.push_back(shardscope::torchx::toTensor(d));
    return facts(shardscope::torchx::collate(t));
}
