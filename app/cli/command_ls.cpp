#include "app/cli/command_ls.h"

#include "app/cli/cli_context.h"
#include "app/cli/json_names.h"
#include "app/cli/progress.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <nlohmann/json.hpp>

namespace shardscope::cli {
namespace {

nlohmann::json entryJson(const ObjectInfo &o)
{
    nlohmann::json j;
    setName(j, "name", o.name);
    j["size"] = o.size;
    if (o.isDirectory)
        j["dir"] = true;
    if (!o.checksum.empty())
        j["checksum"] = o.checksum;
    if (!o.version.empty())
        j["version"] = o.version;
    if (!o.modified.empty())
        j["modified"] = o.modified;
    return j;
}

} // namespace

int runLs(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the buckets of a store (ais://, local://), the objects of a bucket under a prefix "
                       "(ais://bucket/prefix, s3://bucket/prefix, file:///dir/prefix), or the members of a "
                       "shard (--archive)."));
    parser.addPositionalArgument(QStringLiteral("ls"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("What to list."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
    const QCommandLineOption archiveOption(QStringLiteral("archive"),
                                           QStringLiteral("List the members of the shard the URL names."));
    const QCommandLineOption summaryOption(QStringLiteral("summary"),
                                           QStringLiteral("Print only the object count and total bytes."));
    const QCommandLineOption countOption(
        QStringLiteral("count-only"),
        QStringLiteral(
            "Print only the object count: names only, no sizes (on AIStore the fastest way to count)."));
    const QCommandLineOption flatOption(QStringLiteral("no-recursive"),
                                        QStringLiteral("One level only, with virtual directories."));
    const QCommandLineOption detailsOption(QStringLiteral("details"),
                                           QStringLiteral("Include checksum, version and time."));
    const QCommandLineOption pageOption(QStringLiteral("page-size"),
                                        QStringLiteral("Entries per listing request (default: the store's)."),
                                        QStringLiteral("n"));
    parser.addOptions(
        {jsonOption, archiveOption, summaryOption, countOption, flatOption, detailsOption, pageOption});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("ls takes exactly one URL"), parser);
    const bool json = parser.isSet(jsonOption);
    std::uint32_t pageSize = 0;
    if (parser.isSet(pageOption)) {
        qulonglong v = 0;
        if (!readCount(parser, pageOption, 1, 1000000, &v))
            return ctx.usage(QStringLiteral("--page-size must be between 1 and 1000000"), parser);
        pageSize = static_cast<std::uint32_t>(v);
    }
    QTextStream &out = ctx.out();

    try {
        StoreLocation loc = ctx.open(pos.at(1));
        Store &store = *loc.store;
        if (loc.bucket.empty()) {
            const auto buckets = store.listBuckets();
            if (json) {
                auto arr = nlohmann::json::array();
                for (const auto &b : buckets)
                    arr.push_back({{"name", b}, {"url", store.url(b)}});
                out << QString::fromStdString(arr.dump(2)) << Qt::endl;
            } else {
                for (const auto &b : buckets)
                    out << QString::fromStdString(store.url(b)) << '\n';
                out << Qt::flush;
            }
            return ExitOk;
        }
        if (parser.isSet(archiveOption)) {
            if (loc.path.empty())
                return ctx.fail("--archive needs the URL of a shard, not of a bucket");
            const auto members = store.listArchive(loc.bucket, loc.path);
            if (json) {
                auto arr = nlohmann::json::array();
                for (const auto &m : members) {
                    nlohmann::json j;
                    setName(j, "name", m.name);
                    j["size"] = m.size;
                    arr.push_back(std::move(j));
                }
                out << QString::fromStdString(arr.dump(2)) << Qt::endl;
            } else {
                for (const auto &m : members)
                    out << QString::number(m.size).rightJustified(12) << "  " << displayName(m.name) << '\n';
                out << Qt::flush;
            }
            return ExitOk;
        }

        ListRequest req;
        req.prefix = loc.path;
        req.recursive = !parser.isSet(flatOption);
        req.details = parser.isSet(detailsOption);
        req.pageSize = pageSize;
        const bool countOnly = parser.isSet(countOption);
        req.sizes = !countOnly;
        const bool summary = countOnly || parser.isSet(summaryOption);
        std::uint64_t count = 0, bytes = 0;
        std::string token;
        bool first = true, opened = false;
        Progress progress("objects listed", 0, ctx.showProgress(!summary));
        // Page by page: a million-object listing never sits in memory.
        do {
            ListPage page = store.listPage(loc.bucket, req, token);
            token = std::move(page.continuationToken);
            progress.add(page.entries.size());
            if (json && !summary && !opened) { // only once the store has answered
                out << "[";
                opened = true;
            }
            for (const ObjectInfo &o : page.entries) {
                if (!o.isDirectory) {
                    ++count;
                    bytes += o.size;
                }
                if (summary)
                    continue;
                if (json) {
                    out << (first ? "\n  " : ",\n  ") << QString::fromStdString(entryJson(o).dump());
                } else if (o.isDirectory) {
                    out << QStringLiteral("         DIR  ") << displayName(o.name) << '\n';
                } else {
                    out << QString::number(o.size).rightJustified(12) << "  " << displayName(o.name);
                    if (req.details)
                        out << "  " << QString::fromStdString(o.checksum) << "  "
                            << QString::fromStdString(o.modified);
                    out << '\n';
                }
                first = false;
            }
        } while (!token.empty());
        progress.finish();
        if (countOnly) {
            if (json)
                out << QString::fromStdString(
                           nlohmann::json{{"url", escapeName(loc.url())}, {"objects", count}}.dump())
                    << Qt::endl;
            else
                out << "objects: " << count << Qt::endl;
        } else if (summary) {
            if (json)
                out << QString::fromStdString(nlohmann::json{{"url", escapeName(loc.url())},
                                                             {"objects", count},
                                                             {"bytes", bytes}}
                                                  .dump())
                    << Qt::endl;
            else
                out << "objects: " << count << "\nbytes: " << bytes << " (" << QString::fromStdString(humanBytes(bytes))
                    << ")" << Qt::endl;
        } else if (json) {
            out << (first ? "]" : "\n]") << Qt::endl;
        }
        out << Qt::flush;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace shardscope::cli
