// The pipe between a download and libarchive: every byte arrives once and in
// order whichever way it is read, the producer's error reaches the consumer,
// and a cancelled consumer stops the producer.

#include "core/shard/archive_reader.h"
#include "core/util/byte_pipe.h"
#include "core/util/error.h"

#include <QtTest>

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace shardscope;

namespace {

// Deterministic bytes: position i holds (i * 7 + i / 251) mod 256.
std::string pattern(std::size_t n)
{
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        s[i] = char((i * 7 + i / 251) & 0xFF);
    return s;
}

// Pushes `data` in pieces of `piece` bytes from a thread of its own.
std::thread produce(BytePipe &pipe, const std::string &data, std::size_t piece)
{
    return std::thread([&pipe, &data, piece] {
        for (std::size_t at = 0; at < data.size(); at += piece)
            if (!pipe.push(data.data() + at, std::min(piece, data.size() - at)))
                return;
        pipe.close();
    });
}

// A tar of `members` members named m<i>.bin, each `size` bytes of pattern().
std::string makeTar(int members, std::size_t size)
{
    std::string out;
    archive *a = archive_write_new();
    archive_write_set_format_ustar(a);
    archive_write_open(
        a, &out, nullptr,
        [](archive *, void *o, const void *buf, size_t n) -> la_ssize_t {
            static_cast<std::string *>(o)->append(static_cast<const char *>(buf), n);
            return la_ssize_t(n);
        },
        nullptr);
    const std::string body = pattern(size);
    for (int i = 0; i < members; ++i) {
        archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, ("m" + std::to_string(i) + ".bin").c_str());
        archive_entry_set_size(e, la_int64_t(size));
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_write_header(a, e);
        archive_write_data(a, body.data(), body.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

} // namespace

class TestBytePipe : public QObject
{
    Q_OBJECT
private slots:
    void everyByteOnceInOrder_data();
    void everyByteOnceInOrder();
    void producerErrorReachesConsumer();
    void cancelStopsProducer();
    void archiveReadFromBlocks_data();
    void archiveReadFromBlocks();
};

void TestBytePipe::everyByteOnceInOrder_data()
{
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("piece");
    QTest::addColumn<bool>("blocks");
    QTest::addColumn<int>("capacity");
    // curl hands over pieces of up to 16 KiB; the pipe gathers them into blocks.
    QTest::newRow("small pieces, blocks") << 3'000'000 << 1'000 << true << (4 << 20);
    QTest::newRow("small pieces, copies") << 3'000'000 << 1'000 << false << (4 << 20);
    QTest::newRow("pieces larger than a block") << 2'000'000 << 700'000 << true << (4 << 20);
    QTest::newRow("capacity below a block") << 1'000'000 << 16'384 << true << (64 << 10);
    QTest::newRow("capacity below a block, copies") << 1'000'000 << 16'384 << false << (64 << 10);
    QTest::newRow("empty") << 0 << 1 << true << (4 << 20);
}

void TestBytePipe::everyByteOnceInOrder()
{
    QFETCH(int, total);
    QFETCH(int, piece);
    QFETCH(bool, blocks);
    QFETCH(int, capacity);
    const std::string data = pattern(std::size_t(total));
    BytePipe pipe{std::size_t(capacity)};
    std::thread t = produce(pipe, data, std::size_t(piece));
    std::string got;
    std::size_t largest = 0;
    for (;;) {
        if (blocks) {
            const std::string_view b = pipe.pullBlock();
            if (b.empty())
                break;
            largest = std::max(largest, b.size());
            got.append(b);
        } else {
            char buf[10'000];
            const std::size_t n = pipe.pull(buf, sizeof buf);
            if (n == 0)
                break;
            got.append(buf, n);
        }
    }
    t.join();
    QCOMPARE(got.size(), data.size());
    QVERIFY2(got == data, "the bytes differ from what was pushed");
    QVERIFY(largest <= BytePipe::kBlock);
}

void TestBytePipe::producerErrorReachesConsumer()
{
    BytePipe pipe;
    pipe.push("abc", 3);
    pipe.fail(std::make_exception_ptr(std::runtime_error("GET ais://b/shard.tar: connection reset")));
    QCOMPARE(pipe.pullBlock(), std::string_view("abc"));
    try {
        pipe.pullBlock();
        QFAIL("no error after the data");
    } catch (const std::runtime_error &e) {
        QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("GET ais://b/shard.tar: connection reset"));
    }
}

void TestBytePipe::cancelStopsProducer()
{
    // The pipe holds 64 KiB: the producer of 10 MiB must be stopped, not finish.
    const std::string data = pattern(10u << 20);
    BytePipe pipe(64 * 1024);
    bool stopped = false;
    std::thread t([&] {
        for (std::size_t at = 0; at < data.size(); at += 4096)
            if (!pipe.push(data.data() + at, 4096)) {
                stopped = true;
                return;
            }
    });
    QCOMPARE(pipe.pullBlock().substr(0, 3), std::string_view(data).substr(0, 3));
    pipe.cancel();
    t.join();
    QVERIFY(stopped);
}

void TestBytePipe::archiveReadFromBlocks_data()
{
    QTest::addColumn<int>("members");
    QTest::addColumn<int>("size");
    QTest::newRow("many small members") << 2000 << 1024;
    QTest::newRow("members larger than a block") << 5 << 700'000;
    QTest::newRow("members across block edges") << 300 << 10'000;
}

void TestBytePipe::archiveReadFromBlocks()
{
    QFETCH(int, members);
    QFETCH(int, size);
    const std::string tar = makeTar(members, std::size_t(size));
    BytePipe pipe;
    std::thread t = produce(pipe, tar, 16'384);
    int seen = 0;
    {
        ArchiveReader reader(ArchiveReader::BlockSource{[&] { return pipe.pullBlock(); }}, "test.tar");
        ArchiveEntry e;
        const std::string body = pattern(std::size_t(size));
        while (reader.next(e)) {
            QCOMPARE(QString::fromStdString(e.name), QStringLiteral("m%1.bin").arg(seen));
            QVERIFY2(reader.readData() == body, qPrintable(QStringLiteral("m%1.bin differs").arg(seen)));
            ++seen;
        }
    }
    pipe.cancel();
    t.join();
    QCOMPARE(seen, members);
}

QTEST_GUILESS_MAIN(TestBytePipe)
#include "test_byte_pipe.moc"
