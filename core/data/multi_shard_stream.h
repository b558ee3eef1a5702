#pragma once

#include "core/data/loader.h"

#include <memory>
#include <string>
#include <vector>

namespace shardscope {

// Several shard sources read side by side and zipped sample by sample (like
// AIStore's AISMultiShardStream, e.g. images from one bucket and their
// captions from another): next() gives one sample of every source, in each
// source's shard order, and ends with the shortest source. Unlike the SDK's
// stream it keeps sample keys and shard names.
class MultiShardStream
{
public:
    struct Source
    {
        Loader::StoreFactory openStore;
        std::string bucket;
        std::vector<std::string> shards;
    };

    explicit MultiShardStream(std::vector<Source> sources, ShardReadOptions options = {});
    bool next(std::vector<Sample> &out);
    void cancel();

private:
    std::vector<std::unique_ptr<Loader>> m_loaders;
};

} // namespace shardscope
