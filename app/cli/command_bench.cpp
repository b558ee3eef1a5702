#include "app/cli/command_bench.h"

#include "app/cli/cli_context.h"
#include "app/cli/command_export.h"
#include "app/cli/progress.h"

#include "core/bench/bench_config.h"
#include "core/bench/bench_report.h"
#include "core/bench/cluster_verdict.h"
#include "core/bench/sweep.h"
#include "core/config/dataset_config.h"
#include "core/storage/ais_client.h"
#include "core/storage/ais_cluster_stats.h"
#include "core/storage/endpoint.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace shardscope::cli {

namespace {
unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// Puts a run's live numbers on the progress line (`label` names the step).
std::function<void(const BenchSample &)> showLive(Progress &progress, const QString &label = QString())
{
    if (!progress.enabled())
        return {};
    return [&progress, label](const BenchSample &s) {
        progress.set(s.items);
        progress.setNote((label + QStringLiteral("now %1 items/s, %2/s")
                                      .arg(s.itemsPerSecond, 0, 'f', 0)
                                      .arg(QString::fromStdString(
                                          humanBytes(static_cast<unsigned long long>(s.payloadBytesPerSecond)))))
                             .toStdString());
    };
}

// The options bench, sweep and compare share.
struct BenchCliOptions
{
    QCommandLineOption mode{QStringLiteral("mode"),
                            QStringLiteral("baseline (one thread, GET loop), map, object (iterable dataset; "
                                           "default), shard or get-batch. A config's dataset kind otherwise."),
                            QStringLiteral("mode"), QStringLiteral("object")};
    QCommandLineOption duration{QStringLiteral("duration"), QStringLiteral("Seconds to run (per step)."),
                                QStringLiteral("s")};
    QCommandLineOption epochs{QStringLiteral("epochs"), QStringLiteral("Read every object once (1)."),
                              QStringLiteral("n")};
    QCommandLineOption viaProxy{QStringLiteral("via-proxy"),
                                QStringLiteral("ais://: send every GET through the proxy (its redirect) instead of "
                                               "straight to the owning target.")};
    QCommandLineOption decode{QStringLiteral("decode"), QStringLiteral("Decode every member as the loader would.")};
    QCommandLineOption batch{QStringLiteral("batch"),
                             QStringLiteral("Items per batch for batch latency and time to first batch (32)."),
                             QStringLiteral("n")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print JSON.")};

    void add(QCommandLineParser &p) const { p.addOptions({mode, duration, epochs, viaProxy, decode, batch, json}); }

    // Reads duration/epochs into spec; the exit code after a usage error.
    std::optional<int> readRun(CliContext &ctx, const QCommandLineParser &p, BenchSpec &spec) const
    {
        if (p.isSet(duration) == p.isSet(epochs)) {
            return ctx.usage(QStringLiteral("give either --duration S or --epochs 1"), p);
        }
        if (p.isSet(duration)) {
            bool ok = false;
            const double s = p.value(duration).toDouble(&ok);
            if (!ok || s <= 0 || s > 86400) {
                return ctx.usage(QStringLiteral("--duration must be between 0 and 86400 seconds"), p);
            }
            spec.duration = std::chrono::milliseconds(static_cast<long long>(s * 1000));
        } else if (p.value(epochs) != QLatin1String("1")) {
            return ctx.usage(QStringLiteral("--epochs takes 1 for now"), p);
        }
        if (p.isSet(batch)) {
            qulonglong n = 0;
            if (!readCount(p, batch, 1, 1000000, &n)) {
                return ctx.usage(QStringLiteral("--batch must be between 1 and 1000000"), p);
            }
            spec.batchSize = n;
        }
        if (p.isSet(decode))
            spec.decode = true;
        return std::nullopt;
    }

    // The spec for URL|CONFIG with the mode and workers given (flags win over a config).
    BenchSpec spec(CliContext &ctx, const QCommandLineParser &p, const QString &target, int workers,
                   bool workersGiven) const
    {
        const bool viaProxyGiven = p.isSet(viaProxy);
        if (isConfigArgument(target)) {
            const DatasetConfig config = loadDatasetConfig(target.toStdString());
            BenchSpec s = benchSpecForConfig(config, ctx.storeOptions(), viaProxyGiven);
            if (p.isSet(mode))
                s.method = parseBenchMethod(p.value(mode).toStdString());
            if (workersGiven)
                s.workers = workers;
            return s;
        }
        return benchSpecForUrl(target.toStdString(), ctx.storeOptions(), parseBenchMethod(p.value(mode).toStdString()),
                               workers, viaProxyGiven);
    }
};

QString summaryLine(const BenchResult &r)
{
    return QStringLiteral("%1 %2 items, %3 in %4 s with %5 workers: %6 items/s, %7/s payload, %8/s wire, %9 req/s\n"
                          "latency p50 %10 ms, p95 %11 ms, p99 %12 ms; first batch after %13 s; errors %14, "
                          "retries %15; CPU %16%\n")
        .arg(QString::fromStdString(benchMethodName(r.method)))
        .arg(r.items)
        .arg(QString::fromStdString(humanBytes(r.payloadBytes)))
        .arg(r.seconds, 0, 'f', 2)
        .arg(r.workers)
        .arg(r.itemsPerSecond(), 0, 'f', 0)
        .arg(QString::fromStdString(humanBytes(static_cast<unsigned long long>(r.payloadBytesPerSecond()))))
        .arg(QString::fromStdString(humanBytes(static_cast<unsigned long long>(r.wireBytesPerSecond()))))
        .arg(r.requestsPerSecond(), 0, 'f', 0)
        .arg(r.requestLatency.p50, 0, 'f', 3)
        .arg(r.requestLatency.p95, 0, 'f', 3)
        .arg(r.requestLatency.p99, 0, 'f', 3)
        .arg(r.timeToFirstBatch, 0, 'f', 3)
        .arg(r.errors)
        .arg(r.retries)
        .arg(r.cpuPercent(), 0, 'f', 0);
}

QString verdictLines(const BenchResult &r)
{
    const Verdict v = judgeBenchmark(r, cores());
    return QStringLiteral("verdict: %1: %2\nnext: %3\n")
        .arg(QString::fromStdString(v.bound), QString::fromStdString(v.explanation), QString::fromStdString(v.next));
}

// The cluster's side of a run (bench --cluster-stats): a table per target.
QString clusterLines(const AisClusterRates &c)
{
    QString text = QStringLiteral("cluster: %1 GETs on %2 target(s), imbalance %3 (max / mean)\n")
                       .arg(c.getN)
                       .arg(c.targets.size())
                       .arg(c.imbalance, 0, 'f', 2);
    for (const AisTargetRates &t : c.targets) {
        if (!t.answered) {
            text += QStringLiteral("  %1  did not answer: %2\n")
                        .arg(QString::fromStdString(t.id), QString::fromStdString(t.error));
            continue;
        }
        text +=
            QStringLiteral("  %1  %2 GET/s  %3 MB/s  mean %4  CPU %5%  disk %6%  errors %7\n")
                .arg(QString::fromStdString(t.id))
                .arg(t.getPerSecond, 8, 'f', 0)
                .arg(t.mbPerSecond, 7, 'f', 2)
                .arg(t.meanLatencyMs >= 0 ? QString::number(t.meanLatencyMs, 'f', 2) + QStringLiteral(" ms")
                                          : QStringLiteral("-"))
                .arg(t.cpuPercent, 0, 'f', 0)
                .arg(t.diskUtilPercent, 0, 'f', 0)
                .arg(t.errors);
    }
    return text;
}

// Polls the cluster's statistics while a run goes on (ais:// only).
std::unique_ptr<AisClusterStatsPoller> clusterPoller(CliContext &ctx, std::chrono::milliseconds period)
{
    const StoreOptions so = ctx.storeOptions();
    AisOptions o;
    o.endpoint = resolveAisEndpoint(so.endpoint);
    o.token = so.aisToken.empty() ? aisTokenFromEnvironment() : so.aisToken;
    o.http = so.http;
    o.retry = so.retry;
    return std::make_unique<AisClusterStatsPoller>(o, period);
}
} // namespace

int runBench(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measure how fast data can be fed: read the objects (or shards) under URL, or of a dataset config, with W "
        "workers through the loader core, for a duration or one epoch. Reports samples/s, payload and wire bytes/s, "
        "requests/s, request and batch latency, time to first batch, errors, retries, client CPU and a verdict."));
    parser.addPositionalArgument(QStringLiteral("bench"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("Bucket URL (with prefix) or config file."));
    const BenchCliOptions o;
    const LoaderCliOptions loaderOpts(1);
    const QCommandLineOption seriesOpt(QStringLiteral("series"),
                                       QStringLiteral("With --json: add the time series (one point per 250 ms)."));
    const QCommandLineOption clusterOpt(
        QStringLiteral("cluster-stats"),
        QStringLiteral(
            "ais:// only: poll every target's own statistics during the run (GET/s, MB/s, mean GET "
            "latency, CPU, disk, errors per target, imbalance) and judge both sides; with --json a "
            "`cluster` object (and per point with --series)."));
    o.add(parser);
    parser.addOptions({loaderOpts.workers, loaderOpts.batchSize, seriesOpt, clusterOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("bench takes exactly one URL or config"), parser);
    int workers = 0;
    qulonglong getBatch = 0;
    if (const auto failed = loaderOpts.read(ctx, parser, &workers, &getBatch))
        return *failed;
    try {
        BenchSpec spec = o.spec(ctx, parser, pos.at(1), workers, parser.isSet(loaderOpts.workers));
        if (parser.isSet(loaderOpts.batchSize) || !isConfigArgument(pos.at(1)))
            spec.getBatchSize = getBatch;
        if (const auto failed = o.readRun(ctx, parser, spec))
            return *failed;
        std::unique_ptr<AisClusterStatsPoller> poller;
        if (parser.isSet(clusterOpt)) {
            if (!pos.at(1).startsWith(QLatin1String("ais://")) && !isConfigArgument(pos.at(1)))
                return ctx.usage(QStringLiteral("--cluster-stats needs an ais:// bucket"), parser);
            poller = clusterPoller(ctx, spec.interval);
            poller->start(); // a cluster that does not answer: said in the output, the run goes on
        }
        Progress progress("items", 0, ctx.showProgress());
        const BenchResult r = runBenchmark(spec, showLive(progress));
        progress.finish();
        AisClusterRates cluster;
        std::vector<AisClusterRates> clusterSeries;
        if (poller) {
            cluster = poller->stop();
            clusterSeries = poller->series();
        }
        if (parser.isSet(o.json)) {
            std::string text = benchResultJson(r, parser.isSet(seriesOpt), cores());
            if (poller) {
                auto j = nlohmann::ordered_json::parse(text);
                j["cluster"] = nlohmann::ordered_json::parse(clusterRatesJson(cluster));
                if (!poller->error().empty())
                    j["cluster"]["error"] = toValidUtf8(poller->error());
                const Verdict v = judgeWithCluster(r, cluster, cores());
                j["verdict"] = {{"bound", v.bound},
                                {"explanation", toValidUtf8(v.explanation)},
                                {"next", toValidUtf8(v.next)}};
                if (j.contains("series")) {
                    // Each point carries the cluster's interval that ended nearest to it.
                    std::size_t k = 0;
                    for (auto &point : j["series"]) {
                        const double t = point.value("t", 0.0);
                        while (k + 1 < clusterSeries.size() &&
                               std::abs(clusterSeries[k + 1].t - t) <= std::abs(clusterSeries[k].t - t))
                            ++k;
                        if (!clusterSeries.empty())
                            point["cluster"] =
                                nlohmann::ordered_json::parse(clusterRatesJson(clusterSeries[k]));
                    }
                }
                text = j.dump(2) + "\n";
            }
            ctx.out() << QString::fromStdString(text) << Qt::flush;
        } else if (poller) {
            const Verdict v = judgeWithCluster(r, cluster, cores());
            ctx.out() << summaryLine(r) << clusterLines(cluster)
                      << (poller->error().empty()
                              ? QString()
                              : QString::fromStdString(poller->error()) + QStringLiteral("\n"))
                      << QStringLiteral("verdict: %1: %2\nnext: %3\n")
                             .arg(QString::fromStdString(v.bound), QString::fromStdString(v.explanation),
                                  QString::fromStdString(v.next))
                      << Qt::flush;
        } else {
            ctx.out() << summaryLine(r) << verdictLines(r) << Qt::flush;
        }
        if (!r.firstError.empty() && !parser.isSet(o.json))
            ctx.err() << "first error: " << QString::fromStdString(r.firstError) << Qt::endl;
        return r.errors > 0 && r.items == 0 ? ExitFailure : ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

int runSweepCommand(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run the same benchmark with more and more workers (e.g. 1,2,4,8,16): throughput and latency per step, the "
        "knee where the next doubling gains under 10%, and the recommended worker count."));
    parser.addPositionalArgument(QStringLiteral("sweep"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("Bucket URL (with prefix) or config file."));
    const BenchCliOptions o;
    const QCommandLineOption workersOpt(QStringLiteral("workers"),
                                        QStringLiteral("Increasing worker counts (default 1,2,4,8,16)."),
                                        QStringLiteral("list"), QStringLiteral("1,2,4,8,16"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Print CSV."));
    o.add(parser);
    parser.addOptions({workersOpt, csvOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("sweep takes exactly one URL or config"), parser);
    std::vector<int> counts;
    try {
        counts = parseWorkerCounts(parser.value(workersOpt).toStdString());
    } catch (const Error &e) {
        return ctx.usage(QStringLiteral("--workers: %1").arg(QString::fromStdString(e.what())), parser);
    }
    try {
        BenchSpec spec = o.spec(ctx, parser, pos.at(1), counts.front(), true);
        if (const auto failed = o.readRun(ctx, parser, spec))
            return *failed;
        const bool quiet = parser.isSet(o.json) || parser.isSet(csvOpt);
        Progress progress("items", 0, ctx.showProgress());
        std::atomic<int> stepWorkers{counts.front()};
        const auto steps = runSweep(spec, counts, [&](const SweepStep &s) {
            // The next step's worker count, for the progress line.
            const auto at = std::find(counts.begin(), counts.end(), s.workers);
            if (at != counts.end() && at + 1 != counts.end())
                stepWorkers = *(at + 1);
            if (!quiet)
                ctx.out() << QStringLiteral("W=%1: %2 items/s, %3/s, p50 %4 ms, p99 %5 ms, errors %6\n")
                                 .arg(s.workers)
                                 .arg(s.result.itemsPerSecond(), 0, 'f', 0)
                                 .arg(QString::fromStdString(
                                     humanBytes(static_cast<unsigned long long>(s.result.payloadBytesPerSecond()))))
                                 .arg(s.result.requestLatency.p50, 0, 'f', 3)
                                 .arg(s.result.requestLatency.p99, 0, 'f', 3)
                                 .arg(s.result.errors)
                          << Qt::flush;
        }, [&](const BenchSample &s) {
            if (const auto live = showLive(progress, QStringLiteral("W=%1: ").arg(stepWorkers.load())))
                live(s);
        });
        progress.finish();
        if (parser.isSet(o.json)) {
            ctx.out() << QString::fromStdString(sweepJson(steps, cores())) << Qt::flush;
        } else if (parser.isSet(csvOpt)) {
            ctx.out() << QString::fromStdString(sweepCsv(steps)) << Qt::flush;
        } else if (!steps.empty()) {
            std::vector<std::pair<int, double>> points;
            for (const auto &s : steps)
                points.emplace_back(s.workers, s.result.itemsPerSecond());
            const Knee k = findKnee(points);
            ctx.out() << (k.saturated ? QStringLiteral("knee at %1 workers (the next step gains %2%); recommended: %1 "
                                                       "workers\n")
                                            .arg(k.workers)
                                            .arg(k.gainAfter * 100, 0, 'f', 1)
                                      : QStringLiteral("still scaling at %1 workers: try more\n").arg(k.workers))
                      << Qt::flush;
        }
        return steps.empty() ? ExitFailure : ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

int runCompare(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare access methods on the same data: the baseline (one thread, GET loop), map dataset, iterable dataset, "
        "get-batch over the objects under URL, and the shard reader over the same samples as shards (--shards), "
        "each as a ratio to the baseline."));
    parser.addPositionalArgument(QStringLiteral("compare"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("Bucket URL (with prefix) or config file."));
    const BenchCliOptions o;
    const LoaderCliOptions loaderOpts(4);
    const QCommandLineOption modesOpt(
        QStringLiteral("modes"),
        QStringLiteral("Methods to compare (default baseline,map,object, get-batch "
                       "on ais://, plus shard with --shards)."),
        QStringLiteral("list"));
    const QCommandLineOption shardsOpt(QStringLiteral("shards"), QStringLiteral("The same samples as shards (URL)."),
                                       QStringLiteral("url"));
    o.add(parser);
    parser.addOptions({loaderOpts.workers, loaderOpts.batchSize, modesOpt, shardsOpt});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("compare takes exactly one URL or config"), parser);
    int workers = 0;
    qulonglong getBatch = 0;
    if (const auto failed = loaderOpts.read(ctx, parser, &workers, &getBatch))
        return *failed;
    QStringList modes;
    if (parser.isSet(modesOpt)) {
        modes = parser.value(modesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    } else {
        bool ais = pos.at(1).startsWith(QLatin1String("ais://"));
        if (isConfigArgument(pos.at(1))) {
            try {
                const DatasetConfig config = loadDatasetConfig(pos.at(1).toStdString());
                ais = !config.sources.empty() && config.sources.front().provider == "ais";
            } catch (const Error &) {
                // reported when the config is read for the run
            }
        }
        for (BenchMethod m : defaultCompareMethods(false, ais))
            modes << QString::fromStdString(benchMethodName(m));
    }
    if (parser.isSet(shardsOpt) && !modes.contains(QStringLiteral("shard")))
        modes << QStringLiteral("shard");
    if (!modes.contains(QStringLiteral("baseline")))
        modes.prepend(QStringLiteral("baseline")); // ratios need it
    try {
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        double baseline = 0;
        for (const QString &m : modes) {
            const BenchMethod method = parseBenchMethod(m.trimmed().toStdString());
            if (method == BenchMethod::Shard && !parser.isSet(shardsOpt))
                return ctx.usage(QStringLiteral("the shard method needs the same samples as shards: --shards URL"),
                                 parser);
            BenchSpec spec = method == BenchMethod::Shard
                                 ? benchSpecForUrl(parser.value(shardsOpt).toStdString(), ctx.storeOptions(), method,
                                                   workers, parser.isSet(o.viaProxy))
                                 : o.spec(ctx, parser, pos.at(1), workers, true);
            spec.method = method;
            spec.getBatchSize = getBatch;
            if (const auto failed = o.readRun(ctx, parser, spec))
                return *failed;
            Progress progress("items", 0, ctx.showProgress());
            const BenchResult r =
                runBenchmark(spec, showLive(progress, QString::fromStdString(benchMethodName(method)) + QStringLiteral(": ")));
            progress.finish();
            if (method == BenchMethod::Baseline)
                baseline = r.itemsPerSecond();
            const double ratio = baseline > 0 ? r.itemsPerSecond() / baseline : 0;
            if (parser.isSet(o.json)) {
                auto j = nlohmann::ordered_json::parse(benchResultJson(r, false, cores()));
                j["ratio_to_baseline"] = ratio;
                all.push_back(j);
            } else {
                ctx.out() << QStringLiteral("%1: %2 items/s (%3x baseline), %4/s, p50 %5 ms, errors %6\n")
                                 .arg(QString::fromStdString(benchMethodName(method)), -10)
                                 .arg(r.itemsPerSecond(), 0, 'f', 0)
                                 .arg(ratio, 0, 'f', 2)
                                 .arg(QString::fromStdString(
                                     humanBytes(static_cast<unsigned long long>(r.payloadBytesPerSecond()))))
                                 .arg(r.requestLatency.p50, 0, 'f', 3)
                                 .arg(r.errors)
                          << Qt::flush;
            }
        }
        if (parser.isSet(o.json))
            ctx.out() << QString::fromStdString(all.dump(2)) << Qt::endl;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
