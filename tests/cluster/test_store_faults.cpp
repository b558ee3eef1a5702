// The storage layer when the cluster misbehaves or the data is large: a
// 256 MiB object streams through with bounded memory and intact bytes; a
// stopped target ends a read with a clear timeout error, and the same store
// works again once the target is back; a briefly stalled target costs no error.
// On a cluster of several targets the one stopped is the object's owner.

#include "cluster_fixture.h"

#include "core/gen/dataset_generator.h"
#include "core/storage/ais_store.h"
#include "core/util/error.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <csignal>
#include <fstream>
#include <thread>
#include <xxhash.h>

using namespace shardscope;
using namespace std::chrono_literals;

namespace {

// Deterministic content computed from the offset: nothing needs to be kept in memory.
UploadSource generated(std::uint64_t size)
{
    UploadSource s;
    s.size = size;
    s.read = [size](std::uint64_t offset, char *buf, std::size_t n) -> std::size_t {
        const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(n, size - offset));
        for (std::size_t i = 0; i < k; ++i) {
            const std::uint64_t pos = offset + i;
            buf[i] = static_cast<char>(splitmix64(pos / 8) >> (8 * (pos % 8)));
        }
        return k;
    };
    return s;
}

std::uint64_t hashOf(const UploadSource &s)
{
    XXH3_state_t *st = XXH3_createState();
    XXH3_64bits_reset(st);
    std::vector<char> buf(1 << 20);
    for (std::uint64_t off = 0; off < s.size;) {
        const std::size_t n = s.read(off, buf.data(), buf.size());
        XXH3_64bits_update(st, buf.data(), n);
        off += n;
    }
    const std::uint64_t h = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    return h;
}

long rssKiB()
{
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

// Resumes the target whatever happens in the test.
struct ContinueGuard
{
    pid_t pid;
    ~ContinueGuard() { ::kill(pid, SIGCONT); }
};

} // namespace

class TestStoreFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void bigObjectStreamsWithBoundedMemory();
    void stoppedTargetFailsWithinTimeoutThenRecovers();
    void stoppedMidReadFailsThenRecovers();
    void brieflyStalledTargetIsNoError();
    void cleanupTestCase();

private:
    std::unique_ptr<AisStore> store(std::chrono::milliseconds readTimeout, int attempts);
    // The process of the target that owns the object (the one to stop).
    pid_t ownerOf(const std::string &object);
    std::string m_bucket;
    std::vector<pid_t> m_stopped; // resumed in cleanup whatever happened
};

std::unique_ptr<AisStore> TestStoreFaults::store(std::chrono::milliseconds readTimeout, int attempts)
{
    AisOptions o = clustertest::options();
    o.http.readTimeout = readTimeout;
    o.retry.maxAttempts = attempts;
    o.retry.initialBackoff = 100ms;
    o.retry.budget = 10s;
    return std::make_unique<AisStore>(o);
}

pid_t TestStoreFaults::ownerOf(const std::string &object)
{
    const clustertest::TargetProcess t = clustertest::owningTarget(m_bucket, object);
    if (t.pid > 0 && ::kill(static_cast<pid_t>(t.pid), 0) == 0)
        m_stopped.push_back(static_cast<pid_t>(t.pid));
    return static_cast<pid_t>(t.pid);
}

void TestStoreFaults::initTestCase()
{
    const std::string why = clustertest::unreachableReason();
    QVERIFY2(why.empty(), why.c_str());
    const std::string helpers = clustertest::processHelpersUnavailable();
    QVERIFY2(helpers.empty(), helpers.c_str());
    m_bucket = clustertest::uniqueBucket("ss-faults");
    store(30s, 3)->createBucket(m_bucket);
}

void TestStoreFaults::bigObjectStreamsWithBoundedMemory()
{
    const std::uint64_t size = 256ull << 20;
    const UploadSource source = generated(size);
    const std::uint64_t expected = hashOf(source);
    auto s = store(60s, 3);
    const long before = rssKiB();
    long peak = before;
    s->put(m_bucket, "big/256mib.bin", source);
    peak = std::max(peak, rssKiB());

    XXH3_state_t *st = XXH3_createState();
    XXH3_64bits_reset(st);
    std::uint64_t received = 0, sinceCheck = 0;
    s->get(m_bucket, "big/256mib.bin", {}, [&](const char *d, std::size_t n) {
        XXH3_64bits_update(st, d, n);
        received += n;
        if ((sinceCheck += n) >= (8u << 20)) {
            sinceCheck = 0;
            peak = std::max(peak, rssKiB());
        }
        return true;
    });
    const std::uint64_t got = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    QCOMPARE(received, size);
    QCOMPARE(got, expected);
    QCOMPARE(s->head(m_bucket, "big/256mib.bin").size, size);
    // Streaming both ways: memory grows by buffers, not by the object.
    QVERIFY2(peak - before < 64 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(peak - before)));
}

