#include "core/storage/ais_types.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace shardscope {
namespace {

using json = nlohmann::json;

json parseJson(const std::string &text, const char *what)
{
    try {
        return json::parse(text);
    } catch (const json::exception &e) {
        throw Error(ErrorKind::Protocol, std::string("cannot parse ") + what + " from the server: " + e.what());
    }
}

std::string str(const json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key))
        return {};
    const json &v = j[key];
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number_integer())
        return std::to_string(v.get<long long>());
    return {};
}

std::uint64_t u64(const json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key))
        return 0;
    const json &v = j[key];
    if (v.is_number_unsigned())
        return v.get<std::uint64_t>();
    if (v.is_number_integer())
        return static_cast<std::uint64_t>(std::max<long long>(0, v.get<long long>()));
    if (v.is_string()) { // AIS sends sizes as decimal strings in JSON
        const std::string s = v.get<std::string>();
        if (const std::optional<std::uint64_t> n = parseDecimalU64(s))
            return *n;
        const bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
        throw Error(ErrorKind::Protocol,
                    std::string("field ") + key + (digits ? " is out of range: " : " is not a number: ") + s);
    }
    return 0;
}

AisNetInfo netInfo(const json &j)
{
    AisNetInfo n;
    n.host = str(j, "node_ip_addr");
    n.port = str(j, "daemon_port");
    n.url = str(j, "direct_url");
    return n;
}

AisNode node(const json &j)
{
    AisNode n;
    n.id = str(j, "daemon_id");
    n.type = str(j, "daemon_type");
    if (j.contains("public_net"))
        n.publicNet = netInfo(j["public_net"]);
    if (j.contains("intra_control_net"))
        n.intraControl = netInfo(j["intra_control_net"]);
    if (j.contains("intra_data_net"))
        n.intraData = netInfo(j["intra_data_net"]);
    n.flags = u64(j, "flags");
    n.idDigest = u64(j, "id_digest");
    return n;
}

std::vector<AisNode> nodes(const json &j, const char *key)
{
    std::vector<AisNode> out;
    if (j.contains(key) && j[key].is_object())
        for (const auto &[id, v] : j[key].items())
            out.push_back(node(v));
    std::sort(out.begin(), out.end(), [](const AisNode &a, const AisNode &b) { return a.id < b.id; });
    return out;
}

} // namespace

std::string AisBucket::toString() const
{
    std::string s = (provider.empty() ? std::string("ais") : provider) + "://";
    if (!nsUuid.empty() || !nsName.empty())
        s += "@" + nsUuid + "#" + nsName + "/";
    return s + name;
}

AisClusterMap parseClusterMap(const std::string &text)
{
    const json j = parseJson(text, "the cluster map");
    if (!j.is_object() || !j.contains("tmap") || !j.contains("pmap"))
        throw Error(ErrorKind::Protocol, "the cluster map has no pmap/tmap");
    AisClusterMap m;
    m.uuid = str(j, "uuid");
    m.version = str(j, "version");
    if (j.contains("proxy_si"))
        m.primaryId = str(j["proxy_si"], "daemon_id");
    m.proxies = nodes(j, "pmap");
    m.targets = nodes(j, "tmap");
    return m;
}

std::vector<AisBucket> parseBucketList(const std::string &text)
{
    const json j = parseJson(text, "the bucket list");
    std::vector<AisBucket> out;
    if (j.is_null())
        return out;
    if (!j.is_array())
        throw Error(ErrorKind::Protocol, "the bucket list is not a JSON array");
    for (const auto &b : j) {
        AisBucket bck;
        bck.name = str(b, "name");
        bck.provider = str(b, "provider");
        if (b.contains("namespace") && b["namespace"].is_object()) {
            bck.nsUuid = str(b["namespace"], "uuid");
            bck.nsName = str(b["namespace"], "name");
        }
        out.push_back(std::move(bck));
    }
    return out;
}

AisListPage parseListPage(const std::string &text)
{
    const json j = parseJson(text, "the object list");
    if (!j.is_object())
        throw Error(ErrorKind::Protocol, "the object list is not a JSON object");
    AisListPage page;
    page.uuid = str(j, "uuid");
    page.continuationToken = str(j, "continuation_token");
    if (j.contains("entries") && j["entries"].is_array()) {
        page.entries.reserve(j["entries"].size());
        for (const auto &e : j["entries"]) {
            AisObjectEntry o;
            o.name = str(e, "name");
            o.size = u64(e, "size");
            o.checksum = str(e, "checksum");
            o.version = str(e, "version");
            o.atime = str(e, "atime");
            o.flags = static_cast<std::uint32_t>(u64(e, "flags"));
            page.entries.push_back(std::move(o));
        }
    }
    return page;
}

AisBucketSummary parseBucketSummary(const std::string &text)
{
    const json j = parseJson(text, "a bucket summary");
    const json &one = j.is_array() && !j.empty() ? j[0] : j;
    if (!one.is_object())
        throw Error(ErrorKind::Protocol, "the bucket summary is not a JSON object");
    AisBucketSummary s;
    if (one.contains("ObjCount"))
        s.objects = u64(one["ObjCount"], "obj_count_present");
    if (one.contains("TotalSize")) {
        s.bytes = u64(one["TotalSize"], "size_all_present_objs");
        s.bytesOnDisk = u64(one["TotalSize"], "size_on_disk");
    }
    return s;
}

} // namespace shardscope
