#pragma once

#include "core/health/tar_layout.h"
#include "core/storage/store.h"

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace shardscope {

// DALI's WebDataset index (the .idx that fn.readers.webdataset takes, as
// DALI's tools/wds2idx.py writes it): a "v1.2 <samples>" line, then one line
// per sample of "<ext> <data offset> <size> <member name>" for each of its
// members. Samples group consecutive regular files by the path up to the
// first dot of the file name; hidden files and members without an extension
// are left out. A name holding a space or a line break cannot be written in
// that format: Error(InvalidArgument) naming the shard and the member.
std::string daliIndex(const std::vector<TarMemberLayout> &layout, const std::string &shardUrl);

struct DaliEntry
{
    std::string ext;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::string name;
};
using DaliSample = std::vector<DaliEntry>;

// Parses an index written by daliIndex or wds2idx (v1.2, or v1.1 without names);
// throws Error(Protocol) naming `origin` and the line.
std::vector<DaliSample> parseDaliIndex(const std::string &text, const std::string &origin);

struct IndexCheck
{
    std::uint64_t samples = 0;
    std::uint64_t members = 0;
    std::uint64_t rangeGets = 0;
    std::vector<std::string> mismatches; // what differs, naming the member (empty: the index is right)
};

// Checks an index against its shard: reads the shard once (each member's
// bytes hashed as they stream), then reads every entry's range with a range
// GET and compares bytes (by hash) and sizes; members of the shard the index
// misses are mismatches too.
IndexCheck verifyDaliIndex(Store &store, const std::string &bucket, const std::string &shard,
                           const std::vector<DaliSample> &index, const std::atomic<bool> *cancel = nullptr);

} // namespace shardscope
