// Exports of configs whose strings are hostile (quotes, triple quotes,
// backslashes, newlines, comment and raw-string ends, line separators, bidi
// controls, ...), one row per string and config field: every export carries
// each string as data and never as code. Python's own parser reads the
// Python export, the C++ compiler the C++ one, Qt's JSON parser the JSON and
// wids ones; the values must come back exactly. (Names refuse control
// characters: test_config has those rows.)

#include "core/config/dataset_config.h"
#include "core/config/export_cpp.h"
#include "core/config/export_python.h"
#include "core/config/export_wids.h"
#include "core/gen/dataset_generator.h"
#include "core/storage/file_store.h"
#include "core/util/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace shardscope;

namespace {

enum class Field { Name, Split, SourceId, SplitPrefix, GroupPrefix, ObjectName, Template, Decoder };

const std::vector<std::pair<Field, const char *>> kFields = {
    {Field::Name, "name"},          {Field::Split, "split"},           {Field::SourceId, "source id"},
    {Field::SplitPrefix, "split prefix"}, {Field::GroupPrefix, "group prefix"}, {Field::ObjectName, "object name"},
    {Field::Template, "template"},  {Field::Decoder, "decoder"}};

bool isNameField(Field f) { return f == Field::Name || f == Field::Split || f == Field::SourceId; }

struct Hostile
{
    const char *row;
    std::string text;    // UTF-8
    bool control;     // holds a control character or a line separator: no name may hold it
};

const std::vector<Hostile> &hostiles()
{
    static const std::vector<Hostile> h = {
        {"double quote", R"(x"); print("INJECTED") #)", false},
        {"triple quotes", R"("""; print("INJECTED"); """)", false},
        {"triple quotes and newline", "\"\"\"\nprint(\"INJECTED\")\n\"\"\"", true},
        {"single quotes", R"('''; print('INJECTED'); ''')", false},
        {"backslash at the end", "trailing\\", false},
        {"escape sequences as text", R"(\x41\u0041\N{BULLET}\n\0\)", false},
        {"newline", "a\nprint(\"INJECTED\")", true},
        {"carriage return", "a\rint injected = 1;", true},
        {"tab and terminal escape", "a\tb\x1b[31mred", true},
        {"comment end", "*/ int injected = 1; /*", false},
        {"raw string end", ")\"; int injected = 1; R\"(", false},
        {"raw string delimiter", ")shardscope\"; int injected = 1; //", false},
        {"trigraphs", "?\?/ ?\?= ?\?' ?", false},
        {"line separators", "a\u2028print(\"INJECTED\")\u2029b", true},
        {"next line (C1)", "a\u0085b", true},
        {"delete and BOM", "\ufeffa\x7f" "b", true},
        {"bidi overrides", "a\u202eb\u2066c\u200bd", false},
        {"unicode", "\u00fcn\u00efc\u00f8d\u00e9 \u540d\u524d \U0001F680", false},
        {"format braces", "{name} %s {{}} {0..9}", false},
        {"shell", "$(id) `id` ${HOME}", false},
        {"hash", "# not a comment", false},
    };
    return h;
}

// The value every field has in the benign config: unique markers, so a
// hostile row's expected output is the benign output with its marker replaced.
std::string marker(Field f)
{
    for (const auto &[v, n] : kFields)
        if (v == f)
            return "@" + std::string(n) + "@";
    return {};
}

// What a field holds for a given text (a template needs a brace group).
std::string fieldValue(Field f, const std::string &text) { return f == Field::Template ? text + "-{0..1}" : text; }

QString q(const std::string &s) { return QString::fromStdString(s); }

// A config reading four ais:// sources, each field in one place; `f` holds `text`.
std::string configJson(Field f, const std::string &text)
{
    auto v = [&](Field x) { return q(fieldValue(x, x == f ? text : marker(x))); };
    const QString id = v(Field::SourceId), split = v(Field::Split);
    QJsonArray sources = {
        QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("bucket"), QStringLiteral("b1")}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("d")},
                    {QStringLiteral("bucket"), QStringLiteral("b2")},
                    {QStringLiteral("group"), QJsonObject{{QStringLiteral("prefix"), v(Field::GroupPrefix)}}}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("n")},
                    {QStringLiteral("bucket"), QStringLiteral("b3")},
                    {QStringLiteral("group"),
                     QJsonObject{{QStringLiteral("names"), QJsonArray{QStringLiteral("n1"), v(Field::ObjectName)}}}}},
        QJsonObject{{QStringLiteral("id"), QStringLiteral("t")},
                    {QStringLiteral("bucket"), QStringLiteral("b4")},
                    {QStringLiteral("group"), QJsonObject{{QStringLiteral("template"), v(Field::Template)}}}}};
    QJsonObject perSource{{id, QJsonArray{v(Field::SplitPrefix)}},
                          {QStringLiteral("d"), QJsonArray{v(Field::GroupPrefix)}},
                          {QStringLiteral("n"), QJsonArray{QString()}},
                          {QStringLiteral("t"), QJsonArray{QString()}}};
    const QJsonObject doc{
        {QStringLiteral("schema_version"), 1},
        {QStringLiteral("name"), v(Field::Name)},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("splits"), QJsonObject{{split, perSource}}},
        {QStringLiteral("split"), split},
        {QStringLiteral("dataset"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("map")}}},
        {QStringLiteral("sampler"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("fixed")}, {QStringLiteral("batch_size"), 2}}},
        {QStringLiteral("decoders"), QJsonArray{QStringLiteral("png"), v(Field::Decoder)}}};
    return QJsonDocument(doc).toJson().toStdString();
}

// The field's value as an independent JSON parser (Qt's) reads it from a saved config.
QString extract(const QJsonObject &o, Field f)
{
    const QJsonArray sources = o[QLatin1String("sources")].toArray();
    const QString id = sources[0].toObject()[QLatin1String("id")].toString();
    switch (f) {
    case Field::Name: return o[QLatin1String("name")].toString();
    case Field::Split: return o[QLatin1String("split")].toString();
    case Field::SourceId: return id;
    case Field::SplitPrefix:
        return o[QLatin1String("splits")][o[QLatin1String("split")].toString()][id][0].toString();
    case Field::GroupPrefix: return sources[1].toObject()[QLatin1String("group")][QLatin1String("prefix")].toString();
    case Field::ObjectName: return sources[2].toObject()[QLatin1String("group")][QLatin1String("names")][1].toString();
    case Field::Template: return sources[3].toObject()[QLatin1String("group")][QLatin1String("template")].toString();
    case Field::Decoder: return o[QLatin1String("decoders")][1].toString();
    }
    return {};
}

struct Case
{
    QString row;
    Field field;
    std::string text;
};

// Every field with every string it may hold: names take no control
// characters (test_config refuses those), templates no braces.
const std::vector<Case> &cases()
{
    static const std::vector<Case> all = [] {
        std::vector<Case> v;
        for (const auto &[f, fname] : kFields)
            for (const Hostile &h : hostiles()) {
                if (isNameField(f) && h.control)
                    continue;
                if (f == Field::Template && h.text.find_first_of("{}") != std::string::npos)
                    continue;
                v.push_back({QString::fromLatin1(fname) + QStringLiteral(": ") + QString::fromLatin1(h.row), f, h.text});
            }
        return v;
    }();
    return all;
}

std::string replaceAll(std::string s, const std::string &from, const std::string &to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
    return s;
}

// Python's view of a script: its syntax tree with every str constant blanked
// (the shape), and the str constants in order. Identical shapes mean the
// same statements and expressions: no config text became code.
const char *kPythonChecker = R"py(
import ast, json, sys
out = {}
for path in sys.argv[1:]:
    try:
        tree = ast.parse(open(path, encoding="utf-8").read(), path)
    except SyntaxError as e:
        out[path] = {"error": repr(e)}
        continue
    strings = []
    class Blank(ast.NodeTransformer):
        def visit_Constant(self, node):
            if isinstance(node.value, str):
                strings.append(node.value)
                return ast.copy_location(ast.Constant(value=""), node)
            return node
    tree = Blank().visit(tree)
    out[path] = {"shape": ast.dump(tree), "strings": strings}
print(json.dumps(out))
)py";

// A minimal C++ lexer for preprocessed text: identifiers, string literals (kept
// with their quotes), other characters one by one.
std::vector<std::string> cppTokens(const std::string &s)
{
    std::vector<std::string> t;
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_'))
                ++j;
            t.push_back(s.substr(i, j - i));
            i = j;
        } else if (c == '"') {
            std::size_t j = i + 1;
            while (j < s.size() && s[j] != '"')
                j += s[j] == '\\' ? 2 : 1;
            t.push_back(s.substr(i, j + 1 - i));
            i = j + 1;
        } else {
            t.push_back(std::string(1, c));
            ++i;
        }
    }
    return t;
}

QString run(const QString &program, const QStringList &args, QByteArray *out = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(120000))
        return program + QStringLiteral(" did not finish");
    if (out)
        *out = p.readAllStandardOutput();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return program + QStringLiteral(" failed: ") + QString::fromUtf8(p.readAllStandardError()).left(4000);
    return {};
}

} // namespace

class TestExportHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void python_data() { rows(); }
    void python();
    void cpp_data() { rows(); }
    void cpp();
    void json_data() { rows(); }
    void json();
    void wids_data();
    void wids();
    void exportsRefuseWhatWouldNotLoad_data();
    void exportsRefuseWhatWouldNotLoad();
    void widsRefusesNamesThatAreNotUtf8();

private:
    void rows();
    void checkPython();
    void checkCpp();

    QTemporaryDir m_dir;
    std::string m_benignJson;
    QJsonObject m_python; // file -> {shape, strings} or {error}
    std::string m_cppSuffix;
    std::map<QString, QString> m_cppProblem; // row -> what the compiler check found wrong
    std::map<QString, std::string> m_cppConfig;  // row -> kConfig as the compiled program prints it
    QString m_cppError;                     // the whole compile failed
};

void TestExportHostile::rows()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < cases().size(); ++i)
        QTest::newRow(qPrintable(cases()[i].row)) << int(i);
}

void TestExportHostile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_benignJson = configJson(Field::Name, marker(Field::Name));
    checkPython();
    checkCpp();
}

// All scripts through one Python process.
void TestExportHostile::checkPython()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    QVERIFY2(!python.isEmpty(), "python3 is needed to parse the exported scripts");
    QStringList args{m_dir.filePath(QStringLiteral("check.py")), m_dir.filePath(QStringLiteral("benign.py"))};
    auto write = [](const QString &path, const std::string &text) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text.data(), qint64(text.size())) == qint64(text.size());
    };
    QVERIFY(write(args[0], kPythonChecker));
    QVERIFY(write(args[1], exportPython(parseDatasetConfig(m_benignJson, "benign.json"))));
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const Case &c = cases()[i];
        args << m_dir.filePath(QStringLiteral("row%1.py").arg(i));
        QVERIFY(write(args.back(), exportPython(parseDatasetConfig(configJson(c.field, c.text), "row.json"))));
    }
    QByteArray out;
    const QString failed = run(python, args, &out);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    const QJsonObject all = QJsonDocument::fromJson(out).object();
    for (auto it = all.begin(); it != all.end(); ++it)
        m_python[QFileInfo(it.key()).fileName()] = it.value();
    QVERIFY2(m_python.contains(QStringLiteral("benign.py")), out.constData());
}

// The part of each C++ export that depends on the config is its head (up to
// the first #include); the program after it must be the same for every
// config. The heads of all rows go into one file, each in a namespace, which
// the preprocessor and the compiler read once: the preprocessed head of a row
// must be exactly `static const char *const kConfig = "..." ... ;` (comments
// gone, nothing else), and the compiled program prints each kConfig.
void TestExportHostile::checkCpp()
{
    auto split = [](const std::string &cpp, std::string *head, std::string *tail) {
        const std::size_t at = cpp.find("\n#include");
        *head = at == std::string::npos ? cpp : cpp.substr(0, at + 1);
        *tail = at == std::string::npos ? std::string() : cpp.substr(at + 1);
    };
    std::string benignHead;
    split(exportCpp(parseDatasetConfig(m_benignJson, "benign.json")), &benignHead, &m_cppSuffix);
    QVERIFY2(!m_cppSuffix.empty(), "the C++ export has no #include");
    std::string source;
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const Case &c = cases()[i];
        std::string head, tail;
        split(exportCpp(parseDatasetConfig(configJson(c.field, c.text), "row.json")), &head, &tail);
        if (tail != m_cppSuffix)
            m_cppProblem[c.row] = QStringLiteral("the program after the config differs from the benign one");
        source += "namespace row" + std::to_string(i) + " {\n" + head + "\n}\n";
    }
    source += "namespace rows_end {}\n#include <cstdio>\nint main()\n{\n    const char *configs[] = {";
    for (std::size_t i = 0; i < cases().size(); ++i)
        source += "row" + std::to_string(i) + "::kConfig, ";
    source += "};\n    for (const char *c : configs) {\n        std::fputs(c, stdout);\n"
              "        std::fputc(0, stdout);\n    }\n}\n";
    const QString file = m_dir.filePath(QStringLiteral("heads.cpp"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(source.data(), qint64(source.size()));
    f.close();

    const QString cxx = QStringLiteral(SHARDSCOPE_CXX_COMPILER);
    QByteArray preprocessed;
    m_cppError = run(cxx, {QStringLiteral("-std=c++17"), QStringLiteral("-E"), QStringLiteral("-P"), file},
                     &preprocessed);
    if (!m_cppError.isEmpty())
        return;
    const std::string text = preprocessed.toStdString();
    const std::vector<std::string> tokens = cppTokens(text.substr(0, text.rfind("namespace rows_end")));
    const std::vector<std::string> declaration = {"static", "const", "char", "*", "const", "kConfig", "="};
    bool allClean = true;
    std::size_t t = 0;
    for (std::size_t i = 0; i < cases().size(); ++i) {
        const QString row = cases()[i].row;
        auto problem = [&](const QString &what) {
            m_cppProblem.emplace(row, what);
            allClean = false;
        };
        if (t + 3 > tokens.size() || tokens[t] != "namespace" || tokens[t + 1] != "row" + std::to_string(i) ||
            tokens[t + 2] != "{") {
            problem(QStringLiteral("the preprocessed file lost track before this row"));
            break;
        }
        t += 3;
        std::size_t k = 0;
        while (k < declaration.size() && t < tokens.size() && tokens[t] == declaration[k])
            ++k, ++t;
        std::size_t literals = 0;
        while (t < tokens.size() && tokens[t].size() >= 2 && tokens[t][0] == '"')
            ++literals, ++t;
        if (k != declaration.size() || literals == 0 || t + 1 >= tokens.size() || tokens[t] != ";" ||
            tokens[t + 1] != "}")
            problem(QStringLiteral("the head is more than the kConfig string: ") +
                    q(t < tokens.size() ? tokens[t] : std::string("<end>")));
        // Resynchronise on the next row's namespace.
        while (t < tokens.size() && tokens[t] != "namespace")
            ++t;
    }
    if (!allClean)
        return; // never run a program that holds injected code
    const QString program = m_dir.filePath(QStringLiteral("heads"));
    m_cppError = run(cxx, {QStringLiteral("-std=c++17"), QStringLiteral("-O0"), file, QStringLiteral("-o"), program});
    if (!m_cppError.isEmpty())
        return;
    QByteArray out;
    m_cppError = run(program, {}, &out);
    const QList<QByteArray> configs = out.split('\0');
    for (std::size_t i = 0; i < cases().size() && int(i) < configs.size(); ++i)
        m_cppConfig[cases()[i].row] = configs[int(i)].toStdString();
}

void TestExportHostile::python()
{
    QFETCH(int, index);
    const Case &c = cases()[std::size_t(index)];
    const QJsonObject benign = m_python[QStringLiteral("benign.py")].toObject();
    const QJsonObject got = m_python[QStringLiteral("row%1.py").arg(index)].toObject();
    QVERIFY2(!got.contains(QLatin1String("error")), qPrintable(got[QLatin1String("error")].toString()));
    QCOMPARE(got[QLatin1String("shape")].toString(), benign[QLatin1String("shape")].toString());
    const QJsonArray strings = got[QLatin1String("strings")].toArray();
    const QJsonArray expected = benign[QLatin1String("strings")].toArray();
    QCOMPARE(strings.size(), expected.size());
    bool seen = false;
    for (int i = 0; i < strings.size(); ++i) {
        const std::string want = replaceAll(expected[i].toString().toStdString(), marker(c.field), c.text);
        seen = seen || want != expected[i].toString().toStdString();
        QCOMPARE(strings[i].toString(), q(want));
    }
    // Source ids and decoders are not in the script; every other field is, as a string.
    QCOMPARE(seen, c.field != Field::SourceId && c.field != Field::Decoder);
}

void TestExportHostile::cpp()
{
    QFETCH(int, index);
    const Case &c = cases()[std::size_t(index)];
    QVERIFY2(m_cppError.isEmpty(), qPrintable(m_cppError));
    const auto problem = m_cppProblem.find(c.row);
    QVERIFY2(problem == m_cppProblem.end(), qPrintable(problem == m_cppProblem.end() ? QString() : problem->second));
    QVERIFY2(m_cppConfig.count(c.row), "the compiled program did not print this row's config");
    const std::string &embedded = m_cppConfig[c.row];
    const DatasetConfig config = parseDatasetConfig(configJson(c.field, c.text), "row.json");
    QCOMPARE(q(embedded), q(serializeDatasetConfig(config))); // exactly the canonical config
    QCOMPARE(extract(QJsonDocument::fromJson(QByteArray::fromStdString(embedded)).object(), c.field),
             q(fieldValue(c.field, c.text)));
}

void TestExportHostile::json()
{
    QFETCH(int, index);
    const Case &c = cases()[std::size_t(index)];
    const DatasetConfig config = parseDatasetConfig(configJson(c.field, c.text), "row.json");
    const std::string saved = serializeDatasetConfig(config);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(saved), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(extract(doc.object(), c.field), q(fieldValue(c.field, c.text)));
    QVERIFY(parseDatasetConfig(saved, "saved.json") == config);
}

void TestExportHostile::wids_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("object");
    // A file store holds no empty path segment: "//" in an object name becomes "/ /".
    for (const Hostile &h : hostiles())
        QTest::newRow(h.row) << (h.control ? QStringLiteral("plain") : q(h.text))
                             << q(replaceAll(h.text, "//", "/ /") + ".tar");
}

// wids reads the shards: a local store whose shard is named by the hostile string.
void TestExportHostile::wids()
{
    QFETCH(QString, name);
    QFETCH(QString, object);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    auto store = FileStore::forLocalRoot(root.path().toStdString());
    store->createBucket("wb");
    store->putBytes("wb", object.toStdString(),
                    writeArchive(ShardFormat::Tar, {{"k1.cls", "1"}, {"k1.txt", "a"}, {"k2.cls", "2"}}));
    const QJsonObject cfg{
        {QStringLiteral("schema_version"), 1},
        {QStringLiteral("name"), name},
        {QStringLiteral("sources"),
         QJsonArray{QJsonObject{{QStringLiteral("provider"), QStringLiteral("local")},
                                {QStringLiteral("bucket"), QStringLiteral("wb")},
                                {QStringLiteral("group"), QJsonObject{{QStringLiteral("prefix"), object}}}}}},
        {QStringLiteral("dataset"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("shard")}}}};
    StoreOptions options;
    options.localRoot = root.path().toStdString();
    const std::string index =
        exportWids(parseDatasetConfig(QJsonDocument(cfg).toJson().toStdString(), "wids.json"), options);
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(QByteArray::fromStdString(index), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc[QLatin1String("name")].toString(), name);
    const QJsonArray list = doc[QLatin1String("shardlist")].toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0][QLatin1String("url")].toString(), QStringLiteral("local://wb/") + object);
    QCOMPARE(list[0][QLatin1String("nsamples")].toInt(), 2);
}

void TestExportHostile::exportsRefuseWhatWouldNotLoad_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("field");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    for (const QString &format : {QStringLiteral("python"), QStringLiteral("cpp"), QStringLiteral("wids")}) {
        auto row = [&](const char *name, Field f, const QByteArray &text, const char *message) {
            QTest::newRow(qPrintable(format + QStringLiteral(": ") + QLatin1String(name)))
                << format << int(f) << text << QString::fromUtf8(message);
        };
        row("name with a newline", Field::Name, "a\nb",
            "the config: $.name: contains the control character U+000A at byte 1");
        row("split name with U+2028", Field::Split, "a\xe2\x80\xa8",
            "the config: $.splits: the split name \"a\xe2\x80\xa8\" contains the line separator U+2028 at byte 1");
        row("name not UTF-8", Field::Name, "a\xff", "cannot write the config as JSON: invalid UTF-8 byte at index 1: 0xFF");
        row("object name not UTF-8", Field::ObjectName, "\xc3(",
            "cannot write the config as JSON: invalid UTF-8 byte at index 1: 0x28");
    }
}

// A config built in code (the GUI's editor) has not been through the parser:
// the exports validate it as loading it would, and say what is wrong.
void TestExportHostile::exportsRefuseWhatWouldNotLoad()
{
    QFETCH(QString, format);
    QFETCH(int, field);
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    DatasetConfig c = parseDatasetConfig(m_benignJson, "benign.json");
    const std::string bad = text.toStdString();
    switch (Field(field)) {
    case Field::Name: c.name = bad; break;
    case Field::Split: {
        auto entry = c.splits.begin()->second;
        c.splits.clear();
        c.splits[bad] = entry;
        c.split = bad;
        break;
    }
    case Field::ObjectName: c.sources[2].group.names[1] = bad; break;
    default: QFAIL("no such row");
    }
    try {
        (void)(format == QLatin1String("python") ? exportPython(c)
               : format == QLatin1String("cpp")  ? exportCpp(c)
                                                 : exportWids(c, StoreOptions{}));
        QFAIL("exported a config that would not load");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QVERIFY2(QString::fromStdString(e.what()).startsWith(message), e.what());
    }
}

// Shard names come from listings, which may hold any bytes; JSON cannot.
void TestExportHostile::widsRefusesNamesThatAreNotUtf8()
{
    try {
        widsIndex("n", {{"local://b/ok.tar", 1}, {"local://b/\xff\xfe.tar", 2}});
        QFAIL("a wids index held a name that is not UTF-8");
    } catch (const Error &e) {
        QCOMPARE(e.kind(), ErrorKind::InvalidArgument);
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("wids index: the shard \"local://b/\\xff\\xfe.tar\" has a name that is not UTF-8, "
                                "which JSON cannot hold"));
    }
}

QTEST_GUILESS_MAIN(TestExportHostile)
#include "test_export_hostile.moc"
