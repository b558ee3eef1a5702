#include "core/storage/ais_cluster_stats.h"

#include "core/storage/ais_client.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace shardscope {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// Counters are integers; sizes in capacity are decimal strings.
std::uint64_t num(const json &j, const char *key)
{
    if (!j.is_object())
        return 0;
    const auto it = j.find(key);
    if (it == j.end())
        return 0;
    if (it->is_number_unsigned())
        return it->get<std::uint64_t>();
    if (it->is_number_integer())
        return static_cast<std::uint64_t>(std::max<long long>(0, it->get<long long>()));
    if (it->is_number_float())
        return static_cast<std::uint64_t>(std::max(0.0, it->get<double>()));
    if (it->is_string()) {
        return parseDecimalU64(it->get<std::string>()).value_or(0);
    }
    return 0;
}

double real(const json &j, const char *key)
{
    if (!j.is_object())
        return 0;
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : 0;
}

std::string text(const json &j, const char *key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    if (it == j.end())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_number_integer())
        return std::to_string(it->get<long long>());
    return {};
}

bool startsWith(const std::string &s, const char *p)
{
    return s.rfind(p, 0) == 0;
}
bool endsWith(const std::string &s, const char *p)
{
    const std::string e(p);
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

// A counter that went down belongs to a restarted node: count from zero.
std::uint64_t delta(std::uint64_t before, std::uint64_t after)
{
    return after >= before ? after - before : after;
}

} // namespace

AisNodeStats parseNodeStatus(const std::string &body)
{
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception &e) {
        throw Error(ErrorKind::Protocol, std::string("cannot parse the node's status: ") + e.what());
    }
    if (!j.is_object())
        throw Error(ErrorKind::Protocol, "the node's status is not a JSON object");
    AisNodeStats s;
    s.answered = true;
    s.at = Clock::now();
    if (const auto sn = j.find("snode"); sn != j.end() && sn->is_object()) {
        s.id = text(*sn, "daemon_id");
        s.type = text(*sn, "daemon_type");
    }
    s.version = text(j, "ais_version");
    s.smapVersion = text(j, "smap_version");
    if (const auto t = j.find("tracker"); t != j.end() && t->is_object()) {
        s.getN = num(*t, "get.n");
        s.getBytes = num(*t, "get.size");
        s.getNsTotal = num(*t, "get.ns.total");
        s.getRedirNsTotal = num(*t, "get.redir.ns");
        s.getBatchN = num(*t, "getbatch.n");
        s.getBatchObjN = num(*t, "getbatch.obj.n");
        s.putN = num(*t, "put.n");
        s.putBytes = num(*t, "put.size");
        s.uptimeNs = num(*t, "up.ns.time");
        s.stateFlags = num(*t, "state.flags");
        for (auto it = t->begin(); it != t->end(); ++it) {
            const std::string &k = it.key();
            if (startsWith(k, "err.") && endsWith(k, ".n")) {
                const std::uint64_t n = num(*t, k.c_str());
                s.errors += n;
                if (k.find("get") != std::string::npos)
                    s.getErrors += n;
            } else if (startsWith(k, "disk.") && endsWith(k, ".util")) {
                s.diskUtilPercent = std::max(s.diskUtilPercent, static_cast<double>(num(*t, k.c_str())));
            } else if (startsWith(k, "disk.") && endsWith(k, ".read.bps")) {
                s.diskReadBps += num(*t, k.c_str());
            }
        }
    }
    if (const auto si = j.find("sys_info"); si != j.end() && si->is_object()) {
        s.cpuPercent = real(*si, "pct_cpu_used");
        s.memUsed = num(*si, "mem_used");
        s.memAvail = num(*si, "mem_avail");
        if (const auto la = si->find("load_avg"); la != si->end()) {
            s.load1 = real(*la, "One");
            s.load5 = real(*la, "Five");
            s.load15 = real(*la, "Fifteen");
        }
    }
    if (const auto c = j.find("capacity"); c != j.end() && c->is_object()) {
        s.capacityUsed = num(*c, "total_used");
        s.capacityAvail = num(*c, "total_avail");
        s.capacityPercent = static_cast<int>(num(*c, "pct_max"));
    }
    return s;
}

std::vector<AisNodeStats> pollNodeStats(AisClient &client, const AisClusterMap &smap, bool withProxies)
{
    std::vector<const AisNode *> nodes;
    if (withProxies)
        for (const auto &n : smap.proxies)
            nodes.push_back(&n);
    for (const auto &n : smap.targets)
        nodes.push_back(&n);
    std::vector<AisNodeStats> out;
    out.reserve(nodes.size());
    for (const AisNode *n : nodes) {
        AisNodeStats s;
        try {
            s = parseNodeStatus(client.nodeDaemonJson(n->id, "node_status"));
        } catch (const Error &e) {
            s = AisNodeStats{};
            s.error = e.what();
            s.at = Clock::now();
        }
        s.id = n->id; // the map's id, whatever the node said
        s.type = n->type;
        out.push_back(std::move(s));
    }
    return out;
}

