#include "core/health/shuffle_quality.h"

#include "core/data/samplers.h"
#include "core/util/error.h"
#include "core/util/splitmix.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace shardscope {

namespace {
constexpr std::size_t kPreview = 2000;

// The shards (a prefix) whose samples add up to at most maxItems (at least one shard).
std::vector<std::uint64_t> simulated(const std::vector<std::uint64_t> &shardSamples, std::uint64_t maxItems)
{
    std::vector<std::uint64_t> out;
    std::uint64_t n = 0;
    for (std::uint64_t s : shardSamples) {
        if (!out.empty() && n + s > maxItems)
            break;
        out.push_back(std::min<std::uint64_t>(s, maxItems));
        n += out.back();
    }
    return out;
}

struct Rng
{
    std::uint64_t state;
    std::uint64_t below(std::uint64_t n) // [0, n)
    {
        state = splitmix64(state);
        return state % n; // bias below n / 2^64
    }
};

double entropyBits(const std::unordered_map<std::int64_t, std::uint64_t> &counts, std::uint64_t total)
{
    double h = 0;
    for (const auto &[v, c] : counts) {
        const double p = double(c) / double(total);
        h -= p * std::log2(p);
    }
    return h;
}
} // namespace

const char *shuffleStrategyName(ShuffleStrategy s)
{
    switch (s) {
    case ShuffleStrategy::None:
        return "none";
    case ShuffleStrategy::Objects:
        return "objects";
    case ShuffleStrategy::ShardsBuffer:
        return "shards+buffer";
    }
    return "none";
}

std::vector<std::uint64_t> simulateOrder(ShuffleStrategy s, const std::vector<std::uint64_t> &shardSamplesIn,
                                         const ShuffleOptions &o)
{
    if (o.workers < 1 || o.workers > 1024)
        throw Error(ErrorKind::InvalidArgument, "the simulation needs between 1 and 1024 workers");
    if (o.batch < 1)
        throw Error(ErrorKind::InvalidArgument, "the batch must hold at least 1 sample");
    const std::vector<std::uint64_t> shardSamples = simulated(shardSamplesIn, o.maxItems);
    std::vector<std::uint64_t> first(shardSamples.size() + 1, 0); // first sample number of each shard
    for (std::size_t i = 0; i < shardSamples.size(); ++i)
        first[i + 1] = first[i] + shardSamples[i];
    const std::uint64_t n = first.back();
    if (s == ShuffleStrategy::Objects) {
        std::vector<std::uint64_t> out;
        out.reserve(n);
        for (std::size_t i : shuffledOrder(static_cast<std::size_t>(n), o.seed))
            out.push_back(i);
        return out;
    }
    const std::vector<std::size_t> shardOrder = s == ShuffleStrategy::ShardsBuffer
                                                    ? shuffledOrder(shardSamples.size(), o.seed)
                                                    : sequentialOrder(shardSamples.size());
    // Each worker's stream: its shards (w, w+W, ...) in order, through its buffer.
    const std::size_t W = static_cast<std::size_t>(o.workers);
    std::vector<std::vector<std::uint64_t>> streams(W);
    for (std::size_t w = 0; w < W; ++w) {
        Rng rng{splitmix64(o.seed * 1315423911ull + w + 1)};
        std::vector<std::uint64_t> buf;
        auto &out = streams[w];
        for (std::size_t k = w; k < shardOrder.size(); k += W) {
            const std::size_t shard = shardOrder[k];
            for (std::uint64_t i = first[shard]; i < first[shard + 1]; ++i) {
                if (s == ShuffleStrategy::None) {
                    out.push_back(i);
                    continue;
                }
                // WebDataset's shuffle: fill the buffer, then each new sample
                // swaps a random one out.
                buf.push_back(i);
                if (buf.size() < o.buffer)
                    continue;
                const std::size_t j = static_cast<std::size_t>(rng.below(buf.size()));
                std::swap(buf[j], buf.back());
                out.push_back(buf.back());
                buf.pop_back();
            }
        }
        while (!buf.empty()) {
            const std::size_t j = static_cast<std::size_t>(rng.below(buf.size()));
            std::swap(buf[j], buf.back());
            out.push_back(buf.back());
            buf.pop_back();
        }
    }
    // The loader yields a batch from each worker in turn.
    std::vector<std::uint64_t> out;
    out.reserve(n);
    std::vector<std::size_t> pos(W, 0);
    for (bool more = true; more;) {
        more = false;
        for (std::size_t w = 0; w < W; ++w) {
            const std::size_t end = std::min(streams[w].size(), pos[w] + o.batch);
            for (; pos[w] < end; ++pos[w])
                out.push_back(streams[w][pos[w]]);
            more = more || pos[w] < streams[w].size();
        }
    }
    return out;
}

