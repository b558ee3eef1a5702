#include "core/config/dataset_config.h"

#include "core/data/brace_expand.h"
#include "core/storage/store_url.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

namespace shardscope {
namespace {

using json = nlohmann::json;

// Walks a JSON document and reports problems with their JSON path.
class Reader
{
public:
    explicit Reader(std::string origin) : m_origin(std::move(origin)) {}

    [[noreturn]] void fail(const std::string &path, const std::string &why) const
    {
        throw Error(ErrorKind::InvalidArgument, m_origin + ": " + path + ": " + why);
    }
    const json &object(const json &j, const std::string &path) const
    {
        if (!j.is_object())
            fail(path, "must be an object");
        return j;
    }
    void onlyKeys(const json &j, const std::string &path, std::initializer_list<const char *> keys) const
    {
        for (const auto &[k, v] : j.items()) {
            bool known = false;
            for (const char *key : keys)
                known = known || k == key;
            if (!known)
                fail(path + "." + k, "unknown key");
        }
    }
    std::string string(const json &j, const std::string &path) const
    {
        if (!j.is_string())
            fail(path, "must be a string");
        return j.get<std::string>();
    }
    bool boolean(const json &j, const std::string &path) const
    {
        if (!j.is_boolean())
            fail(path, "must be true or false");
        return j.get<bool>();
    }
    std::uint64_t count(const json &j, const std::string &path, std::uint64_t min, std::uint64_t max) const
    {
        if (!j.is_number_integer() || (j.is_number_integer() && !j.is_number_unsigned() && j.get<std::int64_t>() < 0))
            fail(path, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        const std::uint64_t v = j.get<std::uint64_t>();
        if (v < min || v > max)
            fail(path, std::to_string(v) + " is out of range " + std::to_string(min) + " to " + std::to_string(max));
        return v;
    }
    double number(const json &j, const std::string &path, double min, double max) const
    {
        if (!j.is_number())
            fail(path, "must be a number");
        const double v = j.get<double>();
        if (!(v >= min && v <= max))
            fail(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return v;
    }
    // A name shows in scripts, comments, titles and messages: printable text only.
    std::string name(const json &j, const std::string &path) const
    {
        std::string s = string(j, path);
        checkName(s, path, "");
        return s;
    }
    void checkName(const std::string &s, const std::string &path, const std::string &which) const
    {
        if (const auto bad = findNameProblem(s))
            fail(path, which + "contains " + bad->what + " at byte " + std::to_string(bad->offset) +
                           "; names must be printable text on one line");
    }
    std::vector<std::string> strings(const json &j, const std::string &path) const
    {
        if (!j.is_array())
            fail(path, "must be a list of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < j.size(); ++i)
            out.push_back(string(j[i], path + "[" + std::to_string(i) + "]"));
        return out;
    }

private:
    std::string m_origin;
};

const std::vector<std::pair<DatasetConfig::Kind, const char *>> kKinds = {
    {DatasetConfig::Kind::Map, "map"},
    {DatasetConfig::Kind::Iterable, "iterable"},
    {DatasetConfig::Kind::Shard, "shard"},
    {DatasetConfig::Kind::GetBatch, "get-batch"}};
const std::vector<std::pair<DatasetConfig::SamplerKind, const char *>> kSamplers = {
    {DatasetConfig::SamplerKind::Sequential, "sequential"},
    {DatasetConfig::SamplerKind::Random, "random"},
    {DatasetConfig::SamplerKind::Fixed, "fixed"},
    {DatasetConfig::SamplerKind::Dynamic, "dynamic"},
    {DatasetConfig::SamplerKind::Packed, "packed"}};

bool validEnvName(const std::string &s)
{
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0])))
        return false;
    for (unsigned char c : s)
        if (!std::isalnum(c) && c != '_')
            return false;
    return true;
}

std::string hex4(char32_t cp)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

} // namespace

