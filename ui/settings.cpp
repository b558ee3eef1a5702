#include "settings.h"

namespace shardscope::ui {

namespace {
const QString kLanguage = QStringLiteral("ui/language");
const QString kGeometry = QStringLiteral("mainwindow/geometry");
const QString kState = QStringLiteral("mainwindow/state");
} // namespace

Settings::Settings() : m_settings(std::make_unique<QSettings>()) {}

Settings::Settings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

QString Settings::language() const { return m_settings->value(kLanguage).toString(); }
void Settings::setLanguage(const QString &code) { m_settings->setValue(kLanguage, code); }

QByteArray Settings::mainWindowGeometry() const { return m_settings->value(kGeometry).toByteArray(); }
void Settings::setMainWindowGeometry(const QByteArray &geometry) { m_settings->setValue(kGeometry, geometry); }
QByteArray Settings::mainWindowState() const { return m_settings->value(kState).toByteArray(); }
void Settings::setMainWindowState(const QByteArray &state) { m_settings->setValue(kState, state); }

QByteArray Settings::explorerSplitterState() const
{
    return m_settings->value(QStringLiteral("explorer/splitter")).toByteArray();
}
void Settings::setExplorerSplitterState(const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("explorer/splitter"), state);
}

void Settings::sync() { m_settings->sync(); }

} // namespace shardscope::ui
