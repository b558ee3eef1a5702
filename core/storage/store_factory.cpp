#include "core/storage/store_factory.h"

#include "core/storage/ais_store.h"
#include "core/storage/endpoint.h"
#include "core/storage/file_store.h"
#include "core/storage/local_paths.h"
#include "core/storage/s3_store.h"
#include "core/util/error.h"

#include <sys/stat.h>

namespace shardscope {
namespace {

bool isDirectory(const std::string &path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

StoreLocation openStore(const StoreUrl &url, const StoreOptions &options, bool wholePathIsBucket)
{
    StoreLocation loc;
    switch (url.scheme) {
    case StoreUrl::Scheme::Ais: {
        AisOptions o;
        o.endpoint = resolveAisEndpoint(options.endpoint);
        o.token = options.aisToken.empty() ? aisTokenFromEnvironment() : options.aisToken;
        o.http = options.http;
        o.retry = options.retry;
        o.directReads = options.aisDirectReads;
        loc.store = std::make_unique<AisStore>(std::move(o));
        loc.bucket = url.bucket;
        loc.path = url.path;
        return loc;
    }
    case StoreUrl::Scheme::S3: {
        S3Options o = S3Options::fromEnvironment(options.endpoint);
        if (!options.s3AccessKey.empty()) {
            o.accessKey = options.s3AccessKey;
            o.secretKey = options.s3SecretKey;
        }
        o.http = options.http;
        o.retry = options.retry;
        loc.store = std::make_unique<S3Store>(std::move(o));
        loc.bucket = url.bucket;
        loc.path = url.path;
        return loc;
    }
    case StoreUrl::Scheme::Local: {
        loc.store = FileStore::forLocalRoot(options.localRoot.empty() ? defaultLocalStoreRoot() : options.localRoot);
        loc.bucket = url.bucket;
        loc.path = url.path;
        return loc;
    }
    case StoreUrl::Scheme::File: {
        loc.store = FileStore::forFileUrls();
        const std::string &p = url.path;
        if (wholePathIsBucket || isDirectory(p)) {
            loc.bucket = p;
            return loc;
        }
        // The deepest existing directory is the bucket; the rest names objects.
        std::string dir = p;
        while (true) {
            const auto slash = dir.rfind('/');
            if (slash == std::string::npos || slash == 0) {
                dir = "/";
                break;
            }
            dir = dir.substr(0, slash);
            if (isDirectory(dir))
                break;
        }
        if (dir == "/")
            throw Error(ErrorKind::BucketNotFound, "file://" + p + ": no such directory");
        loc.bucket = dir;
        loc.path = p.substr(dir.size() + 1);
        return loc;
    }
    }
    throw Error(ErrorKind::InvalidUrl, "unsupported URL " + url.toString());
}

} // namespace shardscope
