#include "core/storage/transfer.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <chrono>

namespace shardscope {

std::uint64_t downloadObject(Store &store, const std::string &bucket, const std::string &object,
                             const GetRequest &request, const std::string &path,
                             const DownloadProgress &progress)
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

void uploadFile(Store &store, const std::string &bucket, const std::string &object, const std::string &path,
                const DownloadProgress &progress, const std::atomic<bool> *cancel)
{
    UploadSource source = UploadSource::fromFile(path);
    const std::uint64_t total = source.size;
    auto lastReport = std::chrono::steady_clock::now();
    auto read = source.read;
    source.read = [&, read](std::uint64_t offset, char *buf, std::size_t n) {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "stopped uploading " + path);
        const std::size_t got = read(offset, buf, n);
        if (progress) {
            const auto now = std::chrono::steady_clock::now();
            if (now - lastReport >= std::chrono::milliseconds(100)) {
                lastReport = now;
                progress(offset + got, total);
            }
        }
        return got;
    };
    try {
        store.put(bucket, object, source);
    } catch (const Error &) {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "stopped uploading " + path + " to " + object);
        throw;
    }
    if (progress)
        progress(total, total);
}

} // namespace shardscope
