// AisClient's direct reads: the cluster map it keeps (read again when it is
// old or a read failed), the owning target's URL for an object, and GETs that
// resume where a broken download stopped, from the same version.

#include "core/storage/ais_client.h"

#include "core/storage/ais_errors.h"
#include "core/storage/ais_hrw.h"
#include "core/storage/ais_listing.h"
#include "core/storage/endpoint.h"
#include "core/storage/retrying_http.h"
#include "core/storage/store.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

namespace shardscope {

using Clock = std::chrono::steady_clock;

bool AisClient::refreshClusterMap()
{
    m_smapAt = Clock::now();
    try {
        AisClusterMap fresh = clusterMap();
        if (m_smap && m_smap->version != fresh.version) {
            ++m_mapChanges;
            m_mapChangedAt = m_smapAt;
        }
        m_smap = std::move(fresh);
        ++m_mapRefreshes;
        return true;
    } catch (const Error &) {
        m_smap.reset(); // through the proxy until a map can be had again
        return false;
    }
}

std::string AisClient::directBase(const std::string &bucket, const std::string &object)
{
    if (!m_options.directReads || !m_options.token.empty())
        return {};
    // A map is used for kMapMaxAge at most: a target that joined, left or
    // went into maintenance changes the owners. Without a map (it could not
    // be read) reads go through the proxy and the map is asked for again
    // after kMapMaxAge, not on every read.
    if (Clock::now() - m_smapAt >= kMapMaxAge && !refreshClusterMap())
        return {};
    if (!m_smap)
        return {};
    const AisNode *t = aisOwningTarget(*m_smap, bucket, object);
    if (!t)
        return {};
    try {
        return nodeUrl(*t);
    } catch (const Error &) {
        return {}; // through the proxy
    }
}

namespace {

// What identifies the version of an object in a GET answer. A download that
// resumes must get the bytes of the version it started with.
struct ObjectVersion
{
    std::string etag, version, checksum;

