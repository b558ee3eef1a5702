#include "cli_runner.h"

#include <QProcess>

#include <cstdio>

namespace {
// The first line of any report of AddressSanitizer, LeakSanitizer,
// UndefinedBehaviorSanitizer or ThreadSanitizer.
bool hasSanitizerReport(const QString &err)
{
    for (const char *marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer",
                               "ThreadSanitizer: reported", ": runtime error: "})
        if (err.contains(QLatin1String(marker)))
            return true;
    return false;
}
} // namespace

CliRun runCli(const QString &program, const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
    }
    CliRun run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
               QString::fromUtf8(p.readAllStandardError())};
    if (hasSanitizerReport(run.err)) {
        // Whatever exit code the test expects (often 1, a failure), this run
        // does not have it: a sanitizer found a defect in the CLI.
        std::fprintf(stderr, "sanitizer report from %s %s:\n%s\n", qPrintable(program),
                     qPrintable(args.join(QLatin1Char(' '))), qPrintable(run.err));
        run.exitCode = CliRun::kSanitizerReport;
    }
    return run;
}
