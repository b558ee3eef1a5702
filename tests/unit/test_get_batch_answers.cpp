// GetBatch answers from a server on loopback that plays AIStore: entries
// that name shard members come back named "<shard>/<member>" (missing ones
// under "__404__/", a member of a missing shard possibly as
// "__404__/<shard>"), and answers that do not match the request (a name not
// asked for, a TAR that ends early or is cut, more entries, metadata with
// fewer or other entries or other sizes) are errors that name the bucket,
// the shard and the member.

#include "local_server.h"
#include "raw_tar.h"

#include "core/data/get_batch_read.h"
#include "core/storage/ais_client.h"
#include "core/util/error.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace shardscope;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(shardscope::ErrorKind)

namespace {

using Members = std::vector<std::pair<std::string, std::string>>;

const std::vector<AisBatchEntry> kEntries = {{"shards/a.tar", "k1.jpg", {}},
                                             {"shards/b.tar", "dir/k2.cls", {}}};

std::string reply(const std::string &contentType, const std::string &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string multipart(const std::vector<nlohmann::json> &out, const std::string &archive)
{
    const std::string b = "xBOUNDARYx";
    const std::string body =
        "--" + b + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" +
        nlohmann::json{{"uuid", "u"}, {"out", out}}.dump() + "\r\n--" + b +
        "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"x.tar\"\r\n\r\n" + archive +
        "\r\n--" + b + "--\r\n";
    return reply("multipart/mixed; boundary=" + b, body);
}

nlohmann::json meta(const std::string &objname, const std::string &archpath, std::uint64_t size,
                    const std::string &err = {})
{
    nlohmann::json j = {{"objname", objname}, {"bucket", "b"}, {"provider", "ais"}, {"size", size}};
    if (!archpath.empty())
        j["archpath"] = archpath;
    if (!err.empty())
        j["err_msg"] = err;
    return j;
}

AisOptions options(const std::string &endpoint)
{
    AisOptions o;
    o.endpoint = endpoint;
    o.http.connectTimeout = 1000ms;
    o.http.readTimeout = 2000ms;
    o.retry = RetryPolicy::none();
    o.directReads = false;
    return o;
}

std::vector<GetBatchEntryResult> readAll(const std::string &answer, bool streaming)
{
    LocalServer server([&](const LocalServer::Request &) { return answer; });
    AisClient client(options(server.url()));
    GetBatchReadOptions o;
    o.streaming = streaming;
    std::vector<GetBatchEntryResult> got;
    readGetBatch(client, "b", kEntries, o, "get-batch from ais://b", [&](GetBatchEntryResult &&r) {
        got.push_back(std::move(r));
        return true;
    });
    return got;
}

} // namespace

class TestGetBatchAnswers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void requestNamesMembers();
    void membersAreDelivered_data();
    void membersAreDelivered();
    void hostileAnswersAreErrors_data();
    void hostileAnswersAreErrors();
    void badEntriesAreRefused_data();
    void badEntriesAreRefused();
    void unitsNameShardMembers_data();
    void unitsNameShardMembers();
    void memberListing_data();
    void memberListing();
};

void TestGetBatchAnswers::requestNamesMembers()
{
    // The body AIStore gets: one apc.MossIn per entry, the member as archpath,
    // a per-entry bucket only when given, entries named by object name.
    const auto body = nlohmann::json::parse(aisBatchRequestBody(
        {{"s.tar", "m/1.jpg", {}}, {"o.bin", {}, {}}, {"t.tar", "x", "other"}}, true, false));
    QCOMPARE(body["onob"].get<bool>(), true);
    QCOMPARE(body["coer"].get<bool>(), true);
    QCOMPARE(body["strm"].get<bool>(), false);
    QCOMPARE(body["in"].dump(), nlohmann::json::parse(R"([{"objname":"s.tar","archpath":"m/1.jpg"},
        {"objname":"o.bin"},{"objname":"t.tar","archpath":"x","bucket":"other","provider":"ais"}])")
                                    .dump());
}

void TestGetBatchAnswers::membersAreDelivered_data()
{
    QTest::addColumn<bool>("streaming");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("secondMissing");
    QTest::addColumn<QString>("reason");
    const std::string tar = rawTar({{"shards/a.tar/k1.jpg", "JPEG"}, {"shards/b.tar/dir/k2.cls", "7"}});
    QTest::newRow("streamed") << true << QString::fromStdString(reply("application/x-tar", tar)) << false
                              << QString();
    const std::string missingMember =
        rawTar({{"shards/a.tar/k1.jpg", "JPEG"}, {"__404__/shards/b.tar/dir/k2.cls", ""}});
    QTest::newRow("streamed, missing member")
        << true << QString::fromStdString(reply("application/x-tar", missingMember)) << true << QString();
    // A member of a shard that is missing on the assembling target.
    const std::string missingShard = rawTar({{"shards/a.tar/k1.jpg", "JPEG"}, {"__404__/shards/b.tar", ""}});
    QTest::newRow("streamed, missing shard")
        << true << QString::fromStdString(reply("application/x-tar", missingShard)) << true << QString();
    // A member another target sent is listed as objname "<shard>/<member>".
    QTest::newRow("multipart") << false
                               << QString::fromStdString(multipart({meta("shards/a.tar", "k1.jpg", 4),
                                                                    meta("shards/b.tar/dir/k2.cls", "", 1)},
                                                                   tar))
                               << false << QString();
    QTest::newRow("multipart, missing member")
        << false
        << QString::fromStdString(multipart(
               {meta("shards/a.tar", "k1.jpg", 4), meta("shards/b.tar", "dir/k2.cls", 0, "does not exist")},
               missingMember))
        << true << QStringLiteral("does not exist");
}

