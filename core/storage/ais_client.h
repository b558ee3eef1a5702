#pragma once

#include "core/storage/ais_batch.h"
#include "core/storage/ais_types.h"
#include "core/storage/http_client.h"
#include "core/storage/retry_policy.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shardscope {

struct AisOptions
{
    std::string endpoint = "http://127.0.0.1:8080"; // proxy (gateway) URL, normalized
    std::string token;                                 // AuthN bearer token; never logged
    HttpOptions http;
    RetryPolicy retry;
    // Send object GETs straight to the owning target (HRW placement from the
    // cluster map) instead of through the proxy's 301: one round trip instead
    // of two (measured 2-2.7x the object rate for 1 KiB objects, see README).
    // Never with a token (AIStore rejects direct requests on clusters with
    // auth); a direct read that is refused (401/403) or fails over the network
    // goes through the proxy, and a refusal turns direct reads off.
    bool directReads = true;
};

// Flags of AIStore's list-objects request (apc.LsoMsg.flags).
enum AisListFlag : std::uint64_t {
    AisLsCached = 1u << 0,
    AisLsArchDir = 1u << 3,
    AisLsNameOnly = 1u << 4,
    AisLsNameSize = 1u << 5,
    AisLsNoRecursion = 1u << 11,
    AisLsNoDirs = 1u << 13,
};

struct AisListRequest
{
    std::string prefix;
    std::string uuid;              // listing session; "" on the first page
    std::string continuationToken; // "" on the first page
    std::uint32_t pageSize = 0;    // 0 = server default (10,000 for ais://)
    std::string props = "name,size";
    std::uint64_t flags = 0;
    // Ask for the page as msgpack (as AIStore's CLI and SDKs do): less to
    // send and to parse. A server that answers JSON anyway is read as JSON.
    bool msgpack = true;
    std::uint64_t pageNumber = 0; // 1, 2, ... for error messages ("page 3"); 0: not said
};

// GetBatch (/v1/ml/moss): many objects (or shard members) in one archive,
// streamed in request order.
struct AisBatchOptions
{
    bool continueOnError = true; // missing items come back as empty "__404__/<name>" entries
    const std::atomic<bool> *cancel = nullptr;
};

struct AisGetOptions
{
    std::optional<std::uint64_t> first; // byte range [first, last]
    std::optional<std::uint64_t> last;
    std::string archpath;               // member of a shard
    const std::atomic<bool> *cancel = nullptr;
};

// AIStore's native REST API (/v1). Object GETs are answered by the proxy with
// 301 and HEAD/PUT with 307 to the owning target; redirects are followed
// verbatim and a PUT body is sent again (with a token, only to nodes of the
// cluster map). Failed requests are retried per AisOptions::retry, a broken
// download resumes with a Range request where it stopped, and takes only a
// 206 of the same object version (Ais-Version, Ais-Checksum-Value, ETag). Transport errors (refused, reset, timeout) are retried only after
// the endpoint has answered once, so a mistyped endpoint fails fast. Not thread-safe: one per thread (each holds its own keep-alive
// connections).
class AisClient
{
public:
    explicit AisClient(AisOptions options);

    const std::string &endpoint() const noexcept { return m_options.endpoint; }
    const AisOptions &options() const noexcept { return m_options; }
    // How long direct reads use a cluster map before asking for it again.
    static constexpr std::chrono::seconds kMapMaxAge{5};
    // Direct reads: how often the cluster map was read, and how often it had
    // a new version then (targets joined, left, went into maintenance).
    std::uint64_t mapRefreshes() const noexcept { return m_mapRefreshes; }
    std::uint64_t mapChanges() const noexcept { return m_mapChanges; }

    // Liveness of the node behind the endpoint; throws when unreachable.
    void checkHealth();
    // Whether the cluster is up and ready (the primary's ?prr=true gate).
    bool isReady();
    AisClusterMap clusterMap();
    // The AIStore release the gateway runs ("5.0.v1.5.0"); GET /v1/daemon?what=software_version.
    std::string softwareVersion();
    // Health of one node of the map, asked at its own public URL; never throws.
    AisNodeHealth nodeHealth(const AisNode &node);
    // What one node says about itself (GET /v1/daemon?what=<what>, e.g.
    // node_status), asked through the proxy's reverse route (Ais-Node-Id) so
    // that it works wherever the proxy does: the raw JSON. One attempt, no
    // retries (a poller asks again anyway); throws naming the node.
    std::string nodeDaemonJson(const std::string &nodeId, const std::string &what);
    // The bucket's object count and size as its targets count them
    // (AIStore's bucket summary job: started, then polled until done) -
    // no listing. `polled` is called after every poll that found it still
    // running (for progress); cancel stops waiting.
    AisBucketSummary bucketSummary(const std::string &bucket, const std::atomic<bool> *cancel = nullptr,
                                   const std::function<void()> &polled = {});
    // Whether a rebalance runs now (GET /v1/cluster?what=running_all).
    bool rebalanceRunning();
    // Puts a target into maintenance (AIStore moves its objects to the other
    // targets) or takes it out again (and back). 409 while a rebalance runs.
    void setMaintenance(const std::string &nodeId, bool on);