    static ObjectVersion of(const HttpResponse &resp)
    {
        return {resp.header("etag"), resp.header("ais-version"), resp.header("ais-checksum-value")};
    }
    bool known() const { return !etag.empty() || !version.empty() || !checksum.empty(); }
    // Why `now` is not this version, or "" when nothing says so. A validator
    // is compared when both answers carry it.
    std::string changedTo(const ObjectVersion &now) const
    {
        auto cmp = [](const char *name, const std::string &was, const std::string &is) -> std::string {
            if (was.empty() || is.empty() || was == is)
                return {};
            auto show = [](const std::string &v) { return v.size() > 100 ? v.substr(0, 100) + "..." : v; };
            return std::string(name) + " " + show(was) + " became " + show(is);
        };
        for (std::string why : {cmp("ETag", etag, now.etag), cmp("Ais-Version", version, now.version),
                                cmp("Ais-Checksum-Value", checksum, now.checksum)})
            if (!why.empty())
                return why;
        return {};
    }
};

} // namespace

std::uint64_t AisClient::getObject(const std::string &bucket, const std::string &object,
                                   const AisGetOptions &options, const BodySink &sink)
{
    std::string path = objectUrl(bucket, object).substr(m_options.endpoint.size());
    std::string what = "ais://" + bucket + "/" + object;
    if (!options.archpath.empty()) {
        path += "&archpath=" + percentEncode(options.archpath, true);
        what += " member " + shardscope::quoted(options.archpath);
    }
    const std::string proxyUrl = m_options.endpoint + path;
    std::string direct = directBase(bucket, object);
    std::string url = direct.empty() ? proxyUrl : direct + path;
    // After a direct read failed: ask for the cluster map again and go to the
    // object's owner in the new map, or through the proxy when the owner is
    // the same (the proxy knows better, e.g. while a rebalance runs).
    auto followNewMap = [&] {
        const std::string failed = direct;
        refreshClusterMap();
        direct = directBase(bucket, object);
        if (direct == failed)
            direct.clear();
        url = direct.empty() ? proxyUrl : direct + path;
    };
    bool refreshedOnNotFound = false;
    if (options.last && options.first.value_or(0) > *options.last)
        throw Error(ErrorKind::InvalidArgument, "get " + what + ": the range ends before it starts");
    const std::string operation = "get " + what;

    const auto start = Clock::now();
    const RetryPolicy &policy = m_options.retry;
    std::uint64_t delivered = 0;
    std::optional<ObjectVersion> pinned; // of the first answer
    for (int attempt = 1;; ++attempt) {
        auto r = request("GET", url);
        restrictRedirects(r);
        r.cancel = options.cancel;
        // Resume where a broken transfer stopped; only 206 with that range is taken.
        if (options.first || options.last || delivered > 0)
            r.range = HttpRange{options.first.value_or(0) + delivered, options.last};
        if (pinned && !pinned->etag.empty())
            r.headers.push_back("If-Match: " + pinned->etag);
        r.checkResponse = [&](const HttpResponse &resp) {
            const ObjectVersion now = ObjectVersion::of(resp);
            if (!pinned) {
                pinned = now;
                return;
            }
            if (const std::string why = pinned->changedTo(now); !why.empty())
                throw Error(ErrorKind::Protocol, operation + ": object changed during download: " + why);
        };
        std::uint64_t got = 0;
        r.sink = [&](const char *d, std::size_t n) {
            got += n;
            delivered += n;
            return sink(d, n);
        };
        const bool last = attempt >= policy.maxAttempts;
        const auto wait = policy.backoff(attempt + 1);
        const bool budgetLeft = Clock::now() - start + wait <= policy.budget;
        try {
            const HttpResponse resp = m_http.perform(r);
            m_everAnswered = true;
            if ((resp.status == 401 || resp.status == 403) && url != proxyUrl && delivered == 0) {
                m_options.directReads = false; // this cluster does not allow direct reads
                url = proxyUrl;
                direct.clear();
                --attempt;
                continue;
            }
            // "Not found" from a target the map named: the object may have
            // moved (a target joined or left, a rebalance ran). Once per read.
            if (resp.status == 404 && url != proxyUrl && delivered == 0 && !refreshedOnNotFound) {
                refreshedOnNotFound = true;
                followNewMap();
                --attempt;
                continue;
            }
            if (resp.ok()) {
                const std::string len = resp.header("content-length");
                if (!len.empty() && parseDecimalU64(len).value_or(0) != got)
                    throw Error(ErrorKind::Network,
                                "received " + std::to_string(got) + " of " + len + " bytes");
                return delivered;
            }
            if (resp.status == 412 && pinned && pinned->known())
                throw Error(ErrorKind::Protocol,
                            operation + ": object changed during download: the server " +
                                "refused If-Match " + pinned->etag + " (HTTP 412)",
                            412);
            // A target that just joined owns objects it has not received
            // yet and answers 404 for them until the rebalance brings them
            // (seen with AIStore 5.0). While a rebalance runs, or within a
            // minute of a new cluster map, a 404 is worth waiting for, within
            // the retry budget; otherwise it is final.
            const bool mapJustChanged =
                m_mapChanges > 0 && Clock::now() - m_mapChangedAt < std::chrono::minutes(1);
            const bool notFoundYet = resp.status == 404 && delivered == 0 && !last && budgetLeft &&
                                     (mapJustChanged || rebalanceRunningNoThrow());
            if (!notFoundYet && (!isRetryableStatus(resp.status) || last || !budgetLeft))
                throw aisError(resp, operation, AisTarget::Object);
        } catch (const Error &e) {
            if (!isTransportError(e) || (!m_everAnswered && delivered == 0) || last || !budgetLeft) {
                if (!isTransportError(e) && e.kind() != ErrorKind::Cancelled &&
                    e.kind() != ErrorKind::Protocol && e.kind() != ErrorKind::InvalidUrl)
                    throw; // already says what it is about (aisError, receiver errors)
                std::string text = std::string(e.what());
                if (!startsWith(text, operation))
                    text = operation + ": " + text;
                if (attempt > 1 && e.kind() != ErrorKind::Protocol && e.kind() != ErrorKind::InvalidUrl)
                    text += " (gave up after " + std::to_string(attempt) + " attempts)";
                throw Error(e.kind(), text, e.httpStatus());
            }
        }
        if (url != proxyUrl) // a direct read failed (refused, reset, timed out, 5xx): the map may be stale
            followNewMap();
        if (!sleepUnlessCancelled(wait, options.cancel))
            throw Error(ErrorKind::Cancelled, operation + ": cancelled");
    }
}

} // namespace shardscope
