#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// Runs the built shardscope-cli (SHARDSCOPE_CLI_PATH) and collects what a user sees.
struct CliRun
{
    // The sanitizers' exit code (tests/CMakeLists.txt), and what runCli reports
    // for any run whose stderr holds a sanitizer report, whatever it exited with.
    static constexpr int kSanitizerReport = 66;
    int exitCode = -1; // -1: crashed or did not finish in time
    QByteArray out;
    QString err;
};

CliRun runCli(const QString &program, const QStringList &args,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(), int timeoutMs = 120000);
