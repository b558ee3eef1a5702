#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shardscope {

struct HttpOptions
{
    std::chrono::milliseconds connectTimeout{3000};
    // A request fails when no byte moves in either direction for this long.
    std::chrono::milliseconds readTimeout{20000};
    // Upper bound for one whole request including redirects; 0 = none.
    std::chrono::milliseconds totalTimeout{0};
    // Upper bound for a request whose answer is held in memory (no sink, no
    // upload: listings, maps, metadata), so that a server dripping an endless
    // answer cannot hold it forever; 0 = none.
    std::chrono::milliseconds bufferedTotalTimeout{300000};
    bool followRedirects = true;
    bool verifyTls = true;
    std::string caFile; // PEM bundle for https endpoints; empty = system default
    std::string userAgent;
    // Largest body kept in memory for a successful response without a sink
    // (listings, cluster maps, metadata); a bigger one fails the request.
    std::size_t maxBodyBytes = std::size_t(64) << 20;
};

// Data to upload, read by offset so that a redirect (307) or a retry can send
// it again without the caller keeping it in memory.
struct UploadSource
{
    std::uint64_t size = 0;
    // Fills buf with up to n bytes starting at offset; returns the count (0 only past the end).
    std::function<std::size_t(std::uint64_t offset, char *buf, std::size_t n)> read;

    static UploadSource fromMemory(std::string_view data); // the data must outlive the source
    static UploadSource fromFile(const std::string &path); // throws Error(Io)
};

// Receives the body of a successful (2xx) response in chunks; return false to
// abort the transfer (the request then fails with ErrorKind::Cancelled).
using BodySink = std::function<bool(const char *data, std::size_t size)>;

// Bytes [first, last] of a resource; no `last` means to its end.
struct HttpRange
{
    std::uint64_t first = 0;
    std::optional<std::uint64_t> last;
};

struct HttpResponse;

struct HttpRequest
{
    std::string method = "GET";
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string_view body;            // small request body, sent when hasBody (also for GET: AIS list calls)
    bool hasBody = false;
    const UploadSource *upload = nullptr; // streamed request body (PUT)
    // AWS Signature V4 done by libcurl: provider string ("aws:amz:us-east-1:s3")
    // and "key:secret" credentials. Never logged or put in messages.
    std::string awsSigV4;
    std::string awsCredentials;
    BodySink sink;                           // streams a 2xx body instead of buffering it
    const std::atomic<bool> *cancel = nullptr; // checked while the transfer runs

    // Sends "Range: bytes=first-[last]" and accepts as success only 206 with
    // the matching Content-Range: anything else fails the request (Protocol)
    // before its first byte reaches the sink.
    std::optional<HttpRange> range;
    // Called once the headers of the final 2xx response are in, before the
    // first byte reaches the sink; throws to refuse the response.
    std::function<void(const HttpResponse &)> checkResponse;
    // Overrides HttpOptions::maxBodyBytes for this request when not 0.
    std::size_t maxBodyBytes = 0;

    // Credentials (Authorization, X-Amz-Security-Token, Cookie headers and the
    // SigV4 signature) go to the request's own origin and, after a redirect,
    // only to these origins (as urlOrigin gives them). A redirect to another
    // origin drops them or, with redirectOnlyToTrusted, fails the request
    // naming the host as "not <trustedName>".
    std::vector<std::string> trustedOrigins;
    bool redirectOnlyToTrusted = false;
    std::string trustedName = "a trusted host";
};

struct HttpResponse
{
    long status = 0;
    std::string body; // the whole body unless a sink took it; error bodies always land here
    std::vector<std::pair<std::string, std::string>> headers; // of the final response, names lower-case
    std::string effectiveUrl;
    long redirects = 0;

    // Value of a header (case-insensitive name), or empty.
    std::string header(std::string_view name) const;
    bool ok() const noexcept { return status >= 200 && status < 300; }
};

// One libcurl easy handle: reuses its kept-alive connections across requests.
// Speaks only http and https, sends paths as they are (no dot-segment
// folding), follows redirects itself (see HttpRequest::trustedOrigins) and
// never lets an exception from a sink or upload source unwind through
// libcurl: it is rethrown from perform(). Not thread-safe: use one HttpClient
// per thread.
class HttpClient
{
public:
    explicit HttpClient(HttpOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    const HttpOptions &options() const noexcept { return m_options; }

    // Performs the request. Transport failures throw Error (Network, Timeout,
    // Cancelled) naming the method and URL; HTTP error statuses do not throw.
    HttpResponse perform(const HttpRequest &request);

private:
    HttpResponse performOnce(const HttpRequest &request, const std::string &url, bool credentials,
                             std::string *redirectTo);

    HttpOptions m_options;
    void *m_curl = nullptr; // CURL*
};

// "scheme://host:port" of an http(s) URL, lower-case, with the default port
// filled in; empty when the URL is not http or https.
std::string urlOrigin(std::string_view url);

} // namespace shardscope
