// A planted defect for each sanitizer, built only in the sanitizer presets and
// run by scripts/sanitize.sh, which fails unless the sanitizer reports it with
// its own exit code. It proves that the suppressions (tests/tsan.supp,
// tests/lsan.supp) and options the suite runs with still let a real defect in
// shardscope's own code through, including one whose stacks pass through Qt's
// libraries (QThread, Qt Test), as every test's stacks do.
//
// Usage: sanitizer_canary race|overflow|leak|undefined

#include <QCoreApplication>
#include <QThread>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

int g_counter = 0; // written by two threads without synchronisation: the race

void plantedRace()
{
    std::unique_ptr<QThread> t(QThread::create([] {
        for (int i = 0; i < 1000; ++i)
            ++g_counter;
    }));
    t->start();
    for (int i = 0; i < 1000; ++i)
        ++g_counter;
    t->wait();
}

void plantedOverflow()
{
    auto *p = new char[16];
    volatile int i = 16;
    p[i] = 'x'; // one past the end
    delete[] p;
}

void plantedLeak()
{
    auto *p = new char[4096];
    std::memset(p, 1, 4096);
    p = nullptr; // the only pointer to it is gone
}

void plantedUndefined()
{
    volatile int big = 0x7fffffff;
    volatile int r = big + 1; // signed overflow
    (void)r;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QByteArray what = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    if (what == "race")
        plantedRace();
    else if (what == "overflow")
        plantedOverflow();
    else if (what == "leak")
        plantedLeak();
    else if (what == "undefined")
        plantedUndefined();
    else {
        std::fprintf(stderr, "usage: sanitizer_canary race|overflow|leak|undefined\n");
        return 2;
    }
    return 0;
}