std::optional<NameProblem> findNameProblem(const std::string &s)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto c = decodeUtf8(s, i);
        if (!c)
            return NameProblem{i, "a byte that is not UTF-8"};
        const char32_t v = c->value;
        if (v < 0x20 || (v >= 0x7f && v <= 0x9f))
            return NameProblem{i, "the control character " + hex4(v)};
        if (v == 0x2028 || v == 0x2029)
            return NameProblem{i, "the line separator " + hex4(v)};
        i += c->length;
    }
    return std::nullopt;
}

bool DatasetConfig::Source::operator==(const Source &o) const
{
    return id == o.id && provider == o.provider && bucket == o.bucket && group.kind == o.group.kind &&
           group.prefix == o.group.prefix && group.names == o.group.names &&
           group.braceTemplate == o.group.braceTemplate;
}

bool SamplerSettings::operator==(const SamplerSettings &o) const
{
    return kind == o.kind && batchSize == o.batchSize && maxBatchBytes == o.maxBatchBytes &&
           dropLast == o.dropLast && allowOversized == o.allowOversized && saturation == o.saturation &&
           shuffle == o.shuffle && seed == o.seed && window == o.window;
}

bool DatasetConfig::operator==(const DatasetConfig &o) const
{
    return schemaVersion == o.schemaVersion && name == o.name && endpointEnv == o.endpointEnv &&
           sources == o.sources && splits == o.splits && split == o.split && kind == o.kind &&
           keyRule == o.keyRule && getBatchSize == o.getBatchSize && sampler == o.sampler &&
           workers == o.workers && decoders == o.decoders;
}

PrefixSelection DatasetConfig::selectionFor(const std::string &sourceId) const
{
    if (!split)
        return std::nullopt;
    const auto &s = splits.at(*split);
    const auto it = s.find(sourceId);
    if (it == s.end())
        return std::vector<std::string>{}; // a split names its sources: others give nothing
    return it->second;
}

std::string kindName(DatasetConfig::Kind k)
{
    for (const auto &[v, n] : kKinds)
        if (v == k)
            return n;
    return "iterable";
}

std::string samplerName(SamplerSettings::Kind k)
{
    for (const auto &[v, n] : kSamplers)
        if (v == k)
            return n;
    return "sequential";
}

std::string sourceUrl(const DatasetConfig::Source &s) { return s.provider + "://" + s.bucket; }

