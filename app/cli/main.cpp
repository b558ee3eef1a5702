// shardscope-cli: the headless command line. Never needs a display.

#include "app/cli/cli_context.h"
#include "app/cli/command_batches.h"
#include "app/cli/command_bench.h"
#include "app/cli/command_export.h"
#include "app/cli/command_gen.h"
#include "app/cli/command_iterate.h"
#include "app/cli/command_lint.h"
#include "app/cli/command_ls.h"
#include "app/cli/command_objects.h"
#include "app/cli/command_plan.h"

#include "core/util/error.h"
#include "core/util/memory_tuning.h"
#include "shardscope/version.h"

#include <QCoreApplication>

#include <functional>
#include <map>

using namespace shardscope::cli;

namespace {

struct Command
{
    const char *summary;
    std::function<int(CliContext &, const QStringList &)> run;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = {
        {QStringLiteral("ls"),
         {"list buckets, objects (ais://bucket/prefix) or shard members (--archive)", runLs}},
        {QStringLiteral("get"), {"download an object, a range or a shard member", runGet}},
        {QStringLiteral("put"), {"upload a file as an object", runPut}},
        {QStringLiteral("mb"), {"make a bucket", runMb}},
        {QStringLiteral("rb"), {"remove a bucket", runRb}},
        {QStringLiteral("gen"), {"write a synthetic data set (objects or WebDataset shards)", runGen}},
        {QStringLiteral("batches"),
         {"form byte-budget batches (AIStore's DynamicBatchSampler, or packed)", runBatches}},
        {QStringLiteral("iterate"),
         {"read objects or WebDataset samples with W workers, as a training job would", runIterate}},
        {QStringLiteral("export"),
         {"export a dataset config as JSON or a Python training script", runExport}},
        {QStringLiteral("bench"),
         {"measure read throughput, latency, errors and CPU with W workers, with a verdict", runBench}},
        {QStringLiteral("sweep"),
         {"benchmark with 1, 2, 4, ... workers: the knee and the worker count to use", runSweepCommand}},
        {QStringLiteral("lint"),
         {"audit a sharded dataset: split samples, duplicates, gaps, odd names, sizes; advice", runLint}},
        {QStringLiteral("index"),
         {"index sidecars: write DALI .idx files, read a wids index; --verify by range GETs", runIndex}},
        {QStringLiteral("plan"),
         {"plan an epoch: items and bytes per rank and worker, dropped tail, shuffle quality", runPlan}},
        {QStringLiteral("compare"),
         {"compare access methods on the same data (baseline, map, object, shard, get-batch)", runCompare}},
    };
    return table;
}

QString mainHelp()
{
    QString text = QStringLiteral("Usage: shardscope-cli [--version] [--help] <command> [options] [args]\n\n"
                                  "Explore training datasets in object storage and measure how fast they load.\n\n"
                                  "Commands:\n");
    for (const auto &[name, cmd] : commands())
        text += QStringLiteral("  %1  %2\n").arg(name.leftJustified(10), QString::fromLatin1(cmd.summary));
    text += QStringLiteral("\nRun 'shardscope-cli <command> --help' for a command's options.\n"
                           "URLs: ais://bucket/prefix, s3://bucket/prefix, local://bucket/prefix (the embedded store),\n"
                           "      file:///absolute/dir/prefix\n"
                           "Environment: AIS_ENDPOINT, AIS_AUTHN_TOKEN (AIStore); AWS_ENDPOINT_URL,\n"
                           "      AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (S3);\n"
                           "      SHARDSCOPE_DATA_DIR (where local:// keeps its buckets).\n");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    shardscope::tuneAllocatorForStreaming(); // before the first buffer
    QCoreApplication::setOrganizationName(QStringLiteral("shardscope"));
    QCoreApplication::setApplicationName(QStringLiteral("shardscope-cli"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(shardscope::kVersion));
    QCoreApplication app(argc, argv);

    CliContext ctx;
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        ctx.err() << mainHelp() << Qt::flush;
        return ExitUsage;
    }
    const QString first = args.at(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        ctx.out() << "shardscope-cli " << shardscope::kVersion << Qt::endl;
        return ExitOk;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        ctx.out() << mainHelp() << Qt::flush;
        return ExitOk;
    }
    // Global options may come before the command: the same definitions the
    // commands use find the command word; everything after it is the command's.
    QCommandLineParser globals;
    ctx.addGlobalOptions(globals);
    globals.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    if (!globals.parse(args)) {
        ctx.err() << "shardscope-cli: " << globals.errorText() << "\n\n" << mainHelp() << Qt::flush;
        return ExitUsage;
    }
    if (globals.positionalArguments().isEmpty()) {
        if (globals.isSet(QStringLiteral("help"))) {
            ctx.out() << mainHelp() << Qt::flush;
            return ExitOk;
        }
        ctx.err() << "shardscope-cli: no command given\n\n" << mainHelp() << Qt::flush;
        return ExitUsage;
    }
    const QString command = globals.positionalArguments().constFirst();
    const auto it = commands().find(command);
    if (it == commands().end()) {
        ctx.err() << "shardscope-cli: unknown command '" << command << "'\n\n" << mainHelp() << Qt::flush;
        return ExitUsage;
    }
    // The command's parser sees every argument, global options before the
    // command word included; its first positional argument is the command word.
    // The outermost boundary: whatever a command did not turn into an error of
    // its own (a library's exception on odd data, out of memory) is reported as
    // a failure naming the command, never a crash.
    try {
        return it->second.run(ctx, args);
    } catch (...) {
        return ctx.fail(shardscope::errorFromException(std::current_exception(), command.toStdString()).what());
    }
}
