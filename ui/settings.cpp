#include "ui/settings.h"

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

QVector<Settings::SavedConnection> Settings::connections() const
{
    QVector<SavedConnection> out;
    const int n = m_settings->beginReadArray(QStringLiteral("connections"));
    for (int i = 0; i < n; ++i) {
        m_settings->setArrayIndex(i);
        SavedConnection c;
        c.name = m_settings->value(QStringLiteral("name")).toString();
        c.scheme = m_settings->value(QStringLiteral("scheme")).toString();
        c.endpoint = m_settings->value(QStringLiteral("endpoint")).toString();
        c.keyId = m_settings->value(QStringLiteral("keyId")).toString();
        c.folder = m_settings->value(QStringLiteral("folder")).toString();
        c.caFile = m_settings->value(QStringLiteral("caFile")).toString();
        c.insecure = m_settings->value(QStringLiteral("insecure"), false).toBool();
        if (!c.name.isEmpty() && (c.scheme == QLatin1String("ais") || c.scheme == QLatin1String("s3") ||
                                  c.scheme == QLatin1String("local")))
            out.push_back(c); // a damaged entry is skipped, not fatal
    }
    m_settings->endArray();
    return out;
}

void Settings::setConnections(const QVector<SavedConnection> &connections)
{
    m_settings->remove(QStringLiteral("connections"));
    m_settings->beginWriteArray(QStringLiteral("connections"), static_cast<int>(connections.size()));
    for (int i = 0; i < connections.size(); ++i) {
        m_settings->setArrayIndex(i);
        const SavedConnection &c = connections[i];
        m_settings->setValue(QStringLiteral("name"), c.name);
        m_settings->setValue(QStringLiteral("scheme"), c.scheme);
        m_settings->setValue(QStringLiteral("endpoint"), c.endpoint);
        m_settings->setValue(QStringLiteral("keyId"), c.keyId);
        m_settings->setValue(QStringLiteral("folder"), c.folder);
        m_settings->setValue(QStringLiteral("caFile"), c.caFile);
        m_settings->setValue(QStringLiteral("insecure"), c.insecure);
    }
    m_settings->endArray();
}

QByteArray Settings::objectColumnsState() const
{
    return m_settings->value(QStringLiteral("explorer/objectColumns")).toByteArray();
}

void Settings::setObjectColumnsState(const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("explorer/objectColumns"), state);
}

int Settings::currentTab() const { return m_settings->value(QStringLiteral("mainWindow/tab"), 0).toInt(); }

void Settings::setCurrentTab(int tab) { m_settings->setValue(QStringLiteral("mainWindow/tab"), tab); }

QStringList Settings::recentUrls() const { return m_settings->value(QStringLiteral("start/recentUrls")).toStringList(); }

void Settings::setRecentUrls(const QStringList &urls) { m_settings->setValue(QStringLiteral("start/recentUrls"), urls); }

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
