#include "app/cli/command_lint.h"

#include "app/cli/cli_context.h"
#include "app/cli/command_export.h"
#include "app/cli/progress.h"

#include "core/config/dataset_config.h"
#include "core/health/advice.h"
#include "core/health/dali_index.h"
#include "core/health/lint_input.h"
#include "core/health/lint_output.h"
#include "core/health/wids_reader.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

namespace shardscope::cli {

namespace {
bool readBytes(CliContext &ctx, const QCommandLineParser &parser, const QCommandLineOption &opt,
               std::uint64_t *out)
{
    if (!parser.isSet(opt))
        return true;
    try {
        *out = parseByteSize(parser.value(opt).toStdString());
        return true;
    } catch (const Error &e) {
        ctx.err() << "shardscope-cli: --" << opt.names().constFirst() << ": "
                  << QString::fromStdString(e.what()) << Qt::endl;
        return false;
    }
}
} // namespace

int runLint(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Audit a sharded dataset: read every shard once and report split samples, duplicate keys, repeated "
        "and "
        "missing extensions, stray members, names AIStore's SDK and WebDataset group differently, empty and "
        "oversized members, unreadable shards, non-UTF-8 names and shard sizes, with advice and a re-shard "
        "recipe (AIStore dsort spec, ishard command line). Exit codes: 0 done, 1 could not run, 2 usage, "
        "3 findings at --fail-on severity or worse."));
    parser.addPositionalArgument(QStringLiteral("lint"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("Shards: ais://bucket/prefix, a brace template "
                                                "(ais://b/shard-{0000..0099}.tar), file:///dir, or a dataset "
                                                "config (.json)."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print the report as JSON."));
    const QCommandLineOption failOpt(QStringLiteral("fail-on"),
                                     QStringLiteral("Exit with 3 when anything of this severity or worse is "
                                                    "found: error, warning or info (default: never)."),
                                     QStringLiteral("severity"));
    const QCommandLineOption workersOpt(QStringLiteral("workers"), QStringLiteral("Threads (default 4)."),
                                        QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption memberOpt(QStringLiteral("max-member-size"),
                                       QStringLiteral("large_member above this (default 64MiB)."),
                                       QStringLiteral("bytes"));
    const QCommandLineOption minShardOpt(QStringLiteral("min-shard-size"),
                                         QStringLiteral("small_shard below this (default 1MiB)."),
                                         QStringLiteral("bytes"));
    const QCommandLineOption maxShardOpt(QStringLiteral("max-shard-size"),
                                         QStringLiteral("large_shard above this (default 4GiB)."),
                                         QStringLiteral("bytes"));
    const QCommandLineOption shareOpt(QStringLiteral("modality-share"),
                                      QStringLiteral("An extension at least this share of samples has is "
                                                     "expected in every sample (default 0.5)."),
                                      QStringLiteral("fraction"), QStringLiteral("0.5"));
    const QCommandLineOption examplesOpt(QStringLiteral("examples"),
                                         QStringLiteral("Examples kept per finding kind (default 20)."),
                                         QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption targetOpt(QStringLiteral("target-shard-size"),
                                       QStringLiteral("What the re-shard recipe aims for (default 256MiB)."),
                                       QStringLiteral("bytes"));
    const QCommandLineOption dstOpt(QStringLiteral("dst-bucket"),
                                    QStringLiteral("Destination of the re-shard recipe (default: the source "
                                                   "bucket + \"-resharded\")."),
                                    QStringLiteral("url"));
    const QCommandLineOption outOpt(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the report to FILE (atomically)."),
                                    QStringLiteral("file"));
    parser.addOptions({jsonOpt, failOpt, workersOpt, memberOpt, minShardOpt, maxShardOpt, shareOpt,
                       examplesOpt, targetOpt, dstOpt, outOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("lint takes one URL or dataset config"), parser);
    LintOptions options;
    AdviceOptions adviceOptions;
    qulonglong n = 0;
    if (!readCount(parser, workersOpt, 1, 1024, &n))
        return ctx.usage(QStringLiteral("--workers must be between 1 and 1024"), parser);
    options.workers = static_cast<int>(n);
    if (!readCount(parser, examplesOpt, 0, 100000, &n))
        return ctx.usage(QStringLiteral("--examples must be between 0 and 100000"), parser);
    options.maxExamples = n;
    bool ok = false;
    options.modalityShare = parser.value(shareOpt).toDouble(&ok);
    if (!ok || !(options.modalityShare > 0 && options.modalityShare <= 1))
        return ctx.usage(QStringLiteral("--modality-share must be a fraction in (0, 1]"), parser);
    if (!readBytes(ctx, parser, memberOpt, &options.maxMemberBytes) ||
        !readBytes(ctx, parser, minShardOpt, &options.minShardBytes) ||
        !readBytes(ctx, parser, maxShardOpt, &options.maxShardBytes) ||
        !readBytes(ctx, parser, targetOpt, &adviceOptions.targetShardBytes))
        return ExitUsage;
    if (adviceOptions.targetShardBytes == 0)
        return ctx.usage(QStringLiteral("--target-shard-size must be more than 0"), parser);
    adviceOptions.destinationBucket = parser.value(dstOpt).toStdString();
    std::optional<Severity> failOn;
    if (parser.isSet(failOpt)) {
        try {
            failOn = parseSeverity(parser.value(failOpt).toStdString());
        } catch (const Error &e) {
            return ctx.usage(QStringLiteral("--fail-on: ") + QString::fromStdString(e.what()), parser);
        }
    }
    try {
        LintInput input;
        if (isConfigArgument(pos.at(1))) {
            const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
            input = lintInputFromConfig(config, ctx.storeOptions(), pos.at(1).toStdString());
            if (!config.sources.empty() && config.sources.front().provider == "ais")
                adviceOptions.sourceBucket = "ais://" + config.sources.front().bucket;
        } else {
            input = lintInputFromUrl(pos.at(1).toStdString(), ctx.storeOptions());
        }
        Progress progress("shards", input.shards.size(), ctx.showProgress());
        const LintReport report =
            lintDataset(input, options, [&progress](const LintProgress &p) { progress.set(p.shardsDone); });
        progress.finish();
        const Advice advice = adviseOnReport(report, adviceOptions);
        const std::string text =
            parser.isSet(jsonOpt) ? lintReportJson(report, advice) : lintReportText(report, advice);
        if (parser.isSet(outOpt))
            writeFileAtomically(parser.value(outOpt).toStdString(), text);
        else
            ctx.out() << QString::fromStdString(text) << Qt::flush;
        if (failOn && report.failsAt(*failOn))
            return ExitFindings;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

std::string readIndexText(CliContext &ctx, const QString &where)
{
    if (where.contains(QLatin1String("://"))) {
        StoreLocation loc = ctx.open(where);
        const ObjectInfo info = loc.store->head(loc.bucket, loc.path);
        if (info.size > kMaxWidsIndexBytes)
            throw Error(ErrorKind::InvalidArgument,
                        loc.url() + ": larger than " + humanBytes(kMaxWidsIndexBytes));
        return loc.store->getBytes(loc.bucket, loc.path);
    }
    QFile f(where);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Io, "cannot read " + shardscope::quoted(where.toStdString()) + ": " +
                                       f.errorString().toStdString());
    const QByteArray data = f.read(static_cast<qint64>(kMaxWidsIndexBytes) + 1);
    if (static_cast<std::size_t>(data.size()) > kMaxWidsIndexBytes)
        throw Error(ErrorKind::InvalidArgument, shardscope::quoted(where.toStdString()) + ": larger than " +
                                                    humanBytes(kMaxWidsIndexBytes));
    return data.toStdString();
}

namespace {

int readWids(CliContext &ctx, const QString &where, bool verify, bool json)
{
    const WidsIndex index = parseWidsIndex(readIndexText(ctx, where), where.toStdString());
    WidsCheck check;
    if (verify) {
        Progress progress("shards checked", index.shards.size(), ctx.showProgress());
        check = verifyWidsIndex(index, ctx.storeOptions(),
                                [&progress](std::size_t done, std::size_t) { progress.set(done); });
    }
    if (json) {
        nlohmann::json j;
        j["name"] = toValidUtf8(index.name);
        j["shards"] = index.shards.size();
        j["samples"] = index.totalSamples;
        nlohmann::json list = nlohmann::json::array();
        for (const auto &s : index.shards)
            list.push_back({{"url", toValidUtf8(s.url)}, {"nsamples", s.samples}});
        j["shardlist"] = list;
        if (verify) {
            j["verified"] = check.mismatches.empty();
            j["samples_counted"] = check.samplesCounted;
            j["mismatches"] = check.mismatches;
            for (auto &m : j["mismatches"])
                m = toValidUtf8(m.get<std::string>());
        }
        ctx.out() << QString::fromStdString(j.dump(2)) << Qt::endl;
    } else {
        for (const auto &s : index.shards)
            ctx.out() << s.samples << "\t" << QString::fromStdString(toValidUtf8(s.url)) << "\n";
        ctx.out() << index.totalSamples << " samples in " << index.shards.size()
                  << " shards (from the index)\n";
        if (verify) {
            for (const auto &m : check.mismatches)
                ctx.out() << "mismatch: " << QString::fromStdString(toValidUtf8(m)) << "\n";
            ctx.out() << (check.mismatches.empty() ? "verified: " : "NOT verified: ") << check.samplesCounted
                      << " samples counted in the shards\n";
        }
        ctx.out() << Qt::flush;
    }
    return verify && !check.mismatches.empty() ? ExitFindings : ExitOk;
}

} // namespace

int runIndex(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Index sidecars. --dali writes DALI's per-shard .idx (\"v1.2 <n>\", then \"ext offset size name\" "
        "per "
        "member of each sample) from one pass over each uncompressed tar shard; --wids reads WebDataset's "
        "wids "
        "shard index and shows its sample counts without reading the shards. --verify checks either against "
        "the shards (DALI: every offset read back with a range GET and compared; wids: every shard's samples "
        "counted); exit code 3 when they differ."));
    parser.addPositionalArgument(QStringLiteral("index"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("target"),
                                 QStringLiteral("--dali: shards (URL, brace template or dataset config)."));
    const QCommandLineOption daliOpt(QStringLiteral("dali"), QStringLiteral("Write DALI .idx files."));
    const QCommandLineOption widsOpt(
        QStringLiteral("wids"), QStringLiteral("Read a wids index (file or URL)."), QStringLiteral("index"));
    const QCommandLineOption outDirOpt(QStringLiteral("out-dir"),
                                       QStringLiteral("Write <shard>.idx files into DIR."),
                                       QStringLiteral("dir"));
    const QCommandLineOption putOpt(
        QStringLiteral("put"), QStringLiteral("Store each <shard>.idx beside its shard, in its bucket."));
    const QCommandLineOption verifyOpt(QStringLiteral("verify"),
                                       QStringLiteral("Check the index against the shards."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print JSON (--wids)."));
    parser.addOptions({daliOpt, widsOpt, outDirOpt, putOpt, verifyOpt, jsonOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (parser.isSet(daliOpt) == parser.isSet(widsOpt))
        return ctx.usage(QStringLiteral("give one of --dali and --wids"), parser);
    try {
        if (parser.isSet(widsOpt)) {
            if (pos.size() != 1)
                return ctx.usage(QStringLiteral("index --wids takes no target"), parser);
            return readWids(ctx, parser.value(widsOpt), parser.isSet(verifyOpt), parser.isSet(jsonOpt));
        }
        if (pos.size() != 2)
            return ctx.usage(QStringLiteral("index --dali takes one URL or dataset config"), parser);
        const LintInput input = isConfigArgument(pos.at(1))
                                    ? lintInputFromConfig(loadDatasetConfig(pos.at(1).toStdString()),
                                                          ctx.storeOptions(), pos.at(1).toStdString())
                                    : lintInputFromUrl(pos.at(1).toStdString(), ctx.storeOptions());
        if (!parser.isSet(outDirOpt) && !parser.isSet(putOpt) && input.shards.size() != 1)
            return ctx.usage(QStringLiteral("several shards: give --out-dir DIR or --put"), parser);
        std::vector<std::unique_ptr<Store>> stores(input.sources.size());
        Progress progress("shards", input.shards.size(),
                          ctx.showProgress(!parser.isSet(outDirOpt) && !parser.isSet(putOpt)));
        std::uint64_t mismatches = 0;
        QStringList lines;
        for (const auto &shard : input.shards) {
            auto &store = stores[shard.source];
            if (!store)
                store = input.sources[shard.source].open();
            const std::string &bucket = input.sources[shard.source].bucket;
            const std::string url = store->url(bucket, shard.name);
            const std::string idx = daliIndex(tarLayout(*store, bucket, shard.name), url);
            const std::string stem =
                shard.name.substr(0, shard.name.size() - (endsWith(shard.name, ".tar") ? 4 : 0));
            if (parser.isSet(outDirOpt)) {
                const std::size_t slash = stem.rfind('/');
                const std::string file = stem.substr(slash == std::string::npos ? 0 : slash + 1) + ".idx";
                writeFileAtomically(
                    QDir(parser.value(outDirOpt)).filePath(QString::fromStdString(file)).toStdString(), idx);
            }
            if (parser.isSet(putOpt))
                store->putBytes(bucket, stem + ".idx", idx);
            if (!parser.isSet(outDirOpt) && !parser.isSet(putOpt))
                ctx.out() << QString::fromStdString(toValidUtf8(idx));
            QString line = QString::fromStdString(escapeName(url));
            const auto parsed = parseDaliIndex(idx, url + ".idx");
            line += QStringLiteral("  %1 samples").arg(parsed.size());
            if (parser.isSet(verifyOpt)) {
                const IndexCheck check = verifyDaliIndex(*store, bucket, shard.name, parsed);
                mismatches += check.mismatches.size();
                for (const auto &m : check.mismatches)
                    lines << QStringLiteral("mismatch: ") + QString::fromStdString(toValidUtf8(m));
                line += QStringLiteral(", %1 ranges read back: %2")
                            .arg(check.rangeGets)
                            .arg(check.mismatches.empty() ? QStringLiteral("verified")
                                                          : QStringLiteral("DIFFERENT"));
            }
            lines << line;
            progress.add();
        }
        progress.finish();
        for (const auto &l : lines)
            ctx.err() << l << "\n";
        ctx.err() << Qt::flush;
        return mismatches ? ExitFindings : ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
