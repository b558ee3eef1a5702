#include "app/cli/command_plan.h"

#include "app/cli/cli_context.h"
#include "app/cli/command_export.h"
#include "app/cli/command_lint.h"

#include "core/config/dataset_config.h"
#include "core/config/resolved_dataset.h"
#include "core/health/epoch_plan.h"
#include "core/health/lint_input.h"
#include "core/health/shuffle_quality.h"
#include "core/health/wids_reader.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <map>

namespace shardscope::cli {

int runPlan(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Plan an epoch without reading data: which units "
                                                    "(objects or shards) and how many items and bytes each "
                                                    "rank and worker gets, whether ranks are equal "
                                                    "(--even-ranks drops the tail), what is dropped; and the "
                                                    "shuffle quality of no shuffle, shuffled shards + a "
                                                    "buffer of N samples, and shuffled objects, with the "
                                                    "memory each costs. Sample counts of shards come from a "
                                                    "wids index (--wids) or --samples-per-shard."));
    parser.addPositionalArgument(QStringLiteral("plan"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("A dataset config (.json) or a shard URL."));
    const QCommandLineOption worldOpt(QStringLiteral("world-size"), QStringLiteral("Ranks (default 1)."),
                                      QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption workersOpt(QStringLiteral("workers"),
                                        QStringLiteral("Workers per rank (default: the config's, else 4)."),
                                        QStringLiteral("n"));
    const QCommandLineOption evenOpt(QStringLiteral("even-ranks"),
                                     QStringLiteral("Drop the tail so every rank gets as many units."));
    const QCommandLineOption shuffleOpt(QStringLiteral("shuffle"),
                                        QStringLiteral("Shuffle the units (default: the config's)."));
    const QCommandLineOption seedOpt(
        QStringLiteral("seed"), QStringLiteral("Seed (default: the config's, else 0)."), QStringLiteral("n"));
    const QCommandLineOption widsOpt(
        QStringLiteral("wids"), QStringLiteral("A wids index (file or URL) with the shards' sample counts."),
        QStringLiteral("file"));
    const QCommandLineOption perShardOpt(QStringLiteral("samples-per-shard"),
                                         QStringLiteral("Samples in every shard, when no index says."),
                                         QStringLiteral("n"));
    const QCommandLineOption bufferOpt(QStringLiteral("buffer"),
                                       QStringLiteral("Shuffle buffer in samples per worker (default 1000)."),
                                       QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption batchOpt(QStringLiteral("batch"),
                                      QStringLiteral("Batch size for the shard-mix score (default 64)."),
                                      QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption allOpt(
        QStringLiteral("all-units"),
        QStringLiteral("List every unit each rank opens, in order (JSON: units_opened "
                       "instead of first_units; text: one line per unit)."));
    parser.addOptions({worldOpt, workersOpt, evenOpt, shuffleOpt, seedOpt, widsOpt, perShardOpt, bufferOpt,
                       batchOpt, jsonOpt, allOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("plan takes one dataset config or URL"), parser);
    qulonglong v = 0;
    PlanOptions po;
    ShuffleOptions so;
    if (!readCount(parser, worldOpt, 1, 1000000, &v))
        return ctx.usage(QStringLiteral("--world-size must be between 1 and 1000000"), parser);
    po.worldSize = v;
    if (!readCount(parser, bufferOpt, 1, 100000000, &v))
        return ctx.usage(QStringLiteral("--buffer must be between 1 and 100000000"), parser);
    so.buffer = v;
    if (!readCount(parser, batchOpt, 1, 1000000, &v))
        return ctx.usage(QStringLiteral("--batch must be between 1 and 1000000"), parser);
    so.batch = v;
    qulonglong perShard = 0;
    if (parser.isSet(perShardOpt) && !readCount(parser, perShardOpt, 1, 1000000000, &perShard))
        return ctx.usage(QStringLiteral("--samples-per-shard must be between 1 and 1000000000"), parser);
    try {
        std::vector<PlanUnit> units;
        int workers = 4;
        std::uint64_t seed = 0;
        bool shuffle = false;
        if (isConfigArgument(pos.at(1))) {
            const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
            const ResolvedDataset data = resolveDataset(config, storeOptionsFor(config, ctx.storeOptions()));
            po.shards = config.kind == DatasetConfig::Kind::Shard;
            workers = config.workers;
            seed = config.sampler.seed;
            shuffle = config.sampler.shuffle || config.sampler.kind == DatasetConfig::SamplerKind::Random;
            for (const auto &it : data.items) {
                StoreUrl u = data.sourceUrls[it.source];
                const std::string base = u.toString();
                units.push_back(
                    {base + (endsWith(base, "/") ? "" : "/") + it.object.name, it.object.size, 1});
            }
        } else {
            const LintInput input = lintInputFromUrl(pos.at(1).toStdString(), ctx.storeOptions());
            po.shards = true;
            std::unique_ptr<Store> store = input.sources.front().open();
            for (const auto &s : input.shards)
                units.push_back({store->url(input.sources.front().bucket, s.name), s.size, 1});
        }
        if (po.shards) {
            std::map<std::string, std::uint64_t> counts;
            if (parser.isSet(widsOpt)) {
                const WidsIndex index = parseWidsIndex(readIndexText(ctx, parser.value(widsOpt)),
                                                       parser.value(widsOpt).toStdString());
                for (const auto &s : index.shards)
                    counts[s.url] = s.samples;
            }
            for (auto &u : units) {
                const auto it = counts.find(u.name);
                u.samples = it != counts.end() ? it->second : perShard; // 0: unknown
            }
        }
        if (parser.isSet(workersOpt)) {
            if (!readCount(parser, workersOpt, 1, 1024, &v))
                return ctx.usage(QStringLiteral("--workers must be between 1 and 1024"), parser);
            workers = static_cast<int>(v);
        }
        if (parser.isSet(seedOpt)) {
            bool ok = false;
            seed = parser.value(seedOpt).toULongLong(&ok);
            if (!ok)
                return ctx.usage(QStringLiteral("--seed must be a whole number"), parser);
        }
        po.workers = workers;
        po.seed = seed;
        po.shuffle = shuffle || parser.isSet(shuffleOpt);
        po.evenRanks = parser.isSet(evenOpt);
        po.allUnits = parser.isSet(allOpt);
        so.workers = workers;
        so.seed = seed;
        const EpochPlan plan = planEpoch(units, po);
        std::vector<std::uint64_t> shardSamples;
        std::uint64_t known = 0, knownBytes = 0;
        for (const auto &u : units) {
            shardSamples.push_back(u.samples);
            if (u.samples) {
                known += u.samples;
                knownBytes += u.bytes;
            }
        }
        const std::uint64_t meanSample = known ? knownBytes / known : 0;
        std::vector<ShuffleScore> scores;
        if (known > 0)
            scores = compareShuffles(shardSamples, meanSample, so);
        if (parser.isSet(jsonOpt)) {
            nlohmann::json j;
            j["schema"] = "shardscope-plan";
            j["schema_version"] = 1;
            j["target"] = toValidUtf8(pos.at(1).toStdString());
            j["plan"] = nlohmann::json::parse(epochPlanJson(plan));
            j["shuffle_quality"] =
                known ? nlohmann::json::parse(shuffleScoresJson(scores, so)) : nlohmann::json();
            ctx.out() << QString::fromStdString(j.dump(2)) << Qt::endl;
            return ExitOk;
        }
        QTextStream &o = ctx.out();
        o << plan.units << (po.shards ? " shards" : " objects") << ", " << plan.items << " items"
          << (plan.itemsKnown ? "" : " (sample counts unknown: give --wids or --samples-per-shard)") << ", "
          << QString::fromStdString(humanBytes(plan.bytes)) << "; world size " << po.worldSize << ", "
          << po.workers << " workers per rank, "
          << (po.shuffle ? QStringLiteral("shuffled (seed %1)").arg(po.seed) : QStringLiteral("in order"))
          << (po.evenRanks ? ", even ranks" : "") << "\n";
        for (const auto &r : plan.ranks) {
            o << "rank " << r.rank << ": " << r.units << " units, " << r.items << " items, "
              << QString::fromStdString(humanBytes(r.bytes)) << "; workers:";
            for (const auto &w : r.workers)
                o << " " << w.items;
            if (!r.firstUnits.empty() && !po.allUnits)
                o << "; opens " << QString::fromStdString(escapeName(r.firstUnits.front()))
                  << (r.units > 1 ? " ..." : "");
            o << "\n";
            if (po.allUnits)
                for (const auto &u : r.firstUnits)
                    o << "  " << QString::fromStdString(escapeName(u)) << "\n";
        }
        o << (plan.itemsEqual ? "ranks are equal" : "ranks are NOT equal") << ": " << plan.minItems << " to "
          << plan.maxItems << " items; dropped " << plan.droppedUnits << " units (" << plan.droppedItems
          << " items, " << QString::fromStdString(humanBytes(plan.droppedBytes)) << ")\n";
        if (!scores.empty()) {
            o << "\nshuffle quality (" << scores.front().items << " samples simulated, batch " << so.batch
              << ", buffer " << so.buffer << "):\n";
            for (const auto &s : scores)
                o << QStringLiteral(
                         "  %1  gap entropy %2  shard entropy %3  shards/batch %4  memory %5  requests %6\n")
                         .arg(QString::fromLatin1(shuffleStrategyName(s.strategy)).leftJustified(14))
                         .arg(s.gapEntropy, 0, 'f', 3)
                         .arg(s.shardEntropy, 0, 'f', 3)
                         .arg(s.distinctShardsPerBatch, 0, 'f', 1)
                         .arg(QString::fromStdString(humanBytes(s.memoryBytes)))
                         .arg(s.requests);
        }
        o << Qt::flush;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
