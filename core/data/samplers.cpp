#include "core/data/samplers.h"

#include "core/util/error.h"
#include "core/util/splitmix.h"

#include <algorithm>
#include <numeric>

namespace shardscope {

std::vector<std::size_t> sequentialOrder(std::size_t n)
{
    std::vector<std::size_t> v(n);
    std::iota(v.begin(), v.end(), std::size_t(0));
    return v;
}

std::vector<std::size_t> shuffledOrder(std::size_t n, std::uint64_t seed)
{
    std::vector<std::size_t> v = sequentialOrder(n);
    std::uint64_t state = splitmix64(seed ^ 0x5348415244ull);
    for (std::size_t i = n; i > 1; --i) {
        state = splitmix64(state);
        // Lemire's unbiased-enough bounded draw (bias < 2^-32 for n < 2^32).
        const std::size_t j = static_cast<std::size_t>((static_cast<unsigned __int128>(state) * i) >> 64);
        std::swap(v[i - 1], v[j]);
    }
    return v;
}

std::vector<IndexBatch> fixedBatches(const std::vector<std::size_t> &order, std::size_t batchSize, bool dropLast,
                                     BatchStats *stats)
{
    if (batchSize == 0)
        throw Error(ErrorKind::InvalidArgument, "the batch size must be at least 1");
    std::vector<IndexBatch> out;
    out.reserve(order.size() / batchSize + 1);
    for (std::size_t i = 0; i < order.size(); i += batchSize) {
        const std::size_t end = std::min(order.size(), i + batchSize);
        if (end - i < batchSize && dropLast) {
            if (stats)
                stats->tailDropped += end - i;
            break;
        }
        out.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(end));
    }
    if (stats) {
        stats->batches = out.size();
        stats->samples = 0;
        for (const auto &b : out)
            stats->samples += b.size();
    }
    return out;
}

void validate(const DynamicBatchOptions &o)
{
    if (!(o.maxBatchBytes > 0))
        throw Error(ErrorKind::InvalidArgument, "the maximum batch size must be more than 0 bytes");
    if (!(o.saturation >= 0 && o.saturation <= 1))
        throw Error(ErrorKind::InvalidArgument, "the saturation factor must be between 0 and 1, not " +
                                                    std::to_string(o.saturation));
}

void accountBatches(const std::vector<IndexBatch> &batches, const std::vector<std::uint64_t> &sizes, double budget,
                    BatchStats *stats)
{
    if (!stats)
        return;
    stats->batches = batches.size();
    stats->samples = 0;
    stats->bytes = 0;
    long double filled = 0;
    std::size_t counted = 0;
    for (const auto &b : batches) {
        std::uint64_t bytes = 0;
        for (std::size_t i : b)
            bytes += sizes[i];
        stats->samples += b.size();
        stats->bytes += bytes;
        if (bytes <= budget) {
            filled += bytes;
            ++counted;
        }
    }
    stats->meanFill = counted ? static_cast<double>(filled / (static_cast<long double>(budget) * counted)) : 0;
}

std::vector<IndexBatch> dynamicBatches(const std::vector<std::uint64_t> &sizes, const DynamicBatchOptions &o,
                                       BatchStats *stats)
{
    validate(o);
    const std::vector<std::size_t> order = o.shuffle ? shuffledOrder(sizes.size(), o.seed) : std::vector<std::size_t>();
    const long double max = o.maxBatchBytes;
    BatchStats local;
    std::vector<IndexBatch> out;
    IndexBatch batch;
    std::uint64_t total = 0;
    std::size_t k = 0;
    while (k < sizes.size()) {
        const std::size_t i = o.shuffle ? order[k] : k;
        const std::uint64_t s = sizes[i];
        if (s == 0) {
            ++local.zeroSizeSkipped;
            ++k;
            continue;
        }
        if (static_cast<long double>(s) > max) {
            ++local.oversized;
            if (o.allowOversized)
                out.push_back({i});
            else
                ++local.oversizedDropped;
            ++k;
            continue;
        }
        const long double next = static_cast<long double>(total + s);
        if (next < max) {
            batch.push_back(i);
            total += s;
            ++k;
        } else {
            if (next == max) { // an exact fit joins the batch
                batch.push_back(i);
                ++k;
            }
            out.push_back(std::move(batch)); // on overflow, item i starts the next batch
            batch.clear();
            total = 0;
        }
    }
    if (!batch.empty()) {
        const bool keep = !o.dropLast || static_cast<long double>(total) / max > o.saturation;
        if (keep)
            out.push_back(std::move(batch));
        else
            local.tailDropped = batch.size();
    }
    if (stats) {
        accountBatches(out, sizes, o.maxBatchBytes, &local);
        *stats = local;
    }
    return out;
}

std::vector<IndexBatch> packedBatches(const std::vector<std::uint64_t> &sizes, const DynamicBatchOptions &o,
                                      std::size_t window, BatchStats *stats)
{
    validate(o);
    if (window == 0)
        throw Error(ErrorKind::InvalidArgument, "the packing window must hold at least 1 item");
    const std::vector<std::size_t> order = o.shuffle ? shuffledOrder(sizes.size(), o.seed) : sequentialOrder(sizes.size());
    const long double max = o.maxBatchBytes;
    const long double saturated = max * o.saturation;
    BatchStats local;
    std::vector<IndexBatch> out;
    struct Bin
    {
        IndexBatch items;
        std::uint64_t bytes = 0;
    };
    std::vector<Bin> open;
    std::vector<std::size_t> win;
    win.reserve(window);
    auto flushSaturated = [&](bool all) {
        std::vector<Bin> keep;
        for (Bin &b : open) {
            if (all || static_cast<long double>(b.bytes) >= saturated)
                out.push_back(std::move(b.items));
            else
                keep.push_back(std::move(b));
        }
        open = std::move(keep);
    };
    for (std::size_t k = 0; k < order.size();) {
        win.clear();
        for (; k < order.size() && win.size() < window; ++k) {
            const std::size_t i = order[k];
            if (static_cast<long double>(sizes[i]) > max) {
                ++local.oversized;
                if (o.allowOversized)
                    out.push_back({i});
                else
                    ++local.oversizedDropped;
                continue;
            }
            win.push_back(i);
        }
        // First fit, largest first (stable for equal sizes: earlier items first).
        std::stable_sort(win.begin(), win.end(), [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
        for (std::size_t i : win) {
            Bin *fit = nullptr;
            for (Bin &b : open)
                if (static_cast<long double>(b.bytes + sizes[i]) <= max) {
                    fit = &b;
                    break;
                }
            if (!fit) {
                open.push_back({});
                fit = &open.back();
            }
            fit->items.push_back(i);
            fit->bytes += sizes[i];
        }
        flushSaturated(false);
    }
    // The remaining open bins: the last is the tail (drop_last applies to it).
    std::sort(open.begin(), open.end(), [](const Bin &a, const Bin &b) { return a.bytes > b.bytes; });
    if (!open.empty() && o.dropLast) {
        for (Bin &b : open) {
            if (static_cast<long double>(b.bytes) / max > o.saturation)
                out.push_back(std::move(b.items));
            else
                local.tailDropped += b.items.size();
        }
        open.clear();
    }
    flushSaturated(true);
    if (stats) {
        accountBatches(out, sizes, o.maxBatchBytes, &local);
        *stats = local;
    }
    return out;
}

} // namespace shardscope