void TestGetBatchAnswers::membersAreDelivered()
{
    QFETCH(bool, streaming);
    QFETCH(QString, answer);
    QFETCH(bool, secondMissing);
    QFETCH(QString, reason);
    std::vector<GetBatchEntryResult> got;
    try {
        got = readAll(answer.toStdString(), streaming);
    } catch (const Error &e) {
        QFAIL(e.what());
    }
    QCOMPARE(got.size(), std::size_t(2));
    QCOMPARE(got[0].index, std::size_t(0));
    QVERIFY(!got[0].missing);
    QCOMPARE(got[0].bytes, std::string("JPEG"));
    QCOMPARE(got[1].index, std::size_t(1));
    QCOMPARE(got[1].missing, secondMissing);
    QCOMPARE(got[1].bytes, secondMissing ? std::string() : std::string("7"));
    QCOMPARE(QString::fromStdString(got[1].reason), reason);
}

void TestGetBatchAnswers::hostileAnswersAreErrors_data()
{
    QTest::addColumn<bool>("streaming");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("message");
    const Members both = {{"shards/a.tar/k1.jpg", "JPEG"}, {"shards/b.tar/dir/k2.cls", "7"}};
    const std::string tar = rawTar(both);
    QTest::newRow("a name outside the request")
        << true
        << QString::fromStdString(
               reply("application/x-tar", rawTar({{"shards/a.tar/k1.jpg", "JPEG"}, {"../etc/passwd", "x"}})))
        << QStringLiteral(
               "entry 1 is \"../etc/passwd\", expected ais://b/shards/b.tar member \"dir/k2.cls\"");
    QTest::newRow("the missing entry of another shard")
        << true
        << QString::fromStdString(reply(
               "application/x-tar", rawTar({{"shards/a.tar/k1.jpg", "JPEG"}, {"__404__/shards/a.tar", ""}})))
        << QStringLiteral("entry 1 is \"__404__/shards/a.tar\", expected ais://b/shards/b.tar member");
    QTest::newRow("the TAR ends after one entry")
        << true << QString::fromStdString(reply("application/x-tar", rawTar({both[0]})))
        << QStringLiteral(
               "the answer has 1 of 2 entries (truncated?); first missing: ais://b/shards/b.tar member "
               "\"dir/k2.cls\"");
    QTest::newRow("the TAR is cut inside an entry")
        << true << QString::fromStdString(reply("application/x-tar", tar.substr(0, 512 + 512 + 100)))
        << QStringLiteral("get-batch from ais://b");
    QTest::newRow("more entries than asked for")
        << true
        << QString::fromStdString(
               reply("application/x-tar", rawTar({both[0], both[1], {"shards/c.tar/k3", "z"}})))
        << QStringLiteral("more entries than the 2 asked for (\"shards/c.tar/k3\")");
    QTest::newRow("metadata with fewer entries")
        << false << QString::fromStdString(multipart({meta("shards/a.tar", "k1.jpg", 4)}, tar))
        << QStringLiteral("the metadata lists 1 of 2 entries; first unlisted: ais://b/shards/b.tar member "
                          "\"dir/k2.cls\"");
    QTest::newRow("metadata naming another member")
        << false
        << QString::fromStdString(
               multipart({meta("shards/a.tar", "k1.jpg", 4), meta("shards/b.tar", "dir/k9.cls", 1)}, tar))
        << QStringLiteral("metadata entry 1 is ais://b/shards/b.tar member \"dir/k9.cls\", expected "
                          "ais://b/shards/b.tar member \"dir/k2.cls\"");
    QTest::newRow("metadata with another size")
        << false
        << QString::fromStdString(
               multipart({meta("shards/a.tar", "k1.jpg", 4), meta("shards/b.tar", "dir/k2.cls", 9)}, tar))
        << QStringLiteral("ais://b/shards/b.tar member \"dir/k2.cls\" has 1 bytes, the metadata says 9");
}

void TestGetBatchAnswers::hostileAnswersAreErrors()
{
    QFETCH(bool, streaming);
    QFETCH(QString, answer);
    QFETCH(QString, message);
    try {
        readAll(answer.toStdString(), streaming);
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::Protocol);
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
    }
}

