#pragma once

#include "core/storage/store.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace shardscope {

// Object count, total bytes, a size histogram and the extension mix of a
// bucket or prefix, computed page by page (nothing but the counts is kept).
struct BucketSummary
{
    std::uint64_t objects = 0;
    std::uint64_t bytes = 0;
    // sizeBins[k]: objects with size in [2^(k-1), 2^k) bytes; sizeBins[0]: empty objects.
    std::vector<std::uint64_t> sizeBins = std::vector<std::uint64_t>(64, 0);
    std::map<std::string, std::uint64_t> extensions; // "tar", "png", "" (none)

    void add(const ObjectInfo &o);
    static int binOf(std::uint64_t size);
    static std::string extensionOf(const std::string &name); // after the first dot of the file name
};

using SummaryProgress = std::function<void(const BucketSummary &soFar)>;

// Lists everything under `prefix`; calls `progress` after each page; throws
// Error(Cancelled) when `cancel` is set.
BucketSummary summarize(Store &store, const std::string &bucket, const std::string &prefix,
                        const SummaryProgress &progress = {}, const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
