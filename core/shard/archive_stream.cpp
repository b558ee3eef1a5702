#include "core/shard/archive_stream.h"

#include "core/util/byte_pipe.h"

#include <thread>

namespace shardscope {

void streamArchive(const std::function<void(const BodySink &)> &produce, const std::string &description,
                   const std::function<void(ArchiveReader &)> &consume)
{
    BytePipe pipe;
    std::thread producer([&] {
        try {
            produce([&](const char *d, std::size_t n) { return pipe.push(d, n); });
            pipe.close();
        } catch (...) {
            pipe.fail(std::current_exception());
        }
    });
    struct Joiner
    {
        BytePipe &pipe;
        std::thread &t;
        ~Joiner()
        {
            pipe.cancel();
            t.join();
        }
    } joiner{pipe, producer};
    ArchiveReader reader(ArchiveReader::BlockSource{[&] { return pipe.pullBlock(); }}, description);
    consume(reader);
}

void streamStoredArchive(Store &store, const std::string &bucket, const std::string &object,
                         const std::atomic<bool> *cancel, const std::string &description,
                         const std::function<void(ArchiveReader &)> &consume)
{
    streamArchive(
        [&](const BodySink &sink) {
            GetRequest req;
            req.cancel = cancel;
            store.get(bucket, object, req, sink);
        },
        description, consume);
}

} // namespace shardscope