ShuffleScore scoreOrder(const std::vector<std::uint64_t> &order,
                        const std::vector<std::uint64_t> &shardSamples, std::size_t batch)
{
    ShuffleScore sc;
    sc.items = order.size();
    if (batch < 1)
        throw Error(ErrorKind::InvalidArgument, "the batch must hold at least 1 sample");
    std::vector<std::uint64_t> first(shardSamples.size() + 1, 0);
    for (std::size_t i = 0; i < shardSamples.size(); ++i)
        first[i + 1] = first[i] + shardSamples[i];
    auto shardOf = [&](std::uint64_t item) {
        return static_cast<std::int64_t>(std::upper_bound(first.begin(), first.end(), item) - first.begin() -
                                         1);
    };
    if (order.size() > 2) {
        std::unordered_map<std::int64_t, std::uint64_t> gaps;
        for (std::size_t t = 0; t + 1 < order.size(); ++t)
            ++gaps[static_cast<std::int64_t>(order[t + 1]) - static_cast<std::int64_t>(order[t])];
        sc.gapEntropy = entropyBits(gaps, order.size() - 1) / std::log2(double(order.size() - 1));
    }
    std::size_t usedShards = 0;
    for (std::uint64_t k : shardSamples)
        usedShards += k > 0;
    const double norm = std::log2(double(std::min<std::size_t>(batch, std::max<std::size_t>(usedShards, 1))));
    double hSum = 0, distinctSum = 0;
    std::size_t batches = 0;
    for (std::size_t b = 0; b + batch <= order.size(); b += batch) {
        std::unordered_map<std::int64_t, std::uint64_t> ids;
        for (std::size_t t = b; t < b + batch; ++t)
            ++ids[shardOf(order[t])];
        hSum += norm > 0 ? entropyBits(ids, batch) / norm : 0;
        distinctSum += double(ids.size());
        ++batches;
    }
    if (batches) {
        sc.shardEntropy = hSum / double(batches);
        sc.distinctShardsPerBatch = distinctSum / double(batches);
    }
    sc.preview.assign(order.begin(),
                      order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), kPreview)));
    return sc;
}

std::vector<ShuffleScore> compareShuffles(const std::vector<std::uint64_t> &shardSamples,
                                          std::uint64_t meanSampleBytes, const ShuffleOptions &o)
{
    const std::vector<std::uint64_t> used = simulated(shardSamples, o.maxItems);
    std::uint64_t n = 0;
    for (auto s : used)
        n += s;
    std::vector<ShuffleScore> out;
    for (ShuffleStrategy s :
         {ShuffleStrategy::None, ShuffleStrategy::ShardsBuffer, ShuffleStrategy::Objects}) {
        ShuffleScore sc = scoreOrder(simulateOrder(s, shardSamples, o), used, o.batch);
        sc.strategy = s;
        const std::uint64_t W = static_cast<std::uint64_t>(o.workers);
        switch (s) {
        case ShuffleStrategy::None:
            sc.memoryBytes = W * meanSampleBytes; // one sample in flight per worker
            sc.requests = used.size();
            break;
        case ShuffleStrategy::ShardsBuffer:
            sc.memoryBytes = W * std::min<std::uint64_t>(o.buffer, n) * meanSampleBytes;
            sc.requests = used.size();
            break;
        case ShuffleStrategy::Objects:
            sc.memoryBytes = n * sizeof(std::uint64_t); // the permutation; each sample its own read
            sc.requests = n;
            break;
        }
        out.push_back(std::move(sc));
    }
    return out;
}

std::string shuffleScoresJson(const std::vector<ShuffleScore> &scores, const ShuffleOptions &o)
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto &s : scores)
        list.push_back({{"strategy", shuffleStrategyName(s.strategy)},
                        {"items", s.items},
                        {"gap_entropy", s.gapEntropy},
                        {"shard_entropy", s.shardEntropy},
                        {"distinct_shards_per_batch", s.distinctShardsPerBatch},
                        {"memory_bytes", s.memoryBytes},
                        {"requests", s.requests}});
    return nlohmann::json{{"seed", o.seed},
                          {"buffer", o.buffer},
                          {"workers", o.workers},
                          {"batch", o.batch},
                          {"strategies", list}}
        .dump(2);
}

} // namespace shardscope
