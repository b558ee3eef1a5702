#include "ui/language_manager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace shardscope::ui {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QList<Language> LanguageManager::available()
{
    return {
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
}

QString LanguageManager::systemLanguage() { return languageFor(QLocale::system().uiLanguages()); }

QString LanguageManager::languageFor(const QStringList &uiLanguages)
{
    for (QString tag : uiLanguages) {
        tag.replace(QLatin1Char('-'), QLatin1Char('_'));
        for (const Language &l : available()) {
            if (tag == l.code || tag.startsWith(l.code + QLatin1Char('_')))
                return l.code;
            // zh, zh_Hans, zh_Hans_CN, zh_CN all select Simplified Chinese.
            if (l.code == QLatin1String("zh_CN") &&
                (tag == QLatin1String("zh") || tag.startsWith(QLatin1String("zh_Hans")) ||
                 tag == QLatin1String("zh_SG")))
                return l.code;
        }
    }
    return QStringLiteral("en");
}

void LanguageManager::removeTranslators()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app.reset();
    m_qt.reset();
}

bool LanguageManager::apply(const QString &code)
{
    const QString target = code.isEmpty() ? systemLanguage() : code;
    bool known = false;
    for (const Language &l : available())
        known = known || l.code == target;
    if (!known)
        return false;

    std::unique_ptr<QTranslator> app, qt;
    // English has a catalog too: only its plural forms ("%n byte(s)" -> "1 byte").
    app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/i18n/shardscope_") + target))
        return false;
    if (target != QLatin1String("en")) {
        // Qt's own strings (standard buttons, ...): optional, from the system.
        qt = std::make_unique<QTranslator>();
        if (!qt->load(QStringLiteral("qtbase_") + target, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qt.reset();
    }
    removeTranslators();
    m_app = std::move(app);
    m_qt = std::move(qt);
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    if (m_app)
        QCoreApplication::installTranslator(m_app.get());
    // Numbers and units (sizes, thousands separators) follow the language.
    QLocale::setDefault(QLocale(target));
    m_requested = code;
    const bool changed = m_effective != target;
    m_effective = target;
    if (changed)
        Q_EMIT languageChanged(m_effective);
    return true;
}

} // namespace shardscope::ui
