// AtomicFile: permissions of new and replaced files, names as long as the
// file system allows, and targets that cannot be replaced (a FIFO) written
// directly.

#include "core/util/atomic_file.h"
#include "core/util/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <climits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace shardscope;

namespace {
mode_t modeOf(const std::string &path)
{
    struct stat st{};
    return ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

// Sets the umask for one scope.
struct UmaskScope
{
    mode_t old;
    explicit UmaskScope(mode_t mask) : old(::umask(mask)) {}
    ~UmaskScope() { ::umask(old); }
};
} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void permissions_data();
    void permissions();
    void longestNameFits();
    void fifoIsWrittenDirectly();
    void abandonedWriteKeepsTheOldFile();
};

void TestAtomicFile::permissions_data()
{
    QTest::addColumn<int>("existingMode"); // -1: no file yet
    QTest::addColumn<int>("umask");
    QTest::addColumn<int>("expectedMode");
    QTest::newRow("replaced private file stays private") << 0600 << 022 << 0600;
    QTest::newRow("replaced group-writable file keeps its mode") << 0664 << 077 << 0664;
    QTest::newRow("replaced executable keeps its mode") << 0755 << 022 << 0755;
    QTest::newRow("new file, umask 022") << -1 << 022 << 0644;
    QTest::newRow("new file, umask 002") << -1 << 002 << 0664;
    QTest::newRow("new file, umask 077") << -1 << 077 << 0600;
}

void TestAtomicFile::permissions()
{
    QFETCH(int, existingMode);
    QFETCH(int, umask);
    QFETCH(int, expectedMode);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("out.json")).toStdString();
    if (existingMode >= 0) {
        writeFileAtomically(path, "old");
        QCOMPARE(::chmod(path.c_str(), static_cast<mode_t>(existingMode)), 0);
    }
    {
        const UmaskScope mask(static_cast<mode_t>(umask));
        writeFileAtomically(path, "new");
    }
    QCOMPARE(int(modeOf(path)), expectedMode);
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("new"));
}

void TestAtomicFile::longestNameFits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString name(NAME_MAX, QLatin1Char('n'));
    const std::string path = dir.filePath(name).toStdString();
    try {
        writeFileAtomically(path, "first");
        writeFileAtomically(path, "second");
    } catch (const Error &e) {
        QFAIL(e.what());
    }
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("second"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{name}); // no temporary left
}

void TestAtomicFile::fifoIsWrittenDirectly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("fifo")).toStdString();
    QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
    // Held open for reading and writing, so that opening it to write does not wait for a reader.
    const int reader = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    QVERIFY(reader >= 0);
    try {
        writeFileAtomically(path, "through the pipe");
    } catch (const Error &e) {
        ::close(reader);
        QFAIL(e.what());
    }
    char buf[64] = {};
    const ssize_t n = ::read(reader, buf, sizeof buf);
    ::close(reader);
    QCOMPARE(QByteArray(buf, n > 0 ? int(n) : 0), QByteArray("through the pipe"));
    struct stat st{};
    QCOMPARE(::lstat(path.c_str(), &st), 0);
    QVERIFY2(S_ISFIFO(st.st_mode), "the FIFO was replaced by a file");
}

void TestAtomicFile::abandonedWriteKeepsTheOldFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("keep.txt")).toStdString();
    writeFileAtomically(path, "old");
    {
        AtomicFile f(path);
        f.write("half", 4);
    } // no commit
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("keep.txt")});
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
