// shardscope-cli: the headless command line. Never needs a display.

#include "cli_context.h"
#include "command_ls.h"

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
        {QStringLiteral("ls"), {"list buckets (ais://) or objects (ais://bucket/prefix)", runLs}},
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
                           "Environment: AIS_ENDPOINT (cluster endpoint), AIS_AUTHN_TOKEN (auth token).\n");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
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
    // Global options may come before the command: find the first positional word.
    int cmdIndex = 1;
    while (cmdIndex < args.size() && args.at(cmdIndex).startsWith(QLatin1Char('-'))) {
        const QString a = args.at(cmdIndex);
        const bool takesValue = (a == QLatin1String("-e") || a == QLatin1String("--endpoint") ||
                                 a == QLatin1String("--connect-timeout") || a == QLatin1String("--timeout"));
        cmdIndex += takesValue ? 2 : 1;
    }
    if (cmdIndex >= args.size()) {
        ctx.err() << "shardscope-cli: no command given\n\n" << mainHelp() << Qt::flush;
        return ExitUsage;
    }
    const auto it = commands().find(args.at(cmdIndex));
    if (it == commands().end()) {
        ctx.err() << "shardscope-cli: unknown command '" << args.at(cmdIndex) << "'\n\n" << mainHelp() << Qt::flush;
        return ExitUsage;
    }
    // The command's parser sees every argument except the program name; its first
    // positional argument is the command word itself.
    QStringList rest = args;
    return it->second.run(ctx, rest);
}