DatasetConfig parseDatasetConfig(const std::string &text, const std::string &origin)
{
    Reader r(origin);
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error &e) {
        throw Error(ErrorKind::InvalidArgument, origin + ": not valid JSON (byte " + std::to_string(e.byte) + ": " +
                                                    std::string(e.what()).substr(std::string(e.what()).rfind(':') + 2) +
                                                    ")");
    } catch (const json::exception &e) {
        // e.g. a number too large for any type: "number overflow parsing '1e999999'"
        const std::string what = e.what();
        const auto close = what.find("] ");
        throw Error(ErrorKind::InvalidArgument,
                    origin + ": not valid JSON (" + (close == std::string::npos ? what : what.substr(close + 2)) + ")");
    }
    r.object(doc, "$");
    r.onlyKeys(doc, "$", {"schema_version", "name", "endpoint_env", "sources", "splits", "split", "dataset", "sampler",
                          "workers", "decoders"});
    DatasetConfig c;
    if (!doc.contains("schema_version"))
        r.fail("$.schema_version", "missing (this reader knows version 1)");
    c.schemaVersion = static_cast<int>(r.count(doc["schema_version"], "$.schema_version", 1, 1000));
    if (c.schemaVersion != 1)
        r.fail("$.schema_version", "version " + std::to_string(c.schemaVersion) + " is newer than this shardscope (1)");
    if (doc.contains("name"))
        c.name = r.name(doc["name"], "$.name");
    if (doc.contains("endpoint_env")) {
        c.endpointEnv = r.string(doc["endpoint_env"], "$.endpoint_env");
        if (!validEnvName(c.endpointEnv))
            r.fail("$.endpoint_env", "must be the NAME of an environment variable (letters, digits, _), such as AIS_ENDPOINT");
    }
    if (!doc.contains("sources"))
        r.fail("$.sources", "missing: a config reads at least one source");
    const json &sources = doc["sources"];
    if (!sources.is_array() || sources.empty())
        r.fail("$.sources", "must be a non-empty list");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string p = "$.sources[" + std::to_string(i) + "]";
        const json &s = r.object(sources[i], p);
        r.onlyKeys(s, p, {"id", "provider", "bucket", "group"});
        DatasetConfig::Source src;
        if (!s.contains("bucket"))
            r.fail(p + ".bucket", "missing");
        src.bucket = r.string(s["bucket"], p + ".bucket");
        try {
            validateBucketName(src.bucket);
        } catch (const Error &e) {
            r.fail(p + ".bucket", e.what());
        }
        src.id = s.contains("id") ? r.name(s["id"], p + ".id") : src.bucket;
        if (src.id.empty())
            r.fail(p + ".id", "must not be empty");
        if (!ids.insert(src.id).second)
            r.fail(p + ".id", "\"" + src.id + "\" is used by another source");
        if (s.contains("provider")) {
            src.provider = r.string(s["provider"], p + ".provider");
            if (src.provider != "ais" && src.provider != "s3" && src.provider != "local")
                r.fail(p + ".provider", "must be ais, s3 or local, not \"" + src.provider + "\"");
        }
        if (s.contains("group")) {
            const json &g = r.object(s["group"], p + ".group");
            r.onlyKeys(g, p + ".group", {"prefix", "names", "template"});
            if (g.size() != 1)
                r.fail(p + ".group", "must have exactly one of prefix, names, template");
            if (g.contains("prefix")) {
                src.group.prefix = r.string(g["prefix"], p + ".group.prefix");
            } else if (g.contains("names")) {
                src.group.kind = ObjectGroup::Kind::Names;
                src.group.names = r.strings(g["names"], p + ".group.names");
                if (src.group.names.empty())
                    r.fail(p + ".group.names", "must name at least one object");
            } else {
                src.group.kind = ObjectGroup::Kind::Template;
                src.group.braceTemplate = r.string(g["template"], p + ".group.template");
                try {
                    BraceTemplate(src.group.braceTemplate).checkExpansion(); // what resolving it will expand
                } catch (const Error &e) {
                    r.fail(p + ".group.template", e.what());
                }
            }
        }
        c.sources.push_back(std::move(src));
    }
    if (doc.contains("splits")) {
        const json &sp = r.object(doc["splits"], "$.splits");
        for (const auto &[name, perSource] : sp.items()) {
            const std::string p = "$.splits." + name;
            if (name.empty())
                r.fail("$.splits", "a split needs a name");
            r.checkName(name, "$.splits", "the split name " + shardscope::quoted(name) + " ");
            r.object(perSource, p);
            auto &entry = c.splits[name];
            for (const auto &[id, prefixes] : perSource.items()) {
                if (!ids.count(id))
                    r.fail(p + "." + id, "no source has the id \"" + id + "\"");
                if (prefixes.is_string())
                    entry[id] = {prefixes.get<std::string>()}; // as in the SDK: a string is one prefix
                else
                    entry[id] = r.strings(prefixes, p + "." + id);
            }
        }
    }
    if (doc.contains("split")) {
        c.split = r.string(doc["split"], "$.split");
        if (!c.splits.count(*c.split))
            r.fail("$.split", "no split is named \"" + *c.split + "\"");
    }
    if (doc.contains("dataset")) {
        const json &d = r.object(doc["dataset"], "$.dataset");
        r.onlyKeys(d, "$.dataset", {"kind", "key_rule", "get_batch_size"});
        if (d.contains("kind")) {
            const std::string k = r.string(d["kind"], "$.dataset.kind");
            bool found = false;
            for (const auto &[v, n] : kKinds)
                if (k == n) {
                    c.kind = v;
                    found = true;
                }
            if (!found)
                r.fail("$.dataset.kind", "must be map, iterable, shard or get-batch, not \"" + k + "\"");
        }
        if (d.contains("key_rule")) {
            c.keyRule = r.string(d["key_rule"], "$.dataset.key_rule");
            if (c.keyRule != "webdataset" && c.keyRule != "sdk")
                r.fail("$.dataset.key_rule", "must be webdataset or sdk");
        }
        if (d.contains("get_batch_size"))
            c.getBatchSize = r.count(d["get_batch_size"], "$.dataset.get_batch_size", 1, 100000);
    }
    if (doc.contains("sampler")) {
        const json &s = r.object(doc["sampler"], "$.sampler");
        r.onlyKeys(s, "$.sampler", {"kind", "batch_size", "max_batch_bytes", "drop_last", "allow_oversized",
                                    "saturation", "shuffle", "seed", "window"});
        SamplerSettings &o = c.sampler;
        if (s.contains("kind")) {
            const std::string k = r.string(s["kind"], "$.sampler.kind");
            bool found = false;
            for (const auto &[v, n] : kSamplers)
                if (k == n) {
                    o.kind = v;
                    found = true;
                }
            if (!found)
                r.fail("$.sampler.kind", "must be sequential, random, fixed, dynamic or packed, not \"" + k + "\"");
        }
        if (s.contains("batch_size"))
            o.batchSize = r.count(s["batch_size"], "$.sampler.batch_size", 0, 10000000);
        if (s.contains("max_batch_bytes"))
            o.maxBatchBytes = r.number(s["max_batch_bytes"], "$.sampler.max_batch_bytes", 1, 1e15);
        if (s.contains("drop_last"))
            o.dropLast = r.boolean(s["drop_last"], "$.sampler.drop_last");
        if (s.contains("allow_oversized"))
            o.allowOversized = r.boolean(s["allow_oversized"], "$.sampler.allow_oversized");
        if (s.contains("saturation"))
            o.saturation = r.number(s["saturation"], "$.sampler.saturation", 0, 1);
        if (s.contains("shuffle"))
            o.shuffle = r.boolean(s["shuffle"], "$.sampler.shuffle");
        if (s.contains("seed"))
            o.seed = r.count(s["seed"], "$.sampler.seed", 0, ~0ull);
        if (s.contains("window"))
            o.window = r.count(s["window"], "$.sampler.window", 1, 10000000);
    }
    if (c.sampler.byBytes() && c.sampler.maxBatchBytes <= 0)
        r.fail("$.sampler.max_batch_bytes", "required for the " + samplerName(c.sampler) + " sampler");
    if (c.sampler.kind == SamplerSettings::Kind::Fixed && c.sampler.batchSize == 0)
        r.fail("$.sampler.batch_size", "required (at least 1) for the fixed sampler");
    if (c.sampler.byBytes() && c.kind != DatasetConfig::Kind::Map)
        r.fail("$.sampler.kind", samplerName(c.sampler) + " batches need object sizes: use dataset kind map");
    if (doc.contains("workers"))
        c.workers = static_cast<int>(r.count(doc["workers"], "$.workers", 1, 1024));
    if (doc.contains("decoders"))
        c.decoders = r.strings(doc["decoders"], "$.decoders");
    return c;
}

