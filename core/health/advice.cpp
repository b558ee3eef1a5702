#include "core/health/advice.h"

#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

namespace shardscope {

namespace {

std::string fmtCount(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, v >= 100 ? "%.0f" : "%.1f", v);
    return buf;
}

// The AIStore size notation ("256MiB") dsort and ishard accept.
std::string aisSize(std::uint64_t bytes)
{
    if (bytes % (1ull << 30) == 0)
        return std::to_string(bytes >> 30) + "GiB";
    if (bytes % (1ull << 20) == 0)
        return std::to_string(bytes >> 20) + "MiB";
    if (bytes % (1ull << 10) == 0)
        return std::to_string(bytes >> 10) + "KiB";
    return std::to_string(bytes);
}

std::string shardExtensionOf(const std::string &name)
{
    for (const char *ext : {".tar.gz", ".tar.lz4", ".tar.zst", ".tgz", ".tar", ".zip"})
        if (endsWith(name, ext))
            return ext;
    return ".tar";
}

std::string bucketOf(const std::string &target)
{
    if (!startsWith(target, "ais://"))
        return {};
    const std::size_t slash = target.find('/', 6);
    return target.substr(0, slash);
}

// Single-quotes a shell word (names come from data: never unquoted).
std::string shellWord(const std::string &s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

} // namespace

std::string shardNameTemplate(const std::vector<std::string> &names, const std::string &extension)
{
    if (names.empty())
        return {};
    std::string prefix, suffix;
    std::size_t width = 0;
    std::uint64_t lo = UINT64_MAX, hi = 0;
    for (const auto &n : names) {
        if (!endsWith(n, extension))
            return {};
        const std::string stem = n.substr(0, n.size() - extension.size());
        std::size_t end = stem.size();
        while (end > 0 && !std::isdigit(static_cast<unsigned char>(stem[end - 1])))
            --end;
        std::size_t begin = end;
        while (begin > 0 && std::isdigit(static_cast<unsigned char>(stem[begin - 1])))
            --begin;
        if (begin == end || end - begin > 18)
            return {};
        const std::string p = stem.substr(0, begin), s = stem.substr(end);
        if (width == 0) {
            prefix = p;
            suffix = s;
            width = end - begin;
        } else if (p != prefix || s != suffix || end - begin != width) {
            return {};
        }
        const std::uint64_t v = std::stoull(stem.substr(begin, end - begin));
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (hi - lo + 1 != names.size())
        return {}; // gaps or repeats: a range would name shards that do not exist
    char buf[64];
    std::snprintf(buf, sizeof buf, "{%0*llu..%0*llu}", static_cast<int>(width),
                  static_cast<unsigned long long>(lo), static_cast<int>(width),
                  static_cast<unsigned long long>(hi));
    return prefix + buf + suffix;
}

Advice adviseOnReport(const LintReport &report, const AdviceOptions &options)
{
    Advice a;
    a.targetShardBytes = options.targetShardBytes;
    std::vector<std::uint64_t> sizes;
    std::vector<std::string> names;
    for (const auto &s : report.shardStats) {
        sizes.push_back(s.bytes);
        names.push_back(s.name);
    }
    std::sort(sizes.begin(), sizes.end());
    if (!sizes.empty())
        a.medianShardBytes = sizes[sizes.size() / 2];
    a.meanSampleBytes = report.samples ? report.memberBytes / report.samples : 0;
    a.samplesPerShard = report.shardsRead ? double(report.samples) / double(report.shardsRead) : 0;
    a.suggestedShards =
        std::max<std::uint64_t>(1, (report.bytes + options.targetShardBytes - 1) / options.targetShardBytes);

    auto count = [&](FindingKind k) {
        for (const auto &f : report.findings)
            if (f.kind == k)
                return f.count;
        return std::uint64_t(0);
    };
    const std::string median = humanBytes(a.medianShardBytes);
    const std::string target = humanBytes(options.targetShardBytes);
    if (!sizes.empty() && a.medianShardBytes < options.tooSmallBytes) {
        const double perGiB = a.medianShardBytes ? double(1ull << 30) / double(a.medianShardBytes) : 0;
        a.items.push_back(
            {"shard_size", "shards are too small: the median shard holds " + median + " (" +
                               fmtCount(a.samplesPerShard) + " samples of " + humanBytes(a.meanSampleBytes) +
                               " on average), so a reader makes " + fmtCount(perGiB) +
                               " requests per GiB and the per-request cost (connection, first byte, archive "
                               "setup) dominates. Re-shard to about " +
                               target + ": " + std::to_string(a.suggestedShards) + " shards instead of " +
                               std::to_string(report.shardsRead) + "."});
        a.reshard = true;
    } else if (!sizes.empty() && a.medianShardBytes > options.tooLargeBytes) {
        a.items.push_back(
            {"shard_size",
             "shards are too large: the median shard holds " + median + " (" + fmtCount(a.samplesPerShard) +
                 " samples), so a shard-level shuffle moves blocks of that many samples and a "
                 "resumed job re-reads half a shard (" +
                 humanBytes(a.medianShardBytes / 2) + ") per worker on average. Re-shard to about " + target +
                 ": " + std::to_string(a.suggestedShards) + " shards."});
        a.reshard = true;
    } else if (!sizes.empty()) {
        a.items.push_back(
            {"shard_size", "shard sizes are in range: the median shard holds " + median + " (" +
                               fmtCount(a.samplesPerShard) + " samples of " + humanBytes(a.meanSampleBytes) +
                               " on average); the guidance is " + humanBytes(options.tooSmallBytes) + " to " +
                               humanBytes(options.tooLargeBytes) + "."});
    }
    if (sizes.size() > 1 && sizes.front() > 0 && sizes.back() / sizes.front() >= 10)
        a.items.push_back({"shard_size", "shard sizes are uneven: from " + humanBytes(sizes.front()) +
                                             " to " + humanBytes(sizes.back()) +
                                             "; workers that draw the large ones finish last."});
    const std::uint64_t split = count(FindingKind::SplitSample), dup = count(FindingKind::DuplicateKey),
                        dupExt = count(FindingKind::DuplicateExtension);
    if (split + dup + dupExt > 0) {
        a.items.push_back(
            {"duplicates", std::to_string(split) + " split samples, " + std::to_string(dup) +
                               " keys in several shards and " + std::to_string(dupExt) +
                               " repeated extensions: dsort regroups every record by key across "
                               "shards (the recipe below); rename the clashing keys first where "
                               "they are different samples."});
        a.reshard = true;
    }
    std::set<std::string> expected; // extensions most samples have
    for (const auto &[ext, n] : report.extensions)
        if (report.samples && double(n) >= report.options.modalityShare * double(report.samples))
            expected.insert(ext);
    const std::uint64_t missing = count(FindingKind::MissingExtension);
    if (missing > 0)
        a.items.push_back(
            {"missing_extension", std::to_string(missing) +
                                      " samples lack an extension most samples have; re-sharding "
                                      "from the original files with ishard's "
                                      "-missing_extension_action=exclude leaves them out (or "
                                      "=warn to list them)."});
    if (count(FindingKind::KeyRuleMismatch) > 0)
        a.items.push_back(
            {"key_pattern",
             std::to_string(count(FindingKind::KeyRuleMismatch)) +
                 " members are grouped differently by AIStore's SDK (key = file name "
                 "without directories, extension between the first and second dot) and WebDataset "
                 "(key = path up to the first dot): read with one rule everywhere "
                 "(\"key_rule\" in the config), or re-shard with "
                 "-sample_key_pattern=full_name and names with one dot."});
    if (count(FindingKind::UnreadableShard) > 0)
        a.items.push_back(
            {"unreadable", std::to_string(count(FindingKind::UnreadableShard)) +
                               " shards cannot be read to their end: rewrite them from the source "
                               "data, or leave them out of the config before training."});
    if (count(FindingKind::StrayMember) > 0)
        a.items.push_back({"stray", std::to_string(count(FindingKind::StrayMember)) +
                                        " members belong to no sample; loaders skip or mis-group them: keep "
                                        "documentation and hidden files out of the shards."});

    // Recipes.
    const std::string source = !options.sourceBucket.empty()      ? options.sourceBucket
                               : !bucketOf(report.target).empty() ? bucketOf(report.target)
                                                                  : std::string("ais://SOURCE-BUCKET");
    const std::string sourceName = source.substr(source.find("://") + 3);
    const std::string dest =
        !options.destinationBucket.empty() ? options.destinationBucket : source + "-resharded";
    const std::string destName =
        dest.substr(dest.find("://") == std::string::npos ? 0 : dest.find("://") + 3);
    const std::string ext = names.empty() ? std::string(".tar") : shardExtensionOf(names.front());
    std::string dir; // the folder of the shards, kept in the output names
    if (!names.empty() && names.front().rfind('/') != std::string::npos)
        dir = names.front().substr(0, names.front().rfind('/') + 1);
    nlohmann::json spec;
    spec["description"] =
        "re-shard to " + aisSize(options.targetShardBytes) + " (written by shardscope lint)";
    spec["input_bck"] = {{"name", sourceName}, {"provider", "ais"}};
    const std::string tmpl = shardNameTemplate(names, ext);
    if (!tmpl.empty() && isValidUtf8(tmpl)) {
        spec["input_format"] = {{"template", tmpl}};
    } else {
        nlohmann::json objnames = nlohmann::json::array();
        for (const auto &n : names)
            objnames.push_back(escapeName(n.substr(0, n.size() - std::min(n.size(), ext.size()))));
        spec["input_format"] = {{"objnames", objnames}};
    }
    spec["input_extension"] = ext;
    spec["output_bck"] = {{"name", destName}, {"provider", "ais"}};
    const std::uint64_t slots = a.suggestedShards * 2 + 10; // dsort needs a name for every output shard
    const int width = std::max<int>(5, static_cast<int>(std::to_string(slots).size()));
    char range[64];
    std::snprintf(range, sizeof range, "{%0*d..%0*llu}", width, 0, width,
                  static_cast<unsigned long long>(slots - 1));
    spec["output_format"] = escapeName(dir) + "shard-" + range;
    spec["output_extension"] = ext;
    spec["output_shard_size"] = aisSize(options.targetShardBytes);
    spec["algorithm"] = {{"kind", "shuffle"}, {"seed", "1"}};
    a.dsortSpec = spec.dump(2) + "\n";

    std::string cmd = "ishard -src_bck=" + shellWord(source) + " -dst_bck=" + shellWord(dest) +
                      " -shard_size=" + aisSize(options.targetShardBytes) +
                      " -shard_template=" + shellWord(escapeName(dir) + "shard-%06d") + " -ext=" + ext +
                      " -sample_key_pattern=full_name";
    if (!expected.empty()) {
        std::string exts;
        for (const auto &e : expected)
            exts += (exts.empty() ? "." : ",.") + escapeName(e);
        cmd += " -sample_exts=" + shellWord(exts) +
               " -missing_extension_action=" + (missing ? "exclude" : "warn");
    }
    a.ishardCommand = cmd + " -progress";
    return a;
}

} // namespace shardscope
