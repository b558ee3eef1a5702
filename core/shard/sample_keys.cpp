#include "core/shard/sample_keys.h"

#include "core/util/error.h"
#include "core/util/strings.h"

namespace shardscope {

MemberKey splitMemberName(std::string_view name, KeyRule rule)
{
    MemberKey k;
    const std::size_t slash = name.rfind('/');
    const std::size_t base = slash == std::string_view::npos ? 0 : slash + 1;
    const std::string_view file = name.substr(base);
    const std::size_t firstDot = file.find('.');
    if (rule == KeyRule::WebDataset) {
        // The key must be non-empty: ".hidden" is not a sample member.
        if (firstDot == std::string_view::npos || firstDot == 0 || firstDot + 1 == file.size())
            return k;
        k.key = std::string(name.substr(0, base + firstDot));
        k.ext = toLower(file.substr(firstDot + 1)); // as WebDataset's group_by_keys(lcase=True)
        k.valid = true;
        return k;
    }
    // AISShardReader (SDK 1.25): key = name.split("/")[-1].split(".")[0] and
    // extension = name.split(".")[1], of the whole name: the text between its
    // first and second dot, even inside a directory ("v1.0/x.jpg" -> "0/x").
    // A name without a dot makes the SDK raise IndexError; here it is no
    // sample member.
    const std::size_t dot = name.find('.');
    if (dot == std::string_view::npos)
        return k;
    const std::size_t next = name.find('.', dot + 1);
    k.key = std::string(file.substr(0, firstDot));
    k.ext = std::string(
        name.substr(dot + 1, next == std::string_view::npos ? std::string_view::npos : next - dot - 1));
    k.valid = true;
    return k;
}

KeyRule parseKeyRule(const std::string &name)
{
    if (name == "webdataset" || name == "wds")
        return KeyRule::WebDataset;
    if (name == "sdk" || name == "ais")
        return KeyRule::AisSdk;
    throw Error(ErrorKind::InvalidArgument, "unknown key rule '" + name + "'; use webdataset or sdk");
}

} // namespace shardscope
