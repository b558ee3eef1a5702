#pragma once
// The data both loader test files read, in a local bucket: 97 objects
// "objs/o-NNN.bin" of 100 + NNN bytes, and 6 gzipped tar shards
// "shards/shard-S.tar.gz" of 20 samples each (s0..s119, .png and .cls).

#include "core/gen/dataset_generator.h"
#include "core/storage/file_store.h"

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace shardscope::testdata {

inline std::vector<std::string> shardNames()
{
    std::vector<std::string> shards;
    for (int s = 0; s < 6; ++s)
        shards.push_back("shards/shard-" + std::to_string(s) + ".tar.gz");
    return shards;
}

// Writes the objects and shards into `bucket` (created first); returns the
// object names in order.
inline std::vector<std::string> writeLoaderData(FileStore &store, const std::string &bucket)
{
    store.createBucket(bucket);
    std::vector<std::string> objects;
    for (int i = 0; i < 97; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "objs/o-%03d.bin", i);
        store.putBytes(bucket, name,
                       randomPayload(1, static_cast<std::uint64_t>(i), 100 + static_cast<std::uint64_t>(i)));
        objects.push_back(name);
    }
    SampleSpec spec;
    spec.extensions = {"png", "cls"};
    const std::vector<std::string> shards = shardNames();
    for (int s = 0; s < 6; ++s) {
        std::vector<std::pair<std::string, std::string>> members;
        for (int k = 0; k < 20; ++k)
            for (auto &[ext, bytes] : generateSample(spec, static_cast<std::uint64_t>(s * 20 + k)))
                members.emplace_back("s" + std::to_string(s * 20 + k) + "." + ext, std::move(bytes));
        store.putBytes(bucket, shards[static_cast<std::size_t>(s)],
                       writeArchive(ShardFormat::TarGz, members));
    }
    return objects;
}

} // namespace shardscope::testdata
