#include "app/cli/command_iterate.h"

#include "app/cli/cli_context.h"
#include "app/cli/json_names.h"
#include "app/cli/progress.h"

#include "app/cli/command_export.h"
#include "core/config/resolved_dataset.h"
#include "core/data/epoch_run.h"
#include "core/data/get_batch_read.h"
#include "core/data/samplers.h"
#include "core/storage/ais_store.h"
#include "core/storage/store_url.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>

#include "core/gen/dataset_generator.h"

#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <fstream>
#include <mutex>

namespace shardscope::cli {
namespace {

// Lower-case hex SHA-256 of what was read (--hash sha256), so that two readers
// can be compared on content rather than on names and sizes.
std::string sha256Hex(const std::string &bytes)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
    return h.result().toHex().toStdString();
}

} // namespace

int runIterate(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Read a data set the way a training job would and print what was read: objects (--mode object, or "
        "--mode get-batch with AIStore's GetBatch) or WebDataset samples of shards (--mode shard), with W worker threads, optionally as one rank of a "
        "distributed job. Objects are listed once and every one is read exactly once per epoch."));
    parser.addPositionalArgument(QStringLiteral("iterate"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Bucket and optional prefix."));
    const QCommandLineOption modeOpt(QStringLiteral("mode"),
                                     QStringLiteral("object (default), shard or get-batch (ais:// only)."),
                                     QStringLiteral("mode"), QStringLiteral("object"));
    const LoaderCliOptions loaderOpts(4);
    const QCommandLineOption rankOpt(QStringLiteral("rank"), QStringLiteral("This rank (default 0)."),
                                     QStringLiteral("r"), QStringLiteral("0"));
    const QCommandLineOption worldOpt(QStringLiteral("world-size"), QStringLiteral("Ranks in all (default 1)."),
                                      QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption evenOpt(QStringLiteral("even-ranks"),
                                     QStringLiteral("Leave out the tail so every rank reads as many items."));
    const QCommandLineOption limitOpt(QStringLiteral("limit"), QStringLiteral("Stop after K items."),
                                      QStringLiteral("k"));
    const QCommandLineOption orderedOpt(QStringLiteral("ordered"),
                                        QStringLiteral("Deliver in listing (or shuffled) order."));
    const QCommandLineOption shuffleOpt(QStringLiteral("shuffle"), QStringLiteral("Shuffle objects or shards."));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Shuffle seed (default 0)."),
                                     QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption ruleOpt(QStringLiteral("key-rule"),
                                     QStringLiteral("webdataset (default) or sdk (AISShardReader's grouping)."),
                                     QStringLiteral("rule"), QStringLiteral("webdataset"));
    const QCommandLineOption errorOpt(QStringLiteral("on-error"),
                                      QStringLiteral("stop (default) or skip a bad shard and go on."),
                                      QStringLiteral("policy"), QStringLiteral("stop"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("One JSON object per line."));
    const QCommandLineOption epochOpt(QStringLiteral("epoch"),
                                      QStringLiteral("Epoch number: with --shuffle each epoch has its own order."),
                                      QStringLiteral("e"), QStringLiteral("0"));
    const QCommandLineOption saveOpt(QStringLiteral("save-state"),
                                     QStringLiteral("When stopping (--limit), save where the run stands to FILE "
                                                    "(implies --ordered)."),
                                     QStringLiteral("file"));
    const QCommandLineOption resumeOpt(QStringLiteral("resume"),
                                       QStringLiteral("Continue a run saved with --save-state: exactly the items "
                                                      "it had not delivered (implies --ordered)."),
                                       QStringLiteral("file"));
    parser.addOptions({modeOpt, loaderOpts.workers, rankOpt, worldOpt, evenOpt, limitOpt, orderedOpt, shuffleOpt, seedOpt,
                       ruleOpt, errorOpt, jsonOpt, loaderOpts.batchSize, epochOpt, saveOpt, resumeOpt});
    const QCommandLineOption multipartOpt(QStringLiteral("multipart"),
                                          QStringLiteral("get-batch: ask for multipart answers (metadata + "
                                                         "archive) instead of a streamed TAR."));
    parser.addOption(multipartOpt);
    const QCommandLineOption hashOpt(QStringLiteral("hash"),
                                     QStringLiteral("Also print the content's digest: sha256 (per object, or "
                                                    "per member as {ext: sha256})."),
                                     QStringLiteral("algorithm"));
    parser.addOption(hashOpt);
    const QCommandLineOption membersOpt(
        QStringLiteral("members"),
        QStringLiteral("get-batch: read the members of the shards under the URL, each one a GetBatch entry "
                       "named <shard>/<member>, instead of whole objects."));
    parser.addOption(membersOpt);
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("iterate takes exactly one URL"), parser);
    QString mode = parser.value(modeOpt);
    if (mode != QLatin1String("object") && mode != QLatin1String("shard") && mode != QLatin1String("get-batch"))
        return ctx.usage(QStringLiteral("--mode must be object, shard or get-batch"), parser);
    int workers = 0;
    qulonglong batchSize = 0, rank = 0, world = 0, limit = 0, seed = 0;
    if (const auto failed = loaderOpts.read(ctx, parser, &workers, &batchSize))
        return *failed;
    if (!readCount(parser, rankOpt, 0, ~0ull, &rank) || !readCount(parser, worldOpt, 0, ~0ull, &world))
        return ctx.usage(QStringLiteral("--rank and --world-size must be whole numbers"), parser);
    if (parser.isSet(limitOpt) && !readCount(parser, limitOpt, 1, ~0ull, &limit))
        return ctx.usage(QStringLiteral("--limit must be a positive whole number"), parser);
    if (!readCount(parser, seedOpt, 0, ~0ull, &seed))
        return ctx.usage(QStringLiteral("--seed must be a whole number"), parser);
    const QString policy = parser.value(errorOpt);
    if (policy != QLatin1String("stop") && policy != QLatin1String("skip"))
        return ctx.usage(QStringLiteral("--on-error must be stop or skip"), parser);
    const bool json = parser.isSet(jsonOpt);
    if (parser.isSet(hashOpt) && parser.value(hashOpt) != QLatin1String("sha256"))
        return ctx.usage(QStringLiteral("--hash must be sha256, not '%1'").arg(parser.value(hashOpt)),
                         parser);
    const bool hash = parser.isSet(hashOpt);
    qulonglong epoch = 0;
    if (!readCount(parser, epochOpt, 0, ~0ull, &epoch))
        return ctx.usage(QStringLiteral("--epoch must be a whole number"), parser);
    const bool members = parser.isSet(membersOpt);
    if (members && (mode != QLatin1String("get-batch") || isConfigArgument(pos.at(1))))
        return ctx.usage(QStringLiteral("--members needs --mode get-batch and a bucket URL"), parser);
    bool shuffle = parser.isSet(shuffleOpt);
    QString keyRule = parser.value(ruleOpt);
    std::optional<ResolvedDataset> resolved;
    try {
        if (isConfigArgument(pos.at(1))) {
            // A dataset config: its kind, workers, shuffling and sources (flags given here still win).
            const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
            resolved = resolveDataset(config, storeOptionsFor(config, ctx.storeOptions()));
            if (!parser.isSet(modeOpt))
                mode = config.kind == DatasetConfig::Kind::Shard      ? QStringLiteral("shard")
                       : config.kind == DatasetConfig::Kind::GetBatch ? QStringLiteral("get-batch")
                                                                      : QStringLiteral("object");
            if (!parser.isSet(loaderOpts.workers))
                workers = config.workers;
            if (!parser.isSet(shuffleOpt))
                shuffle = config.sampler.shuffle || config.sampler.kind == DatasetConfig::SamplerKind::Random;
            if (!parser.isSet(seedOpt))
                seed = config.sampler.seed;
            if (!parser.isSet(ruleOpt))
                keyRule = QString::fromStdString(config.keyRule);
            if (!parser.isSet(loaderOpts.batchSize))
                batchSize = config.getBatchSize;
        }
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
    // What must match between a saved run and its continuation.
    EpochRunIdentity identity;
    identity.url = pos.at(1).toStdString();
    identity.mode = mode.toStdString() + (members ? " --members" : "");
    identity.rank = rank;
    identity.worldSize = world;
    identity.evenRanks = parser.isSet(evenOpt);
    identity.shuffle = shuffle;
    identity.seed = seed;
    identity.epoch = epoch;
    identity.batchSize = batchSize;
    identity.keyRule = keyRule.toStdString();
    try {
        EpochRunSpec spec;
        if (parser.isSet(resumeOpt)) {
            const std::string file = parser.value(resumeOpt).toStdString();
            std::ifstream in(file);
            if (!in)
                return ctx.fail("cannot read the saved state " + file);
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const LoaderPosition p = parseEpochRunState(text, identity, file);
            spec.loader.resumeUnit = p.unit;
            spec.loader.resumeItem = p.item;
        }
        spec.partition.rank = rank;
        spec.partition.worldSize = world;
        spec.partition.evenRanks = parser.isSet(evenOpt);
        spec.shuffle = shuffle;
        spec.seed = seed;
        spec.epoch = epoch;
        LoaderOptions &opts = spec.loader;
        opts.workers = workers;
        if (workers < 1 || workers > 1024)
            return ctx.fail("workers must be between 1 and 1024");
        opts.ordered = parser.isSet(orderedOpt) || parser.isSet(saveOpt) || parser.isSet(resumeOpt);
        opts.shard.rule = parseKeyRule(keyRule.toStdString());
        opts.shard.onError = policy == QLatin1String("skip") ? ErrorPolicy::Skip : ErrorPolicy::Stop;
        opts.batchSize = batchSize;
        opts.getBatchStreaming = !parser.isSet(multipartOpt);
        opts.getBatchMembers = members;
        spec.mode = mode == QLatin1String("shard")       ? Loader::Mode::Shards
                    : mode == QLatin1String("get-batch") ? Loader::Mode::GetBatch
                                                         : Loader::Mode::Objects;

        // Everything the run covers: (source, object name), in listing order.
        spec.storeOptions = ctx.storeOptions();
        if (resolved) {
            spec.sources = resolved->sourceUrls;
            spec.storeOptions = storeOptionsFor(resolved->config, spec.storeOptions);
            for (auto &it : resolved->items)
                spec.items.emplace_back(it.source, std::move(it.object.name));
        } else {
            StoreLocation loc = ctx.open(pos.at(1));
            if (loc.bucket.empty())
                return ctx.fail(pos.at(1).toStdString() + ": name a bucket, as in ais://bucket[/prefix]");
            StoreUrl u = parseStoreUrl(pos.at(1).toStdString());
            u.path.clear();
            if (u.scheme == StoreUrl::Scheme::File)
                u.path = loc.bucket;
            spec.sources.push_back(u);
            if (members) {
                auto *ais = dynamic_cast<AisStore *>(loc.store.get());
                if (!ais)
                    return ctx.fail(pos.at(1).toStdString() + ": --members reads ais:// buckets only");
                for (auto &m : listShardMemberUnits(ais->client(), loc.bucket, loc.path))
                    spec.items.emplace_back(0, std::move(m));
            } else {
                for (auto &o : CliContext::listDataset(loc))
                    spec.items.emplace_back(0, std::move(o.name));
            }
        }

        std::mutex problemMutex;
        std::deque<ShardProblem> problems;
        const std::size_t sources = spec.sources.size();
        EpochRun run(std::move(spec), [&](const ShardProblem &p) {
            std::lock_guard<std::mutex> lock(problemMutex);
            problems.push_back(p);
        });
        if (parser.isSet(saveOpt) && run.sourceRuns() > 1)
            return ctx.fail(
                "--save-state and --resume need a run over one source; this one alternates between " +
                std::to_string(sources) + " sources");
        QTextStream &out = ctx.out();
        auto drainProblems = [&] {
            std::lock_guard<std::mutex> lock(problemMutex);
            for (const ShardProblem &p : problems) {
                if (json) {
                    nlohmann::json j = {{"error", toValidUtf8(p.message)}};
                    setName(j, "shard", p.shard);
                    setName(j, "member", p.member);
                    out << QString::fromStdString(j.dump()) << '\n';
                } else {
                    ctx.err() << "skipped: " << QString::fromStdString(toValidUtf8(p.message)) << '\n';
                }
            }
            problems.clear();
        };
        std::uint64_t count = 0, bytes = 0;
        LoaderItem item;
        const std::uint64_t objects =
            limit ? std::min<std::uint64_t>(limit, run.itemCount()) : run.itemCount();
        const bool samples = mode == QLatin1String("shard");
        const char *unit = samples ? "samples" : members ? "members" : "objects";
        Progress progress(unit, samples ? 0 : objects, ctx.showProgress(true));
        while ((limit == 0 || count < limit) && run.next(item)) {
            ++count;
            progress.add();
            bytes += item.size();
            drainProblems();
            if (mode != QLatin1String("shard")) {
                nlohmann::json j;
                setName(j, "name", item.name);
                j["size"] = item.bytes.size();
                if (hash)
                    j["sha256"] = sha256Hex(item.bytes);
                if (json)
                    out << QString::fromStdString(j.dump()) << '\n';
                else
                    out << QString::number(item.bytes.size()).rightJustified(12) << "  "
                        << (hash ? QString::fromStdString(sha256Hex(item.bytes)) + QStringLiteral("  ")
                                 : QString())
                        << displayName(item.name) << '\n';
            } else {
                nlohmann::json members = nlohmann::json::object();
                nlohmann::json digests = nlohmann::json::object();
                bool escaped = false;
                for (const auto &[ext, data] : item.sample.members) {
                    members[escapeName(ext)] = data.size();
                    if (hash)
                        digests[escapeName(ext)] = sha256Hex(data);
                    escaped = escaped || nameNeedsEscaping(ext);
                }
                nlohmann::json j;
                setName(j, "shard", item.sample.shard);
                setName(j, "key", item.sample.key);
                j["members"] = members;
                if (hash)
                    j["sha256"] = digests;
                if (escaped)
                    j["escaped"] = true;
                if (json)
                    out << QString::fromStdString(j.dump()) << '\n';
                else
                    out << displayName(item.sample.shard) << "  " << displayName(item.sample.key) << "  "
                        << QString::fromStdString(members.dump())
                        << (hash ? QStringLiteral("  ") + QString::fromStdString(digests.dump()) : QString())
                        << '\n';
            }
        }
        if (parser.isSet(saveOpt))
            writeFileAtomically(parser.value(saveOpt).toStdString(),
                                epochRunStateJson(identity, run.position(), count));
        run.cancel();
        const std::uint64_t errors = run.errors();
        drainProblems();
        out << Qt::flush;
        progress.finish();
        ctx.err() << "read " << count << ' ' << unit << " (" << QString::fromStdString(humanBytes(bytes))
                  << ")" << (errors ? ", skipped " : "")
                  << (errors ? QString::number(errors) + (samples   ? QStringLiteral(" bad shard(s)")
                                                          : members ? QStringLiteral(" missing member(s)")
                                                                    : QStringLiteral(" missing object(s)"))
                             : QString())
                  << Qt::endl;
        return ExitOk;
    } catch (const Error &e) {
        ctx.out() << Qt::flush;
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
