#include "core/data/multi_shard_stream.h"

#include "core/util/error.h"

namespace shardscope {

MultiShardStream::MultiShardStream(std::vector<Source> sources, ShardReadOptions options)
{
    if (sources.empty())
        throw Error(ErrorKind::InvalidArgument, "a multi-shard stream needs at least one source");
    LoaderOptions o;
    o.workers = 1;     // one reader per source keeps its samples in shard order
    o.ordered = true;
    o.shard = options;
    for (auto &s : sources)
        m_loaders.push_back(std::make_unique<Loader>(Loader::Mode::Shards, std::move(s.openStore), std::move(s.bucket),
                                                     std::move(s.shards), o));
}

bool MultiShardStream::next(std::vector<Sample> &out)
{
    out.clear();
    LoaderItem item;
    for (auto &l : m_loaders) {
        if (!l->next(item)) {
            cancel(); // the shortest source ended: so does the stream
            out.clear();
            return false;
        }
        out.push_back(std::move(item.sample));
    }
    return true;
}

void MultiShardStream::cancel()
{
    for (auto &l : m_loaders)
        l->cancel();
}

} // namespace shardscope
