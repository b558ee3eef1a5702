// Thread and task boundaries: whatever escapes the work of a loader worker or a
// benchmark thread (not only shardscope's Error: a standard-library exception
// thrown on odd data, out of memory) ends the run with an Error that names what
// was being read, and never ends the process.

#include "core/bench/bench_config.h"
#include "core/data/loader.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"
#include "forwarding_store.h"

#include <QTemporaryDir>
#include <QTest>

#include <new>
#include <stdexcept>

using namespace shardscope;

Q_DECLARE_METATYPE(shardscope::BenchMethod)

namespace {

// A local store whose GET of any object named "poison..." throws what a
// library might: std::out_of_range, as std::stoll does on a huge number.
class PoisonedStore : public testdata::ForwardingStore
{
public:
    using ForwardingStore::ForwardingStore;
    std::uint64_t get(const std::string &b, const std::string &o, const GetRequest &r, const BodySink &s) override
    {
        if (o.rfind("poison", 0) == 0)
            throw std::out_of_range("stoll");
        return ForwardingStore::get(b, o, r, s);
    }
};

} // namespace

class TestBoundaries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void errorFromException_data();
    void errorFromException();
    void loaderReportsForeignExceptionsAsErrors();
    void benchmarkSurvivesForeignExceptions_data();
    void benchmarkSurvivesForeignExceptions();

private:
    std::unique_ptr<Store> openPoisoned() const
    {
        return std::make_unique<PoisonedStore>(FileStore::forLocalRoot(m_dir.path().toStdString()));
    }
    QTemporaryDir m_dir;
    std::vector<std::string> m_names;
};

void TestBoundaries::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto store = FileStore::forLocalRoot(m_dir.path().toStdString());
    store->createBucket("b");
    for (int i = 0; i < 20; ++i) {
        const std::string name = (i == 7 ? "poison-" : "ok-") + std::to_string(100 + i) + ".bin";
        store->putBytes("b", name, std::string(64, 'x'));
        m_names.push_back(name);
    }
}

void TestBoundaries::errorFromException_data()
{
    QTest::addColumn<int>("thrown");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("an Error stays itself") << 0 << int(ErrorKind::ObjectNotFound) << QStringLiteral("GET ais://b/o: not found");
    QTest::newRow("out of memory") << 1 << int(ErrorKind::Internal) << QStringLiteral("reading ais://b/o: out of memory");
    QTest::newRow("a library's exception") << 2 << int(ErrorKind::Internal)
                                           << QStringLiteral("reading ais://b/o: unexpected failure: stoll");
    QTest::newRow("something else") << 3 << int(ErrorKind::Internal)
                                    << QStringLiteral("reading ais://b/o: unexpected failure of an unknown kind");
}

void TestBoundaries::errorFromException()
{
    QFETCH(int, thrown);
    QFETCH(int, kind);
    QFETCH(QString, message);
    std::exception_ptr e;
    try {
        switch (thrown) {
        case 0: throw Error(ErrorKind::ObjectNotFound, "GET ais://b/o: not found", 404);
        case 1: throw std::bad_alloc();
        case 2: throw std::out_of_range("stoll");
        default: throw 42;
        }
    } catch (...) {
        e = std::current_exception();
    }
    const Error err = shardscope::errorFromException(e, "reading ais://b/o");
    QCOMPARE(int(err.kind()), kind);
    QCOMPARE(QString::fromStdString(err.what()), message);
    if (thrown == 0)
        QCOMPARE(err.httpStatus(), 404);
}

void TestBoundaries::loaderReportsForeignExceptionsAsErrors()
{
    LoaderOptions o;
    o.workers = 3;
    Loader loader(Loader::Mode::Objects, [this] { return openPoisoned(); }, "b", m_names, o);
    QString message;
    try {
        LoaderItem item;
        while (loader.next(item)) {
        }
    } catch (const Error &e) {
        message = QString::fromStdString(e.what());
        QCOMPARE(int(e.kind()), int(ErrorKind::Internal));
    } catch (const std::exception &e) {
        QFAIL(qPrintable(QStringLiteral("a std::exception escaped the loader unnamed: %1").arg(QString::fromUtf8(e.what()))));
    }
    QVERIFY2(message.contains(QStringLiteral("/b/poison-107.bin")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("stoll")), qPrintable(message));
}

void TestBoundaries::benchmarkSurvivesForeignExceptions_data()
{
    QTest::addColumn<BenchMethod>("method");
    QTest::newRow("baseline") << BenchMethod::Baseline;
    QTest::newRow("map") << BenchMethod::Map;
    QTest::newRow("iterable") << BenchMethod::Iterable;
}

void TestBoundaries::benchmarkSurvivesForeignExceptions()
{
    QFETCH(BenchMethod, method);
    StoreOptions so;
    so.localRoot = m_dir.path().toStdString();
    BenchSpec spec = benchSpecForUrl("local://b", so, method, 2);
    spec.openStore = [this] { return openPoisoned(); };
    BenchResult r;
    try {
        r = runBenchmark(spec);
    } catch (const std::exception &e) {
        QFAIL(qPrintable(QStringLiteral("the benchmark threw: %1").arg(QString::fromUtf8(e.what()))));
    }
    QVERIFY(r.errors >= 1);
    QVERIFY2(QString::fromStdString(r.firstError).contains(QStringLiteral("stoll")), r.firstError.c_str());
    QVERIFY(r.endedByError);
}

QTEST_GUILESS_MAIN(TestBoundaries)
#include "test_boundaries.moc"
