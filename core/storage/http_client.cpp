#include "core/storage/http_client.h"

#include "core/util/error.h"
#include "core/util/strings.h"
#include "shardscope/version.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <exception>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <mutex>

namespace shardscope {
namespace {

using Clock = std::chrono::steady_clock;

void globalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

constexpr std::size_t kMaxErrorBody = 64 * 1024;

struct Transfer
{
    const HttpRequest *request = nullptr;
    HttpResponse *response = nullptr;
    CURL *curl = nullptr;
    std::uint64_t uploadPos = 0;
    std::size_t maxBody = 0;
    bool checked = false;     // the final 2xx response passed checkResponse / range
    bool bodyTooLarge = false;
    std::exception_ptr error; // thrown by a callback; rethrown once curl has returned
    bool sinkAborted = false;
    std::string uploadFailed;
    bool readTimedOut = false;
    bool cancelled = false;
    curl_off_t lastDown = -1, lastUp = -1;
    Clock::time_point lastProgress = Clock::now();
    std::chrono::milliseconds readTimeout{0};
    const Clock::time_point started = Clock::now();
    std::chrono::milliseconds totalLimit{0}; // for answers held in memory
    bool totalTimedOut = false;
};

std::string describe(const HttpRequest &r) { return r.method + " " + r.url; }

std::string shortened(std::string_view s, std::size_t max = 120)
{
    return s.size() <= max ? std::string(s) : std::string(s.substr(0, max)) + "...";
}

bool parseU64(std::string_view s, std::uint64_t *out)
{
    const std::optional<std::uint64_t> v = parseDecimalU64(s);
    if (v)
        *out = *v;
    return v.has_value();
}

// A ranged request is answered by 206 with "Content-Range: bytes first-end/total"
// that starts where asked and ends where asked (or at the end of the object).
void checkRange(const HttpResponse &resp, const HttpRange &range, const std::string &what)
{
    const std::string asked =
        std::to_string(range.first) + "-" + (range.last ? std::to_string(*range.last) : std::string());
    if (resp.status != 206)
        throw Error(ErrorKind::Protocol, what + ": the server answered " + std::to_string(resp.status) +
                                             " to a request for bytes " + asked + " (206 expected)");
    const std::string value = resp.header("content-range");
    std::string_view v = value;
    std::uint64_t first = 0, end = 0, total = 0;
    bool ok = false, totalKnown = false;
    if (startsWith(v, "bytes ")) {
        v.remove_prefix(6);
        const auto dash = v.find('-'), slash = v.find('/');
        if (dash != std::string_view::npos && slash != std::string_view::npos && dash < slash &&
            parseU64(v.substr(0, dash), &first) && parseU64(v.substr(dash + 1, slash - dash - 1), &end)) {
            const std::string_view t = v.substr(slash + 1);
            totalKnown = t != "*";
            ok = first == range.first && end >= first && (!totalKnown || (parseU64(t, &total) && end < total));
        }
    }
    if (ok && range.last)
        ok = end == *range.last || (totalKnown && *range.last >= total && end + 1 == total);
    else if (ok)
        ok = !totalKnown || end + 1 == total;
    if (!ok)
        throw Error(ErrorKind::Protocol, what + ": asked for bytes " + asked + " but the server sent Content-Range: " +
                                             (value.empty() ? std::string("(none)") : shortened(value)));
}

// Runs the checks of a final 2xx response once, before its first body byte.
void checkFinalResponse(Transfer &t)
{
    if (t.checked)
        return;
    t.checked = true;
    if (t.request->range)
        checkRange(*t.response, *t.request->range, describe(*t.request));
    if (t.request->checkResponse)
        t.request->checkResponse(*t.response);
}

// The callbacks below run inside libcurl's C frames: nothing may be thrown
// through them. Exceptions are kept in Transfer::error, the callback returns
// an error code and perform() rethrows after curl has returned.

size_t onHeader(char *buffer, size_t size, size_t nitems, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t len = size * nitems;
    try {
        std::string_view line(buffer, len);
        if (startsWith(line, "HTTP/")) { // a new response (after 100 Continue): start over
            t->response->headers.clear();
            return len;
        }
        const auto colon = line.find(':');
        if (colon != std::string_view::npos)
            t->response->headers.emplace_back(toLower(line.substr(0, colon)), trim(line.substr(colon + 1)));
        return len;
    } catch (...) {
        t->error = std::current_exception();
        return 0;
    }
}

size_t onWrite(char *data, size_t size, size_t nmemb, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t len = size * nmemb;
    try {
        long status = 0;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
        const bool success = status >= 200 && status < 300;
        std::string &body = t->response->body;
        if (!success) {
            if (body.size() < kMaxErrorBody) // keep the first part of an error body, drop the rest
                body.append(data, std::min(len, kMaxErrorBody - body.size()));
            return len;
        }
        t->response->status = status;
        checkFinalResponse(*t);
        if (t->request->sink) {
            if (!t->request->sink(data, len)) {
                t->sinkAborted = true;
                return 0; // makes curl fail with CURLE_WRITE_ERROR
            }
            return len;
        }
        if (len > t->maxBody - body.size()) {
            t->bodyTooLarge = true;
            return 0;
        }
        body.append(data, len);
        return len;
    } catch (...) {
        t->error = std::current_exception();
        return 0;
    }
}

size_t onRead(char *buffer, size_t size, size_t nitems, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const UploadSource &src = *t->request->upload;
    if (t->uploadPos >= src.size)
        return 0;
    try {
        const size_t want = static_cast<size_t>(std::min<std::uint64_t>(size * nitems, src.size - t->uploadPos));
        const size_t n = src.read(t->uploadPos, buffer, want);
        if (n == 0) { // the source ended early (a file shrank): never send a short body silently
            t->uploadFailed = "the data source ended at byte " + std::to_string(t->uploadPos) + " of " +
                              std::to_string(src.size);
            return CURL_READFUNC_ABORT;
        }
        t->uploadPos += n;
        return n;
    } catch (const std::exception &e) {
        t->uploadFailed = e.what();
        return CURL_READFUNC_ABORT;
    } catch (...) {
        t->error = std::current_exception();
        return CURL_READFUNC_ABORT;
    }
}

// Called when a redirect (307) makes curl send the body again.
int onSeek(void *userdata, curl_off_t offset, int origin)
{
    auto *t = static_cast<Transfer *>(userdata);
    if (origin != SEEK_SET || offset < 0 || static_cast<std::uint64_t>(offset) > t->request->upload->size)
        return CURL_SEEKFUNC_FAIL;
    t->uploadPos = static_cast<std::uint64_t>(offset);
    return CURL_SEEKFUNC_OK;
}

int onProgress(void *userdata, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t ulnow)
{
    auto *t = static_cast<Transfer *>(userdata);
    if (t->request->cancel && t->request->cancel->load(std::memory_order_relaxed)) {
        t->cancelled = true;
        return 1;
    }
    const auto now = Clock::now();
    if (t->totalLimit.count() > 0 && now - t->started > t->totalLimit) {
        t->totalTimedOut = true;
        return 1;
    }
    if (dlnow != t->lastDown || ulnow != t->lastUp) {
        t->lastDown = dlnow;
        t->lastUp = ulnow;
        t->lastProgress = now;
        return 0;
    }
    if (t->readTimeout.count() > 0 && now - t->lastProgress > t->readTimeout) {
        t->readTimedOut = true;
        return 1;
    }
    return 0;
}

bool isCredentialHeader(std::string_view header)
{
    const std::string name = toLower(trim(header.substr(0, header.find(':'))));
    return name == "authorization" || name == "proxy-authorization" || name == "x-amz-security-token" ||
           name == "cookie";
}

std::string schemeOf(std::string_view url)
{
    const auto sep = url.find("://");
    return sep == std::string_view::npos ? std::string() : toLower(url.substr(0, sep));
}

// Only http and https are ever spoken (libcurl would also speak gopher, dict,
// telnet, file, ... to whatever address a URL or a redirect names).
void checkScheme(std::string_view url, const std::string &what)
{
    const std::string scheme = schemeOf(url);
    if (scheme != "http" && scheme != "https")
        throw Error(ErrorKind::InvalidUrl, what + ": only http and https are allowed, not " +
                                               (scheme.empty() ? std::string("a URL without a scheme")
                                                               : quoted(shortened(scheme, 20) + "://")));
}

constexpr long kMaxRedirects = 5;

// Kept-alive connections one client holds at most, one per host: a worker
// reading from AIStore talks to the proxy and to every target, so this must
// cover the cluster's nodes (libcurl keeps only 5 by default, and then a
// sixth host closed the oldest connection on every read).
constexpr long kMaxConnections = 32;
constexpr long kStreamBufferSize = 256 * 1024;

} // namespace

std::string urlOrigin(std::string_view url)
{
    const std::string scheme = schemeOf(url);
    if (scheme != "http" && scheme != "https")
        return {};
    std::string_view rest = url.substr(scheme.size() + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos)
        rest.remove_prefix(at + 1);
    std::string hostPort = toLower(rest);
    const auto close = hostPort.rfind(']');
    const auto colon = hostPort.rfind(':');
    if (colon == std::string::npos || (close != std::string::npos && colon < close))
        hostPort += scheme == "https" ? ":443" : ":80";
    return scheme + "://" + hostPort;
}

UploadSource UploadSource::fromMemory(std::string_view data)
{
    UploadSource s;
    s.size = data.size();
    s.read = [data](std::uint64_t offset, char *buf, std::size_t n) -> std::size_t {
        if (offset >= data.size())
            return 0;
        const std::size_t k = std::min<std::uint64_t>(n, data.size() - offset);
        std::memcpy(buf, data.data() + offset, k);
        return k;
    };
    return s;
}

UploadSource UploadSource::fromFile(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorKind::Io, "cannot open " + path + ": " + std::strerror(errno));
    struct stat st{};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(ErrorKind::Io, path + " is not a regular file");
    }
    auto holder = std::shared_ptr<int>(new int(fd), [](int *p) {
        ::close(*p);
        delete p;
    });
    UploadSource s;
    s.size = static_cast<std::uint64_t>(st.st_size);
    s.read = [holder, path](std::uint64_t offset, char *buf, std::size_t n) -> std::size_t {
        const ssize_t k = ::pread(*holder, buf, n, static_cast<off_t>(offset));
        if (k < 0)
            throw Error(ErrorKind::Io, "cannot read " + path + ": " + std::strerror(errno));
        return static_cast<std::size_t>(k);
    };
    return s;
}

