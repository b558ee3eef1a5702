#pragma once

#include "core/storage/ais_client.h"

#include <memory>
#include <string>
#include <vector>

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

// The cluster's processes, for tests that change its membership. They work
// only on a cluster that scripts/cluster-start.sh started in AIS_CLUSTER_DIR
// (default /var/tmp/shardscope-ais) whose proxy is AIS_ENDPOINT: anything
// else (the shared cluster seen through another directory) is refused.
namespace clustertest {

struct TargetProcess
{
    int index = -1;  // t<index> in AIS_CLUSTER_DIR; port AIS_TARGET_PORT + index
    std::string id;  // node id in the cluster map ("" when not in it)
    std::string url; // public URL
    long pid = 0;
    std::vector<std::string> mountpaths; // directories holding its objects
};

// Empty when the process helpers may act on AIS_CLUSTER_DIR; otherwise why not.
std::string processHelpersUnavailable();
// Runs scripts/<script> (cluster-node.sh, cluster-start.sh, cluster-stop.sh)
// on that cluster with `args`; returns its exit code and puts stdout + stderr
// in *output.
int clusterScript(const std::string &script, const std::vector<std::string> &args, std::string *output);
inline int clusterNode(const std::vector<std::string> &args, std::string *output)
{
    return clusterScript("cluster-node.sh", args, output);
}
std::vector<TargetProcess> targets();
// The target with that node id, or one with index -1.
TargetProcess targetById(const std::string &id);
// The process of the target that owns bucket/object in the cluster map now
// (pid 0 when there is none).
TargetProcess owningTarget(const std::string &bucket, const std::string &object);
// Objects stored on a target: the names (bucket-relative) of the files of
// ais://bucket under its mountpaths.
std::vector<std::string> objectsOnTarget(const TargetProcess &t, const std::string &bucket);

} // namespace clustertest
