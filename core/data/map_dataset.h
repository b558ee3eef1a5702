#pragma once

#include "core/storage/store.h"

#include <string>
#include <vector>

namespace shardscope {

// A map-style dataset: index -> (object name, bytes), the size of every item
// known from the listing (no HEAD per object), as AIStore's AISMapDataset
// (whose sizes DynamicBatchSampler reads). Reads go through the given store;
// not thread-safe, like the store (one dataset per thread, or the Loader).
class MapDataset
{
public:
    MapDataset(Store &store, std::string bucket, std::vector<ObjectInfo> items);

    std::size_t size() const { return m_items.size(); }
    const ObjectInfo &info(std::size_t index) const; // throws Error(InvalidArgument) past the end
    std::string get(std::size_t index);               // the object's bytes
    std::vector<std::uint64_t> sizes() const;         // for the samplers
    const std::string &bucket() const { return m_bucket; }

private:
    Store &m_store;
    std::string m_bucket;
    std::vector<ObjectInfo> m_items;
};

} // namespace shardscope
