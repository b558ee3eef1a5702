#pragma once

#include "core/config/dataset_config.h"
#include "core/data/sources.h"

#include <vector>

namespace shardscope {

// How the named splits of a config cover its sources' objects: per split the
// objects and bytes it selects over all sources (a split selects nothing from
// a source it does not name), overlaps between splits and objects in no split,
// each with a few examples ("source:object" when the config has several
// sources). `objectsPerSource[i]` are the objects of config.sources[i]'s group.
SplitReport analyzeConfigSplits(const DatasetConfig &config,
                                const std::vector<std::vector<ObjectInfo>> &objectsPerSource,
                                std::size_t maxExamples = 5);
// The same over listings kept elsewhere (the GUI's cache): nothing is copied.
SplitReport analyzeConfigSplits(const DatasetConfig &config,
                                const std::vector<const std::vector<ObjectInfo> *> &objectsPerSource,
                                std::size_t maxExamples = 5);

} // namespace shardscope
