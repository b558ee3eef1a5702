#pragma once

#include "core/storage/ais_client.h"

#include <memory>
#include <string>

// Shared by the tests that need the real AIStore cluster started by
// scripts/cluster-start.sh (AIS_ENDPOINT, default http://127.0.0.1:8080).
namespace clustertest {

std::string endpoint();
shardscope::AisOptions options();
std::unique_ptr<shardscope::AisClient> client();

// Empty when the cluster answers; otherwise a message saying how to start it.
std::string unreachableReason();

// A bucket name no other run uses: "<stem>-<pid>-<random>".
std::string uniqueBucket(const std::string &stem);

// Deterministic pseudo-random bytes.
std::string randomBytes(size_t size, unsigned seed);

} // namespace clustertest
