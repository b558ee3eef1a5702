#pragma once

#include "core/storage/http_client.h"
#include "core/storage/retry_policy.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace shardscope {

// Performs `request`, retrying per `policy`: retryable HTTP statuses always,
// transport errors (refused, reset, timeout) only once the server has answered
// at least once (`everAnswered`, updated here), so a wrong endpoint fails at
// once. Returns the last response (maybe an error status); transport errors
// are rethrown as "<operation>: <what happened> (gave up after N attempts)".
HttpResponse performWithRetries(HttpClient &http, HttpRequest &request, const RetryPolicy &policy,
                                bool &everAnswered, const std::string &operation);

// Sleeps `d`, waking early when `cancel` is set; returns false if cancelled.
bool sleepUnlessCancelled(std::chrono::milliseconds d, const std::atomic<bool> *cancel);

bool isTransportError(const class Error &e);

// Retries performed by this process so far (all stores, all threads): the
// profiler reports the difference over a run.
std::uint64_t retriesSoFar() noexcept;

} // namespace shardscope
