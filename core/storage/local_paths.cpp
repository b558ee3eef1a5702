#include "core/storage/local_paths.h"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace shardscope {
namespace {
std::string env(const char *name)
{
    const char *v = std::getenv(name);
    return (v && *v) ? std::string(v) : std::string();
}
} // namespace

std::string defaultLocalStoreRoot()
{
    if (const std::string d = env("SHARDSCOPE_DATA_DIR"); !d.empty())
        return d + "/buckets";
    if (const std::string x = env("XDG_DATA_HOME"); !x.empty() && x.front() == '/')
        return x + "/shardscope/buckets";
    std::string home = env("HOME");
    if (home.empty())
        if (const passwd *pw = ::getpwuid(::getuid()); pw && pw->pw_dir)
            home = pw->pw_dir;
    return home + "/.local/share/shardscope/buckets";
}

} // namespace shardscope
