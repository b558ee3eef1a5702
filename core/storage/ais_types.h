#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// A bucket as AIStore names it: provider ("ais", "aws", ...) + optional namespace + name.
struct AisBucket
{
    std::string name;
    std::string provider = "ais";
    std::string nsUuid;
    std::string nsName;

    std::string toString() const; // "ais://name", "ais://@uuid#ns/name"
};

struct AisNetInfo
{
    std::string host;
    std::string port;
    std::string url; // direct_url
};

struct AisNode
{
    std::string id;
    std::string type; // "proxy" | "target"
    AisNetInfo publicNet;
    AisNetInfo intraControl;
    AisNetInfo intraData;
    std::uint64_t flags = 0;
    std::uint64_t idDigest = 0; // for HRW placement

    bool inMaintenance() const noexcept { return (flags & (4u | 8u | 16u)) != 0; }
};

struct AisClusterMap
{
    std::string uuid;
    std::string version;
    std::string primaryId;
    std::vector<AisNode> proxies; // sorted by id
    std::vector<AisNode> targets; // sorted by id
};

// What a node says about itself (GET <node>/v1/health[?readiness=true]).
struct AisNodeHealth
{
    bool alive = false;       // answered at all
    bool ready = false;       // ready to serve (readiness probe)
    std::uint64_t uptimeNs = 0; // Ais-Node-Uptime
    std::string error;        // why not alive / not ready
};

struct AisObjectEntry
{
    std::string name;
    std::uint64_t size = 0;
    std::string checksum;
    std::string version;
    std::string atime;
    std::uint32_t flags = 0;

    bool isDirectory() const noexcept { return (flags & 256u) != 0; }
};

struct AisListPage
{
    std::vector<AisObjectEntry> entries;
    std::string uuid;
    std::string continuationToken; // empty: this was the last page
};

// What AIStore's bucket summary (action summary-bck) says of a bucket,
// counted by the targets, without a client-side listing.
struct AisBucketSummary
{
    std::uint64_t objects = 0;     // ObjCount.obj_count_present
    std::uint64_t bytes = 0;       // TotalSize.size_all_present_objs
    std::uint64_t bytesOnDisk = 0; // TotalSize.size_on_disk
};

// Parsers for the JSON AIStore returns; throw Error(Protocol) on nonsense.
AisBucketSummary parseBucketSummary(const std::string &json);
AisClusterMap parseClusterMap(const std::string &json);
std::vector<AisBucket> parseBucketList(const std::string &json);
AisListPage parseListPage(const std::string &json);

} // namespace shardscope
