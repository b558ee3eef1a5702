#include "command_export.h"

#include "cli_context.h"

#include "config/dataset_config.h"
#include "config/config_dataset.h"
#include "config/export_cpp.h"
#include "config/export_python.h"
#include "data/shard_reader.h"
#include "util/atomic_file.h"
#include "util/error.h"


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
        "AIStore's aistore.pytorch and PyTorch's DataLoader), cpp (a program using shardscope's loader core and "
        "libtorch adapters) or wids (WebDataset's shard index with sample counts, for shard datasets)."));
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("config"), QStringLiteral("The dataset config (.json)."));
    const QCommandLineOption formatOpt(QStringLiteral("format"), QStringLiteral("json, python, cpp or wids."),
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
    if (format != QLatin1String("json") && format != QLatin1String("python") && format != QLatin1String("cpp") &&
        format != QLatin1String("wids"))
        return ctx.usage(QStringLiteral("--format must be json, python, cpp or wids"), parser);
    try {
        const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
        std::string text;
        if (format == QLatin1String("json")) {
            text = serializeDatasetConfig(config);
        } else if (format == QLatin1String("python")) {
            text = exportPython(config);
        } else if (format == QLatin1String("cpp")) {
            text = exportCpp(config);
        } else {
            if (config.kind != DatasetConfig::Kind::Shard)
                return ctx.fail("wids describes shard datasets; this config's kind is " + kindName(config.kind));
            // Count the samples of every shard by reading it (the index needs them).
            const StoreOptions opts = storeOptionsFor(config, ctx.storeOptions());
            const ResolvedDataset data = resolveDataset(config, opts);
            ShardReadOptions so;
            so.rule = parseKeyRule(config.keyRule);
            std::vector<WidsShard> shards;
            std::vector<StoreLocation> stores; // one per source, reused for all its shards
            for (const auto &url : data.sourceUrls)
                stores.push_back(openStore(url, opts, true));
            for (const auto &it : data.items) {
                StoreLocation &loc = stores[it.source];
                ShardReader reader(*loc.store, loc.bucket, so);
                std::uint64_t n = 0;
                reader.read(it.object.name, [&n](Sample &&) { ++n; return true; }, {});
                shards.push_back({loc.store->url(loc.bucket, it.object.name), n});
            }
            text = widsIndex(config.name, shards);
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
