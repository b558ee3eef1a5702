// Every catalog in translations/ is complete: no unfinished or empty
// translation, and every placeholder of the source is kept; every tr()
// literal of the GUI's code is in them. And what a user
// sees is translated: the main views, walked offscreen in German and Chinese,
// show none of the English source strings (but a few that are the same in
// every language, each listed with its reason).

#include "ui/language_manager.h"
#include "ui/main_window.h"
#include "ui/settings.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QXmlStreamReader>

#include <functional>
#include <map>

using namespace shardscope::ui;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogsExist();
    void catalogIsComplete_data();
    void catalogIsComplete();
    void catalogCoversTheCode();
    void noVisibleEnglish_data();
    void noVisibleEnglish();
};

static QStringList catalogs()
{
    QDir dir(QStringLiteral(SHARDSCOPE_SOURCE_DIR "/translations"));
    return dir.entryList({QStringLiteral("shardscope_*.ts")}, QDir::Files, QDir::Name);
}

void TestTranslations::catalogsExist()
{
    const QStringList files = catalogs();
    QVERIFY(files.contains(QStringLiteral("shardscope_de.ts")));
    QVERIFY(files.contains(QStringLiteral("shardscope_zh_CN.ts")));
}

void TestTranslations::catalogIsComplete_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : catalogs())
        QTest::newRow(qPrintable(f)) << f;
}

void TestTranslations::catalogIsComplete()
{
    QFETCH(QString, file);
    QFile f(QStringLiteral(SHARDSCOPE_SOURCE_DIR "/translations/") + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QString context, source;
    bool numerus = false;
    QStringList problems;
    static const QRegularExpression placeholder(QStringLiteral("%\\d"));
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("message"))
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        else if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            // Plural messages hold one <numerusform> per plural form; every form must be filled.
            QString text;
            bool emptyForm = false;
            if (numerus) {
                while (xml.readNextStartElement()) {
                    const QString form = xml.readElementText();
                    emptyForm = emptyForm || form.isEmpty();
                    text += form;
                }
            } else {
                text = xml.readElementText();
            }
            if (emptyForm)
                problems << context + QLatin1String(": empty plural form: ") + source;
            if (type == QLatin1String("unfinished") || text.isEmpty())
                problems << context + QLatin1String(": untranslated: ") + source;
            auto it = placeholder.globalMatch(source);
            while (it.hasNext()) {
                const QString ph = it.next().captured();
                if (!text.contains(ph))
                    problems << context + QLatin1String(": lost ") + ph + QLatin1String(" in: ") + source;
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(messages > 0, "empty catalog");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

namespace {

// Visible texts that may stay as they are in English, and why (compared
// without a trailing colon: "Name:" is "Name").
const QSet<QString> &sameInEveryLanguage()
{
    static const QSet<QString> same = {
        // names of products and formats
        QStringLiteral("shardscope"),
        QStringLiteral("AIStore"),
        QStringLiteral("AIStore SDK"),
        QStringLiteral("WebDataset"),
        // abbreviations every catalog keeps
        QStringLiteral("JSON"),
        QStringLiteral("CSV"),
        QStringLiteral("PNG"),
        QStringLiteral("PDF"),
        QStringLiteral("URL"),
        QStringLiteral("ID"),
        // units and percentile symbols
        QStringLiteral("CPU %"),
        QStringLiteral("MB/s"),
        QStringLiteral("p50 ms"),
        QStringLiteral("p95 ms"),
        QStringLiteral("p99 ms"),
        // German words spelt as in English (Duden): the German catalog keeps them
        QStringLiteral("Name"),
        QStringLiteral("Bytes"),
        QStringLiteral("Benchmark"),
        QStringLiteral("Detail"),
        // a technical loanword the German catalog keeps, like "Bucket"
        QStringLiteral("Shard"),
    };
    return same;
}

bool allowed(QString text)
{
    if (text.endsWith(QLatin1Char(':')))
        text.chop(1);
    return sameInEveryLanguage().contains(text);
}

QString withoutAccelerator(QString text)
{
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    // Chinese menus keep the key as a suffix: "文件(F)".
    static const QRegularExpression cjkKey(QStringLiteral("\\([A-Z]\\)$"));
    return text.remove(cjkKey).trimmed();
}

// The English source strings of the catalog (what the code passes to tr()).
QSet<QString> englishSources()
{
    QSet<QString> sources;
    QFile f(QStringLiteral(SHARDSCOPE_SOURCE_DIR "/translations/shardscope_de.ts"));
    if (!f.open(QIODevice::ReadOnly))
        return sources;
    QXmlStreamReader xml(&f);
    while (!xml.atEnd())
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("source"))
            sources.insert(withoutAccelerator(xml.readElementText()));
    return sources;
}

// Every text a user can see in `window` as it is now, with where it is.
void collectVisible(QMainWindow &window, QMap<QString, QString> *texts)
{
    auto add = [texts](const QString &text, const QObject *where) {
        const QString t = withoutAccelerator(text);
        if (!t.isEmpty() && !texts->contains(t))
            texts->insert(t, QString::fromLatin1(where->metaObject()->className()) + QLatin1Char(' ') +
                                 where->objectName());
    };
    add(window.windowTitle(), &window);
    std::function<void(QMenu *)> addMenu = [&](QMenu *menu) {
        add(menu->title(), menu);
        for (QAction *a : menu->actions()) {
            add(a->text(), a);
            if (a->menu())
                addMenu(a->menu());
        }
    };
    for (QAction *a : window.menuBar()->actions())
        if (a->menu())
            addMenu(a->menu());
    for (QWidget *w : window.findChildren<QWidget *>()) {
        if (!w->isVisible())
            continue;
        if (auto *l = qobject_cast<QLabel *>(w)) {
            const QString plain =
                Qt::mightBeRichText(l->text()) ? QTextDocumentFragment::fromHtml(l->text()).toPlainText() : l->text();
            add(plain, l);
        } else if (auto *b = qobject_cast<QAbstractButton *>(w)) {
            add(b->text(), b);
        } else if (auto *g = qobject_cast<QGroupBox *>(w)) {
            add(g->title(), g);
        } else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i)
                add(bar->tabText(i), bar);
        } else if (auto *c = qobject_cast<QComboBox *>(w)) {
            for (int i = 0; i < c->count(); ++i)
                add(c->itemText(i), c);
        } else if (auto *e = qobject_cast<QLineEdit *>(w)) {
            add(e->placeholderText(), e);
        }
        if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model())
            for (int c = 0; c < v->model()->columnCount(); ++c)
                add(v->model()->headerData(c, Qt::Horizontal).toString(), v);
    }
}

} // namespace

