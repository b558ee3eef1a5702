#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

using IndexBatch = std::vector<std::size_t>;

// What a batching pass did with the items, for the batch-tuning view.
struct BatchStats
{
    std::size_t batches = 0;
    std::size_t samples = 0;           // in emitted batches
    std::uint64_t bytes = 0;           // in emitted batches
    std::size_t oversized = 0;         // items larger than the budget
    std::size_t oversizedDropped = 0;  // ... of which dropped (not allowed)
    std::size_t zeroSizeSkipped = 0;   // items of 0 bytes left out (the SDK's rule)
    std::size_t tailDropped = 0;       // items in a final batch dropped by drop_last
    double meanFill = 0;               // bytes / (batches * budget), oversized batches excluded
};

// Index orders.
std::vector<std::size_t> sequentialOrder(std::size_t n);
// A permutation of 0..n-1 from a seeded generator (SplitMix64-seeded
// Fisher-Yates): the same (n, seed) always gives the same order.
std::vector<std::size_t> shuffledOrder(std::size_t n, std::uint64_t seed);

// Fixed-size batches over `order`; the last, shorter one is dropped with dropLast.
std::vector<IndexBatch> fixedBatches(const std::vector<std::size_t> &order, std::size_t batchSize, bool dropLast,
                                     BatchStats *stats = nullptr);

struct DynamicBatchOptions
{
    double maxBatchBytes = 0;      // the byte budget of a batch (> 0)
    bool dropLast = false;         // drop a final batch unless it is fuller than `saturation`
    bool allowOversized = false;   // an item over the budget becomes a batch of its own
    double saturation = 0.8;       // 0..1
    bool shuffle = false;
    std::uint64_t seed = 0;        // for shuffle
};

// Throws Error(InvalidArgument) for a budget <= 0 or a saturation outside 0..1.
void validate(const DynamicBatchOptions &options);

// AIStore's DynamicBatchSampler, batch for batch: greedy and in order; an item
// that would overflow the budget starts the next batch; an exact fit joins the
// batch, which is then emitted; oversized items are emitted at once as single
// batches (the pending batch is not flushed) or dropped; 0-byte items are
// skipped; the tail is kept unless drop_last, and then only if fuller than the
// saturation. With shuffle the order is shardscope's seeded permutation (the
// SDK draws torch.randperm from torch's global generator, which C++ cannot
// reproduce).
std::vector<IndexBatch> dynamicBatches(const std::vector<std::uint64_t> &sizes, const DynamicBatchOptions &options,
                                       BatchStats *stats = nullptr);

// Better packing: first-fit-decreasing inside a sliding window of `window`
// items (in sampler order), so batches come out fuller while the order stays
// close to the original. Batches that are not yet saturated stay open for the
// next window's items. Same rules for oversized items; 0-byte items are kept
// (they fit anywhere) rather than dropped.
std::vector<IndexBatch> packedBatches(const std::vector<std::uint64_t> &sizes, const DynamicBatchOptions &options,
                                      std::size_t window = 1024, BatchStats *stats = nullptr);

// Fills in stats.bytes/samples/batches/meanFill for batches computed elsewhere.
void accountBatches(const std::vector<IndexBatch> &batches, const std::vector<std::uint64_t> &sizes, double budget,
                    BatchStats *stats);

} // namespace shardscope
