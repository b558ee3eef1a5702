#include "app/cli/command_iterate.h"

#include "app/cli/cli_context.h"
#include "app/cli/json_names.h"
#include "app/cli/progress.h"

#include "core/data/loader.h"
#include "core/data/partition.h"
#include "app/cli/command_export.h"
#include "core/config/resolved_dataset.h"
#include "core/data/samplers.h"
#include "core/storage/store_url.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include "core/gen/dataset_generator.h"

#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <fstream>
#include <mutex>

namespace shardscope::cli {

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
    qulonglong epoch = 0;
    if (!readCount(parser, epochOpt, 0, ~0ull, &epoch))
        return ctx.usage(QStringLiteral("--epoch must be a whole number"), parser);
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
                shuffle = config.shuffle || config.sampler == DatasetConfig::SamplerKind::Random;
            if (!parser.isSet(seedOpt))
                seed = config.seed;
            if (!parser.isSet(ruleOpt))
                keyRule = QString::fromStdString(config.keyRule);
            if (!parser.isSet(loaderOpts.batchSize))
                batchSize = config.getBatchSize;
        }
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
    // What must match between a saved run and its continuation.
    const nlohmann::json identity = {{"url", pos.at(1).toStdString()}, {"mode", mode.toStdString()},
                                     {"rank", rank}, {"world_size", world}, {"even_ranks", parser.isSet(evenOpt)},
                                     {"shuffle", shuffle}, {"seed", seed}, {"epoch", epoch},
                                     {"batch_size", batchSize}, {"key_rule", keyRule.toStdString()}};
    try {
        std::size_t resumeUnit = 0, resumeItem = 0;
        if (parser.isSet(resumeOpt)) {
            const std::string file = parser.value(resumeOpt).toStdString();
            std::ifstream in(file);
            if (!in)
                return ctx.fail("cannot read the saved state " + file);
            nlohmann::json state;
            try {
                in >> state;
            } catch (const nlohmann::json::exception &e) {
                return ctx.fail("the saved state " + file + " is not valid JSON: " + e.what());
            }
            if (!state.is_object() || state.value("schema_version", 0) != 1 || !state.contains("run") ||
                !state.contains("unit") || !state.contains("item") || !state["unit"].is_number_unsigned() ||
                !state["item"].is_number_unsigned())
                return ctx.fail("the saved state " + file + " is not a shardscope iterate state (schema_version 1)");
            for (const auto &[key, value] : identity.items())
                if (state["run"].value(key, nlohmann::json()) != value)
                    return ctx.fail("the saved state " + file + " belongs to another run: its " + key + " is " +
                                    state["run"].value(key, nlohmann::json()).dump() + ", this run's is " + value.dump());
            resumeUnit = state["unit"].get<std::size_t>();
            resumeItem = state["item"].get<std::size_t>();
        }
        RankPartition part;
        part.rank = rank;
        part.worldSize = world;
        part.evenRanks = parser.isSet(evenOpt);
        validate(part);
        LoaderOptions opts;
        opts.workers = workers;
        if (workers < 1 || workers > 1024)
            return ctx.fail("workers must be between 1 and 1024");
        opts.ordered = parser.isSet(orderedOpt) || parser.isSet(saveOpt) || parser.isSet(resumeOpt);
        opts.resumeUnit = resumeUnit;
        opts.resumeItem = resumeItem;
        opts.shard.rule = parseKeyRule(keyRule.toStdString());
        opts.shard.onError = policy == QLatin1String("skip") ? ErrorPolicy::Skip : ErrorPolicy::Stop;
        opts.batchSize = batchSize;
        opts.getBatchStreaming = !parser.isSet(multipartOpt);

        // Everything the run covers: (source, object name), in listing order.
        std::vector<StoreUrl> sourceUrls;
        std::vector<std::pair<std::size_t, std::string>> all;
        StoreOptions storeOpts = ctx.storeOptions();
        if (resolved) {
            sourceUrls = resolved->sourceUrls;
            storeOpts = storeOptionsFor(resolved->config, storeOpts);
            for (auto &it : resolved->items)
                all.emplace_back(it.source, std::move(it.object.name));
        } else {
            StoreLocation loc = ctx.open(pos.at(1));
            if (loc.bucket.empty())
                return ctx.fail(pos.at(1).toStdString() + ": name a bucket, as in ais://bucket[/prefix]");
            StoreUrl u = parseStoreUrl(pos.at(1).toStdString());
            u.path.clear();
            if (u.scheme == StoreUrl::Scheme::File)
                u.path = loc.bucket;
            sourceUrls.push_back(u);
            for (auto &o : CliContext::listDataset(loc))
                all.emplace_back(0, std::move(o.name));
        }
        // The bucket of each source, as its store names it (a file:// bucket is a path).
        std::vector<std::string> sourceBuckets;
        for (const StoreUrl &u : sourceUrls)
            sourceBuckets.push_back(u.scheme == StoreUrl::Scheme::File ? u.path : u.bucket);
        const std::vector<std::size_t> order =
            shuffle ? shuffledOrder(all.size(), seed ^ splitmix64(epoch)) : sequentialOrder(all.size());
        std::vector<std::pair<std::size_t, std::string>> mine;
        for (std::size_t i : rankItems(order, part))
            mine.push_back(all[i]);
        // Consecutive items of one source are read by one loader.
        struct Run
        {
            std::size_t source, begin, end;
        };
        std::vector<Run> runs;
        for (std::size_t i = 0; i < mine.size(); ++i) {
            if (runs.empty() || runs.back().source != mine[i].first)
                runs.push_back({mine[i].first, i, i});
            runs.back().end = i + 1;
        }
        if ((parser.isSet(saveOpt) || parser.isSet(resumeOpt)) && runs.size() > 1)
            return ctx.fail("--save-state and --resume need a run over one source; this one alternates between " +
                            std::to_string(sourceUrls.size()) + " sources");

        std::mutex problemMutex;
        std::deque<ShardProblem> problems;
        const Loader::Mode loaderMode = mode == QLatin1String("shard")       ? Loader::Mode::Shards
                                        : mode == QLatin1String("get-batch") ? Loader::Mode::GetBatch
                                                                             : Loader::Mode::Objects;
        auto makeLoader = [&](const Run &run) {
            std::vector<std::string> units;
            for (std::size_t i = run.begin; i < run.end; ++i)
                units.push_back(mine[i].second);
            const StoreUrl url = sourceUrls[run.source];
            return std::make_unique<Loader>(
                loaderMode, [url, storeOpts] { return openStore(url, storeOpts, true).store; }, sourceBuckets[run.source],
                std::move(units), opts, TimingHook{}, [&](const ShardProblem &p) {
                    std::lock_guard<std::mutex> lock(problemMutex);
                    problems.push_back(p);
                });
        };
        std::size_t runIndex = 0;
        std::unique_ptr<Loader> current = runs.empty() ? nullptr : makeLoader(runs[0]);
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
        LoaderCounters c; // of the runs already finished
        auto nextItem = [&](LoaderItem &it) {
            while (current) {
                if (current->next(it))
                    return true;
                c.errors += current->counters().errors;
                current.reset();
                if (++runIndex < runs.size())
                    current = makeLoader(runs[runIndex]);
            }
            return false;
        };
        const std::uint64_t objects = limit ? std::min<std::uint64_t>(limit, mine.size()) : mine.size();
        Progress progress(mode == QLatin1String("shard") ? "samples" : "objects",
                          mode == QLatin1String("shard") ? 0 : objects, ctx.showProgress(true));
        while ((limit == 0 || count < limit) && nextItem(item)) {
            ++count;
            progress.add();
            bytes += item.size();
            drainProblems();
            if (mode != QLatin1String("shard")) {
                nlohmann::json j;
                setName(j, "name", item.name);
                j["size"] = item.bytes.size();
                if (json)
                    out << QString::fromStdString(j.dump()) << '\n';
                else
                    out << QString::number(item.bytes.size()).rightJustified(12) << "  "
                        << displayName(item.name) << '\n';
            } else {
                nlohmann::json members = nlohmann::json::object();
                bool escaped = false;
                for (const auto &[ext, data] : item.sample.members) {
                    members[escapeName(ext)] = data.size();
                    escaped = escaped || nameNeedsEscaping(ext);
                }
                nlohmann::json j;
                setName(j, "shard", item.sample.shard);
                setName(j, "key", item.sample.key);
                j["members"] = members;
                if (escaped)
                    j["escaped"] = true;
                if (json)
                    out << QString::fromStdString(j.dump()) << '\n';
                else
                    out << displayName(item.sample.shard) << "  " << displayName(item.sample.key) << "  "
                        << QString::fromStdString(members.dump()) << '\n';
            }
        }
        if (parser.isSet(saveOpt)) {
            const LoaderPosition p = current ? current->position() : LoaderPosition{opts.resumeUnit, opts.resumeItem};
            const nlohmann::json state = {{"schema_version", 1}, {"run", identity}, {"unit", p.unit},
                                          {"item", p.item}, {"delivered", count}};
            writeFileAtomically(parser.value(saveOpt).toStdString(), state.dump(2) + "\n");
        }
        if (current) {
            current->cancel();
            c.errors += current->counters().errors;
        }
        drainProblems();
        out << Qt::flush;
        progress.finish();
        ctx.err() << "read " << count << (mode != QLatin1String("shard") ? " objects" : " samples") << " ("
                  << QString::fromStdString(humanBytes(bytes)) << ")" << (c.errors ? ", skipped " : "")
                  << (c.errors ? QString::number(c.errors) +
                                     (mode == QLatin1String("shard") ? QStringLiteral(" bad shard(s)")
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
