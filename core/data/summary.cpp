#include "core/data/summary.h"

#include "core/util/error.h"

namespace shardscope {

int BucketSummary::binOf(std::uint64_t size)
{
    int k = 0;
    while (size > 0 && k < 63) {
        size >>= 1;
        ++k;
    }
    return k;
}

std::string BucketSummary::extensionOf(const std::string &name)
{
    const auto slash = name.rfind('/');
    const auto dot = name.find('.', slash == std::string::npos ? 0 : slash + 1);
    return dot == std::string::npos ? std::string() : name.substr(dot + 1);
}

void BucketSummary::add(const ObjectInfo &o)
{
    if (o.isDirectory)
        return;
    ++objects;
    bytes += o.size;
    ++sizeBins[static_cast<std::size_t>(binOf(o.size))];
    ++extensions[extensionOf(o.name)];
}

BucketSummary summarize(Store &store, const std::string &bucket, const std::string &prefix,
                        const SummaryProgress &progress, const std::atomic<bool> *cancel)
{
    BucketSummary s;
    ListRequest req;
    req.prefix = prefix;
    std::string token;
    do {
        if (cancel && cancel->load())
            throw Error(ErrorKind::Cancelled, "summary of " + store.url(bucket, prefix) + ": stopped");
        ListPage page = store.listPage(bucket, req, token);
        for (const auto &o : page.entries)
            s.add(o);
        token = std::move(page.continuationToken);
        if (progress)
            progress(s);
    } while (!token.empty());
    return s;
}

} // namespace shardscope
