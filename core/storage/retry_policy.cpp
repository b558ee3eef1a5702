#include "core/storage/retry_policy.h"

#include <algorithm>
#include <random>

namespace shardscope {

std::chrono::milliseconds RetryPolicy::backoff(int attempt) const
{
    double ms = static_cast<double>(initialBackoff.count());
    for (int i = 2; i < attempt; ++i)
        ms *= 2;
    ms = std::min(ms, static_cast<double>(maxBackoff.count()));
    thread_local std::minstd_rand gen(std::random_device{}());
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    return std::chrono::milliseconds(static_cast<long long>(ms * jitter(gen)));
}

bool isRetryableStatus(long status) noexcept
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

} // namespace shardscope
