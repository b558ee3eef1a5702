#include "core/health/dali_index.h"

#include "core/shard/archive_stream.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <sstream>
#include <unordered_map>

namespace shardscope {

namespace {
// FNV-1a over a stream: enough to tell bytes apart in a check (not a defence).
struct Fnv
{
    std::uint64_t h = 1469598103934665603ull;
    void add(const char *d, std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<unsigned char>(d[i]);
            h *= 1099511628211ull;
        }
    }
};

// wds2idx's split: the key is the path up to the first dot of the file name.
bool splitName(const std::string &name, std::string &key, std::string &ext)
{
    const std::size_t slash = name.rfind('/');
    const std::size_t base = slash == std::string::npos ? 0 : slash + 1;
    const std::size_t dot = name.find('.', base);
    if (dot == std::string::npos || dot == base || dot + 1 == name.size())
        return false;
    key = name.substr(0, dot);
    ext = name.substr(dot + 1);
    return true;
}
} // namespace

std::string daliIndex(const std::vector<TarMemberLayout> &layout, const std::string &shardUrl)
{
    std::vector<std::vector<const TarMemberLayout *>> samples;
    std::vector<std::string> keys;
    std::string lastKey;
    for (const auto &m : layout) {
        if (!m.regularFile)
            continue;
        std::string key, ext;
        if (!splitName(m.name, key, ext))
            continue;
        for (char c : m.name)
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
                throw Error(ErrorKind::InvalidArgument,
                            shardUrl + ": member " + shardscope::quoted(m.name) +
                                " has white space in its name, which DALI's index format cannot hold");
        if (samples.empty() || key != lastKey) {
            samples.emplace_back();
            lastKey = key;
        }
        samples.back().push_back(&m);
    }
    std::string out = "v1.2 " + std::to_string(samples.size()) + "\n";
    for (const auto &s : samples) {
        bool first = true;
        for (const TarMemberLayout *m : s) {
            std::string key, ext;
            splitName(m->name, key, ext);
            if (!first)
                out += ' ';
            first = false;
            out += ext + ' ' + std::to_string(m->dataOffset) + ' ' + std::to_string(m->size) + ' ' + m->name;
        }
        out += '\n';
    }
    return out;
}

std::vector<DaliSample> parseDaliIndex(const std::string &text, const std::string &origin)
{
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line))
        throw Error(ErrorKind::Protocol, origin + ": empty DALI index");
    std::istringstream head(line);
    std::string version;
    std::uint64_t count = 0;
    if (!(head >> version >> count) || (version != "v1.2" && version != "v1.1"))
        throw Error(ErrorKind::Protocol, origin + ": line 1 is not a DALI index header (\"v1.2 <samples>\")");
    const bool names = version == "v1.2";
    const std::size_t fields = names ? 4 : 3;
    std::vector<DaliSample> out;
    std::size_t lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty())
            continue;
        if (out.size() >= count)
            throw Error(ErrorKind::Protocol, origin + ": more sample lines than the " +
                                                 std::to_string(count) + " the header announces (line " +
                                                 std::to_string(lineNo) + ")");
        std::istringstream ls(line);
        std::vector<std::string> tok;
        for (std::string t; ls >> t;)
            tok.push_back(t);
        if (tok.empty() || tok.size() % fields != 0)
            throw Error(ErrorKind::Protocol, origin + ": line " + std::to_string(lineNo) +
                                                 " does not hold groups of " + std::to_string(fields) +
                                                 " fields");
        DaliSample s;
        for (std::size_t i = 0; i < tok.size(); i += fields) {
            DaliEntry e;
            e.ext = tok[i];
            try {
                std::size_t used = 0;
                e.offset = std::stoull(tok[i + 1], &used);
                if (used != tok[i + 1].size())
                    throw std::invalid_argument("offset");
                e.size = std::stoull(tok[i + 2], &used);
                if (used != tok[i + 2].size())
                    throw std::invalid_argument("size");
            } catch (const std::exception &) {
                throw Error(ErrorKind::Protocol, origin + ": line " + std::to_string(lineNo) +
                                                     ": offset and size must be whole numbers");
            }
            if (names)
                e.name = tok[i + 3];
            s.push_back(std::move(e));
        }
        out.push_back(std::move(s));
    }
    if (out.size() != count)
        throw Error(ErrorKind::Protocol, origin + ": the header announces " + std::to_string(count) +
                                             " samples, the index holds " + std::to_string(out.size()));
    return out;
}

IndexCheck verifyDaliIndex(Store &store, const std::string &bucket, const std::string &shard,
                           const std::vector<DaliSample> &index, const std::atomic<bool> *cancel)
{
    const std::string where = store.url(bucket, shard);
    struct Seen
    {
        std::uint64_t size = 0;
        std::uint64_t hash = 0;
        bool indexed = false;
    };
    std::unordered_map<std::string, Seen> members; // regular files with a key and an extension
    streamStoredArchive(store, bucket, shard, cancel, where, [&](ArchiveReader &reader) {
        ArchiveEntry e;
        while (reader.next(e)) {
            std::string key, ext;
            if (e.type != ArchiveEntry::Type::File || !splitName(e.name, key, ext))
                continue;
            Fnv h;
            const std::uint64_t n = reader.readData([&](const char *d, std::size_t k) {
                h.add(d, k);
                return true;
            });
            members[e.name] = {n, h.h, false};
        }
    });
    IndexCheck check;
    for (const auto &sample : index) {
        ++check.samples;
        for (const auto &e : sample) {
            ++check.members;
            if (cancel && cancel->load())
                throw Error(ErrorKind::Cancelled, "checking the index of " + where + " stopped");
            const std::string label = e.name.empty() ? e.ext + " at " + std::to_string(e.offset) : e.name;
            Fnv h;
            std::uint64_t got = 0;
            if (e.size > 0) {
                GetRequest req;
                req.range = ByteRange{e.offset, e.offset + e.size - 1};
                req.cancel = cancel;
                got = store.get(bucket, shard, req, [&](const char *d, std::size_t k) {
                    h.add(d, k);
                    return true;
                });
                ++check.rangeGets;
            }
            if (got != e.size) {
                check.mismatches.push_back(where + ": " + shardscope::quoted(label) + ": the range " +
                                           std::to_string(e.offset) + "+" + std::to_string(e.size) +
                                           " gave " + std::to_string(got) + " bytes");
                continue;
            }
            if (e.name.empty())
                continue; // v1.1 names no member: the bytes cannot be matched to one
            const auto it = members.find(e.name);
            if (it == members.end()) {
                check.mismatches.push_back(where + ": the index names " + shardscope::quoted(e.name) +
                                           ", which the shard does not hold");
                continue;
            }
            it->second.indexed = true;
            if (it->second.size != e.size || it->second.hash != h.h)
                check.mismatches.push_back(where + ": " + shardscope::quoted(e.name) +
                                           ": the bytes at offset " + std::to_string(e.offset) +
                                           " are not the member's");
        }
    }
    for (const auto &[name, seen] : members)
        if (!seen.indexed)
            check.mismatches.push_back(where + ": member " + shardscope::quoted(name) +
                                       " is not in the index");
    return check;
}

} // namespace shardscope
