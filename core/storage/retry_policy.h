#pragma once

#include <chrono>

namespace shardscope {

// When and how long to try again, like AIStore's SDK: HTTP 429/500/502/503/504
// and network errors (connection refused or reset, timeouts) are retried with
// exponential backoff, each retry re-issued through the proxy so that a
// restarted or replaced target is found again; the whole operation never takes
// longer than `budget` beyond its first attempt.
struct RetryPolicy
{
    int maxAttempts = 6; // 1 = no retries
    std::chrono::milliseconds initialBackoff{200};
    std::chrono::milliseconds maxBackoff{5000};
    std::chrono::milliseconds budget{30000};

    static RetryPolicy none()
    {
        RetryPolicy p;
        p.maxAttempts = 1;
        return p;
    }
    // The wait before attempt number `attempt` (2, 3, ...), with +-25% jitter.
    std::chrono::milliseconds backoff(int attempt) const;
};

bool isRetryableStatus(long status) noexcept;

} // namespace shardscope
