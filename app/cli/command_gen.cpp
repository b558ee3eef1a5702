#include "app/cli/command_gen.h"

#include "app/cli/cli_context.h"

#include "app/cli/progress.h"

#include "core/gen/dataset_generator.h"
#include "core/gen/demo_dataset.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

namespace shardscope::cli {
namespace {

std::string numbered(const char *pattern, unsigned long long i)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, pattern, i);
    return buf;
}

} // namespace

int runGen(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a synthetic data set into any store: N objects of a given size (obj-0000000.bin ...), or "
        "WebDataset shards (shard-00000.tar ...) of K samples each, members <key>.<ext> with real PNG images, "
        ".cls labels, .json metadata, .txt captions or .bin payloads. The bucket is created when missing.\n"
        "--demo writes the demo data set instead: pictures of shapes (circle, square, triangle, star, cross, "
        "diamond) whose .cls, caption and .json match the picture, a few .wav and .npy members, train/ and val/ "
        "shards, classes.txt and a dataset config (dataset.json). --demo --defects plants a truncated shard, a "
        "sample without a label and a duplicated key for an audit to find."));
    parser.addPositionalArgument(QStringLiteral("gen"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Bucket and optional prefix."));
    const QCommandLineOption objectsOpt(QStringLiteral("objects"), QStringLiteral("Write N plain objects."),
                                        QStringLiteral("n"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Size of each object (default 1KiB)."),
                                     QStringLiteral("bytes"), QStringLiteral("1KiB"));
    const QCommandLineOption shardsOpt(QStringLiteral("shards"), QStringLiteral("Write K shards."),
                                       QStringLiteral("k"));
    const QCommandLineOption samplesOpt(QStringLiteral("samples"),
                                        QStringLiteral("Samples per shard (default 100)."), QStringLiteral("m"),
                                        QStringLiteral("100"));
    const QCommandLineOption extOpt(QStringLiteral("ext"),
                                    QStringLiteral("Member extensions (default png,cls,json; also txt, bin)."),
                                    QStringLiteral("list"), QStringLiteral("png,cls,json"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("tar (default), tar.gz, tar.lz4 or zip."),
                                       QStringLiteral("fmt"), QStringLiteral("tar"));
    const QCommandLineOption imageOpt(QStringLiteral("image-size"),
                                      QStringLiteral("Width and height of PNG images (default 32)."),
                                      QStringLiteral("px"), QStringLiteral("32"));
    const QCommandLineOption workersOpt(QStringLiteral("workers"), QStringLiteral("Parallel uploads (default 4)."),
                                        QStringLiteral("w"), QStringLiteral("4"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Seed of the content (default 1)."),
                                     QStringLiteral("s"), QStringLiteral("1"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
                                     QStringLiteral("Write the demo data set (--shards: train shards, default 8; "
                                                    "--samples: per shard, default 64; --image-size default 64)."));
    const QCommandLineOption defectsOpt(QStringLiteral("defects"),
                                        QStringLiteral("With --demo: plant defects an audit should find."));
    parser.addOptions({objectsOpt, sizeOpt, shardsOpt, samplesOpt, extOpt, formatOpt, imageOpt, workersOpt, seedOpt,
                       demoOpt, defectsOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("gen takes exactly one URL"), parser);
    const bool demo = parser.isSet(demoOpt);
    if (parser.isSet(defectsOpt) && !demo)
        return ctx.usage(QStringLiteral("--defects goes with --demo"), parser);
    if (demo && (parser.isSet(objectsOpt) || parser.isSet(extOpt) || parser.isSet(formatOpt) || parser.isSet(sizeOpt)))
        return ctx.usage(QStringLiteral("--demo makes its own members: --objects, --ext, --format and --size do not "
                                        "apply"),
                         parser);
    if (!demo && parser.isSet(objectsOpt) == parser.isSet(shardsOpt))
        return ctx.usage(QStringLiteral("give either --objects N, --shards K or --demo"), parser);

    qulonglong count = demo ? 8 : 0, samples = demo ? 64 : 0, workers = 0, seed = 0, imageSize = demo ? 64 : 0;
    const bool shards = parser.isSet(shardsOpt);
    if ((shards || !demo) && !readCount(parser, shards ? shardsOpt : objectsOpt, 1, 100000000ull, &count))
        return ctx.usage(QStringLiteral("--objects/--shards must be between 1 and 100000000"), parser);
    if ((shards || (demo && parser.isSet(samplesOpt))) && !readCount(parser, samplesOpt, 1, 1000000ull, &samples))
        return ctx.usage(QStringLiteral("--samples must be between 1 and 1000000"), parser);
    if (!readCount(parser, workersOpt, 1, 256, &workers))
        return ctx.usage(QStringLiteral("--workers must be between 1 and 256"), parser);
    if ((!demo || parser.isSet(imageOpt)) && !readCount(parser, imageOpt, 1, 4096, &imageSize))
        return ctx.usage(QStringLiteral("--image-size must be between 1 and 4096"), parser);
    if (!readCount(parser, seedOpt, 0, ~0ull, &seed))
        return ctx.usage(QStringLiteral("--seed must be a number"), parser);

    try {
        const std::uint64_t size = parseByteSize(parser.value(sizeOpt).toStdString());
        if (size > (4ull << 30))
            throw Error(ErrorKind::InvalidArgument, "--size must be at most 4GiB");
        SampleSpec spec;
        spec.extensions.clear();
        for (const QString &e : parser.value(extOpt).split(QLatin1Char(','), Qt::SkipEmptyParts))
            spec.extensions.push_back(e.trimmed().toStdString());
        spec.binSize = size;
        spec.imageSize = static_cast<int>(imageSize);
        spec.seed = seed;
        const ShardFormat format = parseShardFormat(parser.value(formatOpt).toStdString());
        if (shards && !demo)
            generateSample(spec, 0); // validates the extensions before anything is written

        StoreLocation loc = ctx.open(pos.at(1));
        if (loc.bucket.empty())
            return ctx.fail(pos.at(1).toStdString() + ": name a bucket, as in ais://bucket[/prefix]");
        DemoSpec demoSpec;
        if (demo) {
            // The demo's objects sit in a folder: a prefix without a slash gets one.
            if (!loc.path.empty() && loc.path.back() != '/')
                loc.path += '/';
            demoSpec.seed = seed;
            demoSpec.imageSize = static_cast<int>(imageSize);
            demoSpec.trainShards = count;
            demoSpec.valShards = std::max<qulonglong>(1, count / 4);
            demoSpec.samplesPerShard = samples;
            demoSpec.defects = parser.isSet(defectsOpt);
            const StoreUrl url = parseStoreUrl(pos.at(1).toStdString());
            demoSpec.provider = url.scheme == StoreUrl::Scheme::Ais     ? "ais"
                                : url.scheme == StoreUrl::Scheme::S3    ? "s3"
                                : url.scheme == StoreUrl::Scheme::Local ? "local"
                                                                        : ""; // file://: no config names a path
            demoSpec.bucket = loc.bucket;
            demoSpec.prefix = loc.path;
            validateDemoSpec(demoSpec);
            count = demoObjectCount(demoSpec);
        }
        try {
            loc.store->createBucket(loc.bucket);
        } catch (const Error &e) {
            if (e.kind() != ErrorKind::AlreadyExists)
                throw;
        }
        const std::string prefix = loc.path;
        const char *unit = demo ? " objects" : shards ? " shards" : " objects";
        std::atomic<unsigned long long> next{0}, done{0}, bytes{0};
        std::atomic<bool> failed{false};
        Progress progress(unit + 1, count, ctx.showProgress());
        std::string firstError;
        std::mutex errorMutex;
        auto work = [&] {
            try {
                StoreLocation mine = ctx.open(pos.at(1));
                for (;;) {
                    const unsigned long long i = next.fetch_add(1);
                    if (i >= count || failed)
                        return;
                    std::string name, data;
                    if (demo) {
                        name = prefix + demoObjectName(demoSpec, i);
                        data = demoObjectBytes(demoSpec, i);
                    } else if (shards) {
                        std::vector<std::pair<std::string, std::string>> members;
                        for (unsigned long long s = 0; s < samples; ++s) {
                            const unsigned long long idx = i * samples + s;
                            const std::string key = numbered("sample-%08llu", idx);
                            for (auto &[ext, bytesOf] : generateSample(spec, idx))
                                members.emplace_back(key + "." + ext, std::move(bytesOf));
                        }
                        data = writeArchive(format, members);
                        name = prefix + numbered("shard-%05llu", i) + shardExtension(format);
                    } else {
                        data = randomPayload(seed, i, size);
                        name = prefix + numbered("obj-%07llu.bin", i);
                    }
                    mine.store->putBytes(mine.bucket, name, data);
                    bytes += data.size();
                    ++done;
                    progress.add();
                }
            } catch (const std::exception &e) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!failed.exchange(true))
                    firstError = e.what();
            }
        };
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<std::thread> pool;
        for (qulonglong w = 0; w < std::min<qulonglong>(workers, count); ++w)
            pool.emplace_back(work);
        for (auto &t : pool)
            t.join();
        progress.finish();
        if (failed)
            return ctx.fail(firstError);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        ctx.err() << "wrote " << count << unit << " ("
                  << QString::fromStdString(humanBytes(bytes)) << ") to "
                  << QString::fromStdString(loc.store->url(loc.bucket, prefix)) << " in "
                  << QString::number(secs, 'f', 1) << " s" << Qt::endl;
        if (demo) {
            ctx.err() << "the demo: " << (demoSpec.trainShards + demoSpec.valShards) * demoSpec.samplesPerShard
                      << " samples of " << demoClassNames().size() << " shapes in train/ and val/, classes.txt"
                      << (demoSpec.provider.empty() ? "" : ", dataset config dataset.json") << Qt::endl;
            for (const std::string &d : demoDefects(demoSpec))
                ctx.err() << "planted defect: " << QString::fromStdString(d) << Qt::endl;
        }
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
