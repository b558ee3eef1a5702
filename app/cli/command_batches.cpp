#include "app/cli/command_batches.h"

#include "app/cli/cli_context.h"

#include "app/cli/command_export.h"
#include "core/config/resolved_dataset.h"
#include "core/data/samplers.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QFile>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>

namespace shardscope::cli {

int runBatches(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Form batches of objects under a byte budget from their sizes in the listing, as AIStore's "
        "DynamicBatchSampler does (--strategy sdk, the default, batch for batch), or packed fuller "
        "(--strategy packed: first-fit-decreasing within a window)."));
    parser.addPositionalArgument(QStringLiteral("batches"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Bucket and prefix (or use --sizes-file)."),
                                 QStringLiteral("[url]"));
    const QCommandLineOption maxOpt(QStringLiteral("max-batch-bytes"),
                                    QStringLiteral("Byte budget of a batch, e.g. 50000 or 4MB."), QStringLiteral("n"));
    const QCommandLineOption dropOpt(QStringLiteral("drop-last"),
                                     QStringLiteral("Drop a final batch that is not fuller than the saturation."));
    const QCommandLineOption overOpt(QStringLiteral("allow-oversized"),
                                     QStringLiteral("Put an object larger than the budget in a batch of its own "
                                                    "(default: leave it out)."));
    const QCommandLineOption satOpt(QStringLiteral("saturation"), QStringLiteral("0..1 (default 0.8)."),
                                    QStringLiteral("f"), QStringLiteral("0.8"));
    const QCommandLineOption shuffleOpt(QStringLiteral("shuffle"), QStringLiteral("Shuffle the order first."));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Shuffle seed (default 0)."),
                                     QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption strategyOpt(QStringLiteral("strategy"), QStringLiteral("sdk (default) or packed."),
                                         QStringLiteral("name"), QStringLiteral("sdk"));
    const QCommandLineOption windowOpt(QStringLiteral("window"),
                                       QStringLiteral("Items per packing window (default 1024)."),
                                       QStringLiteral("n"), QStringLiteral("1024"));
    const QCommandLineOption sizesOpt(QStringLiteral("sizes-file"),
                                      QStringLiteral("Read sizes (one per line) instead of listing; names are line "
                                                     "numbers from 0."),
                                      QStringLiteral("file"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption statsOpt(QStringLiteral("stats-only"), QStringLiteral("Print the statistics only."));
    parser.addOptions({maxOpt, dropOpt, overOpt, satOpt, shuffleOpt, seedOpt, strategyOpt, windowOpt, sizesOpt,
                       jsonOpt, statsOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    const bool fromFile = parser.isSet(sizesOpt);
    const bool fromConfig = !fromFile && pos.size() == 2 && isConfigArgument(pos.at(1));
    if ((fromFile && pos.size() != 1) || (!fromFile && pos.size() != 2))
        return ctx.usage(QStringLiteral("batches takes one URL, or --sizes-file without a URL"), parser);
    if (!parser.isSet(maxOpt) && !fromConfig)
        return ctx.usage(QStringLiteral("--max-batch-bytes is required"), parser);
    QString strategy = parser.value(strategyOpt);
    if (strategy != QLatin1String("sdk") && strategy != QLatin1String("packed"))
        return ctx.usage(QStringLiteral("--strategy must be sdk or packed"), parser);
    bool ok = false;
    DynamicBatchOptions o;
    o.saturation = parser.value(satOpt).toDouble(&ok);
    if (!ok)
        return ctx.usage(QStringLiteral("--saturation must be a number between 0 and 1"), parser);
    qulonglong seed = 0;
    if (!readCount(parser, seedOpt, 0, ~0ull, &seed))
        return ctx.usage(QStringLiteral("--seed must be a whole number"), parser);
    o.seed = seed;
    qulonglong window = 0;
    if (!readCount(parser, windowOpt, 1, 10000000, &window))
        return ctx.usage(QStringLiteral("--window must be between 1 and 10000000"), parser);
    o.dropLast = parser.isSet(dropOpt);
    o.allowOversized = parser.isSet(overOpt);
    o.shuffle = parser.isSet(shuffleOpt);
    try {
        std::optional<ResolvedDataset> resolved;
        if (fromConfig) {
            // The config's sampler, unless a flag given here says otherwise.
            const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
            if (config.sampler.kind != DatasetConfig::SamplerKind::Dynamic &&
                config.sampler.kind != DatasetConfig::SamplerKind::Packed && !parser.isSet(maxOpt))
                return ctx.fail(pos.at(1).toStdString() + ": its sampler is " + samplerName(config.sampler) +
                                ", not dynamic or packed; give --max-batch-bytes");
            o.maxBatchBytes = config.sampler.maxBatchBytes;
            if (!parser.isSet(dropOpt))
                o.dropLast = config.sampler.dropLast;
            if (!parser.isSet(overOpt))
                o.allowOversized = config.sampler.allowOversized;
            if (!parser.isSet(satOpt))
                o.saturation = config.sampler.saturation;
            if (!parser.isSet(shuffleOpt))
                o.shuffle = config.sampler.shuffle;
            if (!parser.isSet(seedOpt))
                o.seed = config.sampler.seed;
            if (!parser.isSet(strategyOpt) && config.sampler.kind == DatasetConfig::SamplerKind::Packed)
                strategy = QStringLiteral("packed");
            resolved = resolveDataset(config, storeOptionsFor(config, ctx.storeOptions()));
        }
        if (parser.isSet(maxOpt))
            o.maxBatchBytes = parseByteAmount(parser.value(maxOpt).toStdString());
        validate(o);
        std::vector<std::string> names;
        std::vector<std::uint64_t> sizes;
        std::string source;
        if (fromFile) {
            QFile f(parser.value(sizesOpt));
            if (!f.open(QIODevice::ReadOnly))
                return ctx.fail("cannot read " + f.fileName().toStdString() + ": " + f.errorString().toStdString());
            source = f.fileName().toStdString();
            std::size_t line = 0;
            while (!f.atEnd()) {
                ++line;
                const QByteArray text = f.readLine().trimmed();
                if (text.isEmpty())
                    continue;
                bool numOk = false;
                const qulonglong v = text.toULongLong(&numOk);
                if (!numOk)
                    return ctx.fail(source + " line " + std::to_string(line) + ": not a size: " + text.toStdString());
                sizes.push_back(v);
            }
        } else if (resolved) {
            source = pos.at(1).toStdString();
            for (auto &it : resolved->items) {
                names.push_back(std::move(it.object.name));
                sizes.push_back(it.object.size);
            }
        } else {
            StoreLocation loc = ctx.open(pos.at(1));
            if (loc.bucket.empty())
                return ctx.fail(pos.at(1).toStdString() + ": name a bucket, as in ais://bucket[/prefix]");
            source = loc.url();
            for (auto &e : CliContext::listDataset(loc)) {
                names.push_back(std::move(e.name));
                sizes.push_back(e.size);
            }
        }
        BatchStats stats;
        const auto t0 = std::chrono::steady_clock::now();
        const auto batches = strategy == QLatin1String("sdk") ? dynamicBatches(sizes, o, &stats)
                                                              : packedBatches(sizes, o, window, &stats);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        auto nameOf = [&](std::size_t i) { return fromFile ? std::to_string(i) : names[i]; };
        const nlohmann::json statsJson = {
            {"source", escapeName(source)},           {"items", sizes.size()},
            {"batches", stats.batches},   {"samples", stats.samples},
            {"bytes", stats.bytes},       {"mean_fill", stats.meanFill},
            {"oversized", stats.oversized}, {"oversized_dropped", stats.oversizedDropped},
            {"zero_size_skipped", stats.zeroSizeSkipped}, {"tail_dropped", stats.tailDropped},
            {"strategy", strategy.toStdString()}, {"max_batch_bytes", o.maxBatchBytes},
            {"sample_seconds", secs},
        };
        QTextStream &out = ctx.out();
        if (parser.isSet(jsonOpt)) {
            nlohmann::json j = {{"stats", statsJson}};
            if (!parser.isSet(statsOpt)) {
                auto arr = nlohmann::json::array();
                for (const auto &b : batches) {
                    auto row = nlohmann::json::array();
                    for (std::size_t i : b)
                        row.push_back(escapeName(nameOf(i))); // names not UTF-8: \xNN, as ls prints them
                    arr.push_back(std::move(row));
                }
                j["batches"] = std::move(arr);
            }
            out << QString::fromStdString(j.dump()) << Qt::endl;
        } else {
            if (!parser.isSet(statsOpt))
                for (std::size_t b = 0; b < batches.size(); ++b) {
                    std::uint64_t bytes = 0;
                    for (std::size_t i : batches[b])
                        bytes += sizes[i];
                    out << "batch " << b << ": " << batches[b].size() << " objects, " << bytes << " bytes\n";
                }
            out << QStringLiteral("%1 batches of %2 objects (%3), mean fill %4%; left out: %5 oversized, %6 of "
                                  "0 bytes, %7 in the dropped tail; sampling took %8 s\n")
                       .arg(stats.batches)
                       .arg(stats.samples)
                       .arg(QString::fromStdString(humanBytes(stats.bytes)))
                       .arg(stats.meanFill * 100, 0, 'f', 1)
                       .arg(stats.oversizedDropped)
                       .arg(stats.zeroSizeSkipped)
                       .arg(stats.tailDropped)
                       .arg(secs, 0, 'f', 4)
                << Qt::flush;
        }
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
