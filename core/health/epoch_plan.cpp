#include "core/health/epoch_plan.h"

#include "core/data/partition.h"
#include "core/data/samplers.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace shardscope {

namespace {
constexpr std::size_t kFirstUnits = 8;
}

EpochPlan planEpoch(const std::vector<PlanUnit> &units, const PlanOptions &options)
{
    if (options.workers < 1 || options.workers > 1024)
        throw Error(ErrorKind::InvalidArgument, "the plan needs between 1 and 1024 workers per rank");
    validate(RankPartition{0, options.worldSize, options.evenRanks});
    EpochPlan plan;
    plan.options = options;
    const std::vector<std::size_t> order =
        options.shuffle ? shuffledOrder(units.size(), options.seed) : sequentialOrder(units.size());
    for (const auto &u : units) {
        plan.units += 1;
        plan.items += u.samples;
        plan.bytes += u.bytes;
        if (options.shards && u.samples == 0)
            plan.itemsKnown = false;
    }
    const std::size_t used =
        options.evenRanks ? order.size() - order.size() % options.worldSize : order.size();
    for (std::size_t i = used; i < order.size(); ++i) {
        const PlanUnit &u = units[order[i]];
        ++plan.droppedUnits;
        plan.droppedItems += u.samples;
        plan.droppedBytes += u.bytes;
    }
    plan.ranks.resize(options.worldSize);
    for (std::size_t r = 0; r < options.worldSize; ++r) {
        RankShare &rs = plan.ranks[r];
        rs.rank = r;
        rs.workers.resize(static_cast<std::size_t>(options.workers));
        const std::vector<std::size_t> mine =
            rankItems(order, RankPartition{r, options.worldSize, options.evenRanks});
        for (std::size_t k = 0; k < mine.size(); ++k) {
            const PlanUnit &u = units[mine[k]];
            ++rs.units;
            rs.items += u.samples;
            rs.bytes += u.bytes;
            WorkerShare &w = rs.workers[k % rs.workers.size()];
            ++w.units;
            w.items += u.samples;
            w.bytes += u.bytes;
            if (options.allUnits || rs.firstUnits.size() < kFirstUnits)
                rs.firstUnits.push_back(u.name);
        }
    }
    plan.minItems = UINT64_MAX;
    for (const auto &rs : plan.ranks) {
        plan.minItems = std::min(plan.minItems, rs.items);
        plan.maxItems = std::max(plan.maxItems, rs.items);
        plan.unitsEqual = plan.unitsEqual && rs.units == plan.ranks.front().units;
    }
    plan.itemsEqual = plan.minItems == plan.maxItems;
    return plan;
}

std::string epochPlanJson(const EpochPlan &p)
{
    using nlohmann::json;
    json ranks = json::array();
    for (const auto &r : p.ranks) {
        json workers = json::array();
        for (const auto &w : r.workers)
            workers.push_back({{"units", w.units}, {"items", w.items}, {"bytes", w.bytes}});
        json first = json::array();
        for (const auto &n : r.firstUnits)
            first.push_back(escapeName(n));
        ranks.push_back({{"rank", r.rank},
                         {"units", r.units},
                         {"items", r.items},
                         {"bytes", r.bytes},
                         {"workers", workers},
                         {p.options.allUnits ? "units_opened" : "first_units", first}});
    }
    return json{
        {"world_size", p.options.worldSize},
        {"workers", p.options.workers},
        {"shuffle", p.options.shuffle},
        {"seed", p.options.seed},
        {"even_ranks", p.options.evenRanks},
        {"unit", p.options.shards ? "shard" : "object"},
        {"units", p.units},
        {"items", p.items},
        {"bytes", p.bytes},
        {"items_known", p.itemsKnown},
        {"dropped", {{"units", p.droppedUnits}, {"items", p.droppedItems}, {"bytes", p.droppedBytes}}},
        {"equal_items", p.itemsEqual},
        {"equal_units", p.unitsEqual},
        {"min_items", p.minItems},
        {"max_items", p.maxItems},
        {"ranks", ranks}}
        .dump(2);
}

} // namespace shardscope
