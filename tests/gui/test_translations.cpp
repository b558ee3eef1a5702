// Every catalog in translations/ is complete: no unfinished or empty
// translation, and every placeholder of the source is kept.

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void catalogsExist();
    void catalogIsComplete_data();
    void catalogIsComplete();
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

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
