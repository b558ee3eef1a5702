#pragma once

#include "core/storage/store.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shardscope {

// What part of a bucket a data source covers, like AIStore's Bucket and
// ObjectGroup sources.
struct ObjectGroup
{
    enum class Kind { Prefix, Names, Template };
    Kind kind = Kind::Prefix;
    std::string prefix;             // Prefix ("" = the whole bucket)
    std::vector<std::string> names; // Names, in the order given
    std::string braceTemplate;      // Template: "shard-{0000..0999}.tar"
};

// The group a URL's path names: a brace template when it has '{'
// ("shard-{0000..0099}.tar"), otherwise a prefix ("" = the whole bucket).
ObjectGroup groupForPath(const std::string &path);

// The objects a group names, with sizes taken from one listing (no HEAD per
// object): Prefix in listing order, Names and Template in the group's order.
// A named object that does not exist is an error that names it (and how many
// more are missing).
std::vector<ObjectInfo> resolveGroup(Store &store, const std::string &bucket, const ObjectGroup &group);

// AIStore's prefix_map for one source: nullopt = the whole source; a list of
// prefixes = one listing per prefix, concatenated in order (an empty list
// selects nothing; overlapping prefixes select an object twice, as the SDK does).
using PrefixSelection = std::optional<std::vector<std::string>>;
std::vector<ObjectInfo> applyPrefixMap(const std::vector<ObjectInfo> &objects, const PrefixSelection &selection);

// How named splits (train/val/test: prefix lists) cover a set of objects.
struct SplitReport
{
    struct Split
    {
        std::string name;
        std::uint64_t objects = 0;
        std::uint64_t bytes = 0;
    };
    struct Overlap
    {
        std::string first, second; // split names
        std::uint64_t objects = 0;
        std::vector<std::string> examples; // a few object names
    };
    std::vector<Split> splits;
    std::vector<Overlap> overlaps;
    std::uint64_t uncovered = 0;
    std::vector<std::string> uncoveredExamples;
};

SplitReport analyzeSplits(const std::vector<ObjectInfo> &objects,
                          const std::vector<std::pair<std::string, std::vector<std::string>>> &splits,
                          std::size_t maxExamples = 5);

} // namespace shardscope
