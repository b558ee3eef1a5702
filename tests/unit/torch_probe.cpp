#include "torch_probe.h"

#include "torch/tensor_convert.h"

namespace {
TensorFacts facts(const torch::Tensor &t)
{
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
