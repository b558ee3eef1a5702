#pragma once

// torch::data adapters over shardscope's loader core, so that
// torch::data::make_data_loader works on objects in any store.
// Include only from Qt-free translation units.

#include "core/storage/store.h"

#include <torch/data.h>
#include <torch/types.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shardscope::torchx {

// A map-style dataset over objects: get(i) reads object i (one store per
// calling thread, so DataLoader workers do not share connections) and turns
// its bytes into an Example with `decode`. By default data = the decoded
// member by the object's extension, target = i.
class ObjectDataset : public torch::data::datasets::Dataset<ObjectDataset, torch::data::Example<>>
{
public:
    using StoreFactory = std::function<std::unique_ptr<Store>()>;
    using Decode = std::function<torch::data::Example<>(const std::string &name, const std::string &bytes,
                                                        std::size_t index)>;

    ObjectDataset(StoreFactory openStore, std::string bucket, std::vector<std::string> names, Decode decode = {});

    torch::data::Example<> get(size_t index) override;
    torch::optional<size_t> size() const override { return m_names.size(); }
    const std::vector<std::string> &names() const { return m_names; }

    static torch::data::Example<> decodeByExtension(const std::string &name, const std::string &bytes,
                                                     std::size_t index);

private:
    StoreFactory m_openStore;
    std::string m_bucket;
    std::vector<std::string> m_names;
    Decode m_decode;
    std::uint64_t m_id; // tells the per-thread stores of different datasets apart
};

} // namespace shardscope::torchx