DatasetConfig loadDatasetConfig(const std::string &path)
{
    // Read at most one byte past the cap: a FIFO or /dev/zero has no size to check first.
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f)
        throw Error(ErrorKind::Io, "cannot read " + path + ": " + std::strerror(errno));
    std::string text;
    struct stat st = {};
    const bool regular = ::fstat(::fileno(f.get()), &st) == 0 && S_ISREG(st.st_mode);
    if (regular && static_cast<std::uint64_t>(st.st_size) > kMaxConfigBytes)
        throw Error(ErrorKind::InvalidArgument, path + ": " + humanBytes(static_cast<std::uint64_t>(st.st_size)) +
                                                    ", larger than the " + humanBytes(kMaxConfigBytes) +
                                                    " a dataset config may have");
    // Reserved, not touched: pages count only once read into.
    text.reserve(regular ? static_cast<std::size_t>(st.st_size) + 1 : kMaxConfigBytes + 1);
    char buf[1 << 16];
    while (text.size() <= kMaxConfigBytes) {
        const std::size_t want = std::min(sizeof buf, kMaxConfigBytes + 1 - text.size());
        const std::size_t got = std::fread(buf, 1, want, f.get());
        text.append(buf, got);
        if (got < want) {
            if (std::ferror(f.get()))
                throw Error(ErrorKind::Io, "cannot read " + path + ": " + std::strerror(errno));
            break;
        }
    }
    if (text.size() > kMaxConfigBytes)
        throw Error(ErrorKind::InvalidArgument, path + ": more than the " + humanBytes(kMaxConfigBytes) +
                                                    " a dataset config may have");
    return parseDatasetConfig(text, path);
}

