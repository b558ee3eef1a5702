#pragma once

#include <string>
#include <string_view>

namespace shardscope {

// How member names of a shard split into (sample key, extension).
enum class KeyRule
{
    // WebDataset: key = directory + name up to the first dot of the file
    // name, extension = everything after that dot, lower-cased as WebDataset
    // does by default ("a/b/IMG.Seg.PNG" -> "a/b/IMG", "seg.png"; ASCII
    // letters only). Consecutive members with the same key form a sample.
    WebDataset,
    // AIStore's AISShardReader: key = file name up to its first dot, without
    // directories; extension = the whole name's text between its first and
    // second dot, case kept as the SDK keeps it ("a/b/img.seg.PNG" -> "img",
    // "seg"). Members with the same key anywhere in the shard merge.
    AisSdk,
};

struct MemberKey
{
    std::string key;
    std::string ext;
    bool valid = false; // false: the member has no extension (it belongs to no sample)
};

MemberKey splitMemberName(std::string_view name, KeyRule rule);
KeyRule parseKeyRule(const std::string &name); // "webdataset" | "sdk"; throws Error(InvalidArgument)

} // namespace shardscope
