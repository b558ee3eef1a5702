#include "ui/bench/python_method.h"
#include "ui/jobs/job_tracker.h"

#include "core/config/export_python.h"
#include "core/config/export_python_native.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>

namespace shardscope::ui {

namespace {

// Runs an exported script's make_loader() and reports, as JSON lines on
// stdout, items and payload bytes read so far (a batch counts its items), CPU
// seconds of the process and its reaped children (DataLoader workers), every
// 250 ms; then one line with "done". Nothing from the config reaches this text.
// Empty batches count as one item less than they should; neither pipeline makes them.
const char kHarness[] = R"PY(import importlib.util, json, os, resource, sys, time

kind, script = sys.argv[1], sys.argv[2]


def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def size(x):
    if isinstance(x, (bytes, bytearray, memoryview)):
        return len(x)
    if isinstance(x, dict):
        return sum(size(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return sum(size(v) for v in x)
    return int(getattr(x, "nbytes", 0) or 0)


def say(**kw):
    sys.stdout.write(json.dumps(kw) + "\n")
    sys.stdout.flush()


spec = importlib.util.spec_from_file_location("pipeline", script)
pipeline = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pipeline)
if kind == "sdk":
    loader = pipeline.make_loader(pipeline.Client(os.environ[pipeline.ENDPOINT_ENV]))
else:
    loader = pipeline.make_loader()
t0, c0 = time.perf_counter(), cpu()
items = nbytes = 0
last = t0
first = None
for item in loader:
    # A batch is a list of items; an item is a (name, data) pair, which
    # DataLoader's default_convert may have turned into a list.
    batch = isinstance(item, list) and len(item) > 0 and isinstance(item[0], (list, tuple))
    items += len(item) if batch else 1
    nbytes += size(item)
    now = time.perf_counter()
    if first is None:
        first = now - t0
        say(first_batch=first)
    if now - last >= 0.25:
        last = now
        say(t=now - t0, items=items, bytes=nbytes, cpu=cpu() - c0)
say(done=True, t=time.perf_counter() - t0, items=items, bytes=nbytes, cpu=cpu() - c0)
)PY";

BenchMethod methodOf(const DatasetConfig &c)
{
    switch (c.kind) {
    case DatasetConfig::Kind::Map:
        return BenchMethod::Map;
    case DatasetConfig::Kind::Shard:
        return BenchMethod::Shard;
    case DatasetConfig::Kind::GetBatch:
        return BenchMethod::GetBatch;
    case DatasetConfig::Kind::Iterable:
        break;
    }
    return BenchMethod::Iterable;
}

} // namespace

namespace {
QString rateKey(const DatasetConfig &config, PythonPipeline pipeline)
{
    std::string json;
    try {
        json = serializeDatasetConfig(config);
    } catch (const Error &) {
        return QString(); // not UTF-8: never benchmarked through a script either
    }
    const QByteArray hash =
        QCryptographicHash::hash(QByteArray::fromStdString(json), QCryptographicHash::Sha256);
    return QStringLiteral("bench/pythonRates/%1/%2")
        .arg(QString::fromLatin1(hash.toHex().left(24)),
             pipeline == PythonPipeline::Sdk ? QStringLiteral("sdk") : QStringLiteral("native"));
}
} // namespace

void recordPipelineRate(const DatasetConfig &config, PythonPipeline pipeline, double itemsPerSecond)
{
    const QString key = rateKey(config, pipeline);
    if (!key.isEmpty() && itemsPerSecond > 0)
        QSettings().setValue(key, itemsPerSecond);
}

std::optional<double> lastPipelineRate(const DatasetConfig &config, PythonPipeline pipeline)
{
    const QString key = rateKey(config, pipeline);
    bool ok = false;
    const double v = key.isEmpty() ? 0 : QSettings().value(key).toDouble(&ok);
    return ok && v > 0 ? std::optional<double>(v) : std::nullopt;
}

QString pipelineComparison(const DatasetConfig &config)
{
    const auto sdk = lastPipelineRate(config, PythonPipeline::Sdk);
    const auto native = lastPipelineRate(config, PythonPipeline::Native);
    if (!sdk || !native)
        return QCoreApplication::translate(
                   "PythonMethod",
                   "Which script is faster: benchmark this config with the methods \"%1\" and \"%2\".")
            .arg(pythonPipelineName(PythonPipeline::Sdk), pythonPipelineName(PythonPipeline::Native));
    const bool nativeFaster = *native >= *sdk;
    const double ratio = nativeFaster ? *native / *sdk : *sdk / *native;
    return QCoreApplication::translate(
               "PythonMethod", "Last benchmark of this config: the shardscope script read %1 items/s, the "
                               "aistore.pytorch script %2 items/s: %3 is %4× faster.")
        .arg(QLocale().toString(*native, 'f', 0), QLocale().toString(*sdk, 'f', 0),
             nativeFaster ? QCoreApplication::translate("PythonMethod", "shardscope")
                          : QCoreApplication::translate("PythonMethod", "aistore.pytorch"),
             QLocale().toString(ratio, 'f', ratio < 10 ? 1 : 0));
}

QString switchingVerdict(double sdk, double python, double cpp, const QString &cppMethod)
{
    auto rate = [](double v) { return QLocale().toString(v, 'f', 0); };
    auto times = [](double a, double b) { return QLocale().toString(a / b, 'f', a / b < 10 ? 1 : 0); };
    if (sdk <= 0)
        return QCoreApplication::translate(
            "PythonMethod", "Your aistore.pytorch pipeline was not measured, so there is nothing to "
                            "compare switching against.");
    QString text = QCoreApplication::translate("PythonMethod", "Your aistore.pytorch pipeline: %1 items/s.")
                       .arg(rate(sdk));
    if (python > 0)
        text += QLatin1Char(' ') + QCoreApplication::translate(
                                       "PythonMethod", "Switching to shardscope from Python: %1 items/s, "
                                                       "%2× the SDK.")
                                       .arg(rate(python), times(python, sdk));
    if (cpp > 0)
        text += QLatin1Char(' ') + QCoreApplication::translate(
                                       "PythonMethod", "shardscope in C++ (%1): %2 items/s, %3× the SDK.")
                                       .arg(cppMethod, rate(cpp), times(cpp, sdk));
    return text;
}

PythonMethodRun::PythonMethodRun(QObject *parent) : QObject(parent) {}

PythonMethodRun::~PythonMethodRun()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(3000);
    }
    markEnded();
}

