#include "core/torch/sample_dataset.h"

#include "core/decode/decoded.h"
#include "core/torch/tensor_convert.h"
#include "core/util/error.h"

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace shardscope::torchx {

ObjectDataset::ObjectDataset(StoreFactory openStore, std::string bucket, std::vector<std::string> names,
                             Decode decode)
    : m_openStore(std::move(openStore)), m_bucket(std::move(bucket)), m_names(std::move(names)),
      m_decode(decode ? std::move(decode) : Decode(&ObjectDataset::decodeByExtension))
{
    static std::atomic<std::uint64_t> next{1};
    m_id = next++;
}

torch::data::Example<> ObjectDataset::decodeByExtension(const std::string &name, const std::string &bytes,
                                                        std::size_t index)
{
    const auto slash = name.rfind('/');
    const auto dot = name.find('.', slash == std::string::npos ? 0 : slash + 1);
    const std::string ext = dot == std::string::npos ? std::string() : name.substr(dot + 1);
    const Decoded d = decodeMember(ext, bytes, name);
    return {toTensor(d), torch::tensor(static_cast<int64_t>(index), torch::kInt64)};
}

torch::data::Example<> ObjectDataset::get(size_t index)
{
    if (index >= m_names.size())
        throw Error(ErrorKind::InvalidArgument, "index " + std::to_string(index) + " is past the " +
                                                    std::to_string(m_names.size()) + " objects of the dataset");
    // One store (and connection pool) per thread that calls get().
    thread_local std::map<std::uint64_t, std::unique_ptr<Store>> stores;
    auto &store = stores[m_id];
    if (!store)
        store = m_openStore();
    const std::string bytes = store->getBytes(m_bucket, m_names[index]);
    return m_decode(m_names[index], bytes, index);
}

} // namespace shardscope::torchx