std::string HttpResponse::header(std::string_view name) const
{
    const std::string key = toLower(name);
    for (const auto &[k, v] : headers)
        if (k == key)
            return v;
    return {};
}

HttpClient::HttpClient(HttpOptions options) : m_options(std::move(options))
{
    globalInit();
    m_curl = curl_easy_init();
    if (!m_curl)
        throw Error(ErrorKind::Network, "cannot initialise libcurl");
}

HttpClient::~HttpClient()
{
    if (m_curl)
        curl_easy_cleanup(static_cast<CURL *>(m_curl));
}

HttpResponse HttpClient::perform(const HttpRequest &request)
{
    const std::string what = describe(request);
    checkScheme(request.url, what);
    const std::string home = urlOrigin(request.url);
    std::string url = request.url;
    bool credentials = true;
    for (long hop = 0;; ++hop) {
        std::string next;
        HttpResponse response = performOnce(request, url, credentials, &next);
        response.redirects = hop;
        if (next.empty())
            return response;
        if (hop >= kMaxRedirects)
            throw Error(ErrorKind::Protocol, what + ": too many redirects");
        const std::string origin = urlOrigin(next);
        checkScheme(next, what + ": redirected to " + quoted(shortened(next)));
        if (schemeOf(url) == "https" && schemeOf(next) == "http")
            throw Error(ErrorKind::Protocol, what + ": redirected from https to http (" + origin + "); refused");
        const auto &trusted = request.trustedOrigins;
        if (origin != home && std::find(trusted.begin(), trusted.end(), origin) == trusted.end()) {
            if (request.redirectOnlyToTrusted)
                throw Error(ErrorKind::Protocol,
                            what + ": redirected to a host that is not " + request.trustedName + " (" + origin + ")");
            credentials = false; // another host never sees this request's credentials
        }
        url = std::move(next);
    }
}

