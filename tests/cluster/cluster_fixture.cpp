#include "cluster_fixture.h"

#include "core/storage/ais_hrw.h"
#include "core/storage/endpoint.h"
#include "core/util/error.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QUrl>

#include <random>
#include <sstream>
#include <unistd.h>

namespace clustertest {

std::string endpoint() { return shardscope::resolveAisEndpoint(std::nullopt); }

shardscope::AisOptions options()
{
    shardscope::AisOptions o;
    o.endpoint = endpoint();
    o.token = shardscope::aisTokenFromEnvironment();
    o.http.connectTimeout = std::chrono::milliseconds(3000);
    o.http.readTimeout = std::chrono::milliseconds(30000);
    return o;
}

std::unique_ptr<shardscope::AisClient> client() { return std::make_unique<shardscope::AisClient>(options()); }

std::string unreachableReason()
{
    try {
        auto c = client();
        c->checkHealth();
        if (!c->isReady())
            return "the AIStore cluster at " + endpoint() + " is not ready";
        return {};
    } catch (const shardscope::Error &e) {
        return std::string("no AIStore cluster: ") + e.what() +
               ". Start one with scripts/cluster-start.sh (or run scripts/test.sh).";
    }
}

std::string uniqueBucket(const std::string &stem)
{
    std::random_device rd;
    return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000);
}

std::string randomBytes(size_t size, unsigned seed)
{
    std::mt19937 gen(seed);
    std::string s(size, '\0');
    for (auto &c : s)
        c = static_cast<char>(gen() & 0xff);
    return s;
}

namespace {

QString clusterDir()
{
    return qEnvironmentVariableIsSet("AIS_CLUSTER_DIR") ? qEnvironmentVariable("AIS_CLUSTER_DIR")
                                                        : QStringLiteral("/var/tmp/shardscope-ais");
}

// The public port a node's local config in AIS_CLUSTER_DIR gives it, or "".
QString configuredPort(const QString &dir)
{
    QFile f(clusterDir() + QLatin1Char('/') + dir + QStringLiteral("/ais_local.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("host_net"))
        .toObject()
        .value(QStringLiteral("port"))
        .toString();
}

} // namespace

std::string processHelpersUnavailable()
{
    const QString proxyPort = configuredPort(QStringLiteral("p0"));
    const QUrl ep(QString::fromStdString(endpoint()));
    if (proxyPort.isEmpty())
        return "no cluster started by scripts/cluster-start.sh in " + clusterDir().toStdString() +
               " (set AIS_CLUSTER_DIR to the directory of the cluster at " + endpoint() + ")";
    if (QString::number(ep.port(80)) != proxyPort)
        return "the cluster in " + clusterDir().toStdString() + " has its proxy on port " +
               proxyPort.toStdString() + ", not the one of AIS_ENDPOINT " + endpoint() +
               ": refusing to change a cluster the tests do not own";
    if (configuredPort(QStringLiteral("t0")).isEmpty())
        return "no target t0 in " + clusterDir().toStdString();
    return {};
}

int clusterScript(const std::string &script, const std::vector<std::string> &args, std::string *output)
{
    if (const std::string why = processHelpersUnavailable(); !why.empty()) {
        if (output)
            *output = why;
        return -1;
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AIS_CLUSTER_DIR"), clusterDir());
    env.insert(QStringLiteral("AIS_PROXY_PORT"), configuredPort(QStringLiteral("p0")));
    env.insert(QStringLiteral("AIS_TARGET_PORT"), configuredPort(QStringLiteral("t0")));
    p.setProcessEnvironment(env);
    QStringList a{QStringLiteral(SHARDSCOPE_SOURCE_DIR "/scripts/") + QString::fromStdString(script)};
    for (const auto &s : args)
        a << QString::fromStdString(s);
    p.start(QStringLiteral("bash"), a);
    const bool finished = p.waitForFinished(240000);
    const std::string out = p.readAllStandardOutput().toStdString();
    const std::string err = p.readAllStandardError().toStdString();
    if (output)
        *output = out + err;
    if (!finished) {
        p.kill();
        p.waitForFinished(5000);
        return -1;
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

std::vector<TargetProcess> targets()
{
    std::vector<TargetProcess> all;
    std::string out;
    if (clusterNode({"list"}, &out) != 0)
        return all;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream f(line);
        TargetProcess t;
        std::string pid;
        if (!(f >> t.index))
            continue; // a log line
        std::getline(f, line);
        std::istringstream cols(line);
        std::getline(cols >> std::ws, t.id, '\t');
        std::getline(cols, pid, '\t');
        std::getline(cols, t.url, '\t');
        t.pid = std::atol(pid.c_str());
        const QString data = clusterDir() + QStringLiteral("/t%1/data").arg(t.index);
        for (const QString &mp : QDir(data).entryList({QStringLiteral("mp*")}, QDir::Dirs, QDir::Name))
            t.mountpaths.push_back((data + QLatin1Char('/') + mp).toStdString());
        all.push_back(std::move(t));
    }
    return all;
}

TargetProcess targetById(const std::string &id)
{
    for (auto &t : targets())
        if (t.id == id)
            return t;
    return {};
}

TargetProcess owningTarget(const std::string &bucket, const std::string &object)
{
    const shardscope::AisClusterMap smap = client()->clusterMap();
    const shardscope::AisNode *owner = shardscope::aisOwningTarget(smap, bucket, object);
    return owner ? targetById(owner->id) : TargetProcess{};
}

std::vector<std::string> objectsOnTarget(const TargetProcess &t, const std::string &bucket)
{
    std::vector<std::string> names;
    for (const auto &mp : t.mountpaths) {
        const QString root = QString::fromStdString(mp) + QStringLiteral("/@ais/") +
                             QString::fromStdString(bucket) + QStringLiteral("/%ob");
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            names.push_back(QDir(root).relativeFilePath(it.next()).toStdString());
    }
    return names;
}

} // namespace clustertest
