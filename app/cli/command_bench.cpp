#include "command_bench.h"

#include "cli_context.h"

#include "bench/object_get_bench.h"
#include "command_export.h"
#include "config/config_dataset.h"
#include "data/loader.h"
#include "storage/store_url.h"
#include "util/error.h"
#include "util/strings.h"

#include <nlohmann/json.hpp>

#include <mutex>

namespace shardscope::cli {

int runBench(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measure how fast data can be read: W threads GET the objects under URL (--mode object) or read the "
        "shards under URL and group their samples (--mode shard), or fetch the objects B at a time with "
        "AIStore's GetBatch (--mode get-batch), for a duration or once each (--epochs 1)."));
    parser.addPositionalArgument(QStringLiteral("bench"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Bucket and optional prefix."));
    const QCommandLineOption modeOpt(QStringLiteral("mode"), QStringLiteral("object (default), shard or get-batch."),
                                     QStringLiteral("mode"), QStringLiteral("object"));
    const LoaderCliOptions loaderOpts(1);
    const QCommandLineOption durationOpt(QStringLiteral("duration"), QStringLiteral("Seconds to run."),
                                         QStringLiteral("s"));
    const QCommandLineOption epochsOpt(QStringLiteral("epochs"), QStringLiteral("Read every object once (1)."),
                                       QStringLiteral("n"));
    const QCommandLineOption directOpt(QStringLiteral("via-proxy"),
                                       QStringLiteral("ais://: send every GET through the proxy (its 301 redirect) "
                                                      "instead of straight to the owning target."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({modeOpt, loaderOpts.workers, durationOpt, epochsOpt, directOpt, jsonOpt, loaderOpts.batchSize});
    int code = ExitOk;
    if (!parseCommand(ctx, parser, arguments, &code))
        return code;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("bench takes exactly one URL"), parser);
    QString mode = parser.value(modeOpt);
    if (mode != QLatin1String("object") && mode != QLatin1String("shard") && mode != QLatin1String("get-batch"))
        return ctx.usage(QStringLiteral("--mode %1 is not available; use object, shard or get-batch").arg(mode),
                         parser);
    int workers = 0;
    qulonglong batchSize = 0;
    if (!loaderOpts.read(ctx, parser, &workers, &batchSize, &code))
        return code;
    bool ok = false;
    if (parser.isSet(durationOpt) == parser.isSet(epochsOpt))
        return ctx.usage(QStringLiteral("give either --duration S or --epochs 1"), parser);
    double seconds = 0;
    if (parser.isSet(durationOpt)) {
        seconds = parser.value(durationOpt).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 86400)
            return ctx.usage(QStringLiteral("--duration must be between 0 and 86400 seconds"), parser);
    } else if (parser.value(epochsOpt) != QLatin1String("1")) {
        return ctx.usage(QStringLiteral("--epochs takes 1 for now"), parser);
    }
    try {
        std::vector<std::string> names;
        QString url = pos.at(1);
        StoreOptions storeOpts = ctx.storeOptions();
        if (isConfigArgument(url)) {
            // A dataset config: its objects, kind and workers (flags given here win).
            const DatasetConfig config = loadDatasetConfig(url.toStdString());
            if (config.sources.size() != 1)
                return ctx.fail(url.toStdString() + ": bench reads configs with one source (this one has " +
                                std::to_string(config.sources.size()) + ")");
            storeOpts = storeOptionsFor(config, storeOpts);
            for (auto &it : resolveDataset(config, storeOpts).items)
                names.push_back(std::move(it.object.name));
            url = QString::fromStdString(sourceUrl(config.sources.front()));
            if (!parser.isSet(modeOpt))
                mode = config.kind == DatasetConfig::Kind::Shard      ? QStringLiteral("shard")
                       : config.kind == DatasetConfig::Kind::GetBatch ? QStringLiteral("get-batch")
                                                                      : QStringLiteral("object");
            if (!parser.isSet(loaderOpts.workers))
                workers = config.workers;
        }
        StoreLocation loc = openStore(parseStoreUrl(url.toStdString()), storeOpts, isConfigArgument(pos.at(1)));
        if (loc.bucket.empty())
            return ctx.fail(pos.at(1).toStdString() + ": name a bucket, as in ais://bucket[/prefix]");
        if (!isConfigArgument(pos.at(1)))
            for (auto &o : CliContext::listDataset(loc))
                names.push_back(std::move(o.name));
        const bool direct = !parser.isSet(directOpt) && loc.store->scheme() == "ais";

        ObjectBenchConfig cfg;
        cfg.bucket = loc.bucket;
        cfg.names = std::move(names);
        cfg.workers = workers;
        cfg.duration = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
        const StoreOptions opts = storeOpts;
        const bool wholeBucket = isConfigArgument(pos.at(1));
        StoreOptions workerOpts = opts;
        workerOpts.aisDirectReads = direct;
        cfg.openStore = [url, workerOpts, wholeBucket]() -> std::unique_ptr<Store> {
            return openStore(parseStoreUrl(url.toStdString()), workerOpts, wholeBucket).store;
        };
        ObjectBenchResult r;
        if (mode == QLatin1String("object")) {
            r = runObjectGetBench(cfg);
        } else {
            // Shard mode: the loader core reads whole shards (one request each) and
            // groups samples; items are samples, latency is per shard.
            std::mutex mutex;
            std::vector<std::int64_t> latencies;
            LoaderOptions lo;
            lo.workers = workers;
            lo.prefetch = 1024;
            lo.shard.onError = ErrorPolicy::Skip;
            lo.batchSize = batchSize;
            const auto t0 = std::chrono::steady_clock::now();
            const auto deadline = t0 + cfg.duration;
            do {
                Loader loader(
                    mode == QLatin1String("shard") ? Loader::Mode::Shards : Loader::Mode::GetBatch, cfg.openStore, cfg.bucket, cfg.names, lo,
                    [&](const RequestTiming &t) {
                        std::lock_guard<std::mutex> lock(mutex);
                        latencies.push_back(t.latency.count());
                        if (!t.ok)
                            ++r.errors;
                    },
                    [&](const ShardProblem &p) {
                        std::lock_guard<std::mutex> lock(mutex);
                        ++r.errors;
                        if (r.firstError.empty())
                            r.firstError = p.message;
                    });
                LoaderItem item;
                while (loader.next(item)) {
                    ++r.items;
                    r.bytes += item.size();
                    if (cfg.duration.count() > 0 && std::chrono::steady_clock::now() >= deadline) {
                        loader.cancel();
                        break;
                    }
                }
            } while (cfg.duration.count() > 0 && std::chrono::steady_clock::now() < deadline);
            r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            r.workers = workers;
            std::lock_guard<std::mutex> lock(mutex);
            r.latency = summarizeLatencies(latencies);
        }
        if (parser.isSet(jsonOpt)) {
            nlohmann::json j = {
                {"url", loc.url()},
                {"mode", mode.toStdString()},
                {"direct", direct},
                {"items", r.items},
                {"bytes", r.bytes},
                {"seconds", r.seconds},
                {"items_per_s", r.itemsPerSecond()},
                {"bytes_per_s", r.bytesPerSecond()},
                {"errors", r.errors},
                {"workers", r.workers},
                {"latency_ms",
                 {{"p50", r.latency.p50}, {"p95", r.latency.p95}, {"p99", r.latency.p99}, {"mean", r.latency.mean}}},
            };
            if (!r.firstError.empty())
                j["first_error"] = r.firstError;
            ctx.out() << QString::fromStdString(j.dump(2)) << Qt::endl;
        } else {
            ctx.out() << QStringLiteral("%1 items, %2 in %3 s with %4 workers: %5 items/s, %6/s\n"
                                        "latency p50 %7 ms, p95 %8 ms, p99 %9 ms; errors %10\n")
                             .arg(r.items)
                             .arg(QString::fromStdString(humanBytes(r.bytes)))
                             .arg(r.seconds, 0, 'f', 2)
                             .arg(r.workers)
                             .arg(r.itemsPerSecond(), 0, 'f', 0)
                             .arg(QString::fromStdString(humanBytes(static_cast<unsigned long long>(r.bytesPerSecond()))))
                             .arg(r.latency.p50, 0, 'f', 3)
                             .arg(r.latency.p95, 0, 'f', 3)
                             .arg(r.latency.p99, 0, 'f', 3)
                             .arg(r.errors)
                      << Qt::flush;
            if (!r.firstError.empty())
                ctx.err() << "first error: " << QString::fromStdString(r.firstError) << Qt::endl;
        }
        return r.errors > 0 && r.items == 0 ? ExitFailure : ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
