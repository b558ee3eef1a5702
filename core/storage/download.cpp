#include "core/storage/download.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <chrono>

namespace shardscope {

std::uint64_t downloadObject(Store &store, const std::string &bucket, const std::string &object,
                             const GetRequest &request, const std::string &path, const DownloadProgress &progress)
{
    std::uint64_t total = 0;
    if (progress && !request.range && request.archivePath.empty())
        total = store.head(bucket, object).size;
    AtomicFile file(path);
    std::uint64_t done = 0;
    auto lastReport = std::chrono::steady_clock::now();
    const std::uint64_t n = store.get(bucket, object, request, [&](const char *data, std::size_t size) {
        file.write(data, size);
        done += size;
        if (progress) {
            const auto now = std::chrono::steady_clock::now();
            if (now - lastReport >= std::chrono::milliseconds(100)) {
                lastReport = now;
                progress(done, total);
            }
        }
        return !(request.cancel && request.cancel->load());
    });
    if (request.cancel && request.cancel->load())
        throw Error(ErrorKind::Cancelled, "stopped saving " + object + " to " + path);
    file.commit();
    if (progress)
        progress(n, total ? total : n);
    return n;
}

} // namespace shardscope
