#include "core/health/lint_output.h"

#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace shardscope {

std::vector<SizeBin> nonEmptyBins(const std::vector<std::uint64_t> &bins)
{
    std::vector<SizeBin> out;
    for (std::size_t k = 0; k < bins.size(); ++k) {
        if (bins[k] == 0)
            continue;
        SizeBin b;
        b.min = k == 0 ? 0 : (1ull << (k - 1));
        b.max = k == 0 ? 0 : (k >= 64 ? UINT64_MAX : (1ull << k) - 1);
        b.count = bins[k];
        out.push_back(b);
    }
    return out;
}

namespace {
nlohmann::json binsJson(const std::vector<std::uint64_t> &bins)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &b : nonEmptyBins(bins))
        out.push_back({{"min", b.min}, {"max", b.max}, {"count", b.count}});
    return out;
}
} // namespace

std::string lintReportJson(const LintReport &r, const Advice &advice)
{
    using nlohmann::json;
    json j;
    j["schema"] = "shardscope-lint";
    j["schema_version"] = kLintSchemaVersion;
    j["target"] = toValidUtf8(r.target);
    j["complete"] = !r.cancelled;
    j["duplicate_check_complete"] = r.duplicateCheckComplete;
    j["seconds"] = r.seconds;
    j["totals"] = {{"shards", r.shards},   {"shards_read", r.shardsRead},
                   {"samples", r.samples}, {"members", r.members},
                   {"bytes", r.bytes},     {"member_bytes", r.memberBytes}};
    j["counts"] = {{"error", r.count(Severity::Error)},
                   {"warning", r.count(Severity::Warning)},
                   {"info", r.count(Severity::Info)}};
    json findings = json::array();
    for (const auto &f : r.findings) {
        json ex = json::array();
        for (const auto &e : f.examples)
            ex.push_back({{"shard", escapeName(e.shard)},
                          {"member", escapeName(e.member)},
                          {"detail", toValidUtf8(e.detail)}});
        findings.push_back({{"kind", findingKindName(f.kind)},
                            {"severity", severityName(findingSeverity(f.kind))},
                            {"count", f.count},
                            {"description", findingKindDescription(f.kind)},
                            {"examples", ex}});
    }
    j["findings"] = findings;
    json exts = json::object();
    for (const auto &[e, n] : r.extensions)
        exts[escapeName(e)] = n;
    j["extensions"] = exts;
    json shards = json::array();
    for (const auto &s : r.shardStats)
        shards.push_back({{"name", escapeName(s.name)},
                          {"url", escapeName(s.url)},
                          {"bytes", s.bytes},
                          {"samples", s.samples},
                          {"members", s.members},
                          {"member_bytes", s.memberBytes},
                          {"bytes_per_sample", s.bytesPerSample()},
                          {"readable", s.readable}});
    j["shards"] = shards;
    j["histograms"] = {{"shard_bytes", binsJson(r.shardSizeBins)},
                       {"sample_bytes", binsJson(r.sampleSizeBins)}};
    const LintOptions &o = r.options;
    j["options"] = {{"max_member_bytes", o.maxMemberBytes}, {"min_shard_bytes", o.minShardBytes},
                    {"max_shard_bytes", o.maxShardBytes},   {"modality_share", o.modalityShare},
                    {"max_examples", o.maxExamples},        {"workers", o.workers}};
    json items = json::array();
    for (const auto &i : advice.items)
        items.push_back({{"topic", i.topic}, {"text", toValidUtf8(i.text)}});
    j["advice"] = {{"items", items},
                   {"median_shard_bytes", advice.medianShardBytes},
                   {"mean_sample_bytes", advice.meanSampleBytes},
                   {"samples_per_shard", advice.samplesPerShard},
                   {"target_shard_bytes", advice.targetShardBytes},
                   {"suggested_shards", advice.suggestedShards},
                   {"reshard", advice.reshard},
                   {"dsort_spec", json::parse(advice.dsortSpec)},
                   {"ishard_command", toValidUtf8(advice.ishardCommand)}};
    return j.dump(2) + "\n";
}

std::string lintReportText(const LintReport &r, const Advice &advice)
{
    std::ostringstream o;
    o << "lint " << toValidUtf8(r.target) << (r.cancelled ? "  (stopped: partial)" : "") << "\n";
    char buf[160];
    std::snprintf(buf, sizeof buf, "%llu shards (%llu read), %llu samples, %llu members, %s in %.1f s\n",
                  static_cast<unsigned long long>(r.shards), static_cast<unsigned long long>(r.shardsRead),
                  static_cast<unsigned long long>(r.samples), static_cast<unsigned long long>(r.members),
                  humanBytes(r.bytes).c_str(), r.seconds);
    o << buf;
    o << r.count(Severity::Error) << " errors, " << r.count(Severity::Warning) << " warnings, "
      << r.count(Severity::Info) << " info\n";
    if (!r.duplicateCheckComplete)
        o << "note: too many keys to remember; duplicate keys across shards were checked only in part\n";
    for (const auto &f : r.findings) {
        o << "\n"
          << severityName(findingSeverity(f.kind)) << " " << findingKindName(f.kind) << " x" << f.count
          << ": " << findingKindDescription(f.kind) << "\n";
        for (const auto &e : f.examples) {
            o << "  " << escapeName(e.shard);
            if (!e.member.empty())
                o << " : " << escapeName(e.member);
            o << "  -- " << toValidUtf8(e.detail) << "\n";
        }
        if (f.count > f.examples.size())
            o << "  ... and " << (f.count - f.examples.size()) << " more\n";
    }
    if (!r.extensions.empty()) {
        o << "\nextensions (samples that have each):\n";
        for (const auto &[e, n] : r.extensions) {
            std::snprintf(buf, sizeof buf, "  %-12s %10llu  %5.1f%%\n", escapeName(e).c_str(),
                          static_cast<unsigned long long>(n),
                          r.samples ? 100.0 * double(n) / double(r.samples) : 0.0);
            o << buf;
        }
    }
    auto histogram = [&](const char *title, const std::vector<std::uint64_t> &bins) {
        const auto nb = nonEmptyBins(bins);
        if (nb.empty())
            return;
        std::uint64_t peak = 0;
        for (const auto &b : nb)
            peak = std::max(peak, b.count);
        o << "\n" << title << ":\n";
        for (const auto &b : nb) {
            const std::string range = b.max == 0 ? std::string("0 B") : "<" + humanBytes(b.max + 1);
            const int bar = static_cast<int>(40.0 * double(b.count) / double(peak) + 0.5);
            std::snprintf(buf, sizeof buf, "  %12s %10llu %s\n", range.c_str(),
                          static_cast<unsigned long long>(b.count),
                          std::string(std::max(bar, 1), '#').c_str());
            o << buf;
        }
    };
    histogram("shard sizes", r.shardSizeBins);
    histogram("sample sizes", r.sampleSizeBins);
    if (!advice.items.empty()) {
        o << "\nadvice:\n";
        for (const auto &i : advice.items)
            o << "  [" << i.topic << "] " << toValidUtf8(i.text) << "\n";
    }
    if (advice.reshard) {
        o << "\nre-shard recipe (AIStore dsort over the existing shards; save as spec.json, then\n"
             "`ais start dsort -f spec.json`):\n"
          << advice.dsortSpec;
        o << "\nor, from the original loose files, AIStore's ishard:\n  " << toValidUtf8(advice.ishardCommand)
          << "\n";
    }
    return o.str();
}

} // namespace shardscope
