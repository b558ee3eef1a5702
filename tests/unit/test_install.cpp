// `cmake --install` into a temporary prefix: the desktop layout (programs,
// .desktop file, hicolor icon, translations), and the C++ program
// `shardscope-cli export --format cpp` writes, built the way its own comment
// says against the INSTALLED CMake package (find_package(shardscope)), never
// the build tree, then run on a local folder: it must read the batches
// DynamicBatchSampler forms for the config (worked out by hand below), as
// does `shardscope-cli batches`.

#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

class TestInstall : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void installsTheDesktopLayout_data();
    void installsTheDesktopLayout();
    void installedCliRuns();
    void packageFilesNameNoBuildTree();
    void exportedProgramBuildsAgainstInstalledPackage();

private:
    QString path(const QString &rel) const { return m_prefix + QLatin1Char('/') + rel; }
    QProcessEnvironment dataEnv() const;

    QTemporaryDir m_tmp;
    QString m_prefix;
};

void TestInstall::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_prefix = m_tmp.filePath(QStringLiteral("prefix"));
    const CliRun install = runCli(QStringLiteral(SHARDSCOPE_CMAKE_COMMAND),
                                  {QStringLiteral("--install"), QStringLiteral(SHARDSCOPE_BINARY_DIR),
                                   QStringLiteral("--prefix"), m_prefix},
                                  QProcessEnvironment::systemEnvironment(), 300000);
    QVERIFY2(install.exitCode == 0, qPrintable(install.err + QString::fromUtf8(install.out)));
}

void TestInstall::installsTheDesktopLayout_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("cli") << QStringLiteral("bin/shardscope-cli");
#ifdef SHARDSCOPE_HAS_GUI
    QTest::newRow("gui") << QStringLiteral("bin/shardscope");
    QTest::newRow("desktop file") << QStringLiteral("share/applications/shardscope.desktop");
    QTest::newRow("hicolor icon") << QStringLiteral("share/icons/hicolor/scalable/apps/shardscope.svg");
    QTest::newRow("German translation") << QStringLiteral("share/shardscope/translations/shardscope_de.qm");
    QTest::newRow("Chinese translation")
        << QStringLiteral("share/shardscope/translations/shardscope_zh_CN.qm");
#endif
    QTest::newRow("core header") << QStringLiteral("include/shardscope/core/data/loader.h");
    QTest::newRow("generated version header") << QStringLiteral("include/shardscope/shardscope/version.h");
    QTest::newRow("torch header") << QStringLiteral("include/shardscope/core/torch/tensor_convert.h");
    QTest::newRow("package config") << QStringLiteral(SHARDSCOPE_INSTALL_CMAKEDIR "/shardscopeConfig.cmake");
    QTest::newRow("package version") << QStringLiteral(SHARDSCOPE_INSTALL_CMAKEDIR
                                                       "/shardscopeConfigVersion.cmake");
}

void TestInstall::installsTheDesktopLayout()
{
    QFETCH(QString, file);
    QVERIFY2(QFileInfo(path(file)).isFile(), qPrintable(path(file) + QStringLiteral(" was not installed")));
}

void TestInstall::installedCliRuns()
{
    const CliRun run = runCli(path(QStringLiteral("bin/shardscope-cli")), {QStringLiteral("--version")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(SHARDSCOPE_VERSION), run.out.constData());
}

void TestInstall::packageFilesNameNoBuildTree()
{
    // A package that points into the source or build tree works here and
    // nowhere else.
    const QDir dir(path(QStringLiteral(SHARDSCOPE_INSTALL_CMAKEDIR)));
    const QStringList files = dir.entryList({QStringLiteral("*.cmake")}, QDir::Files);
    QVERIFY(files.size() >= 3);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(!text.contains(SHARDSCOPE_SOURCE_DIR),
                 qPrintable(name + QStringLiteral(" names the source tree")));
        QVERIFY2(!text.contains(SHARDSCOPE_BINARY_DIR),
                 qPrintable(name + QStringLiteral(" names the build tree")));
    }
}

QProcessEnvironment TestInstall::dataEnv() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SHARDSCOPE_DATA_DIR"), m_tmp.filePath(QStringLiteral("data")));
    return env;
}