void TestStoreFaults::stoppedTargetFailsWithinTimeoutThenRecovers()
{
    auto s = store(1500ms, 3);
    s->putBytes(m_bucket, "small.bin", "still here");
    QCOMPARE(s->getBytes(m_bucket, "small.bin"), std::string("still here"));
    const pid_t target = ownerOf("small.bin");
    QVERIFY2(target > 0, "no running owner of small.bin among the cluster's targets");
    {
        ContinueGuard guard{target};
        QCOMPARE(::kill(target, SIGSTOP), 0);
        QElapsedTimer t;
        t.start();
        try {
            s->getBytes(m_bucket, "small.bin");
            QFAIL("a stopped target answered");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Timeout);
            const QString msg = QString::fromStdString(e.what());
            QVERIFY2(msg.contains(QString::fromStdString("ais://" + m_bucket + "/small.bin")), e.what());
            QVERIFY2(msg.contains(QLatin1String("read timeout")), e.what());
        }
        // Bounded: three attempts of 1.5 s plus backoff, far from a hang.
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
    }
    // The same store (same connections) works again once the target is back.
    QCOMPARE(s->getBytes(m_bucket, "small.bin"), std::string("still here"));
}

void TestStoreFaults::stoppedMidReadFailsThenRecovers()
{
    // Retries on (as users run it): they cannot help while the target stays
    // stopped, and they absorb a connection the server dropped meanwhile.
    auto s = store(1500ms, 3);
    const UploadSource source = generated(128ull << 20);
    s->put(m_bucket, "mid.bin", source);
    const pid_t target = ownerOf("mid.bin");
    QVERIFY2(target > 0, "no running owner of mid.bin among the cluster's targets");
    bool stopped = false;
    {
        ContinueGuard guard{target};
        try {
            s->get(m_bucket, "mid.bin", {}, [&](const char *, std::size_t) {
                if (!stopped) {
                    stopped = true;
                    ::kill(target, SIGSTOP);
                }
                return true;
            });
            QFAIL("a read from a stopped target completed");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Timeout);
            QVERIFY2(QString::fromStdString(e.what()).contains(QLatin1String("mid.bin")), e.what());
        }
    }
    QVERIFY(stopped);
    std::uint64_t n = 0;
    s->get(m_bucket, "mid.bin", {}, [&](const char *, std::size_t k) {
        n += k;
        return true;
    });
    QCOMPARE(n, source.size);
}

void TestStoreFaults::brieflyStalledTargetIsNoError()
{
    auto s = store(6000ms, 2);
    const UploadSource source = generated(16ull << 20);
    s->put(m_bucket, "stall.bin", source);
    const pid_t target = ownerOf("stall.bin");
    QVERIFY2(target > 0, "no running owner of stall.bin among the cluster's targets");
    ContinueGuard guard{target};
    QCOMPARE(::kill(target, SIGSTOP), 0);
    std::thread resume([target] {
        std::this_thread::sleep_for(1500ms);
        ::kill(target, SIGCONT);
    });
    XXH3_state_t *st = XXH3_createState();
    XXH3_64bits_reset(st);
    std::uint64_t n = 0;
    try {
        n = s->get(m_bucket, "stall.bin", {}, [&](const char *d, std::size_t k) {
            XXH3_64bits_update(st, d, k);
            return true;
        });
    } catch (...) {
        resume.join();
        XXH3_freeState(st);
        throw;
    }
    resume.join();
    const std::uint64_t h = XXH3_64bits_digest(st);
    XXH3_freeState(st);
    QCOMPARE(n, source.size);
    QCOMPARE(h, hashOf(source));
}

void TestStoreFaults::cleanupTestCase()
{
    for (const pid_t pid : m_stopped)
        ::kill(pid, SIGCONT);
    if (!m_bucket.empty()) {
        try {
            store(30s, 3)->destroyBucket(m_bucket);
        } catch (const Error &) {
        }
    }
}

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "test_store_faults.moc"