double imbalanceOf(const std::vector<double> &loads)
{
    if (loads.empty())
        return 0;
    double sum = 0, max = 0;
    for (double l : loads) {
        sum += l;
        max = std::max(max, l);
    }
    return sum > 0 ? max / (sum / static_cast<double>(loads.size())) : 0;
}

AisClusterRates clusterRates(const std::vector<AisNodeStats> &before, const std::vector<AisNodeStats> &after)
{
    std::map<std::string, const AisNodeStats *> was;
    for (const auto &b : before)
        if (b.answered)
            was[b.id] = &b;
    AisClusterRates r;
    std::vector<double> loads;
    for (const auto &a : after) {
        if (a.type == "proxy")
            continue;
        AisTargetRates t;
        t.id = a.id;
        t.answered = a.answered;
        t.error = a.error;
        if (!a.answered) {
            ++r.unanswered;
            r.targets.push_back(std::move(t));
            continue;
        }
        static const AisNodeStats zero{};
        const auto it = was.find(a.id);
        const AisNodeStats &b = it != was.end() ? *it->second : zero;
        const double secs = it != was.end() ? std::chrono::duration<double>(a.at - b.at).count() : 0.0;
        t.getN = delta(b.getN, a.getN);
        t.getBytes = delta(b.getBytes, a.getBytes);
        t.errors = delta(b.errors, a.errors);
        t.getBatchObjN = delta(b.getBatchObjN, a.getBatchObjN);
        if (secs > 0) {
            t.getPerSecond = static_cast<double>(t.getN) / secs;
            t.mbPerSecond = static_cast<double>(t.getBytes) / secs / 1e6;
            r.seconds = std::max(r.seconds, secs);
        }
        if (t.getN >= kMinRequestsForLatency)
            t.meanLatencyMs =
                static_cast<double>(delta(b.getNsTotal, a.getNsTotal)) / static_cast<double>(t.getN) / 1e6;
        t.cpuPercent = a.cpuPercent;
        t.diskUtilPercent = a.diskUtilPercent;
        t.memUsed = a.memUsed;
        r.getN += t.getN;
        r.errors += t.errors;
        loads.push_back(static_cast<double>(t.getN + t.getBatchObjN));
        r.targets.push_back(std::move(t));
    }
    r.imbalance = imbalanceOf(loads);
    return r;
}

AisClusterStatsPoller::AisClusterStatsPoller(const AisOptions &options, std::chrono::milliseconds period,
                                             std::function<void(const AisClusterRates &)> onRates)
    : m_client(std::make_unique<AisClient>(options)), m_period(period), m_onRates(std::move(onRates))
{
}

AisClusterStatsPoller::~AisClusterStatsPoller()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

std::vector<AisNodeStats> AisClusterStatsPoller::poll()
{
    return pollNodeStats(*m_client, m_smap);
}

void AisClusterStatsPoller::start()
{
    m_start = Clock::now();
    try {
        m_smap = m_client->clusterMap();
    } catch (const Error &e) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_error = std::string("cluster statistics: ") + e.what();
        return;
    }
    m_first = poll();
    m_last = m_first;
    m_thread = std::thread([this] { run(); });
}

void AisClusterStatsPoller::run()
{
    auto next = Clock::now() + m_period;
    while (!m_stop) {
        // Sleep in small steps so that stop() is prompt.
        while (!m_stop && Clock::now() < next)
            std::this_thread::sleep_for(
                std::min<Clock::duration>(next - Clock::now(), std::chrono::milliseconds(20)));
        if (m_stop)
            break;
        next += m_period;
        std::vector<AisNodeStats> now = poll();
        AisClusterRates rates;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            rates = clusterRates(m_last, now);
            rates.t = std::chrono::duration<double>(Clock::now() - m_start).count();
            m_last = std::move(now);
            m_series.push_back(rates);
        }
        if (m_onRates)
            m_onRates(rates);
    }
}

AisClusterRates AisClusterStatsPoller::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_first.empty())
        return {};
    const std::vector<AisNodeStats> last = poll();
    const double t = std::chrono::duration<double>(Clock::now() - m_start).count();
    AisClusterRates tail = clusterRates(m_last, last);
    tail.t = t;
    AisClusterRates whole = clusterRates(m_first, last);
    whole.t = t;
    std::lock_guard<std::mutex> lock(m_mutex);
    m_series.push_back(std::move(tail)); // the interval since the last poll
    m_last = last;
    return whole;
}

std::vector<AisClusterRates> AisClusterStatsPoller::series() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_series;
}

std::string AisClusterStatsPoller::error() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_error;
}

} // namespace shardscope
