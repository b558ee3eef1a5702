#include "fuzz_targets.h"

#include "core/config/dataset_config.h"
#include "core/data/brace_expand.h"
#include "core/decode/decoded.h"
#include "core/shard/archive_reader.h"
#include "core/shard/shard_reader.h"
#include "core/storage/ais_errors.h"
#include "core/storage/ais_listing.h"
#include "core/storage/ais_types.h"
#include "core/storage/s3_store.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace shardscope::fuzz {
namespace {

// A store holding one object: the fuzz input.
class OneObjectStore final : public Store
{
public:
    OneObjectStore(const std::uint8_t *data, std::size_t size) : m_data(reinterpret_cast<const char *>(data), size) {}
    std::string scheme() const override { return "mem"; }
    std::string url(const std::string &bucket, const std::string &object) const override
    {
        return "mem://" + bucket + "/" + object;
    }
    std::vector<std::string> listBuckets() override { return {"b"}; }
    ListPage listPage(const std::string &, const ListRequest &, const std::string &) override
    {
        return {{ObjectInfo{"shard.tar", m_data.size(), {}, {}, {}, false}}, {}};
    }
    std::vector<ArchiveMember> listArchive(const std::string &, const std::string &) override { return {}; }
    ObjectInfo head(const std::string &, const std::string &object) override
    {
        return ObjectInfo{object, m_data.size(), {}, {}, {}, false};
    }
    std::uint64_t get(const std::string &, const std::string &, const GetRequest &, const BodySink &sink) override
    {
        // Deliver in uneven chunks, as a network would.
        std::size_t at = 0, step = 1;
        while (at < m_data.size()) {
            const std::size_t n = std::min(step, m_data.size() - at);
            if (!sink(m_data.data() + at, n))
                break;
            at += n;
            step = step * 3 + 1;
        }
        return m_data.size();
    }
    void put(const std::string &, const std::string &, const UploadSource &) override {}
    void createBucket(const std::string &) override {}
    void destroyBucket(const std::string &) override {}

private:
    std::string m_data;
};

std::string text(const std::uint8_t *data, std::size_t size)
{
    return std::string(reinterpret_cast<const char *>(data), size);
}

} // namespace

void shardGrouping(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return;
    // First byte: the key rule and the error policy; the rest: the shard.
    ShardReadOptions options;
    options.rule = (data[0] & 1) ? KeyRule::AisSdk : KeyRule::WebDataset;
    options.onError = (data[0] & 2) ? ErrorPolicy::Skip : ErrorPolicy::Stop;
    options.maxSampleBytes = 1 << 20;
    OneObjectStore store(data + 1, size - 1);
    ShardReader reader(store, "b", options);
    try {
        std::uint64_t bytes = 0;
        reader.read(
            "shard.tar",
            [&bytes](Sample &&s) {
                if (s.key.empty() && s.members.empty())
                    __builtin_trap(); // a sample is never empty
                bytes += s.bytes();
                return true;
            },
            [](const ShardProblem &p) {
                if (p.shard != "shard.tar" || p.message.empty())
                    __builtin_trap(); // problems name their shard and say what
            });
    } catch (const Error &) {
    }
}

void archiveStream(const std::uint8_t *data, std::size_t size)
{
    std::size_t at = 0;
    ArchiveReader reader(
        [&](char *buf, std::size_t n) {
            const std::size_t k = std::min(n, size - at);
            std::memcpy(buf, data + at, k);
            at += k;
            return k;
        },
        "mem://b/fuzz.tar");
    try {
        ArchiveEntry e;
        int members = 0;
        while (reader.next(e) && ++members < 100000) {
            if (e.type == ArchiveEntry::Type::File) {
                std::uint64_t got = 0;
                reader.readData([&got](const char *, std::size_t n) {
                    got += n;
                    return true;
                });
                if (got != e.size && e.size != 0)
                    (void)got; // sizes may lie in hostile headers; reading must still end

            }
        }
    } catch (const Error &) {
    }
}

