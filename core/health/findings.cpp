#include "core/health/findings.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>

namespace shardscope {

namespace {
struct KindInfo
{
    FindingKind kind;
    const char *name;
    Severity severity;
    const char *description;
};

const KindInfo kKinds[] = {
    {FindingKind::SplitSample, "split_sample", Severity::Error,
     "a sample's members are not adjacent in its shard: WebDataset readers make two samples of it"},
    {FindingKind::DuplicateKey, "duplicate_key", Severity::Error,
     "the same sample key appears in more than one shard"},
    {FindingKind::DuplicateExtension, "duplicate_extension", Severity::Error,
     "a sample holds the same extension twice: one of them is lost when it is read"},
    {FindingKind::UnreadableShard, "unreadable_shard", Severity::Error,
     "a shard that cannot be read to its end (truncated, corrupt, not an archive)"},
    {FindingKind::MissingExtension, "missing_extension", Severity::Warning,
     "a sample lacks an extension that most samples have (a modality gap)"},
    {FindingKind::StrayMember, "stray_member", Severity::Warning,
     "a member that belongs to no sample: no extension, a hidden file, a README, not a regular file"},
    {FindingKind::KeyRuleMismatch, "key_rule_mismatch", Severity::Warning,
     "a member that AIStore's SDK and WebDataset group into samples differently"},
    {FindingKind::EmptyMember, "empty_member", Severity::Warning, "a member of 0 bytes"},
    {FindingKind::LargeMember, "large_member", Severity::Warning,
     "a member larger than the member size bound"},
    {FindingKind::NonUtf8Name, "non_utf8_name", Severity::Warning,
     "a member or shard name that is not UTF-8 (shown with \\xNN escapes)"},
    {FindingKind::EmptyShard, "empty_shard", Severity::Warning, "a readable shard that holds no sample"},
    {FindingKind::SmallShard, "small_shard", Severity::Info,
     "a shard below the small-shard bound: per-request overhead dominates its read"},
    {FindingKind::LargeShard, "large_shard", Severity::Info,
     "a shard above the large-shard bound: coarse shuffling, slow resume"},
};

const KindInfo &info(FindingKind k)
{
    for (const auto &i : kKinds)
        if (i.kind == k)
            return i;
    return kKinds[0];
}
} // namespace

const char *severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "info";
}

Severity parseSeverity(const std::string &text)
{
    for (Severity s : {Severity::Info, Severity::Warning, Severity::Error})
        if (text == severityName(s))
            return s;
    throw Error(ErrorKind::InvalidArgument,
                "unknown severity " + shardscope::quoted(text) + "; use error, warning or info");
}

const std::vector<FindingKind> &allFindingKinds()
{
    static const std::vector<FindingKind> kinds = [] {
        std::vector<FindingKind> v;
        for (const auto &i : kKinds)
            v.push_back(i.kind);
        return v;
    }();
    return kinds;
}

const char *findingKindName(FindingKind k)
{
    return info(k).name;
}
Severity findingSeverity(FindingKind k)
{
    return info(k).severity;
}
const char *findingKindDescription(FindingKind k)
{
    return info(k).description;
}

void FindingSet::add(FindingKind kind, std::string shard, std::string member, std::string detail)
{
    Finding &f = m_byKind[kind];
    f.kind = kind;
    ++f.count;
    if (f.examples.size() < m_maxExamples)
        f.examples.push_back({std::move(shard), std::move(member), std::move(detail)});
}

void FindingSet::addCount(FindingKind kind, std::uint64_t n)
{
    Finding &f = m_byKind[kind];
    f.kind = kind;
    f.count += n;
}

void FindingSet::merge(const FindingSet &other)
{
    for (const auto &[kind, theirs] : other.m_byKind) {
        Finding &f = m_byKind[kind];
        f.kind = kind;
        f.count += theirs.count;
        for (const auto &e : theirs.examples)
            if (f.examples.size() < m_maxExamples)
                f.examples.push_back(e);
    }
}

std::uint64_t FindingSet::count(FindingKind kind) const
{
    const auto it = m_byKind.find(kind);
    return it == m_byKind.end() ? 0 : it->second.count;
}

std::vector<Finding> FindingSet::sorted() const
{
    std::vector<Finding> out;
    for (const auto &[kind, f] : m_byKind)
        if (f.count > 0)
            out.push_back(f);
    std::stable_sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
        return static_cast<int>(findingSeverity(a.kind)) > static_cast<int>(findingSeverity(b.kind));
    });
    return out;
}

} // namespace shardscope
