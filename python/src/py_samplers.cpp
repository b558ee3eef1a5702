// Orders, batch samplers and rank partitions: the core's functions, on lists of ints.

#include "py_common.h"

#include "core/data/partition.h"
#include "core/data/samplers.h"
#include "core/gen/dataset_generator.h"

#include <nanobind/stl/vector.h>

namespace shardscope::py {

namespace {

DynamicBatchOptions dynamicOptions(double maxBatchBytes, bool dropLast, bool allowOversized,
                                   double saturation, bool shuffle, std::uint64_t seed)
{
    DynamicBatchOptions o;
    o.maxBatchBytes = maxBatchBytes;
    o.dropLast = dropLast;
    o.allowOversized = allowOversized;
    o.saturation = saturation;
    o.shuffle = shuffle;
    o.seed = seed;
    validate(o);
    return o;
}

nb::dict statsDict(const BatchStats &s)
{
    nb::dict d;
    d["batches"] = s.batches;
    d["samples"] = s.samples;
    d["bytes"] = s.bytes;
    d["oversized"] = s.oversized;
    d["oversized_dropped"] = s.oversizedDropped;
    d["zero_size_skipped"] = s.zeroSizeSkipped;
    d["tail_dropped"] = s.tailDropped;
    d["mean_fill"] = s.meanFill;
    return d;
}

nb::object withStats(std::vector<IndexBatch> &&batches, const BatchStats &stats, bool returnStats)
{
    nb::object b = nb::cast(std::move(batches));
    return returnStats ? nb::object(nb::make_tuple(b, statsDict(stats))) : b;
}

} // namespace

void bindSamplers(nb::module_ &m)
{
    m.def("sequential_order", &sequentialOrder, nb::arg("n"));
    m.def("shuffled_order", &shuffledOrder, nb::arg("n"), nb::arg("seed"),
          "A permutation of range(n) from shardscope's seeded generator: the same (n, seed) always gives the "
          "same order (the CLI's --shuffle --seed).");
    m.def(
        "epoch_order",
        [](std::size_t n, bool shuffle, std::uint64_t seed, std::uint64_t epoch) {
            return shuffle ? shuffledOrder(n, seed ^ splitmix64(epoch)) : sequentialOrder(n);
        },
        nb::arg("n"), nb::kw_only(), nb::arg("shuffle") = true, nb::arg("seed") = 0, nb::arg("epoch") = 0,
        "The order a Loader (and iterate --epoch) reads n items in: each epoch its own permutation.");
    m.def(
        "rank_items",
        [](const std::vector<std::size_t> &order, std::size_t rank, std::size_t worldSize, bool evenRanks) {
            RankPartition p;
            p.rank = rank;
            p.worldSize = worldSize;
            p.evenRanks = evenRanks;
            return rankItems(order, p);
        },
        nb::arg("order"), nb::kw_only(), nb::arg("rank"), nb::arg("world_size"),
        nb::arg("even_ranks") = false,
        "The items of `order` that rank `rank` of `world_size` reads: every world_size-th, from the rank's "
        "position; with even_ranks the tail that would give some ranks one more is left out.");
    m.def(
        "fixed_batches",
        [](const std::vector<std::size_t> &order, std::size_t batchSize, bool dropLast, bool returnStats) {
            if (batchSize < 1)
                throw Error(ErrorKind::InvalidArgument, "batch_size must be at least 1");
            BatchStats stats;
            return withStats(fixedBatches(order, batchSize, dropLast, &stats), stats, returnStats);
        },
        nb::arg("order"), nb::arg("batch_size"), nb::kw_only(), nb::arg("drop_last") = false,
        nb::arg("return_stats") = false);
    m.def(
        "dynamic_batches",
        [](const std::vector<std::uint64_t> &sizes, double maxBatchBytes, bool dropLast, bool allowOversized,
           double saturation, bool shuffle, std::uint64_t seed, bool returnStats) {
            const DynamicBatchOptions o =
                dynamicOptions(maxBatchBytes, dropLast, allowOversized, saturation, shuffle, seed);
            BatchStats stats;
            std::vector<IndexBatch> b;
            {
                nb::gil_scoped_release release;
                b = dynamicBatches(sizes, o, &stats);
            }
            return withStats(std::move(b), stats, returnStats);
        },
        nb::arg("sizes"), nb::arg("max_batch_bytes"), nb::kw_only(), nb::arg("drop_last") = false,
        nb::arg("allow_oversized") = false, nb::arg("saturation") = 0.8, nb::arg("shuffle") = false,
        nb::arg("seed") = 0, nb::arg("return_stats") = false,
        "AIStore's DynamicBatchSampler, batch for batch: lists of indices into `sizes` under a byte budget.");
    m.def(
        "packed_batches",
        [](const std::vector<std::uint64_t> &sizes, double maxBatchBytes, bool dropLast, bool allowOversized,
           double saturation, bool shuffle, std::uint64_t seed, std::size_t window, bool returnStats) {
            if (window < 1 || window > 10000000)
                throw Error(ErrorKind::InvalidArgument, "window must be between 1 and 10000000");
            const DynamicBatchOptions o =
                dynamicOptions(maxBatchBytes, dropLast, allowOversized, saturation, shuffle, seed);
            BatchStats stats;
            std::vector<IndexBatch> b;
            {
                nb::gil_scoped_release release;
                b = packedBatches(sizes, o, window, &stats);
            }
            return withStats(std::move(b), stats, returnStats);
        },
        nb::arg("sizes"), nb::arg("max_batch_bytes"), nb::kw_only(), nb::arg("drop_last") = false,
        nb::arg("allow_oversized") = false, nb::arg("saturation") = 0.8, nb::arg("shuffle") = false,
        nb::arg("seed") = 0, nb::arg("window") = 1024, nb::arg("return_stats") = false,
        "Fuller batches: first-fit-decreasing within a sliding window (the CLI's batches --strategy "
        "packed).");
}

} // namespace shardscope::py
