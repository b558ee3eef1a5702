#include "core/storage/retrying_http.h"

#include "core/util/error.h"

#include <thread>

namespace shardscope {

using Clock = std::chrono::steady_clock;

bool isTransportError(const Error &e)
{
    return e.kind() == ErrorKind::Network || e.kind() == ErrorKind::Timeout;
}

bool sleepUnlessCancelled(std::chrono::milliseconds d, const std::atomic<bool> *cancel)
{
    const auto until = Clock::now() + d;
    while (Clock::now() < until) {
        if (cancel && cancel->load())
            return false;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        std::this_thread::sleep_for(std::min(std::chrono::milliseconds(50), left + std::chrono::milliseconds(1)));
    }
    return !(cancel && cancel->load());
}

namespace {
std::atomic<std::uint64_t> g_retries{0};
} // namespace

HttpResponse performWithRetries(HttpClient &http, HttpRequest &r, const RetryPolicy &policy, bool &everAnswered,
                                const std::string &operation)
{
    const auto start = Clock::now();
    for (int attempt = 1;; ++attempt) {
        const bool last = attempt >= policy.maxAttempts;
        const auto wait = policy.backoff(attempt + 1);
        const bool budgetLeft = Clock::now() - start + wait <= policy.budget;
        try {
            HttpResponse resp = http.perform(r);
            everAnswered = true;
            if (!isRetryableStatus(resp.status) || last || !budgetLeft)
                return resp;
        } catch (const Error &e) {
            if (!isTransportError(e) || !everAnswered || last || !budgetLeft) {
                std::string text = operation + ": " + e.what();
                if (attempt > 1)
                    text += " (gave up after " + std::to_string(attempt) + " attempts)";
                throw Error(e.kind(), text, e.httpStatus());
            }
        }
        if (!sleepUnlessCancelled(wait, r.cancel))
            throw Error(ErrorKind::Cancelled, operation + ": cancelled");
        g_retries.fetch_add(1, std::memory_order_relaxed);
    }
}

std::uint64_t retriesSoFar() noexcept { return g_retries.load(std::memory_order_relaxed); }

} // namespace shardscope
