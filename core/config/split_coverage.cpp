#include "core/config/split_coverage.h"

#include "core/util/error.h"

#include <map>

namespace shardscope {

SplitReport analyzeConfigSplits(const DatasetConfig &config,
                                const std::vector<std::vector<ObjectInfo>> &objectsPerSource, std::size_t maxExamples)
{
    std::vector<const std::vector<ObjectInfo> *> lists;
    for (const auto &v : objectsPerSource)
        lists.push_back(&v);
    return analyzeConfigSplits(config, lists, maxExamples);
}

SplitReport analyzeConfigSplits(const DatasetConfig &config,
                                const std::vector<const std::vector<ObjectInfo> *> &objectsPerSource,
                                std::size_t maxExamples)
{
    if (objectsPerSource.size() != config.sources.size())
        throw Error(ErrorKind::InvalidArgument, "split coverage: one object list per source expected");
    SplitReport total;
    for (const auto &[name, perSource] : config.splits)
        total.splits.push_back({name, 0, 0});
    std::map<std::pair<std::string, std::string>, std::size_t> overlapIndex;
    const bool qualify = config.sources.size() > 1;
    auto label = [&](const DatasetConfig::Source &src, const std::string &object) {
        return qualify ? src.id + ":" + object : object;
    };
    for (std::size_t s = 0; s < config.sources.size(); ++s) {
        const auto &src = config.sources[s];
        std::vector<std::pair<std::string, std::vector<std::string>>> splits;
        for (const auto &[name, perSource] : config.splits) {
            const auto it = perSource.find(src.id);
            splits.emplace_back(name, it == perSource.end() ? std::vector<std::string>{} : it->second);
        }
        const SplitReport r = analyzeSplits(*objectsPerSource[s], splits, maxExamples);
        for (std::size_t i = 0; i < r.splits.size(); ++i) {
            total.splits[i].objects += r.splits[i].objects;
            total.splits[i].bytes += r.splits[i].bytes;
        }
        total.uncovered += r.uncovered;
        for (const auto &e : r.uncoveredExamples)
            if (total.uncoveredExamples.size() < maxExamples)
                total.uncoveredExamples.push_back(label(src, e));
        for (const auto &ov : r.overlaps) {
            const auto key = std::make_pair(ov.first, ov.second);
            auto it = overlapIndex.find(key);
            if (it == overlapIndex.end()) {
                it = overlapIndex.emplace(key, total.overlaps.size()).first;
                total.overlaps.push_back({ov.first, ov.second, 0, {}});
            }
            auto &dst = total.overlaps[it->second];
            dst.objects += ov.objects;
            for (const auto &e : ov.examples)
                if (dst.examples.size() < maxExamples)
                    dst.examples.push_back(label(src, e));
        }
    }
    return total;
}

} // namespace shardscope
