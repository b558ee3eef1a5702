#pragma once

// Peak resident memory of this process, for tests that bound what hostile
// data may make the code allocate: reset the peak (Linux's clear_refs "5"),
// run the code, read VmHWM. The growth is what the code touched at most.

#include <QFile>
#include <QString>

namespace peakmemory {

// VmHWM in bytes; 0 when /proc is not there.
inline qint64 peakRss()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    return 0;
}

// Sets the peak to the current resident size; false if the kernel refused.
inline bool resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

inline qint64 currentRss()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    return 0;
}

} // namespace peakmemory
