#include "cluster_fixture.h"

#include "core/storage/endpoint.h"
#include "core/util/error.h"

#include <random>
#include <unistd.h>

namespace clustertest {

std::string endpoint() { return shardscope::resolveAisEndpoint(std::nullopt); }

shardscope::AisOptions options()
{
    shardscope::AisOptions o;
    o.endpoint = endpoint();
    o.token = shardscope::aisTokenFromEnvironment();
    o.http.connectTimeout = std::chrono::milliseconds(3000);
    o.http.readTimeout = std::chrono::milliseconds(30000);
    return o;
}

std::unique_ptr<shardscope::AisClient> client() { return std::make_unique<shardscope::AisClient>(options()); }

std::string unreachableReason()
{
    try {
        auto c = client();
        c->checkHealth();
        if (!c->isReady())
            return "the AIStore cluster at " + endpoint() + " is not ready";
        return {};
    } catch (const shardscope::Error &e) {
        return std::string("no AIStore cluster: ") + e.what() +
               ". Start one with scripts/cluster-start.sh (or run scripts/test.sh).";
    }
}

std::string uniqueBucket(const std::string &stem)
{
    std::random_device rd;
    return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
}

std::string randomBytes(size_t size, unsigned seed)
{
    std::mt19937 gen(seed);
    std::string s(size, '\0');
    for (auto &c : s)
        c = static_cast<char>(gen() & 0xff);
    return s;
}

} // namespace clustertest