void listObjects(const std::uint8_t *data, std::size_t size)
{
    const std::string json = text(data, size);
    try {
        const AisListPage page = parseListPage(json);
        (void)page;
    } catch (const Error &) {
    }
    try {
        (void)parseClusterMap(json);
    } catch (const Error &) {
    }
    try {
        (void)parseBucketList(json);
    } catch (const Error &) {
    }
}

void listObjectsMsgpack(const std::uint8_t *data, std::size_t size)
{
    try {
        const AisListPage page = parseListPageMsgpack(text(data, size), "list objects of ais://b, page 1");
        // What parses holds no more entries than allowed, each with a name.
        if (page.entries.size() > kAisMaxPageEntries)
            __builtin_trap();
        for (const auto &e : page.entries)
            if (e.name.empty())
                __builtin_trap();
    } catch (const Error &) {
    }
}

void configParse(const std::uint8_t *data, std::size_t size)
{
    try {
        const DatasetConfig c = parseDatasetConfig(text(data, size), "fuzz.json");
        // What parses must save and parse back to the same config.
        const DatasetConfig again = parseDatasetConfig(serializeDatasetConfig(c), "again.json");
        if (!(again == c))
            __builtin_trap();
    } catch (const Error &) {
    }
}

void braceExpand(const std::uint8_t *data, std::size_t size)
{
    try {
        const BraceTemplate t(std::string_view(reinterpret_cast<const char *>(data), size));
        const std::uint64_t n = t.count();
        if (n <= 10000) {
            const auto names = t.expand(10000);
            if (names.size() != n)
                __builtin_trap(); // count() must agree with the expansion
        } else {
            try {
                (void)t.expand(10000);
                __builtin_trap(); // over the limit must throw
            } catch (const Error &) {
            }
        }
    } catch (const Error &) {
    }
}

namespace {

// A decoded member is consistent: its bytes are what its shape and dtype say.
void decode(std::string_view ext, const std::uint8_t *data, std::size_t size)
{
    try {
        const Decoded d = decodeMember(ext, std::string_view(reinterpret_cast<const char *>(data), size),
                                       "mem://b/shard.tar sample k member " + std::string(ext));
        if (d.kind == Decoded::Kind::Array || d.kind == Decoded::Kind::Image || d.kind == Decoded::Kind::Audio) {
            std::size_t elements = 1;
            for (const std::int64_t n : d.shape) {
                if (n < 0)
                    __builtin_trap(); // no negative dimension
                elements *= static_cast<std::size_t>(n);
            }
            if (d.data.size() != elements * d.elementSize())
                __builtin_trap(); // the bytes are what shape x dtype say
        }
    } catch (const Error &) {
    }
}

} // namespace

void decodeNpy(const std::uint8_t *data, std::size_t size) { decode("npy", data, size); }
void decodeWav(const std::uint8_t *data, std::size_t size) { decode("wav", data, size); }
void decodeJson(const std::uint8_t *data, std::size_t size) { decode("json", data, size); }
void decodePng(const std::uint8_t *data, std::size_t size) { decode("png", data, size); }
void decodeJpeg(const std::uint8_t *data, std::size_t size) { decode("jpg", data, size); }

void aisErrors(const std::uint8_t *data, std::size_t size)
{
    if (size < 3)
        return;
    const long status = 100 + (data[0] << 8 | data[1]) % 500;
    const AisTarget target = data[2] % 3 == 0 ? AisTarget::Cluster : data[2] % 3 == 1 ? AisTarget::Bucket : AisTarget::Object;
    const std::string operation = "get ais://b/o";
    const Error e = aisError(status, text(data + 3, size - 3), operation, target);
    if (std::string(e.what()).rfind(operation + ": ", 0) != 0)
        __builtin_trap(); // the message starts with what was being done
}

void s3List(const std::uint8_t *data, std::size_t size)
{
    try {
        const ListPage page = parseS3ListPage(text(data, size), "list objects of s3://b/");
        for (std::size_t i = 1; i < page.entries.size(); ++i)
            if (page.entries[i].name < page.entries[i - 1].name)
                __builtin_trap(); // entries come sorted
    } catch (const Error &e) {
        if (std::string(e.what()).rfind("list objects of s3://b/: ", 0) != 0)
            __builtin_trap(); // errors name the listing
    }
}

} // namespace shardscope::fuzz