void PythonMethodRun::markEnded()
{
    if (!m_watch)
        return;
    {
        std::lock_guard<std::mutex> lock(m_watch->mutex);
        m_watch->ended = true;
    }
    m_watch->cv.notify_all();
    m_watch.reset();
}

void PythonMethodRun::watchAsJob()
{
    m_watch = std::make_shared<Watch>();
    QPointer<PythonMethodRun> self(this);
    JobTracker::instance().start(
        this, tr("Benchmark: %1").arg(pythonPipelineName(m_pipeline)),
        [watch = m_watch, self](JobContext &job) {
            std::unique_lock<std::mutex> lock(watch->mutex);
            bool asked = false;
            while (!watch->ended) {
                if (job.cancelled() && !asked) { // Stop in the status bar: end the process on the GUI thread
                    asked = true;
                    job.post([self] {
                        if (self)
                            self->stop();
                    });
                }
                watch->cv.wait_for(lock, std::chrono::milliseconds(100));
            }
        },
        [] {}, [](const Error &) {}, JobOptions{QStringLiteral("python-run")});
}

bool PythonMethodRun::isRunning() const
{
    return m_process != nullptr;
}

bool PythonMethodRun::start(const Request &request)
{
    if (m_process)
        return false;
    std::string script;
    try {
        script = request.pipeline == PythonPipeline::Sdk ? exportPython(request.config)
                                                         : exportPythonNative(request.config);
    } catch (const Error &e) {
        Q_EMIT failed(tr("%1 cannot run this config: %2")
                          .arg(pythonPipelineName(request.pipeline), QString::fromStdString(e.what())));
        return true;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    QFile pipeline(m_dir->filePath(QStringLiteral("pipeline.py")));
    QFile harness(m_dir->filePath(QStringLiteral("harness.py")));
    if (!m_dir->isValid() || !pipeline.open(QIODevice::WriteOnly) || !harness.open(QIODevice::WriteOnly) ||
        pipeline.write(script.data(), qint64(script.size())) != qint64(script.size()) ||
        harness.write(kHarness, qint64(sizeof kHarness - 1)) != qint64(sizeof kHarness - 1)) {
        Q_EMIT failed(tr("Cannot write the pipeline script to a temporary folder."));
        return true;
    }
    pipeline.close();
    harness.close();
    m_pipeline = request.pipeline;
    m_result = BenchResult();
    m_result.method = methodOf(request.config);
    m_result.workers = request.config.workers;
    m_pending.clear();
    m_stderr.clear();
    m_stopped = m_ended = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_buffer.clear();
    }
    m_process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromStdString(request.config.endpointEnv), request.endpoint);
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    m_process->setProcessEnvironment(env);
    m_process->setWorkingDirectory(m_dir->path());
    connect(m_process, &QProcess::readyReadStandardOutput, this, &PythonMethodRun::readLines);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr += m_process->readAllStandardError();
        if (m_stderr.size() > 64 * 1024)
            m_stderr = m_stderr.right(32 * 1024); // the end holds the error
    });
    connect(m_process, &QProcess::finished, this, &PythonMethodRun::processEnded);
    connect(m_process, &QProcess::errorOccurred, this,
            [this, python = request.python](QProcess::ProcessError e) {
                if (e != QProcess::FailedToStart || m_ended)
                    return;
                m_ended = true;
                markEnded();
                m_process->deleteLater();
                m_process = nullptr;
                Q_EMIT failed(
                    tr("Cannot start %1: %2").arg(python, tr("no such program, or it is not executable")));
            });
    watchAsJob();
    m_process->start(request.python, {QStringLiteral("-u"), m_dir->filePath(QStringLiteral("harness.py")),
                                      request.pipeline == PythonPipeline::Sdk ? QStringLiteral("sdk")
                                                                              : QStringLiteral("native"),
                                      m_dir->filePath(QStringLiteral("pipeline.py"))});
    return true;
}

