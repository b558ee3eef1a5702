#pragma once

#include "core/storage/http_client.h"
#include "core/storage/retry_policy.h"
#include "core/storage/store.h"
#include "core/storage/store_url.h"

#include <memory>
#include <optional>
#include <string>

namespace shardscope {

struct StoreOptions
{
    std::optional<std::string> endpoint; // --endpoint: AIStore proxy, or S3 endpoint for s3://
    HttpOptions http;
    RetryPolicy retry;
    std::string localRoot; // local://; empty = defaultLocalStoreRoot()
    bool aisDirectReads = true; // ais://: GET from the owning target (see AisOptions::directReads)
    // s3:// credentials given by the user (GUI); when empty, AWS_* variables.
    // Kept in memory only: nothing in shardscope writes them anywhere.
    std::string s3AccessKey;
    std::string s3SecretKey;
    // ais:// AuthN token given by the user (GUI), in memory only; when empty, AIS_AUTHN_TOKEN.
    std::string aisToken;
};

// A URL opened: the store and what the URL names inside it.
struct StoreLocation
{
    std::unique_ptr<Store> store;
    std::string bucket; // empty: the URL names the whole store ("ais://", "local://")
    std::string path;   // prefix or object name
    std::string url() const { return store->url(bucket, path); }
};

// Opens the store a URL belongs to. For file:// URLs the bucket is the deepest
// existing directory of the path and the rest is the object name or prefix
// (file:///data/wds/train/shard- = bucket /data/wds/train, prefix "shard-");
// with `wholePathIsBucket` (creating a bucket) the whole path is the bucket.
StoreLocation openStore(const StoreUrl &url, const StoreOptions &options, bool wholePathIsBucket = false);

} // namespace shardscope
