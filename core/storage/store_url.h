#pragma once

#include <string>
#include <string_view>

namespace shardscope {

// A location in a store, as a user types it:
//   ais://                  all buckets of the AIStore cluster
//   ais://bucket[/prefix]   a bucket, optionally narrowed to a prefix or object
//   s3://bucket[/prefix]    the same through the S3 API
//   file:///abs/dir[/...]   a local directory used as a bucket
//   local://bucket[/prefix] a bucket of the embedded default store
// The part after the bucket is taken literally (it is not percent-decoded), so
// object names with spaces, '%', '?' or '#' can be typed as they are.
struct StoreUrl
{
    enum class Scheme { Ais, S3, File, Local };

    Scheme scheme = Scheme::Ais;
    std::string bucket; // empty for "ais://" and "s3://"; unused for file://
    std::string path;   // prefix or object name (ais, s3); absolute path (file)

    bool isRoot() const noexcept { return scheme != Scheme::File && bucket.empty(); }
    std::string schemeName() const;
    std::string toString() const;
};

// Parses and validates a store URL; throws Error(ErrorKind::InvalidUrl) with a
// message that quotes the input and says what is wrong and what is expected.
StoreUrl parseStoreUrl(std::string_view text);

// Throws Error(InvalidUrl) unless `name` is a valid bucket name: 1..64 of
// letters, digits, '-', '_' and '.', and not "." or "..".
void validateBucketName(std::string_view name);

} // namespace shardscope