void PythonMethodRun::stop()
{
    if (m_process && !m_stopped) {
        m_stopped = true;
        m_process->kill(); // DataLoader workers end with their parent
    }
}

std::vector<BenchSample> PythonMethodRun::takeSamples()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<BenchSample> out;
    out.swap(m_buffer);
    return out;
}

void PythonMethodRun::readLines()
{
    m_pending += m_process->readAllStandardOutput();
    for (int nl = m_pending.indexOf('\n'); nl >= 0; nl = m_pending.indexOf('\n')) {
        handleLine(m_pending.left(nl));
        m_pending.remove(0, nl + 1);
    }
    if (m_pending.size() > 1024 * 1024)
        m_pending.clear(); // not ours: a pipeline printing a huge line
}

void PythonMethodRun::handleLine(const QByteArray &line)
{
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    if (o.isEmpty())
        return; // the pipeline's own output
    if (o.contains(QLatin1String("first_batch"))) {
        m_result.timeToFirstBatch = o.value(QLatin1String("first_batch")).toDouble();
        return;
    }
    BenchSample s;
    s.t = o.value(QLatin1String("t")).toDouble();
    s.items = static_cast<std::uint64_t>(o.value(QLatin1String("items")).toDouble());
    s.payloadBytes = static_cast<std::uint64_t>(o.value(QLatin1String("bytes")).toDouble());
    const double cpu = o.value(QLatin1String("cpu")).toDouble();
    const BenchSample prev = m_result.series.empty() ? BenchSample() : m_result.series.back();
    const double prevCpu = m_result.cpuSeconds;
    const double dt = s.t - prev.t;
    if (dt > 0) {
        s.itemsPerSecond = double(s.items - std::min(s.items, prev.items)) / dt;
        s.payloadBytesPerSecond = double(s.payloadBytes - std::min(s.payloadBytes, prev.payloadBytes)) / dt;
        s.cpuPercent = 100.0 * (cpu - prevCpu) / dt;
    }
    m_result.items = s.items;
    m_result.payloadBytes = s.payloadBytes;
    m_result.seconds = s.t;
    m_result.cpuSeconds = cpu;
    if (o.value(QLatin1String("done")).toBool())
        return; // the totals; the series holds the periodic points
    m_result.series.push_back(s);
    std::lock_guard<std::mutex> lock(m_mutex);
    m_buffer.push_back(s);
}

