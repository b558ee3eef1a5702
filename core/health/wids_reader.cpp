#include "core/health/wids_reader.h"

#include "core/shard/shard_reader.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

namespace shardscope {

WidsIndex parseWidsIndex(const std::string &json, const std::string &origin)
{
    if (json.size() > kMaxWidsIndexBytes)
        throw Error(ErrorKind::Protocol,
                    origin + ": a wids index larger than " + humanBytes(kMaxWidsIndexBytes));
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorKind::Protocol, origin + ": not JSON (" + toValidUtf8(e.what()) + ")");
    }
    auto bad = [&](const std::string &path, const std::string &why) {
        return Error(ErrorKind::Protocol, origin + ": " + path + ": " + why);
    };
    if (!j.is_object())
        throw bad("$", "a wids index is a JSON object");
    const auto kind = j.find("__kind__");
    if (kind == j.end() || !kind->is_string() || kind->get<std::string>() != "wids-shard-index-v1")
        throw bad("$.__kind__", "must be \"wids-shard-index-v1\"");
    WidsIndex out;
    if (const auto n = j.find("name"); n != j.end() && n->is_string())
        out.name = n->get<std::string>();
    const auto list = j.find("shardlist");
    if (list == j.end() || !list->is_array())
        throw bad("$.shardlist", "must be a list of shards");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto &s = (*list)[i];
        const std::string at = "$.shardlist[" + std::to_string(i) + "]";
        if (!s.is_object())
            throw bad(at, "must be an object with url and nsamples");
        const auto url = s.find("url");
        if (url == s.end() || !url->is_string() || url->get<std::string>().empty())
            throw bad(at + ".url", "must be a non-empty string");
        const auto n = s.find("nsamples");
        if (n == s.end() || !n->is_number_unsigned())
            throw bad(at + ".nsamples", "must be a whole number of 0 or more");
        out.shards.push_back({url->get<std::string>(), n->get<std::uint64_t>()});
        out.totalSamples += out.shards.back().samples;
    }
    return out;
}

WidsCheck verifyWidsIndex(const WidsIndex &index, const StoreOptions &options,
                          const std::function<void(std::size_t, std::size_t)> &progress,
                          const std::atomic<bool> *cancel)
{
    WidsCheck check;
    for (const auto &s : index.shards) {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "checking the wids index stopped");
        ++check.shards;
        try {
            StoreLocation loc = openStore(parseStoreUrl(s.url), options);
            ShardReader reader(*loc.store, loc.bucket, ShardReadOptions());
            std::uint64_t n = 0;
            reader.read(
                loc.path,
                [&n](Sample &&) {
                    ++n;
                    return true;
                },
                {}, cancel);
            check.samplesCounted += n;
            if (n != s.samples)
                check.mismatches.push_back(escapeName(s.url) + ": the index says " +
                                           std::to_string(s.samples) + " samples, the shard holds " +
                                           std::to_string(n));
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::Cancelled)
                throw;
            check.mismatches.push_back(escapeName(s.url) + ": " + e.what());
        }
        if (progress)
            progress(check.shards, index.shards.size());
    }
    return check;
}

} // namespace shardscope
