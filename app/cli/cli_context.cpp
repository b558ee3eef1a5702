#include "app/cli/cli_context.h"
#include "app/cli/progress.h"

#include "core/data/sources.h"
#include "core/storage/endpoint.h"
#include "core/storage/store_url.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QFileInfo>

#include <cstdio>

namespace shardscope::cli {

CliContext::CliContext()
    : m_out(stdout), m_err(stderr),
      m_endpointOption(QStringList{QStringLiteral("e"), QStringLiteral("endpoint")},
                       QStringLiteral("Endpoint: the AIStore proxy for ais:// (default: $AIS_ENDPOINT, else "
                                      "http://127.0.0.1:8080), the S3 endpoint for s3:// (default: $AWS_ENDPOINT_URL)."),
                       QStringLiteral("url")),
      m_connectTimeoutOption(QStringLiteral("connect-timeout"),
                             QStringLiteral("Connect timeout in milliseconds (default 3000)."), QStringLiteral("ms")),
      m_timeoutOption(QStringLiteral("timeout"),
                      QStringLiteral("Read timeout in milliseconds: fail when no data moves for this long "
                                     "(default 20000)."),
                      QStringLiteral("ms")),
      m_caFileOption(QStringLiteral("ca-file"),
                     QStringLiteral("PEM file of the certificate authorities to trust for https:// endpoints "
                                    "(default: the system's)."),
                     QStringLiteral("file")),
      m_insecureOption(QStringLiteral("insecure"),
                       QStringLiteral("Do not verify https:// certificates (unsafe: anyone on the path can read and "
                                      "change the data; prints a warning).")),
      m_quietOption(QStringList{QStringLiteral("q"), QStringLiteral("quiet")},
                    QStringLiteral("No progress on stderr (it is shown only when stderr is a terminal)."))
{
}

void CliContext::addGlobalOptions(QCommandLineParser &parser) const
{
    parser.addOption(m_endpointOption);
    parser.addOption(m_connectTimeoutOption);
    parser.addOption(m_timeoutOption);
    parser.addOption(m_caFileOption);
    parser.addOption(m_insecureOption);
    parser.addOption(m_quietOption);
    parser.addHelpOption();
}

namespace {
bool readMillis(const QCommandLineParser &parser, const QCommandLineOption &option, std::chrono::milliseconds *out,
                QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qlonglong v = parser.value(option).toLongLong(&ok);
    if (!ok || v < 1 || v > 24LL * 3600 * 1000) {
        *error = QStringLiteral("--%1 must be a number of milliseconds between 1 and 86400000, not '%2'")
                     .arg(option.names().constLast(), parser.value(option));
        return false;
    }
    *out = std::chrono::milliseconds(v);
    return true;
}
} // namespace

bool CliContext::readGlobalOptions(const QCommandLineParser &parser)
{
    QString error;
    if (!readMillis(parser, m_connectTimeoutOption, &m_http.connectTimeout, &error) ||
        !readMillis(parser, m_timeoutOption, &m_http.readTimeout, &error)) {
        m_err << "shardscope-cli: " << error << Qt::endl;
        return false;
    }
    m_quiet = parser.isSet(m_quietOption);
    if (parser.isSet(m_endpointOption))
        m_endpoint = parser.value(m_endpointOption).toStdString();
    if (parser.isSet(m_caFileOption)) {
        const QString ca = parser.value(m_caFileOption);
        if (!QFileInfo(ca).isFile() || !QFileInfo(ca).isReadable()) {
            m_err << "shardscope-cli: --ca-file " << ca << ": no such readable file" << Qt::endl;
            return false;
        }
        m_http.caFile = ca.toStdString();
    }
    if (parser.isSet(m_insecureOption)) {
        m_http.verifyTls = false;
        m_err << "shardscope-cli: warning: TLS certificate verification is off (--insecure): anyone on the "
                 "network path can read and change what is transferred"
              << Qt::endl;
    }
    return true;
}

std::unique_ptr<AisClient> CliContext::aisClient() const
{
    AisOptions opts;
    opts.endpoint = resolveAisEndpoint(m_endpoint);
    opts.token = aisTokenFromEnvironment();
    opts.http = m_http;
    return std::make_unique<AisClient>(std::move(opts));
}

bool CliContext::showProgress(bool streamsToStdout) const { return progressWanted(m_quiet, streamsToStdout); }

StoreOptions CliContext::storeOptions() const
{
    StoreOptions o;
    o.endpoint = m_endpoint;
    o.http = m_http;
    return o;
}

StoreLocation CliContext::open(const QString &url, bool wholePathIsBucket) const
{
    StoreUrl parsed = parseStoreUrl(url.toStdString());
    parsed.path = unescapeName(parsed.path);
    return openStore(parsed, storeOptions(), wholePathIsBucket);
}

std::vector<ObjectInfo> CliContext::listDataset(StoreLocation &loc)
{
    ObjectGroup group;
    if (loc.path.find('{') != std::string::npos) {
        group.kind = ObjectGroup::Kind::Template;
        group.braceTemplate = loc.path;
    } else {
        group.prefix = loc.path;
    }
    return resolveGroup(*loc.store, loc.bucket, group);
}

QString displayName(const std::string &name)
{
    return QString::fromStdString(escapeName(name));
}

int CliContext::fail(const std::string &message)
{
    // A message may quote a name that is not UTF-8: its bytes show as \xNN, not as U+FFFD.
    m_err << "shardscope-cli: " << QString::fromStdString(toValidUtf8(message)) << Qt::endl;
    return ExitFailure;
}

int CliContext::usage(const QString &message, const QCommandLineParser &parser)
{
    m_err << "shardscope-cli: " << message << "\n\n" << parser.helpText() << Qt::flush;
    return ExitUsage;
}

bool readCount(const QCommandLineParser &parser, const QCommandLineOption &option, qulonglong min, qulonglong max,
               qulonglong *out)
{
    bool ok = false;
    *out = parser.value(option).toULongLong(&ok);
    return ok && *out >= min && *out <= max;
}

LoaderCliOptions::LoaderCliOptions(int defaultWorkers)
    : workers(QStringLiteral("workers"), QStringLiteral("Threads (default %1).").arg(defaultWorkers),
              QStringLiteral("w"), QString::number(defaultWorkers)),
      batchSize(QStringLiteral("batch-size"), QStringLiteral("get-batch: objects per request (default 64)."),
                QStringLiteral("n"), QStringLiteral("64"))
{
}

std::optional<int> LoaderCliOptions::read(CliContext &ctx, const QCommandLineParser &parser, int *workersOut,
                                          qulonglong *batchSizeOut) const
{
    qulonglong w = 0;
    if (!readCount(parser, batchSize, 1, 100000, batchSizeOut))
        return ctx.usage(QStringLiteral("--batch-size must be between 1 and 100000"), parser);
    if (!readCount(parser, workers, 1, 1024, &w))
        return ctx.usage(QStringLiteral("--workers must be between 1 and 1024"), parser);
    *workersOut = static_cast<int>(w);
    return std::nullopt;
}

std::optional<int> parseCommand(CliContext &ctx, QCommandLineParser &parser, const QStringList &arguments)
{
    ctx.addGlobalOptions(parser);
    if (!parser.parse(arguments))
        return ctx.usage(parser.errorText(), parser);
    if (parser.isSet(QStringLiteral("help"))) {
        ctx.out() << parser.helpText() << Qt::flush;
        return ExitOk;
    }
    if (!ctx.readGlobalOptions(parser))
        return ExitUsage;
    return std::nullopt;
}

} // namespace shardscope::cli