    std::vector<AisBucket> listBuckets(const std::string &provider = "ais");
    bool bucketExists(const std::string &bucket);
    void createBucket(const std::string &bucket);
    void destroyBucket(const std::string &bucket);

    AisListPage listObjectsPage(const std::string &bucket, const AisListRequest &request);
    // One page (old signature, kept for callers that need no flags).
    AisListPage listObjectsPage(const std::string &bucket, const std::string &prefix, const std::string &uuid,
                                const std::string &continuationToken, std::uint32_t pageSize = 0,
                                const std::string &props = "name,size");
    // All pages.
    std::vector<AisObjectEntry> listObjects(const std::string &bucket, const std::string &prefix = "");

    AisObjectEntry headObject(const std::string &bucket, const std::string &object);
    void putObject(const std::string &bucket, const std::string &object, const UploadSource &source);
    void putObject(const std::string &bucket, const std::string &object, std::string_view data);
    std::string getObject(const std::string &bucket, const std::string &object);
    // Streams the object into `sink`; returns the number of bytes delivered.
    std::uint64_t getObject(const std::string &bucket, const std::string &object, const BodySink &sink);
    std::uint64_t getObject(const std::string &bucket, const std::string &object, const AisGetOptions &options,
                            const BodySink &sink);

    // GetBatch (implemented in ais_batch.cpp). Streams the TAR that GetBatch
    // assembles from `entries` (whole objects or shard members, in that
    // order, named as aisBatchEntryName() says, missing ones under
    // "__404__/") into sink.
    void getBatch(const std::string &bucket, const std::vector<AisBatchEntry> &entries,
                  const AisBatchOptions &options, const BodySink &sink);
    // The same for whole objects of `bucket`.
    void getBatch(const std::string &bucket, const std::vector<std::string> &objects, const AisBatchOptions &options,
                  const BodySink &sink);

    // GetBatch in multipart mode: the cluster builds the whole archive first and
    // answers with its metadata (per-entry name, size, error) and the archive.
    // The metadata is checked against the request: one entry per entry asked
    // for, in order, each naming the object and member asked for.
    struct BatchEntryInfo
    {
        std::string objname;
        std::string archpath; // the member, for an entry of a shard
        std::string bucket;
        std::uint64_t size = 0;
        std::string error; // why it is missing, when it is
    };
    struct MultipartBatch
    {
        std::vector<BatchEntryInfo> entries;
        std::string archive; // TAR
    };
    MultipartBatch getBatchMultipart(const std::string &bucket, const std::vector<AisBatchEntry> &entries,
                                     const AisBatchOptions &options);
    MultipartBatch getBatchMultipart(const std::string &bucket, const std::vector<std::string> &objects,
                                     const AisBatchOptions &options);

private:
    std::string bucketUrl(const std::string &bucket) const;
    std::string objectUrl(const std::string &bucket, const std::string &object) const;
    HttpRequest request(const char *method, std::string url) const;
    // A GetBatch request carrying `body` (a view: the caller keeps it alive).
    HttpRequest batchRequest(const std::string &bucket, const std::string &body,
                             const AisBatchOptions &options) const;
    // Performs with retries; returns the final response (maybe an error status).
    // Transport errors are rethrown as "<operation>: <what happened>".
    HttpResponse performWithRetry(HttpRequest &request, const std::string &operation);

    // The URL of the target that owns the object, or "" to go through the proxy.
    std::string directBase(const std::string &bucket, const std::string &object);
    // Reads the cluster map for direct reads again; false (and no map) when it cannot.
    bool refreshClusterMap();
    bool rebalanceRunningNoThrow();
    // A node's public URL from the cluster map, checked like an endpoint
    // (http or https, no path) and never http on an https cluster; throws
    // Error(InvalidUrl) naming the node.
    std::string nodeUrl(const AisNode &node) const;
    // With a token: requests that the proxy redirects (object GET, HEAD, PUT)
    // follow redirects only to nodes of the cluster map.
    void restrictRedirects(HttpRequest &request);

    AisOptions m_options;
    HttpClient m_http;
    std::optional<AisClusterMap> m_smap; // for direct reads
    std::chrono::steady_clock::time_point m_smapAt{}; // when it was last asked for
    std::uint64_t m_mapRefreshes = 0, m_mapChanges = 0;
    std::chrono::steady_clock::time_point m_mapChangedAt{};
    // Transport errors are retried only once the endpoint has answered at
    // least once: a wrong endpoint fails at once instead of after the budget.
    bool m_everAnswered = false;
};

} // namespace shardscope
