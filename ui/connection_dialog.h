#pragma once

#include "ui/models/connection_tree_model.h"
#include "ui/settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace shardscope::ui {

// Adds a connection: an AIStore cluster (endpoint), an S3-compatible endpoint
// (endpoint, key id, secret: the secret stays in memory, never saved), or a
// local folder of buckets. "Test" lists the buckets off the GUI thread.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    Connection connection() const;            // for the session (with the secret)
    void setConnection(const Connection &c);  // Edit Connection: the dialog starts from these settings
    Settings::SavedConnection saved() const;  // what may be remembered (no secret)
    void testConnection();

Q_SIGNALS:
    void tested(bool ok, const QString &message);

private:
    void updateFields();
public:
    // The warning shown for a connection that skips TLS verification ("" when it does not).
    static QString tlsWarning(const Connection &c);
private:

    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_endpoint;
    QLineEdit *m_keyId;
    QLineEdit *m_secret;
    QLineEdit *m_folder;
    QLineEdit *m_token;
    QLineEdit *m_caFile;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning;
    QLabel *m_result;
    QPushButton *m_test;
};

// A connection from what Settings remembers (a secret must come from the
// environment or be entered again).
Connection connectionFrom(const Settings::SavedConnection &saved);

} // namespace shardscope::ui
