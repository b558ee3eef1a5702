#include "app/cli/command_lint.h"

#include "app/cli/cli_context.h"
#include "app/cli/command_export.h"
#include "app/cli/progress.h"

#include "core/config/dataset_config.h"
#include "core/health/advice.h"
#include "core/health/lint_input.h"
#include "core/health/lint_output.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"

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
        ctx.err() << "shardscope-cli: --" << opt.names().constFirst() << ": " << QString::fromStdString(e.what())
                  << Qt::endl;
        return false;
    }
}
} // namespace

int runLint(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Audit a sharded dataset: read every shard once and report split samples, duplicate keys, repeated and "
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
                                    QStringLiteral("Write the report to FILE (atomically)."), QStringLiteral("file"));
    parser.addOptions({jsonOpt, failOpt, workersOpt, memberOpt, minShardOpt, maxShardOpt, shareOpt, examplesOpt,
                       targetOpt, dstOpt, outOpt});
    int code = ExitOk;
    if (!parseCommand(ctx, parser, arguments, &code))
        return code;
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
        const LintReport report = lintDataset(input, options, [&progress](const LintProgress &p) {
            progress.set(p.shardsDone);
        });
        progress.finish();
        const Advice advice = adviseOnReport(report, adviceOptions);
        const std::string text = parser.isSet(jsonOpt) ? lintReportJson(report, advice) : lintReportText(report, advice);
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

} // namespace shardscope::cli