void TestGetBatchAnswers::badEntriesAreRefused_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("archpath");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty object") << QString() << QStringLiteral("m")
                                  << QStringLiteral("entry 0: the object name is empty");
    QTest::newRow("member ending in /")
        << QStringLiteral("s.tar") << QStringLiteral("dir/")
        << QStringLiteral("entry 0 (ais://b/s.tar member \"dir/\"): a member name cannot end in '/'");
}

void TestGetBatchAnswers::badEntriesAreRefused()
{
    QFETCH(QString, object);
    QFETCH(QString, archpath);
    QFETCH(QString, message);
    LocalServer server([](const LocalServer::Request &) { return reply("application/x-tar", rawTar({})); });
    AisClient client(options(server.url()));
    try {
        client.getBatch("b", std::vector<AisBatchEntry>{{object.toStdString(), archpath.toStdString(), {}}},
                        {}, [](const char *, std::size_t) { return true; });
        QFAIL("no error");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
    }
    QCOMPARE(server.requests().size(), std::size_t(0)); // refused before asking
}

void TestGetBatchAnswers::unitsNameShardMembers_data()
{
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("archpath");
    QTest::newRow("shard at the top")
        << QStringLiteral("s.tar/k.jpg") << QStringLiteral("s.tar") << QStringLiteral("k.jpg");
    QTest::newRow("shard in a directory, member in one")
        << QStringLiteral("train/s-01.tar.gz/a/b.cls") << QStringLiteral("train/s-01.tar.gz")
        << QStringLiteral("a/b.cls");
    QTest::newRow("a tar inside a shard is a member")
        << QStringLiteral("s.zip/inner.tar/x") << QStringLiteral("s.zip") << QStringLiteral("inner.tar/x");
    QTest::newRow("no shard") << QStringLiteral("dir/k.jpg") << QString() << QString();
    QTest::newRow("no member") << QStringLiteral("dir/s.tar/") << QString() << QString();
    QTest::newRow("only a shard") << QStringLiteral("s.tar") << QString() << QString();
}

void TestGetBatchAnswers::unitsNameShardMembers()
{
    QFETCH(QString, unit);
    QFETCH(QString, object);
    QFETCH(QString, archpath);
    try {
        const AisBatchEntry e = shardMemberEntry(unit.toStdString());
        QVERIFY2(!object.isEmpty(), e.object.c_str());
        QCOMPARE(QString::fromStdString(e.object), object);
        QCOMPARE(QString::fromStdString(e.archpath), archpath);
    } catch (const Error &e) {
        QVERIFY2(object.isEmpty(), e.what());
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(
                     QStringLiteral("\"%1\" does not name a shard member").arg(unit)),
                 e.what());
    }
}

void TestGetBatchAnswers::memberListing_data()
{
    // A listing with ArchDir: shards (flags 512) and their members (128).
    QTest::addColumn<QString>("entries");
    QTest::addColumn<QStringList>("units");
    QTest::addColumn<QString>("error");
    QTest::newRow("a shard sorted between another and its members")
        << QStringLiteral(R"([{"name":"s.tar","flags":512},{"name":"s.tar.gz","flags":512},)"
                          R"({"name":"s.tar.gz/a.bin","flags":128},{"name":"s.tar/b.bin","flags":128},)"
                          R"({"name":"plain.bin","flags":0}])")
        << QStringList{QStringLiteral("s.tar.gz/a.bin"), QStringLiteral("s.tar/b.bin")} << QString();
    QTest::newRow("a directory named like an archive")
        << QStringLiteral(R"([{"name":"x.tar/s.tar","flags":512},{"name":"x.tar/s.tar/m.bin","flags":128}])")
        << QStringList()
        << QStringLiteral("ais://b/x.tar/s.tar: its members cannot be read as get-batch units");
    QTest::newRow("a member without its shard")
        << QStringLiteral(R"([{"name":"s.tar/m.bin","flags":128}])") << QStringList()
        << QStringLiteral("ais://b/s.tar/m.bin: its members cannot be read");
}

void TestGetBatchAnswers::memberListing()
{
    QFETCH(QString, entries);
    QFETCH(QStringList, units);
    QFETCH(QString, error);
    const std::string page =
        R"({"uuid":"u","continuation_token":"","entries":)" + entries.toStdString() + "}";
    LocalServer server([&](const LocalServer::Request &) { return reply("application/json", page); });
    AisClient client(options(server.url()));
    try {
        QStringList got;
        for (const auto &u : listShardMemberUnits(client, "b", ""))
            got.push_back(QString::fromStdString(u));
        QVERIFY2(error.isEmpty(), qPrintable(got.join(QLatin1Char(' '))));
        QCOMPARE(got, units);
    } catch (const Error &e) {
        QVERIFY2(!error.isEmpty(), e.what());
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).contains(error), e.what());
    }
}

QTEST_GUILESS_MAIN(TestGetBatchAnswers)
#include "test_get_batch_answers.moc"
