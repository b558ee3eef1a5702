#include "core/health/lint.h"

#include "core/shard/archive_stream.h"
#include "core/shard/sample_keys.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace shardscope {

namespace {

constexpr std::size_t kMaxSignatures = 10000; // distinct extension sets tracked for missing_extension
// Keys remembered per shard (for split samples, SDK groupings and duplicates
// across shards): a shard of millions of tiny members is checked in part
// rather than held whole; the report says so.
constexpr std::size_t kMaxShardKeys = std::size_t(1) << 20;
const char *const kOverflowSignature = "\x01"; // samples past kMaxSignatures distinct extension sets

int sizeBin(std::uint64_t size)
{
    int k = 0;
    while (size > 0 && k < 63) {
        size >>= 1;
        ++k;
    }
    return k;
}

// The extension set of a sample, as one string ('/' never occurs in an extension).
std::string signatureOf(std::vector<std::string> exts)
{
    std::sort(exts.begin(), exts.end());
    exts.erase(std::unique(exts.begin(), exts.end()), exts.end());
    std::string s;
    for (const auto &e : exts) {
        if (!s.empty())
            s += '/';
        s += e;
    }
    return s;
}

std::vector<std::string> splitSignature(const std::string &sig)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= sig.size() && !sig.empty()) {
        const std::size_t slash = sig.find('/', start);
        out.push_back(sig.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return out;
}

struct SignatureInfo
{
    std::uint64_t count = 0;
    std::vector<FindingExample> examples; // shard, first member, key
};

// Why a member belongs to no sample, or "" when it is a sample member.
std::string strayReason(std::string_view name, const MemberKey &wds)
{
    // A path component starting with a dot (but "." and ".." themselves) is hidden.
    std::size_t start = 0;
    while (start < name.size()) {
        std::size_t slash = name.find('/', start);
        if (slash == std::string_view::npos)
            slash = name.size();
        const std::string_view part = name.substr(start, slash - start);
        if (!part.empty() && part[0] == '.' && part != "." && part != "..")
            return "a hidden file";
        start = slash + 1;
    }
    if (!wds.valid)
        return "no extension";
    const std::size_t slash = wds.key.rfind('/');
    const std::string_view baseView =
        std::string_view(wds.key).substr(slash == std::string::npos ? 0 : slash + 1);
    if (baseView.size() > 9) // longer than any name below: skip the lower-casing
        return {};
    const std::string base = toLower(baseView);
    for (const char *doc : {"readme", "license", "licence", "changelog", "notice", "manifest"})
        if (base == doc)
            return "a documentation file, not a sample";
    return {};
}

const char *entryTypeName(ArchiveEntry::Type t)
{
    switch (t) {
    case ArchiveEntry::Type::Symlink:
        return "a symbolic link";
    case ArchiveEntry::Type::Hardlink:
        return "a hard link";
    default:
        return "not a regular file";
    }
}

// What one shard holds, as names and counts.
struct ShardScan
{
    ShardStats stats;
    FindingSet findings;
    std::vector<std::pair<std::string, std::string>> keys; // (key, first member), each key once
    std::vector<std::size_t> keyHashes;                    // their hashes, in the same order
    std::map<std::string, SignatureInfo> signatures;       // extension set -> samples with it
    std::vector<std::uint64_t> sampleBins = std::vector<std::uint64_t>(64, 0);
    bool keysComplete = true; // false: more keys than kMaxShardKeys

    explicit ShardScan(std::size_t maxExamples) : findings(maxExamples) {}
};

ShardScan scanShard(Store &store, const std::string &bucket, const LintInput::Shard &shard,
                    const LintOptions &options, const std::atomic<bool> *cancel)
{
    ShardScan scan(options.maxExamples);
    const std::string &name = shard.name;
    const std::string where = store.url(bucket, name);
    scan.stats.name = name;
    scan.stats.url = where;
    if (!isValidUtf8(name))
        scan.findings.add(FindingKind::NonUtf8Name, name, {},
                          "shard name " + escapeName(name) + " is not UTF-8");

    struct Current
    {
        std::string key, firstMember;
        std::vector<std::string> exts;
        std::uint64_t bytes = 0;
    } cur;
    // Keys of the samples already closed, by hash (a collision would report a
    // split sample that is none: one in 2^64).
    std::unordered_set<std::size_t> closedKeys;
    std::unordered_map<std::string, std::string>
        sdkKeys; // SDK key -> WebDataset key (names with directories)
    std::string lastMember;
    std::uint64_t streamed = 0;
    // Most samples have the extensions of the one before: its signature is reused.
    std::vector<std::string> prevExts;
    SignatureInfo *prevSig = nullptr;

    auto close = [&] {
        if (cur.exts.empty())
            return;
        ++scan.stats.samples;
        const std::size_t h = std::hash<std::string>()(cur.key);
        if (closedKeys.size() >= kMaxShardKeys) {
            scan.keysComplete = false;
        } else if (closedKeys.insert(h).second) {
            scan.keys.emplace_back(cur.key, cur.firstMember);
            scan.keyHashes.push_back(h);
        }
        if (!prevSig || cur.exts != prevExts) {
            std::vector<std::string> unique = cur.exts;
            std::sort(unique.begin(), unique.end());
            unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
            std::string sig = signatureOf(unique);
            if (scan.signatures.size() >= kMaxSignatures && !scan.signatures.count(sig))
                sig = kOverflowSignature; // past the cap: counted apart, not matched against extensions
            prevSig = &scan.signatures[sig];
            prevExts = cur.exts;
        }
        ++prevSig->count;
        if (prevSig->examples.size() < options.maxExamples)
            prevSig->examples.push_back({name, cur.firstMember, cur.key});
        ++scan.sampleBins[static_cast<std::size_t>(sizeBin(cur.bytes))];
        cur.key.clear();
        cur.firstMember.clear();
        cur.exts.clear();
        cur.bytes = 0;
    };

    try {
        streamArchive(
            [&](const BodySink &sink) {
                GetRequest req;
                req.cancel = cancel;
                store.get(bucket, name, req, [&](const char *d, std::size_t n) {
                    streamed += n;
                    return sink(d, n);
                });
            },
            where,
            [&](ArchiveReader &reader) {
                ArchiveEntry e;
                while (reader.next(e)) {
                    if (cancel && cancel->load())
                        throw Error(ErrorKind::Cancelled, "lint " + where + ": stopped");
                    lastMember = e.name;
                    if (e.type == ArchiveEntry::Type::Directory)
                        continue;
                    auto shown = [&e] { return escapeName(e.name); };
                    if (e.type != ArchiveEntry::Type::File) {
                        scan.findings.add(FindingKind::StrayMember, name, e.name,
                                          shown() + " is " + entryTypeName(e.type));
                        continue;
                    }
                    ++scan.stats.members;
                    if (!isValidUtf8(e.name))
                        scan.findings.add(FindingKind::NonUtf8Name, name, e.name,
                                          "member name " + shown() + " is not UTF-8");
                    // The header's size: libarchive skips the data as it reads on, and a
                    // member cut short fails at the next header, naming it (lastMember).
                    const std::uint64_t bytes = e.size;
                    scan.stats.memberBytes += bytes;
                    if (bytes == 0)
                        scan.findings.add(FindingKind::EmptyMember, name, e.name, shown() + " has 0 bytes");
                    else if (bytes > options.maxMemberBytes)
                        scan.findings.add(FindingKind::LargeMember, name, e.name,
                                          shown() + " has " + humanBytes(bytes) + " (bound " +
                                              humanBytes(options.maxMemberBytes) + ")");
                    const MemberKey wds = splitMemberName(e.name, KeyRule::WebDataset);
                    const std::string stray = strayReason(e.name, wds);
                    if (!stray.empty()) {
                        scan.findings.add(FindingKind::StrayMember, name, e.name, shown() + " is " + stray);
                        continue;
                    }
                    // The SDK's rule differs from WebDataset's only for names with a
                    // directory, a second dot or an upper-case extension: the usual
                    // "key.ext" is not split a second time.
                    const bool hasDir = e.name.find('/') != std::string::npos;
                    const std::size_t extAt = e.name.size() - wds.ext.size();
                    const bool plainExt = wds.ext.find('.') == std::string::npos &&
                                          e.name.compare(extAt, std::string::npos, wds.ext) == 0;
                    const MemberKey sdk =
                        hasDir || !plainExt ? splitMemberName(e.name, KeyRule::AisSdk) : MemberKey();
                    if (!hasDir && plainExt) {
                        // the same grouping under both rules
                    } else if (sdk.ext != wds.ext) {
                        scan.findings.add(FindingKind::KeyRuleMismatch, name, e.name,
                                          shown() + ": webdataset groups it as key " + escapeName(wds.key) +
                                              " extension " + escapeName(wds.ext) +
                                              "; AIStore's SDK as key " + escapeName(sdk.key) +
                                              " extension " + escapeName(sdk.ext));
                    } else if (hasDir) {
                        // Without a directory both rules take the same key; with one the SDK drops it.
                        const auto it = sdkKeys.size() < kMaxShardKeys
                                            ? sdkKeys.emplace(sdk.key, wds.key).first
                                            : sdkKeys.find(sdk.key);
                        if (it != sdkKeys.end() && it->second != wds.key)
                            scan.findings.add(
                                FindingKind::KeyRuleMismatch, name, e.name,
                                shown() + ": webdataset makes it sample " + escapeName(wds.key) +
                                    "; AIStore's SDK merges it into sample " + escapeName(sdk.key) +
                                    " together with sample " + escapeName(it->second));
                    }
                    if (!cur.exts.empty() && wds.key != cur.key)
                        close();
                    if (cur.exts.empty()) {
                        if (closedKeys.count(std::hash<std::string>()(wds.key)))
                            scan.findings.add(FindingKind::SplitSample, name, e.name,
                                              "key " + escapeName(wds.key) + " comes back at " + shown() +
                                                  " after other samples: webdataset reads two samples, "
                                                  "AIStore's SDK merges them");
                        cur.key = wds.key;
                        cur.firstMember = e.name;
                    } else if (std::find(cur.exts.begin(), cur.exts.end(), wds.ext) != cur.exts.end()) {
                        scan.findings.add(FindingKind::DuplicateExtension, name, e.name,
                                          "sample " + escapeName(wds.key) + " has extension " +
                                              escapeName(wds.ext) + " twice (again at " + shown() + ")");
                    }
                    cur.exts.push_back(wds.ext);
                    cur.bytes += bytes;
                }
                lastMember.clear();
            });
    } catch (const Error &err) {
        if (err.kind() == ErrorKind::Cancelled)
            throw;
        scan.stats.readable = false;
        cur = Current(); // the sample being assembled when the shard broke off is not counted
        std::string message = err.what();
        if (message.find(where) == std::string::npos)
            message = where + ": " + message;
        scan.findings.add(FindingKind::UnreadableShard, name, lastMember, message);
    }
    close();
    scan.stats.bytes = shard.size ? shard.size : streamed;
    return scan;
}

// Which shard holds each key (by hash), for duplicate_key across shards:
// striped, so that workers check their shards' keys in parallel.
class KeyTable
{
public:
    explicit KeyTable(std::uint64_t limit) : m_limit(limit) {}
    // The shard that already holds hash h, or `shard` after recording it there.
    // False when the table is full (the key is not checked).
    bool claim(std::size_t h, std::uint32_t shard, std::uint32_t *holder)
    {
        Stripe &s = m_stripes[(h >> 7) % kStripes];
        std::lock_guard<std::mutex> lock(s.mutex);
        const auto it = s.map.find(h);
        if (it != s.map.end()) {
            *holder = it->second;
            return true;
        }
        if (m_size.fetch_add(1) >= m_limit)
            return false;
        s.map.emplace(h, shard);
        *holder = shard;
        return true;
    }

private:
    static constexpr std::size_t kStripes = 64;
    struct Stripe
    {
        std::mutex mutex;
        std::unordered_map<std::size_t, std::uint32_t> map;
    };
    std::array<Stripe, kStripes> m_stripes;
    std::atomic<std::uint64_t> m_size{0};
    std::uint64_t m_limit;
};

struct DuplicateKey
{
    std::string key, member;
    std::uint32_t otherShard = 0;
};

// duplicate_key candidates of one shard, found without the report's lock.
std::vector<DuplicateKey> checkKeys(KeyTable &table, const ShardScan &scan, std::uint32_t shard,
                                    bool *complete)
{
    std::vector<DuplicateKey> out;
    for (std::size_t k = 0; k < scan.keys.size(); ++k) {
        std::uint32_t holder = shard;
        if (!table.claim(scan.keyHashes[k], shard, &holder))
            *complete = false;
        else if (holder != shard)
            out.push_back({scan.keys[k].first, scan.keys[k].second, holder});
    }
    return out;
}

// Merges shard scans as they finish: dataset-wide checks need all of them.
struct Aggregate
{
    explicit Aggregate(const LintOptions &o) : options(o), findings(o.maxExamples) {}

    const LintOptions &options;
    FindingSet findings;
    LintReport report;
    std::map<std::string, SignatureInfo> signatures;
    std::uint64_t untrackedSignatureSamples = 0;

    void add(std::size_t index, ShardScan &&scan, const std::vector<DuplicateKey> &duplicates,
             bool keysChecked, const LintInput &input)
    {
        report.shardStats[index] = std::move(scan.stats);
        const ShardStats &st = report.shardStats[index];
        ++report.shardsRead;
        report.samples += st.samples;
        report.members += st.members;
        report.bytes += st.bytes;
        report.memberBytes += st.memberBytes;
        ++report.shardSizeBins[static_cast<std::size_t>(sizeBin(st.bytes))];
        for (std::size_t i = 0; i < 64; ++i)
            report.sampleSizeBins[i] += scan.sampleBins[i];
        for (const auto &[sig, info] : scan.signatures)
            if (sig != kOverflowSignature)
                for (const auto &e : splitSignature(sig))
                    report.extensions[e] += info.count;
        findings.merge(scan.findings);
        if (!scan.keysComplete)
            report.duplicateCheckComplete = false;
        for (const auto &d : duplicates)
            findings.add(FindingKind::DuplicateKey, st.name, d.member,
                         "key " + escapeName(d.key) + " is also in shard " +
                             escapeName(input.shards[d.otherShard].name));
        if (!keysChecked)
            report.duplicateCheckComplete = false;
        for (auto &[sig, info] : scan.signatures) {
            auto it = signatures.find(sig);
            if (sig == kOverflowSignature ||
                (it == signatures.end() && signatures.size() >= kMaxSignatures)) {
                untrackedSignatureSamples += info.count;
                continue;
            }
            SignatureInfo &mine = signatures[sig];
            mine.count += info.count;
            for (auto &ex : info.examples)
                if (mine.examples.size() < options.maxExamples)
                    mine.examples.push_back(std::move(ex));
        }
    }

    void finish(const LintInput &input)
    {
        // The modality gap: extensions most samples have, and the samples without them.
        const double s = static_cast<double>(report.samples);
        for (const auto &[ext, have] : report.extensions) {
            if (have >= report.samples || static_cast<double>(have) < options.modalityShare * s)
                continue;
            for (const auto &[sig, info] : signatures) {
                const auto exts = splitSignature(sig);
                if (std::find(exts.begin(), exts.end(), ext) != exts.end())
                    continue;
                for (const auto &ex : info.examples)
                    findings.add(FindingKind::MissingExtension, ex.shard, ex.member,
                                 "sample " + escapeName(ex.detail) + " has no ." + escapeName(ext) + " (" +
                                     std::to_string(have) + " of " + std::to_string(report.samples) +
                                     " samples have one)");
                findings.addCount(FindingKind::MissingExtension, info.count - info.examples.size());
            }
        }
        const std::size_t n = report.shardStats.size();
        for (std::size_t i = 0; i < n; ++i) {
            const ShardStats &st = report.shardStats[i];
            if (st.url.empty())
                continue; // not read (stopped)
            if (st.readable && st.samples == 0)
                findings.add(FindingKind::EmptyShard, st.name, {}, escapeName(st.name) + " holds no sample");
            const bool last = i + 1 == n && n > 1;
            if (st.readable && st.bytes < options.minShardBytes && !last)
                findings.add(FindingKind::SmallShard, st.name, {},
                             escapeName(st.name) + " has " + humanBytes(st.bytes) + " (bound " +
                                 humanBytes(options.minShardBytes) + ")");
            if (st.bytes > options.maxShardBytes)
                findings.add(FindingKind::LargeShard, st.name, {},
                             escapeName(st.name) + " has " + humanBytes(st.bytes) + " (bound " +
                                 humanBytes(options.maxShardBytes) + ")");
        }
        // Shards a stopped run never reached are left out.
        report.shardStats.erase(std::remove_if(report.shardStats.begin(), report.shardStats.end(),
                                               [](const ShardStats &st) { return st.url.empty(); }),
                                report.shardStats.end());
        report.findings = findings.sorted();
        report.target = input.target;
        report.shards = input.shards.size();
        report.options = options;
    }
};

} // namespace

