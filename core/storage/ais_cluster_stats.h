#pragma once

#include "core/storage/ais_types.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace shardscope {

class AisClient;
struct AisOptions;

// What one node says about itself in GET /v1/daemon?what=node_status
// (AIStore's stats tracker: cumulative counters, plus system and capacity
// figures). Counters a node has not used yet are absent there and 0 here.
struct AisNodeStats
{
    std::string id;
    std::string type; // "proxy" | "target"
    bool answered = false;
    std::string error; // why not, when it did not answer
    std::chrono::steady_clock::time_point at{};

    std::uint64_t getN = 0;            // get.n
    std::uint64_t getBytes = 0;        // get.size
    std::uint64_t getNsTotal = 0;      // get.ns.total (sum of GET latencies)
    std::uint64_t getRedirNsTotal = 0; // get.redir.ns on a proxy
    std::uint64_t getBatchN = 0;       // getbatch.n: get-batch requests this node assembled
    std::uint64_t getBatchObjN = 0;    // getbatch.obj.n: objects it put into them
    std::uint64_t putN = 0;
    std::uint64_t putBytes = 0;
    std::uint64_t errors = 0;    // sum of every err.*.n counter
    std::uint64_t getErrors = 0; // err.get.n + err.io.get.n + ...get...
    double cpuPercent = 0;       // sys_info.pct_cpu_used (the node's process)
    std::uint64_t memUsed = 0;   // sys_info.mem_used (the node's process, resident)
    std::uint64_t memAvail = 0;  // sys_info.mem_avail (the machine)
    double load1 = 0, load5 = 0, load15 = 0;
    double diskUtilPercent = 0;    // busiest disk.<dev>.util
    std::uint64_t diskReadBps = 0; // sum of disk.<dev>.read.bps
    std::uint64_t capacityUsed = 0, capacityAvail = 0;
    int capacityPercent = 0;    // capacity.pct_max
    std::uint64_t uptimeNs = 0; // up.ns.time
    std::uint64_t stateFlags = 0;
    std::string version; // ais_version
    std::string smapVersion;
};

// Parses node_status JSON; throws Error(Protocol) on nonsense.
AisNodeStats parseNodeStatus(const std::string &json);

// Asks every node of the map (targets only unless withProxies) once; a node
// that does not answer comes back with answered = false and the reason.
std::vector<AisNodeStats> pollNodeStats(AisClient &client, const AisClusterMap &smap,
                                        bool withProxies = false);

// One target's rates between two polls, computed the way AIStore's CLI
// computes `ais performance`: per second from counter deltas, mean latency
// = delta get.ns.total / delta get.n, and no latency from fewer than
// kMinRequestsForLatency requests.
struct AisTargetRates
{
    std::string id;
    bool answered = false;
    std::string error;
    std::uint64_t getN = 0;         // GETs in the interval
    std::uint64_t getBytes = 0;     // bytes in the interval
    std::uint64_t getBatchObjN = 0; // objects this target assembled into get-batch answers in the interval
    double getPerSecond = 0;
    double mbPerSecond = 0;    // 10^6 bytes
    double meanLatencyMs = -1; // -1: too few requests to say
    double cpuPercent = 0;
    double diskUtilPercent = 0;
    std::uint64_t memUsed = 0;
    std::uint64_t errors = 0; // errors in the interval
};

struct AisClusterRates
{
    double t = 0;                        // poller: seconds from start() to the end of the interval
    double seconds = 0;                  // length of the interval
    std::vector<AisTargetRates> targets; // in the order of `after`
    // max / mean of the per-target loads, GETs + objects assembled into
    // get-batch answers (1 = balanced); 0 when there were none.
    double imbalance = 0;
    std::uint64_t getN = 0;
    std::uint64_t errors = 0;
    int unanswered = 0;
};

constexpr std::uint64_t kMinRequestsForLatency = 10;

// Rates of the targets in `after` against the same node in `before` (by id);
// a node missing from `before` counts from zero; counters that went down
// (a restarted node) count from zero too.
AisClusterRates clusterRates(const std::vector<AisNodeStats> &before, const std::vector<AisNodeStats> &after);
// max / mean of the values; 0 when they sum to 0.
double imbalanceOf(const std::vector<double> &loads);

// Polls the targets' statistics on its own thread every `period` until
// stopped; the rates of each interval go to `onRates` (on that thread) and
// are kept. Cheap when no one listens: one small request per target.
class AisClusterStatsPoller
{
public:
    AisClusterStatsPoller(const AisOptions &options, std::chrono::milliseconds period,
                          std::function<void(const AisClusterRates &)> onRates = {});
    ~AisClusterStatsPoller();
    AisClusterStatsPoller(const AisClusterStatsPoller &) = delete;
    AisClusterStatsPoller &operator=(const AisClusterStatsPoller &) = delete;

    // Takes the first snapshot (synchronously) and starts polling.
    void start();
    // Takes the last snapshot and stops (the interval since the previous poll
    // joins the series); returns the rates over the whole run.
    AisClusterRates stop();
    // The rates per interval so far.
    std::vector<AisClusterRates> series() const;
    // Why the cluster map could not be read (then nothing is polled).
    std::string error() const;

private:
    void run();
    std::vector<AisNodeStats> poll();

    std::unique_ptr<AisClient> m_client;
    std::chrono::milliseconds m_period;
    std::function<void(const AisClusterRates &)> m_onRates;
    AisClusterMap m_smap;
    std::vector<AisNodeStats> m_first, m_last;
    std::vector<AisClusterRates> m_series;
    std::string m_error;
    mutable std::mutex m_mutex;
    std::atomic<bool> m_stop{false};
    std::chrono::steady_clock::time_point m_start{};
    std::thread m_thread;
};

} // namespace shardscope
