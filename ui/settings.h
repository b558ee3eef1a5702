#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <QVector>

#include <memory>

namespace shardscope::ui {

// The one typed front of everything the application remembers. Keys are
// namespaced ("ui/language", "mainwindow/geometry"); nothing secret is ever
// stored here.
class Settings
{
public:
    Settings();                                       // the application's QSettings
    explicit Settings(const QString &iniFile);        // a specific file (tests)

    QString language() const; // "" = follow the system locale
    void setLanguage(const QString &code);

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);

    // User-added connections. Secrets are never stored: only the name, kind,
    // endpoint, access key id and folder.
    struct SavedConnection
    {
        QString name;
        QString scheme; // ais, s3, local
        QString endpoint;
        QString keyId;
        QString folder;
        QString caFile;        // https: the certificate authorities to trust (empty: the system's)
        bool insecure = false; // https: skip certificate verification (the user asked; a warning is shown)
        bool operator==(const SavedConnection &o) const
        {
            return name == o.name && scheme == o.scheme && endpoint == o.endpoint && keyId == o.keyId &&
                   folder == o.folder && caFile == o.caFile && insecure == o.insecure;
        }
    };
    QVector<SavedConnection> connections() const;
    void setConnections(const QVector<SavedConnection> &connections);

    QByteArray explorerSplitterState() const;
    void setExplorerSplitterState(const QByteArray &state);
    QByteArray objectColumnsState() const; // the object table's column widths, order and sorting
    void setObjectColumnsState(const QByteArray &state);
    int currentTab() const;
    void setCurrentTab(int tab);
    QStringList recentUrls() const; // most recent first
    void setRecentUrls(const QStringList &urls);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace shardscope::ui