// The text of C++ string literals as the compiler joins them: "a" "b" -> ab.
static QString joinedLiterals(const QString &code)
{
    static const QRegularExpression literal(QStringLiteral("\"((?:[^\"\\\\]|\\\\.)*)\""));
    QString text;
    auto it = literal.globalMatch(code);
    while (it.hasNext()) {
        const QString body = it.next().captured(1);
        for (qsizetype i = 0; i < body.size(); ++i) {
            if (body[i] != QLatin1Char('\\') || i + 1 == body.size()) {
                text += body[i];
                continue;
            }
            const QChar c = body[++i];
            text += c == QLatin1Char('n') ? QChar(u'\n') : c == QLatin1Char('t') ? QChar(u'\t') : c;
        }
    }
    return text;
}

void TestTranslations::catalogCoversTheCode()
{
    // A tr() text missing from the catalogs shows in English whatever the
    // language, and noVisibleEnglish (which knows only the catalog's sources)
    // cannot see it: so every tr("...") of ui/ and app/gui must be a source.
    // It checks texts, not their context (the class): a text listed only
    // under another class still shows in English, and this does not see it.
    std::map<QString, QSet<QString>> sources; // catalog -> its source texts
    for (const char *name : {"shardscope_de.ts", "shardscope_zh_CN.ts"}) {
        QFile f(QStringLiteral(SHARDSCOPE_SOURCE_DIR "/translations/") + QLatin1String(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&f);
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("source"))
                sources[QLatin1String(name)].insert(xml.readElementText());
    }
    static const QRegularExpression call(
        QStringLiteral("\\btr\\(\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+)[,)]"));
    QStringList missing;
    int calls = 0;
    for (const char *sub : {"/ui", "/app/gui"}) {
        QDirIterator files(QStringLiteral(SHARDSCOPE_SOURCE_DIR) + QLatin1String(sub),
                           {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString code = QString::fromUtf8(file.readAll());
            auto it = call.globalMatch(code);
            while (it.hasNext()) {
                ++calls;
                const QString text = joinedLiterals(it.next().captured(1));
                for (const auto &[catalog, texts] : sources)
                    if (!texts.contains(text))
                        missing << QStringLiteral("%1: %2: \"%3\"")
                                       .arg(catalog,
                                            QDir(QStringLiteral(SHARDSCOPE_SOURCE_DIR))
                                                .relativeFilePath(file.fileName()),
                                            text);
            }
        }
    }
    QVERIFY2(calls > 300, qPrintable(QString::number(calls)));
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("not in the catalogs (add them with their translations):\n") +
                        missing.join(QLatin1Char('\n'))));
}

void TestTranslations::noVisibleEnglish_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("German") << "de";
    QTest::newRow("Simplified Chinese") << "zh_CN";
}

void TestTranslations::noVisibleEnglish()
{
    QFETCH(QString, code);
    const QSet<QString> sources = englishSources();
    QVERIFY(sources.size() > 100);
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    LanguageManager languages;
    QVERIFY(languages.apply(code));
    MainWindow window(settings, languages);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The start view, then every tab and every tab inside it.
    QMap<QString, QString> texts;
    window.showStartView();
    collectVisible(window, &texts);
    window.showTabs();
    for (int i = 0; i < window.tabs()->count(); ++i) {
        window.tabs()->setCurrentIndex(i);
        collectVisible(window, &texts);
        for (QTabWidget *inner : window.tabs()->widget(i)->findChildren<QTabWidget *>()) {
            for (int j = 0; j < inner->count(); ++j) {
                inner->setCurrentIndex(j);
                collectVisible(window, &texts);
            }
        }
    }
    QVERIFY(texts.size() > 50);
    QStringList english;
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        if (sources.contains(it.key()) && !allowed(it.key()))
            english << QStringLiteral("\"%1\" (%2)").arg(it.key(), it.value());
    QVERIFY(languages.apply(QStringLiteral("en")));
    QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("English in the %1 views:\n").arg(code) +
                                           english.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