void TestInstall::exportedProgramBuildsAgainstInstalledPackage()
{
    // A local bucket (the embedded store under $SHARDSCOPE_DATA_DIR/buckets).
    const QString bucket = m_tmp.filePath(QStringLiteral("data/buckets/exported"));
    const int sizes[] = {3000, 4000, 0, 12000, 5000, 5000, 9000, 1000, 2500, 7000};
    for (int i = 0; i < 10; ++i) {
        for (const QString &split : {QStringLiteral("train"), QStringLiteral("val")}) {
            QVERIFY(QDir().mkpath(bucket + QLatin1Char('/') + split));
            QFile f(bucket + QStringLiteral("/%1/o%2").arg(split).arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(split == QLatin1String("train") ? sizes[i] : 1, char('a' + i)));
        }
    }
    const QString config = m_tmp.filePath(QStringLiteral("dataset.json"));
    {
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"schema_version": 1, "name": "installed C++ example",
                    "sources": [{"id": "data", "provider": "local", "bucket": "exported"}],
                    "splits": {"train": {"data": ["train/"]}}, "split": "train",
                    "dataset": {"kind": "map"},
                    "sampler": {"kind": "dynamic", "max_batch_bytes": 10000, "allow_oversized": true},
                    "workers": 2})");
    }

    // The program, exported by the installed CLI.
    const QString project = m_tmp.filePath(QStringLiteral("app"));
    QVERIFY(QDir().mkpath(project));
    const QString cli = path(QStringLiteral("bin/shardscope-cli"));
    const CliRun exported =
        runCli(cli, {QStringLiteral("export"), config, QStringLiteral("--format"), QStringLiteral("cpp"),
                     QStringLiteral("-o"), project + QStringLiteral("/app.cpp")});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));

    // Its CMakeLists.txt: exactly the build lines the program's comment gives.
    QFile source(project + QStringLiteral("/app.cpp"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QStringList buildLines;
    bool inBuild = false;
    for (const QByteArray &line : source.readAll().split('\n')) {
        if (line.startsWith("// Build with"))
            inBuild = true;
        else if (inBuild && line.startsWith("//   "))
            buildLines << QString::fromUtf8(line.mid(5));
        else if (inBuild)
            break;
    }
    QVERIFY2(buildLines.join(QLatin1Char('\n')).contains(QLatin1String("find_package(shardscope")),
             qPrintable(buildLines.join(QLatin1Char('\n'))));
    {
        QFile cmake(project + QStringLiteral("/CMakeLists.txt"));
        QVERIFY(cmake.open(QIODevice::WriteOnly));
        cmake.write("cmake_minimum_required(VERSION 3.25)\nproject(exported_app CXX)\n"
                    "set(CMAKE_CXX_STANDARD 17)\nadd_executable(app app.cpp)\n");
        cmake.write(buildLines.join(QLatin1Char('\n')).toUtf8() + '\n');
    }

    // Configured against the installed prefix only: no package registry, and
    // the build tree is nowhere on the search path.
    const QString build = m_tmp.filePath(QStringLiteral("app-build"));
    QStringList configure = {QStringLiteral("-S"),
                             project,
                             QStringLiteral("-B"),
                             build,
                             QStringLiteral("-G"),
                             QStringLiteral(SHARDSCOPE_CMAKE_GENERATOR),
                             QStringLiteral("-DCMAKE_PREFIX_PATH=") + m_prefix,
                             QStringLiteral("-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"),
                             QStringLiteral("-DCMAKE_CXX_COMPILER=" SHARDSCOPE_CXX_COMPILER),
                             QStringLiteral("-DCMAKE_BUILD_TYPE=Release")};
    if (!QStringLiteral(SHARDSCOPE_CXX_LAUNCHER).isEmpty())
        configure << QStringLiteral("-DCMAKE_CXX_COMPILER_LAUNCHER=" SHARDSCOPE_CXX_LAUNCHER);
    const CliRun configured = runCli(QStringLiteral(SHARDSCOPE_CMAKE_COMMAND), configure);
    QVERIFY2(configured.exitCode == 0, qPrintable(configured.err + QString::fromUtf8(configured.out)));
    QFile cache(build + QStringLiteral("/CMakeCache.txt"));
    QVERIFY(cache.open(QIODevice::ReadOnly));
    const QByteArray cacheText = cache.readAll();
    const QRegularExpression dirLine(QStringLiteral("^shardscope_DIR:PATH=(.*)$"),
                                     QRegularExpression::MultilineOption);
    const QString foundAt = dirLine.match(QString::fromUtf8(cacheText)).captured(1);
    QCOMPARE(foundAt, path(QStringLiteral(SHARDSCOPE_INSTALL_CMAKEDIR)));

    const CliRun built = runCli(QStringLiteral(SHARDSCOPE_CMAKE_COMMAND),
                                {QStringLiteral("--build"), build, QStringLiteral("-j"), QStringLiteral("2")},
                                QProcessEnvironment::systemEnvironment(), 900000);
    QVERIFY2(built.exitCode == 0, qPrintable(built.err + QString::fromUtf8(built.out.right(4000))));

    const CliRun theirs = runCli(build + QStringLiteral("/app"), {QStringLiteral("--names")}, dataEnv());
    QVERIFY2(theirs.exitCode == 0, qPrintable(theirs.err));
    nlohmann::json batches = nlohmann::json::array();
    for (const QByteArray &l : theirs.out.split('\n'))
        if (!l.trimmed().isEmpty())
            batches.push_back(nlohmann::json::parse(l.toStdString())["batch"]);
    const CliRun ours = runCli(cli, {QStringLiteral("batches"), config, QStringLiteral("--json")}, dataEnv());
    QVERIFY2(ours.exitCode == 0, qPrintable(ours.err));
    const auto cliBatches = nlohmann::json::parse(ours.out.toStdString())["batches"];
    // By hand, with DynamicBatchSampler's rules (budget 10000, oversized
    // allowed): o0+o1 = 7000; o2 (0 bytes) skipped; o3 (12000) at once in a
    // batch of its own; o4 does not fit 7000, so o0,o1 go out; o4+o5 = 10000
    // exactly; o6+o7 = 10000; o8+o9 = 9500, the tail. No val/ object.
    const nlohmann::json expected = {{"train/o3"},
                                     {"train/o0", "train/o1"},
                                     {"train/o4", "train/o5"},
                                     {"train/o6", "train/o7"},
                                     {"train/o8", "train/o9"}};
    QCOMPARE(QString::fromStdString(batches.dump()), QString::fromStdString(expected.dump()));
    QCOMPARE(QString::fromStdString(cliBatches.dump()), QString::fromStdString(expected.dump()));
}

QTEST_GUILESS_MAIN(TestInstall)
#include "test_install.moc"
