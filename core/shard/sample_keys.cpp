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
    const std::size_t lastDot = file.rfind('.');
    if (lastDot == std::string_view::npos || lastDot + 1 == file.size())
        return k;
    k.key = std::string(file.substr(0, firstDot));
    k.ext = std::string(file.substr(lastDot + 1));
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
