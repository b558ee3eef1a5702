#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace shardscope {

// How bad a finding is: an error breaks training (lost or mixed samples,
// unreadable shards), a warning makes it quietly worse (missing modality,
// names two loaders read differently), info is worth knowing.
enum class Severity
{
    Info = 0,
    Warning = 1,
    Error = 2
};
const char *severityName(Severity s);            // "info" | "warning" | "error"
Severity parseSeverity(const std::string &text); // throws Error(InvalidArgument)

// The kinds of finding, with their stable names (the --json "kind" field).
enum class FindingKind
{
    SplitSample,        // "split_sample": a key's members are not adjacent in one shard
    DuplicateKey,       // "duplicate_key": the same key in two shards
    DuplicateExtension, // "duplicate_extension": a sample holds one extension twice
    MissingExtension,   // "missing_extension": a sample lacks what most samples have
    StrayMember,        // "stray_member": no extension, hidden file, README, not a regular file
    KeyRuleMismatch,    // "key_rule_mismatch": AIStore's SDK and WebDataset group it differently
    EmptyMember,        // "empty_member": a member of 0 bytes
    LargeMember,        // "large_member": a member over the size bound
    UnreadableShard,    // "unreadable_shard": truncated, corrupt or not an archive
    NonUtf8Name,        // "non_utf8_name": a member or shard name that is not UTF-8
    EmptyShard,         // "empty_shard": a readable shard without samples
    SmallShard,         // "small_shard": below the shard size bound
    LargeShard,         // "large_shard": above the shard size bound
};
const std::vector<FindingKind> &allFindingKinds();
const char *findingKindName(FindingKind k);
Severity findingSeverity(FindingKind k);
// One line saying what the kind means, for the report and the GUI.
const char *findingKindDescription(FindingKind k);

// Where a finding was seen. Names are raw bytes from the data; they become
// text through escapeName() wherever they are shown.
struct FindingExample
{
    std::string shard;  // object name of the shard ("" for dataset-wide findings)
    std::string member; // member name inside the shard ("" for the shard as a whole)
    std::string detail; // what exactly, for a person (names in it are escaped)
};

// All occurrences of one kind: how many, and the first few as examples.
struct Finding
{
    FindingKind kind = FindingKind::SplitSample;
    std::uint64_t count = 0;
    std::vector<FindingExample> examples;
};

// Collects occurrences by kind, keeping at most `maxExamples` examples of each
// (memory stays bounded however many there are).
class FindingSet
{
public:
    explicit FindingSet(std::size_t maxExamples = 20) : m_maxExamples(maxExamples) {}
    void add(FindingKind kind, std::string shard, std::string member, std::string detail);
    // `n` more occurrences whose examples were already given (or need none).
    void addCount(FindingKind kind, std::uint64_t n);
    void merge(const FindingSet &other);
    // Sorted: errors first, then warnings, then info; by kind within a severity.
    std::vector<Finding> sorted() const;
    std::uint64_t count(FindingKind kind) const;
    std::size_t maxExamples() const { return m_maxExamples; }

private:
    std::size_t m_maxExamples;
    std::map<FindingKind, Finding> m_byKind;
};

} // namespace shardscope
