#include "command_export.h"

#include "cli_context.h"

#include "config/dataset_config.h"
#include "config/export_python.h"
#include "util/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

namespace shardscope::cli {

bool isConfigArgument(const QString &argument)
{
    return argument.endsWith(QLatin1String(".json")) && !argument.contains(QLatin1String("://"));
}

namespace {
void writeAtomically(const std::string &path, const std::string &text)
{
    std::random_device rd;
    const std::string tmp = path + ".tmp-" + std::to_string(rd());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::remove(tmp.c_str());
            throw Error(ErrorKind::Io, "cannot write " + path + ": " + std::strerror(errno));
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        throw Error(ErrorKind::Io, "cannot write " + path + ": " + why);
    }
}
} // namespace

int runExport(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export a dataset config: json (validated, canonical) or python (a runnable training-data script using "
        "AIStore's aistore.pytorch and PyTorch's DataLoader)."));
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("config"), QStringLiteral("The dataset config (.json)."));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("json or python."),
                                       QStringLiteral("format"), QStringLiteral("json"));
    const QCommandLineOption outOpt(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE (atomically) instead of standard output."),
                                    QStringLiteral("file"));
    parser.addOptions({formatOpt, outOpt});
    int code = ExitOk;
    if (!parseCommand(ctx, parser, arguments, &code))
        return code;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("export takes one config file"), parser);
    const QString format = parser.value(formatOpt);
    if (format != QLatin1String("json") && format != QLatin1String("python"))
        return ctx.usage(QStringLiteral("--format must be json or python (cpp and wids are not available yet)"),
                         parser);
    try {
        const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
        const std::string text = format == QLatin1String("json") ? serializeDatasetConfig(config) : exportPython(config);
        if (parser.isSet(outOpt))
            writeAtomically(parser.value(outOpt).toStdString(), text);
        else
            ctx.out() << QString::fromStdString(text) << Qt::flush;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
