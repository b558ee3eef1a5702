#include "storage/http_client.h"

#include "util/error.h"
#include "util/strings.h"
#include "shardscope/version.h"

#include <curl/curl.h>

#include <cerrno>
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
    bool sinkAborted = false;
    std::string uploadFailed;
    bool readTimedOut = false;
    bool cancelled = false;
    curl_off_t lastDown = -1, lastUp = -1;
    Clock::time_point lastProgress = Clock::now();
    std::chrono::milliseconds readTimeout{0};
};

size_t onHeader(char *buffer, size_t size, size_t nitems, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t len = size * nitems;
    std::string_view line(buffer, len);
    if (startsWith(line, "HTTP/")) { // a new response (after a redirect): start over
        t->response->headers.clear();
        return len;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        t->response->headers.emplace_back(toLower(line.substr(0, colon)), trim(line.substr(colon + 1)));
    }
    return len;
}

size_t onWrite(char *data, size_t size, size_t nmemb, void *userdata)
{
    auto *t = static_cast<Transfer *>(userdata);
    const size_t len = size * nmemb;
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    const bool success = status >= 200 && status < 300;
    if (success && t->request->sink) {
        if (!t->request->sink(data, len)) {
            t->sinkAborted = true;
            return 0; // makes curl fail with CURLE_WRITE_ERROR
        }
        return len;
    }
    std::string &body = t->response->body;
    if (!success && body.size() >= kMaxErrorBody)
        return len; // keep the first part of an error body, drop the rest
    body.append(data, success ? len : std::min(len, kMaxErrorBody - body.size()));
    return len;
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

std::string describe(const HttpRequest &r) { return r.method + " " + r.url; }

} // namespace

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
    CURL *curl = static_cast<CURL *>(m_curl);
    curl_easy_reset(curl); // keeps the connection cache: keep-alive across requests

    HttpResponse response;
    Transfer t;
    t.request = &request;
    t.response = &response;
    t.curl = curl;
    t.readTimeout = m_options.readTimeout;

    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connectTimeout.count()));
    if (m_options.totalTimeout.count() > 0)
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.totalTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, m_options.followRedirects ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    // 301/302/303 must not turn a request with a body into a body-less GET.
    curl_easy_setopt(curl, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_ALL));
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
        headers = curl_slist_append(headers, h.c_str());
    // Never let curl send "Expect: 100-continue": it costs a round trip per PUT.
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
    if (!request.awsSigV4.empty()) {
        curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, request.awsSigV4.c_str());
        curl_easy_setopt(curl, CURLOPT_USERPWD, request.awsCredentials.c_str());
    }

    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);

    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_easy_getinfo(curl, CURLINFO_REDIRECT_COUNT, &response.redirects);
    if (char *eff = nullptr; curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &eff) == CURLE_OK && eff)
        response.effectiveUrl = eff;

    if (rc == CURLE_OK)
        return response;

    const std::string what = describe(request);
    const std::string detail = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    if (t.cancelled)
        throw Error(ErrorKind::Cancelled, what + ": cancelled");
    if (t.sinkAborted)
        throw Error(ErrorKind::Cancelled, what + ": stopped by the receiver");
    if (!t.uploadFailed.empty())
        throw Error(ErrorKind::Io, what + ": cannot read the data to send: " + t.uploadFailed);
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
    case CURLE_TOO_MANY_REDIRECTS:
        throw Error(ErrorKind::Protocol, what + ": too many redirects");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CONNECT_ERROR:
        throw Error(ErrorKind::Network, what + ": TLS error (" + detail + ")");
    default:
        throw Error(ErrorKind::Network, what + ": " + detail);
    }
}

} // namespace shardscope