HttpResponse HttpClient::performOnce(const HttpRequest &request, const std::string &url, bool credentials,
                                     std::string *redirectTo)
{
    CURL *curl = static_cast<CURL *>(m_curl);
    curl_easy_reset(curl); // keeps the connection cache: keep-alive across requests

    HttpResponse response;
    Transfer t;
    t.request = &request;
    t.response = &response;
    t.curl = curl;
    t.readTimeout = m_options.readTimeout;
    t.maxBody = request.maxBodyBytes ? request.maxBodyBytes : m_options.maxBodyBytes;
    if (!request.sink && !request.upload)
        t.totalLimit = m_options.bufferedTotalTimeout;

    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500 // 7.85
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    // Object names are paths as they are: "a/../../v1/buckets/x" must not
    // become another endpoint of the API.
    curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    // A streamed body (a shard, a large object) arrives in reads of this size:
    // curl's 16 KiB default costs a system call and a sink call every 16 KiB.
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, request.sink ? kStreamBufferSize : long{CURL_MAX_WRITE_SIZE});
    // Set again on every request: curl_easy_reset() puts it back to
    // libcurl's default of 5.
    curl_easy_setopt(curl, CURLOPT_MAXCONNECTS, kMaxConnections);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connectTimeout.count()));
    if (m_options.totalTimeout.count() > 0)
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.totalTimeout.count()));
    // Redirects are followed by perform(), one hop per call, with the same
    // method and body: 301/302/303 never turn a request into a body-less GET.
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, m_options.verifyTls ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, m_options.verifyTls ? 2L : 0L);
    if (!m_options.caFile.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_options.caFile.c_str());
    const std::string ua = m_options.userAgent.empty() ? std::string("shardscope/") + kVersion : m_options.userAgent;
    curl_easy_setopt(curl, CURLOPT_USERAGENT, ua.c_str());

    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    // Coarse safety net in addition to the progress callback (seconds only).
    if (m_options.readTimeout.count() > 0) {
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                         static_cast<long>((m_options.readTimeout.count() + 999) / 1000 + 1));
    }

    struct curl_slist *headers = nullptr;
    for (const auto &h : request.headers)
        if (credentials || !isCredentialHeader(h))
            headers = curl_slist_append(headers, h.c_str());
    std::string rangeHeader;
    if (request.range) {
        rangeHeader = "Range: bytes=" + std::to_string(request.range->first) + "-";
        if (request.range->last)
            rangeHeader += std::to_string(*request.range->last);
        headers = curl_slist_append(headers, rangeHeader.c_str());
    }
    // Never let curl send "Expect: 100-continue": it costs a round trip per PUT.
    // Not on SigV4 requests: libcurl 7.88 signs this empty header although it
    // never sends it, and a verifying S3 server rejects the signature.
    if (request.awsSigV4.empty() || !credentials)
        headers = curl_slist_append(headers, "Expect:");

    const std::string &m = request.method;
    if (m == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.upload) {
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        if (m != "PUT")
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m.c_str());
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(curl, CURLOPT_READDATA, &t);
        curl_easy_setopt(curl, CURLOPT_SEEKFUNCTION, onSeek);
        curl_easy_setopt(curl, CURLOPT_SEEKDATA, &t);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.upload->size));
    } else if (request.hasBody) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m.c_str());
    } else if (m != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (!request.awsSigV4.empty() && credentials) {
        curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, request.awsSigV4.c_str());
        curl_easy_setopt(curl, CURLOPT_USERPWD, request.awsCredentials.c_str());
    }

    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);

    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    if (char *eff = nullptr; curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff)
        response.effectiveUrl = eff;

    if (t.error)
        std::rethrow_exception(t.error);
    const std::string what = describe(request);
    if (t.bodyTooLarge)
        throw Error(ErrorKind::Protocol, what + ": the answer is larger than the " + std::to_string(t.maxBody) +
                                             " bytes allowed for a listing or metadata held in memory");
    if (rc == CURLE_OK) {
        const long st = response.status;
        if (m_options.followRedirects && (st == 301 || st == 302 || st == 303 || st == 307 || st == 308)) {
            if (char *loc = nullptr; curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
                *redirectTo = loc;
        }
        if (response.ok())
            checkFinalResponse(t); // an empty body: the checks have not run yet
        return response;
    }

    const std::string detail = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    if (t.cancelled)
        throw Error(ErrorKind::Cancelled, what + ": cancelled");
    if (t.sinkAborted)
        throw Error(ErrorKind::Cancelled, what + ": stopped by the receiver");
    if (!t.uploadFailed.empty())
        throw Error(ErrorKind::Io, what + ": cannot read the data to send: " + t.uploadFailed);
    if (t.totalTimedOut)
        throw Error(ErrorKind::Timeout, what + ": no complete answer within " + std::to_string(t.totalLimit.count()) +
                                            " ms (the limit for a listing or metadata held in memory)");
    if (t.readTimedOut || rc == CURLE_OPERATION_TIMEDOUT) {
        if (response.status == 0 && rc == CURLE_OPERATION_TIMEDOUT && std::strstr(detail.c_str(), "onnect"))
            throw Error(ErrorKind::Timeout, what + ": no connection within " +
                                                std::to_string(m_options.connectTimeout.count()) + " ms (" +
                                                detail + ")");
        throw Error(ErrorKind::Timeout, what + ": no data for " +
                                            std::to_string(m_options.readTimeout.count()) +
                                            " ms (read timeout)");
    }
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
        throw Error(ErrorKind::Network, what + ": cannot connect (" + detail + "); is the server running?");
    case CURLE_COULDNT_RESOLVE_HOST:
        throw Error(ErrorKind::Network, what + ": cannot resolve host (" + detail + ")");
    case CURLE_UNSUPPORTED_PROTOCOL:
        throw Error(ErrorKind::InvalidUrl, what + ": only http and https are allowed (" + detail + ")");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
        throw Error(ErrorKind::Network, what + ": TLS error (" + detail + ")");
    default:
        throw Error(ErrorKind::Network, what + ": " + detail);
    }
}

} // namespace shardscope
