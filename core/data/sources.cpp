#include "core/data/sources.h"

#include "core/data/brace_expand.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>
#include <unordered_map>

namespace shardscope {
namespace {

std::string commonPrefix(const std::vector<std::string> &names)
{
    if (names.empty())
        return {};
    std::string p = names.front();
    for (const auto &n : names) {
        std::size_t i = 0;
        while (i < p.size() && i < n.size() && p[i] == n[i])
            ++i;
        p.resize(i);
    }
    return p;
}

} // namespace

ObjectGroup groupForPath(const std::string &path)
{
    ObjectGroup group;
    if (path.find('{') != std::string::npos) {
        group.kind = ObjectGroup::Kind::Template;
        group.braceTemplate = path;
    } else {
        group.prefix = path;
    }
    return group;
}

std::vector<ObjectInfo> resolveGroup(Store &store, const std::string &bucket, const ObjectGroup &group)
{
    ListRequest req;
    if (group.kind == ObjectGroup::Kind::Prefix) {
        req.prefix = group.prefix;
        return store.listAll(bucket, req);
    }
    std::vector<std::string> names =
        group.kind == ObjectGroup::Kind::Names ? group.names : BraceTemplate(group.braceTemplate).expand();
    if (names.empty())
        return {};
    // One listing under the names' common prefix gives every size.
    req.prefix = commonPrefix(names);
    std::unordered_map<std::string, std::uint64_t> sizes;
    for (auto &o : store.listAll(bucket, req))
        sizes.emplace(std::move(o.name), o.size);
    std::vector<ObjectInfo> out;
    out.reserve(names.size());
    std::vector<std::string> missing;
    for (auto &n : names) {
        const auto it = sizes.find(n);
        if (it == sizes.end()) {
            missing.push_back(n);
            continue;
        }
        ObjectInfo o;
        o.name = std::move(n);
        o.size = it->second;
        out.push_back(std::move(o));
    }
    if (!missing.empty()) {
        std::string msg = store.url(bucket, missing.front()) + " does not exist";
        if (missing.size() > 1)
            msg += " (and " + std::to_string(missing.size() - 1) + " more of the " + std::to_string(names.size()) +
                   " named objects)";
        throw Error(ErrorKind::ObjectNotFound, msg);
    }
    return out;
}

std::vector<ObjectInfo> applyPrefixMap(const std::vector<ObjectInfo> &objects, const PrefixSelection &selection)
{
    if (!selection)
        return objects;
    std::vector<ObjectInfo> out;
    for (const std::string &p : *selection)
        for (const ObjectInfo &o : objects)
            if (startsWith(o.name, p))
                out.push_back(o);
    return out;
}

SplitReport analyzeSplits(const std::vector<ObjectInfo> &objects,
                          const std::vector<std::pair<std::string, std::vector<std::string>>> &splits,
                          std::size_t maxExamples)
{
    SplitReport r;
    const std::size_t k = splits.size();
    for (const auto &s : splits)
        r.splits.push_back({s.first, 0, 0});
    std::map<std::pair<std::size_t, std::size_t>, SplitReport::Overlap> overlaps;
    std::vector<std::size_t> member;
    for (const ObjectInfo &o : objects) {
        member.clear();
        for (std::size_t i = 0; i < k; ++i)
            for (const std::string &p : splits[i].second)
                if (startsWith(o.name, p)) {
                    member.push_back(i);
                    break;
                }
        for (std::size_t i : member) {
            ++r.splits[i].objects;
            r.splits[i].bytes += o.size;
        }
        if (member.empty()) {
            ++r.uncovered;
            if (r.uncoveredExamples.size() < maxExamples)
                r.uncoveredExamples.push_back(o.name);
        }
        for (std::size_t a = 0; a < member.size(); ++a)
            for (std::size_t b = a + 1; b < member.size(); ++b) {
                auto &ov = overlaps[{member[a], member[b]}];
                ov.first = splits[member[a]].first;
                ov.second = splits[member[b]].first;
                ++ov.objects;
                if (ov.examples.size() < maxExamples)
                    ov.examples.push_back(o.name);
            }
    }
    for (auto &[key, ov] : overlaps)
        r.overlaps.push_back(std::move(ov));
    return r;
}

} // namespace shardscope
