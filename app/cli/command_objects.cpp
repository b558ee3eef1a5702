#include "app/cli/command_objects.h"

#include "app/cli/cli_context.h"

#include "core/storage/store.h"
#include "core/storage/transfer.h"
#include "core/util/error.h"
#include "core/util/strings.h"

#include <QFileInfo>

#include <cstdio>

namespace shardscope::cli {
namespace {

// "A-B", "A-" or "-N" (the last N bytes; needs the size).
bool parseRange(const QString &text, ByteRange *range, std::optional<std::uint64_t> *suffix)
{
    const int dash = text.indexOf(QLatin1Char('-'));
    if (dash < 0)
        return false;
    const QString a = text.left(dash), b = text.mid(dash + 1);
    bool okA = true, okB = true;
    if (a.isEmpty()) {
        const qulonglong n = b.toULongLong(&okB);
        if (!okB || n == 0)
            return false;
        *suffix = n;
        return true;
    }
    range->first = a.toULongLong(&okA);
    if (!b.isEmpty()) {
        range->last = b.toULongLong(&okB);
        if (okB && *range->last < range->first)
            return false;
    }
    return okA && okB;
}

QString baseName(const QString &url)
{
    const int slash = url.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? url : url.mid(slash + 1);
}

} // namespace

int runGet(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Download an object, a byte range of it, or a member of a "
                                                    "shard, to a file or standard output."));
    parser.addPositionalArgument(QStringLiteral("get"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("The object, e.g. ais://bucket/name."));
    const QCommandLineOption outOption(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                       QStringLiteral("Write to FILE (atomically) instead of standard output."),
                                       QStringLiteral("file"));
    const QCommandLineOption rangeOption(QStringLiteral("range"),
                                         QStringLiteral("Bytes A-B (inclusive), A- (to the end) or -N (last N)."),
                                         QStringLiteral("A-B"));
    const QCommandLineOption archOption(QStringLiteral("archpath"),
                                        QStringLiteral("A member of the shard (tar, tar.gz, tar.lz4, zip)."),
                                        QStringLiteral("path"));
    parser.addOptions({outOption, rangeOption, archOption});
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("get takes exactly one URL"), parser);
    GetRequest req;
    std::optional<std::uint64_t> suffix;
    if (parser.isSet(rangeOption)) {
        ByteRange r;
        if (!parseRange(parser.value(rangeOption), &r, &suffix))
            return ctx.usage(QStringLiteral("--range must be A-B, A- or -N with A <= B, not '%1'")
                                 .arg(parser.value(rangeOption)),
                             parser);
        if (!suffix)
            req.range = r;
    }
    req.archivePath = unescapeName(parser.value(archOption).toStdString()); // as ls --archive prints it
    try {
        StoreLocation loc = ctx.open(pos.at(1));
        if (loc.bucket.empty() || loc.path.empty())
            return ctx.fail(pos.at(1).toStdString() + ": name an object, as in ais://bucket/object");
        if (suffix) {
            std::uint64_t size = 0;
            if (req.archivePath.empty())
                size = loc.store->head(loc.bucket, loc.path).size;
            else
                for (const auto &m : loc.store->listArchive(loc.bucket, loc.path))
                    if (archiveNameMatches(m.name, req.archivePath))
                        size = m.size;
            req.range = ByteRange{size > *suffix ? size - *suffix : 0, size ? std::optional(size - 1) : std::nullopt};
        }
        if (parser.isSet(outOption)) {
            const auto n =
                downloadObject(*loc.store, loc.bucket, loc.path, req, parser.value(outOption).toStdString());
            ctx.err() << "wrote " << n << " bytes to " << parser.value(outOption) << Qt::endl;
        } else {
            loc.store->get(loc.bucket, loc.path, req, [](const char *d, std::size_t k) {
                return std::fwrite(d, 1, k, stdout) == k;
            });
            std::fflush(stdout);
        }
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

int runPut(CliContext &ctx, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Upload a local file as an object. When the URL names a "
                                                    "bucket or ends with '/', the file's name is appended."));
    parser.addPositionalArgument(QStringLiteral("put"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The local file."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("Where to, e.g. ais://bucket/name."));
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 3)
        return ctx.usage(QStringLiteral("put takes a file and a URL"), parser);
    try {
        const std::string file = pos.at(1).toStdString();
        (void)UploadSource::fromFile(file); // a missing or unreadable file is the first thing to say
        QString url = pos.at(2);
        StoreLocation loc = ctx.open(url);
        if (loc.bucket.empty())
            return ctx.fail(url.toStdString() + ": name a bucket, as in ais://bucket/name");
        std::string object = loc.path;
        if (object.empty() || object.back() == '/')
            object += baseName(QFileInfo(pos.at(1)).fileName()).toStdString();
        std::uint64_t sent = 0;
        uploadFile(*loc.store, loc.bucket, object, file,
                   [&sent](std::uint64_t done, std::uint64_t) { sent = done; });
        ctx.err() << "put " << sent << " bytes as " << displayName(loc.store->url(loc.bucket, object))
                  << Qt::endl;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

namespace {

int runBucketCommand(CliContext &ctx, const QStringList &arguments, bool create)
{
    const QString name = create ? QStringLiteral("mb") : QStringLiteral("rb");
    QCommandLineParser parser;
    parser.setApplicationDescription(create ? QStringLiteral("Create a bucket (for file:// a directory).")
                                            : QStringLiteral("Remove a bucket and everything in it (a file:// "
                                                             "directory only when empty)."));
    parser.addPositionalArgument(name, QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("e.g. ais://bucket"));
    if (const auto done = parseCommand(ctx, parser, arguments))
        return *done;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2)
        return ctx.usage(QStringLiteral("%1 takes exactly one URL").arg(name), parser);
    try {
        StoreLocation loc = ctx.open(pos.at(1), true);
        if (loc.bucket.empty() || !loc.path.empty())
            return ctx.fail(pos.at(1).toStdString() + ": name just a bucket, as in ais://bucket");
        if (create)
            loc.store->createBucket(loc.bucket);
        else
            loc.store->destroyBucket(loc.bucket);
        ctx.err() << (create ? "created " : "removed ") << QString::fromStdString(loc.store->url(loc.bucket))
                  << Qt::endl;
        return ExitOk;
    } catch (const Error &e) {
        return ctx.fail(e.what());
    }
}

} // namespace

int runMb(CliContext &ctx, const QStringList &arguments) { return runBucketCommand(ctx, arguments, true); }
int runRb(CliContext &ctx, const QStringList &arguments) { return runBucketCommand(ctx, arguments, false); }

} // namespace shardscope::cli
