// shardscope: the desktop application.

#include "diagnostics/measure_run.h"
#include "diagnostics/screenshot_tour.h"
#include "language_manager.h"
#include "main_window.h"
#include "settings.h"

#include "shardscope/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("shardscope"));
    QApplication::setApplicationName(QStringLiteral("shardscope"));
    QApplication::setApplicationVersion(QString::fromLatin1(shardscope::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("shardscope"));
    QApplication app(argc, argv);

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
                                 QStringLiteral("A bucket to open, e.g. local://demo or ais://bucket/prefix."),
                                 QStringLiteral("[url]"));
    parser.process(app);

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
    return app.exec();
}
