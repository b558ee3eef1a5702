#include "command_ls.h"

#include "cli_context.h"

#include "storage/store_url.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

namespace shardscope::cli {

int runLs(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the buckets of a store (ais://) or the objects of a "
                                                    "bucket under a prefix (ais://bucket/prefix)."));
    parser.addPositionalArgument(QStringLiteral("ls"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("ais:// or ais://bucket[/prefix]"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    parser.addOption(jsonOption);
    int code = ExitOk;
    if (!parseCommand(ctx, parser, arguments, &code))
        return code;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("ls takes exactly one URL"), parser);
    const bool json = parser.isSet(jsonOption);

    try {
        const StoreUrl url = parseStoreUrl(pos.at(1).toStdString());
        if (url.scheme != StoreUrl::Scheme::Ais)
            return ctx.fail(url.schemeName() + "://: this store is not supported yet; use ais://");
        auto client = ctx.aisClient();
        if (url.isRoot()) {
            const auto buckets = client->listBuckets("ais");
            if (json) {
                auto arr = nlohmann::json::array();
                for (const auto &b : buckets)
                    arr.push_back({{"name", b.name}, {"provider", b.provider}, {"url", b.toString()}});
                ctx.out() << QString::fromStdString(arr.dump(2)) << Qt::endl;
            } else {
                for (const auto &b : buckets)
                    ctx.out() << QString::fromStdString(b.toString()) << '\n';
                ctx.out() << Qt::flush;
            }
            return ExitOk;
        }
        const auto entries = client->listObjects(url.bucket, url.path);
        if (json) {
            auto arr = nlohmann::json::array();
            for (const auto &e : entries)
                arr.push_back({{"name", e.name}, {"size", e.size}});
            ctx.out() << QString::fromStdString(arr.dump(2)) << Qt::endl;
        } else {
            for (const auto &e : entries)
                ctx.out() << QString::number(e.size).rightJustified(12) << "  " << QString::fromStdString(e.name)
                          << '\n';
            ctx.out() << Qt::flush;
        }
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
