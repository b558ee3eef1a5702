// shardscope: the desktop application.

#include "ui/diagnostics/measure_run.h"
#include "ui/diagnostics/screenshot_tour.h"
#include "ui/guarded_application.h"
#include "ui/language_manager.h"
#include "ui/main_window.h"
#include "ui/settings.h"

#include "core/util/memory_tuning.h"
#include "shardscope/version.h"
#include "ui/jobs/job_tracker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

// Whether argv asks only for text (help or version): answered before any
// display is needed.
bool asksForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

// While the GUI platform starts: Qt's own complaints about the display are
// held back, and a fatal one becomes one line that says how to run the app,
// with an exit code instead of an abort.
QtMessageHandler g_previousHandler = nullptr;
void startupMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "shardscope: cannot open a window: no usable display (%s). Run it on a desktop, "
                             "under xvfb-run (xvfb-run shardscope), or with QT_QPA_PLATFORM=offscreen for "
                             "--screenshot; shardscope-cli needs no display.\n",
                     qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
                         ? "DISPLAY and WAYLAND_DISPLAY are not set"
                         : "the platform plugin could not start");
        std::fflush(stderr);
        std::_Exit(3);
    }
    if (context.category && std::strncmp(context.category, "qt.qpa", 6) == 0)
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

int main(int argc, char *argv[])
{
    shardscope::tuneAllocatorForStreaming(); // before the first buffer
    QApplication::setOrganizationName(QStringLiteral("shardscope"));
    QApplication::setApplicationName(QStringLiteral("shardscope"));
    QApplication::setApplicationVersion(QString::fromLatin1(shardscope::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("shardscope"));
    std::unique_ptr<QCoreApplication> instance;
    if (asksForText(argc, argv)) {
        instance = std::make_unique<QCoreApplication>(argc, argv); // help and version need no display
    } else {
        g_previousHandler = qInstallMessageHandler(startupMessages);
        // The outermost boundary: an exception from an event handler is reported, not fatal.
        instance = std::make_unique<shardscope::ui::GuardedApplication>(argc, argv);
        qInstallMessageHandler(g_previousHandler);
    }
    QCoreApplication &app = *instance;

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Explore training datasets in object storage and measure how fast they load."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption languageOption(
        QStringLiteral("language"), QStringLiteral("User interface language: en, de or zh_CN (default: system)."),
        QStringLiteral("code"));
    parser.addOption(languageOption);
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"), QStringLiteral("Save a PNG of the main window once it is shown, then quit."),
        QStringLiteral("file"));
    parser.addOption(screenshotOption);
    const QCommandLineOption measureOption(
        QStringLiteral("measure"),
        QStringLiteral("Benchmark P5: open URL, scroll its listing to the end, then benchmark it; print the GUI "
                       "thread's stalls and the memory of each phase as JSON, then quit."),
        QStringLiteral("url"));
    const QCommandLineOption measureBenchOption(QStringLiteral("measure-bench-seconds"),
                                                QStringLiteral("Seconds of benchmark after the listing (default 10, 0: none)."),
                                                QStringLiteral("s"), QStringLiteral("10"));
    parser.addOption(measureOption);
    const QCommandLineOption screenshotsOption(
        QStringLiteral("screenshots"),
        QStringLiteral("Walk through the main views on URL and save each as DIR/<view>.png, then quit."),
        QStringLiteral("dir"));
    parser.addOption(screenshotsOption);
    parser.addOption(measureBenchOption);
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QStringLiteral("A bucket to open, e.g. local://demo or ais://bucket/prefix. Without one, the start "
                                                "view offers the demo, AIStore, a local folder or a URL."),
                                 QStringLiteral("[url]"));
    parser.process(app);
    if (!qobject_cast<QApplication *>(&app))
        parser.showHelp(0); // asked for help or version: process() answered and exited already

    shardscope::ui::Settings settings;
    shardscope::ui::LanguageManager languages;
    const QString language = parser.isSet(languageOption) ? parser.value(languageOption) : settings.language();
    if (!languages.apply(language)) {
        QTextStream(stderr) << "shardscope: unknown language " << language << "; using the system default\n";
        languages.apply(QString());
    }

    shardscope::ui::MainWindow window(settings, languages);
    window.show();
    if (!parser.positionalArguments().isEmpty() && !parser.isSet(screenshotsOption))
        window.openLocation(parser.positionalArguments().constFirst());
    else if (!parser.isSet(screenshotsOption) && !parser.isSet(measureOption))
        window.showStartView(); // nothing to open yet: the ways in


    std::unique_ptr<shardscope::ui::MeasureRun> measure;
    if (parser.isSet(measureOption)) {
        measure = std::make_unique<shardscope::ui::MeasureRun>(window, parser.value(measureOption),
                                                               parser.value(measureBenchOption).toDouble());
        QTimer::singleShot(0, measure.get(), &shardscope::ui::MeasureRun::start);
    }

    std::unique_ptr<shardscope::ui::ScreenshotTour> tour;
    if (parser.isSet(screenshotsOption)) {
        const QString url = parser.positionalArguments().value(0, QStringLiteral("local://demo"));
        tour = std::make_unique<shardscope::ui::ScreenshotTour>(window, parser.value(screenshotsOption), url);
        QTimer::singleShot(0, tour.get(), &shardscope::ui::ScreenshotTour::start);
    }

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        QTimer::singleShot(800, &window, [&window, file] {
            const bool saved = window.grab().save(file, "PNG");
            if (!saved)
                QTextStream(stderr) << "shardscope: cannot write the screenshot to " << file << "\n";
            QApplication::exit(saved ? 0 : 1);
        });
    }
    const int rc = app.exec();
    // Jobs still running (after --screenshot, or past the window's wait) are
    // stopped; a job stuck beyond the bound does not hold the process.
    if (!shardscope::ui::JobTracker::instance().shutdown(std::chrono::seconds(5))) {
        std::fprintf(stderr, "shardscope: leaving with background jobs still running\n");
        std::fflush(nullptr);
        std::_Exit(rc);
    }
    return rc;
}
