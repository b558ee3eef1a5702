#include "app/cli/command_export.h"

#include "app/cli/cli_context.h"
#include "app/cli/progress.h"

#include "core/config/dataset_config.h"
#include "core/config/export_cpp.h"
#include "core/config/export_python.h"
#include "core/config/export_python_native.h"
#include "core/config/export_wids.h"
#include "core/config/resolved_dataset.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace shardscope::cli {

bool isConfigArgument(const QString &argument)
{
    return argument.endsWith(QLatin1String(".json")) && !argument.contains(QLatin1String("://"));
}


int runExport(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a dataset config: json (validated, canonical), python (a runnable training-data script using "
        "AIStore's aistore.pytorch and PyTorch's DataLoader), python-native (the same on shardscope's own "
        "Python "
        "module), cpp (a program using shardscope's loader core and "
        "libtorch adapters) or wids (WebDataset's shard index with sample counts, for shard datasets)."));
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("config"), QStringLiteral("The dataset config (.json)."));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("json, python, python-native, cpp or wids."),
                                       QStringLiteral("format"), QStringLiteral("json"));
    const QCommandLineOption outOpt(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE (atomically) instead of standard output."),
                                    QStringLiteral("file"));
    parser.addOptions({formatOpt, outOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("export takes one config file"), parser);
    const QString format = parser.value(formatOpt);
    if (format != QLatin1String("json") && format != QLatin1String("python") &&
        format != QLatin1String("cpp") && format != QLatin1String("wids") &&
        format != QLatin1String("python-native"))
        return ctx.usage(QStringLiteral("--format must be json, python, python-native, cpp or wids"), parser);
    try {
        const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
        std::string text;
        if (format == QLatin1String("json")) {
            text = serializeDatasetConfig(config);
        } else if (format == QLatin1String("python")) {
            text = exportPython(config);
        } else if (format == QLatin1String("python-native")) {
            text = exportPythonNative(config); // on shardscope's Python module (python/)
        } else if (format == QLatin1String("cpp")) {
            text = exportCpp(config);
        } else {
            // Reading every shard takes a while; the index is printed after the progress line is gone.
            Progress progress("shards read", 0, ctx.showProgress());
            text = exportWids(config, ctx.storeOptions(), [&progress](std::size_t done, std::size_t total) {
                progress.setTotal(total);
                progress.set(done);
            });
        }
        if (parser.isSet(outOpt))
            writeFileAtomically(parser.value(outOpt).toStdString(), text);
        else
            ctx.out() << QString::fromStdString(text) << Qt::flush;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
