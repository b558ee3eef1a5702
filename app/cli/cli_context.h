#pragma once

#include "core/storage/ais_client.h"
#include "core/storage/store_factory.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>
#include <string>

namespace shardscope::cli {

// Exit codes of shardscope-cli.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// What every command shares: the output streams and the global options.
class CliContext
{
public:
    CliContext();

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

    // Adds --endpoint, --connect-timeout, --timeout, --quiet and --help to a command's parser.
    void addGlobalOptions(QCommandLineParser &parser) const;
    // Reads them back; returns false (after printing why) on a bad value.
    bool readGlobalOptions(const QCommandLineParser &parser);

    // A client for the AIStore endpoint from --endpoint / AIS_ENDPOINT.
    std::unique_ptr<AisClient> aisClient() const;
    // Opens the store of a URL with the global options; throws Error. The part
    // after the bucket may name objects in their escaped form (unescapeName).
    StoreLocation open(const QString &url, bool wholePathIsBucket = false) const;
    StoreOptions storeOptions() const;
    // Draw progress on stderr: it is a terminal, --quiet was not given, and
    // the command's results (`streamsToStdout`) do not go to the same terminal.
    bool showProgress(bool streamsToStdout = false) const;
    // The objects a data-set URL names: a prefix, or a brace template
    // (ais://b/shard-{0000..0099}.tar) resolved against one listing.
    static std::vector<ObjectInfo> listDataset(StoreLocation &location);

    int fail(const std::string &message); // prints "shardscope-cli: message", returns ExitFailure
    int usage(const QString &message, const QCommandLineParser &parser);

private:
    QTextStream m_out;
    QTextStream m_err;
    std::optional<std::string> m_endpoint;
    HttpOptions m_http;
    QCommandLineOption m_endpointOption;
    QCommandLineOption m_connectTimeoutOption;
    QCommandLineOption m_timeoutOption;
    QCommandLineOption m_caFileOption;
    QCommandLineOption m_insecureOption;
    QCommandLineOption m_quietOption;
    bool m_quiet = false;
};

// A name from data (object, shard member) as the CLI prints it: escapeName()'s
// reversible form, so a name that is not UTF-8 is never lost and can be typed
// back in a URL (open() unescapes the object part).
QString displayName(const std::string &name);

// A whole-number option within [min, max] (its default value when not given).
bool readCount(const QCommandLineParser &parser, const QCommandLineOption &option, qulonglong min, qulonglong max,
               qulonglong *out);

// The loader options iterate and bench share, defined and checked in one place.
struct LoaderCliOptions
{
    QCommandLineOption workers;
    QCommandLineOption batchSize; // get-batch: objects per request
    explicit LoaderCliOptions(int defaultWorkers);
    // Reads both; on a bad value prints the usage error and returns the exit code.
    std::optional<int> read(CliContext &ctx, const QCommandLineParser &parser, int *workers,
                            qulonglong *batchSize) const;
};

// Parses argv for a command: global options plus the command's own, before
// or after the command word. Returns the exit code when the command is done
// already (--help printed, or a usage error reported); nothing otherwise.
std::optional<int> parseCommand(CliContext &ctx, QCommandLineParser &parser, const QStringList &arguments);

} // namespace shardscope::cli