void PythonMethodRun::processEnded(int exitCode, QProcess::ExitStatus status)
{
    if (m_ended)
        return;
    m_ended = true;
    markEnded();
    readLines();
    m_process->deleteLater();
    m_process = nullptr;
    if (m_stopped) {
        m_result.cancelled = true;
        Q_EMIT finished(m_result);
        return;
    }
    if (status != QProcess::NormalExit || exitCode != 0) {
        // The last lines of stderr: a traceback ends with the exception and its message.
        QList<QByteArray> lines = m_stderr.trimmed().split('\n');
        while (lines.size() > 6)
            lines.removeFirst();
        Q_EMIT failed(tr("The %1 pipeline failed (exit code %2): %3")
                          .arg(pythonPipelineName(m_pipeline))
                          .arg(exitCode)
                          .arg(QString::fromUtf8(lines.join('\n'))));
        return;
    }
    Q_EMIT finished(m_result);
}

PythonBenchmark::PythonBenchmark(QObject *parent)
    : QObject(parent), m_finder(new PythonFinder(this)), m_run(new PythonMethodRun(this))
{
    connect(m_finder, &PythonFinder::found, this, [this](const QString &python) {
        if (m_stopped)
            return end(QString(), true);
        Q_EMIT phase(tr("%1 with %2").arg(pythonPipelineName(m_pipeline), python));
        m_run->start({m_pipeline, m_config, python, m_endpoint});
    });
    connect(m_finder, &PythonFinder::notFound, this,
            [this](const QString &message) { m_stopped ? end(QString(), true) : failedOne(message); });
    connect(m_run, &PythonMethodRun::finished, this, [this](const BenchResult &r) {
        if (!r.cancelled && r.items > 0)
            recordPipelineRate(m_config, m_pipeline, r.itemsPerSecond()); // for the Export dialog
        Q_EMIT resultReady(r);
        if (r.cancelled || m_queue.empty())
            end(QString(), r.cancelled);
        else
            next();
    });
    connect(m_run, &PythonMethodRun::failed, this, &PythonBenchmark::failedOne);
}

DatasetConfig PythonBenchmark::configForUrl(const QString &url, int workers)
{
    const StoreUrl u = parseStoreUrl(url.toStdString());
    if (u.scheme != StoreUrl::Scheme::Ais || u.bucket.empty())
        throw Error(ErrorKind::InvalidArgument,
                    "the Python methods read AIStore buckets: give ais://bucket[/prefix], not " +
                        shardscope::quoted(url.toStdString()));
    DatasetConfig c;
    c.name = u.toString();
    DatasetConfig::Source s;
    s.id = "data";
    s.bucket = u.bucket;
    s.group.prefix = unescapeName(u.path);
    c.sources.push_back(s);
    c.kind = DatasetConfig::Kind::Iterable;
    c.workers = workers;
    return c;
}

bool PythonBenchmark::start(PythonPipeline pipeline, const DatasetConfig &config, const QString &endpoint)
{
    return startAll({pipeline}, config, endpoint); // one pipeline: its failure is the run's
}

bool PythonBenchmark::startAll(const std::vector<PythonPipeline> &pipelines, const DatasetConfig &config,
                               const QString &endpoint)
{
    if (m_running || pipelines.empty())
        return false;
    m_running = true;
    m_stopped = false;
    m_all = pipelines.size() > 1;
    m_queue = pipelines;
    m_notes.clear();
    m_config = config;
    m_endpoint = endpoint;
    next();
    return true;
}

void PythonBenchmark::next()
{
    m_pipeline = m_queue.front();
    m_queue.erase(m_queue.begin());
    Q_EMIT phase(tr("Looking for a Python that can import %1…").arg(pythonPipelineModules(m_pipeline)));
    m_finder->start(m_pipeline, configuredPython());
}

void PythonBenchmark::failedOne(const QString &message)
{
    if (!m_all)
        return end(message, false);
    m_notes << tr("%1 was not measured: %2").arg(pythonPipelineName(m_pipeline), message);
    if (m_queue.empty() || m_stopped)
        end(QString(), m_stopped);
    else
        next();
}

void PythonBenchmark::stop()
{
    m_stopped = true;
    m_queue.clear();
    m_run->stop();
}

void PythonBenchmark::end(const QString &error, bool cancelled)
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT done(error, cancelled);
}

} // namespace shardscope::ui