std::uint64_t LintReport::count(Severity s) const
{
    std::uint64_t n = 0;
    for (const auto &f : findings)
        if (findingSeverity(f.kind) == s)
            n += f.count;
    return n;
}

bool LintReport::failsAt(Severity threshold) const
{
    for (const auto &f : findings)
        if (static_cast<int>(findingSeverity(f.kind)) >= static_cast<int>(threshold))
            return true;
    return false;
}

LintReport lintDataset(const LintInput &input, const LintOptions &options, const LintProgressSink &progress,
                       const std::atomic<bool> *cancel)
{
    if (options.workers < 1 || options.workers > 1024)
        throw Error(ErrorKind::InvalidArgument, "lint needs between 1 and 1024 workers");
    if (!(options.modalityShare > 0 && options.modalityShare <= 1))
        throw Error(ErrorKind::InvalidArgument, "the modality share must be in (0, 1]");
    for (const auto &s : input.shards)
        if (s.source >= input.sources.size())
            throw Error(ErrorKind::InvalidArgument,
                        "lint: shard " + shardscope::quoted(s.name) + " names a source that does not exist");
    const auto start = std::chrono::steady_clock::now();
    Aggregate agg(options);
    agg.report.shardStats.resize(input.shards.size());
    std::mutex mutex;
    KeyTable keys(options.maxTrackedKeys);
    std::atomic<std::size_t> cursor{0};
    std::atomic<bool> stopped{false};
    LintProgress prog;
    prog.shardsTotal = input.shards.size();

    auto work = [&] {
        std::vector<std::unique_ptr<Store>> stores(input.sources.size());
        for (;;) {
            if (stopped.load() || (cancel && cancel->load()))
                return;
            const std::size_t i = cursor.fetch_add(1);
            if (i >= input.shards.size())
                return;
            const LintInput::Shard &shard = input.shards[i];
            ShardScan scan(options.maxExamples);
            try {
                auto &store = stores[shard.source];
                if (!store)
                    store = input.sources[shard.source].open();
                scan = scanShard(*store, input.sources[shard.source].bucket, shard, options, cancel);
            } catch (...) {
                const Error err =
                    errorFromException(std::current_exception(), "lint " + escapeName(shard.name));
                if (err.kind() == ErrorKind::Cancelled) {
                    stopped = true;
                    return;
                }
                scan.stats.name = shard.name;
                scan.stats.url = shard.name;
                scan.stats.bytes = shard.size;
                scan.stats.readable = false;
                scan.findings.add(FindingKind::UnreadableShard, shard.name, {}, err.what());
            }
            bool keysChecked = true;
            const std::vector<DuplicateKey> duplicates =
                checkKeys(keys, scan, static_cast<std::uint32_t>(i), &keysChecked);
            std::lock_guard<std::mutex> lock(mutex);
            prog.samples += scan.stats.samples;
            prog.bytes += scan.stats.bytes;
            agg.add(i, std::move(scan), duplicates, keysChecked, input);
            ++prog.shardsDone;
            if (progress)
                progress(prog);
        }
    };
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(options.workers),
                                                std::max<std::size_t>(input.shards.size(), 1));
    std::atomic<std::size_t> running{n};
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < n; ++w)
        threads.emplace_back([&] {
            work();
            --running;
        });
    // While the workers wait on the network, this thread wakes every
    // wakeInterval: on a virtual machine whose cores all fall idle, waking a
    // reader when its bytes arrive takes long enough to halve throughput
    // (measured on the 2-core VM: plain reading threads 53,000 samples/s,
    // with a main thread waking every 200 us 84,000; the loader's consumer
    // thread has the same effect). It costs a few thousand wake-ups a second.
    if (options.wakeInterval.count() > 0)
        while (running.load() > 0)
            std::this_thread::sleep_for(options.wakeInterval);
    for (auto &t : threads)
        t.join();
    agg.finish(input);
    agg.report.cancelled =
        stopped.load() || (cancel && cancel->load() && agg.report.shardsRead < input.shards.size());
    agg.report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return std::move(agg.report);
}

} // namespace shardscope
