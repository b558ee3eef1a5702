#include "core/data/map_dataset.h"

#include "core/util/error.h"

namespace shardscope {

MapDataset::MapDataset(Store &store, std::string bucket, std::vector<ObjectInfo> items)
    : m_store(store), m_bucket(std::move(bucket)), m_items(std::move(items))
{
}

const ObjectInfo &MapDataset::info(std::size_t index) const
{
    if (index >= m_items.size())
        throw Error(ErrorKind::InvalidArgument, "index " + std::to_string(index) + " is past the " +
                                                    std::to_string(m_items.size()) + " items of " + m_store.url(m_bucket));
    return m_items[index];
}

std::string MapDataset::get(std::size_t index)
{
    return m_store.getBytes(m_bucket, info(index).name);
}

std::vector<std::uint64_t> MapDataset::sizes() const
{
    std::vector<std::uint64_t> out;
    out.reserve(m_items.size());
    for (const auto &o : m_items)
        out.push_back(o.size);
    return out;
}

} // namespace shardscope
