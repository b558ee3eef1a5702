#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace shardscope::ui {

struct Language
{
    QString code;       // "en", "de", "zh_CN"
    QString nativeName; // shown as is in every language
};

// Installs shardscope's catalog (embedded under :/i18n) and Qt's own for the
// chosen language; widgets retranslate on QEvent::LanguageChange.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    static QList<Language> available();
    // The catalog the system locale selects ("en" when none matches).
    static QString systemLanguage();
    // The catalog for a locale's UI languages in order of preference ("de-CH", "zh-Hans-CN", ...).
    static QString languageFor(const QStringList &uiLanguages);

    // "" follows the system locale. Returns false (and keeps the current
    // language) for an unknown code or a catalog that cannot be loaded.
    bool apply(const QString &code);

    QString requested() const { return m_requested; } // "" = system
    QString effective() const { return m_effective; } // the language in use

Q_SIGNALS:
    void languageChanged(const QString &effectiveCode);

private:
    void removeTranslators();

    QString m_requested;
    QString m_effective = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace shardscope::ui
