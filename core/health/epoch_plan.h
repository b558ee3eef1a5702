#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// One unit a loader reads: an object (map / iterable datasets) or a shard
// with the samples it holds (known from a wids index or an audit; 0 when unknown).
struct PlanUnit
{
    std::string name;
    std::uint64_t bytes = 0;
    std::uint64_t samples = 1; // an object is one item
};

struct PlanOptions
{
    std::size_t worldSize = 1;
    int workers = 1;      // per rank
    bool shuffle = false; // shuffle the units with `seed` (shardscope's seeded permutation)
    std::uint64_t seed = 0;
    bool evenRanks = false; // drop the tail of units so every rank gets as many units
    bool shards = false;    // units are shards (items = their samples)
    bool allUnits = false;  // keep every unit each rank opens (RankShare::units list), not only the first few
};

struct WorkerShare
{
    std::uint64_t units = 0;
    std::uint64_t items = 0;
    std::uint64_t bytes = 0;
};

struct RankShare
{
    std::size_t rank = 0;
    std::uint64_t units = 0; // objects or shards this rank opens
    std::uint64_t items = 0;
    std::uint64_t bytes = 0;
    std::vector<WorkerShare> workers;    // unit w, w+W, ... of the rank's list (as torch's worker split does)
    std::vector<std::string> firstUnits; // the first few units it opens, in order (all with allUnits)
};

// What an epoch does with the data, computed from the listing alone: unit i
// of the (shuffled) order goes to rank i % worldSize, as shardscope's loader
// and AIStore's SDK partition; with evenRanks the tail that would make ranks
// unequal is dropped.
struct EpochPlan
{
    PlanOptions options;
    std::uint64_t units = 0, items = 0, bytes = 0;
    std::uint64_t droppedUnits = 0, droppedItems = 0, droppedBytes = 0;
    std::vector<RankShare> ranks;
    bool itemsEqual = true; // every rank gets the same number of items
    bool unitsEqual = true; // ... and of units
    std::uint64_t minItems = 0, maxItems = 0;
    // Shards' sample counts were all known (a wids index or an audit): item
    // numbers are exact. False: shards whose count is unknown count 0 items.
    bool itemsKnown = true;
};

// Throws Error(InvalidArgument) for a world size outside 1..1000000 or workers outside 1..1024.
EpochPlan planEpoch(const std::vector<PlanUnit> &units, const PlanOptions &options);

std::string epochPlanJson(const EpochPlan &plan); // one JSON object (see README, "Dataset health")

} // namespace shardscope