std::string serializeDatasetConfig(const DatasetConfig &c)
{
    json doc;
    doc["schema_version"] = c.schemaVersion;
    if (!c.name.empty())
        doc["name"] = c.name;
    doc["endpoint_env"] = c.endpointEnv;
    doc["sources"] = json::array();
    for (const auto &s : c.sources) {
        json j = {{"id", s.id}, {"provider", s.provider}, {"bucket", s.bucket}};
        if (s.group.kind == ObjectGroup::Kind::Names)
            j["group"] = {{"names", s.group.names}};
        else if (s.group.kind == ObjectGroup::Kind::Template)
            j["group"] = {{"template", s.group.braceTemplate}};
        else if (!s.group.prefix.empty())
            j["group"] = {{"prefix", s.group.prefix}};
        doc["sources"].push_back(j);
    }
    if (!c.splits.empty())
        doc["splits"] = c.splits;
    if (c.split)
        doc["split"] = *c.split;
    doc["dataset"] = {{"kind", kindName(c.kind)}, {"key_rule", c.keyRule}, {"get_batch_size", c.getBatchSize}};
    const SamplerSettings &o = c.sampler;
    doc["sampler"] = {{"kind", samplerName(o)},
                      {"batch_size", o.batchSize},
                      {"drop_last", o.dropLast},
                      {"allow_oversized", o.allowOversized},
                      {"saturation", o.saturation},
                      {"shuffle", o.shuffle},
                      {"seed", o.seed},
                      {"window", o.window}};
    if (o.maxBatchBytes > 0)
        doc["sampler"]["max_batch_bytes"] = o.maxBatchBytes;
    doc["workers"] = c.workers;
    if (!c.decoders.empty())
        doc["decoders"] = c.decoders;
    try {
        return doc.dump(2) + "\n";
    } catch (const json::exception &e) {
        // type_error 316: a string that is not UTF-8 (JSON text is UTF-8)
        const std::string what = e.what();
        const auto close = what.find("] ");
        throw Error(ErrorKind::InvalidArgument,
                    "cannot write the config as JSON: " + (close == std::string::npos ? what : what.substr(close + 2)));
    }
}

void validateDatasetConfig(const DatasetConfig &config, const std::string &origin)
{
    (void)parseDatasetConfig(serializeDatasetConfig(config), origin);
}

void saveDatasetConfig(const DatasetConfig &c, const std::string &path)
{
    writeFileAtomically(path, serializeDatasetConfig(c));
}

} // namespace shardscope
