#include "ui/connection_dialog.h"
#include "ui/jobs/job_tracker.h"

#include "core/storage/store_url.h"
#include "core/util/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace shardscope::ui {

Connection connectionFrom(const Settings::SavedConnection &s)
{
    Connection c;
    c.name = s.name;
    c.scheme = s.scheme;
    if (!s.endpoint.isEmpty())
        c.options.endpoint = s.endpoint.toStdString();
    c.options.s3AccessKey = s.keyId.toStdString(); // the secret: from AWS_SECRET_ACCESS_KEY or entered again
    if (!s.keyId.isEmpty())
        if (const char *secret = std::getenv("AWS_SECRET_ACCESS_KEY"))
            c.options.s3SecretKey = secret;
    c.options.localRoot = s.folder.toStdString();
    c.options.http.caFile = s.caFile.toStdString();
    c.options.http.verifyTls = !s.insecure;
    c.options.http.connectTimeout = std::chrono::milliseconds(3000);
    return c;
}

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent), m_name(new QLineEdit(this)), m_kind(new QComboBox(this)), m_endpoint(new QLineEdit(this)),
      m_keyId(new QLineEdit(this)), m_secret(new QLineEdit(this)), m_folder(new QLineEdit(this)),
      m_token(new QLineEdit(this)), m_caFile(new QLineEdit(this)), m_insecure(new QCheckBox(this)), m_insecureWarning(new QLabel(this)),
      m_result(new QLabel(this)), m_test(new QPushButton(this))
{
    m_token->setObjectName(QStringLiteral("connectionToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("optional; else $AIS_AUTHN_TOKEN"));
    m_caFile->setObjectName(QStringLiteral("connectionCaFile"));
    m_caFile->setPlaceholderText(tr("system certificates"));
    m_insecure->setObjectName(QStringLiteral("connectionInsecure"));
    m_insecure->setText(tr("Skip TLS certificate verification (unsafe)"));
    m_insecureWarning->setObjectName(QStringLiteral("connectionInsecureWarning"));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_insecureWarning->setText(
        tr("Warning: without verification anyone on the network path can read and change what is transferred."));
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Add Connection"));
    m_name->setObjectName(QStringLiteral("connectionName"));
    m_kind->setObjectName(QStringLiteral("connectionKind"));
    m_endpoint->setObjectName(QStringLiteral("connectionEndpoint"));
    m_keyId->setObjectName(QStringLiteral("connectionKeyId"));
    m_secret->setObjectName(QStringLiteral("connectionSecret"));
    m_folder->setObjectName(QStringLiteral("connectionFolder"));
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_test->setObjectName(QStringLiteral("connectionTest"));
    m_kind->addItem(tr("AIStore cluster"), QStringLiteral("ais"));
    m_kind->addItem(tr("S3-compatible endpoint"), QStringLiteral("s3"));
    m_kind->addItem(tr("Local folder of buckets"), QStringLiteral("local"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_endpoint->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_result->setWordWrap(true);
    m_test->setText(tr("&Test"));
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Endpoint"), m_endpoint);
    form->addRow(tr("Token (kept in memory only)"), m_token);
    form->addRow(tr("Access key id"), m_keyId);
    form->addRow(tr("Secret key (kept in memory only)"), m_secret);
    form->addRow(tr("Folder"), m_folder);
    form->addRow(tr("CA file (https)"), m_caFile);
    form->addRow(QString(), m_insecure);
    form->addRow(QString(), m_insecureWarning);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateFields);
    connect(m_insecure, &QCheckBox::toggled, this, &ConnectionDialog::updateFields);
    updateFields();
}

void ConnectionDialog::updateFields()
{
    const QString kind = m_kind->currentData().toString();
    m_endpoint->setEnabled(kind != QLatin1String("local"));
    m_keyId->setEnabled(kind == QLatin1String("s3"));
    m_token->setEnabled(kind == QLatin1String("ais"));
    m_secret->setEnabled(kind == QLatin1String("s3"));
    m_folder->setEnabled(kind == QLatin1String("local"));
    m_caFile->setEnabled(kind != QLatin1String("local"));
    m_insecure->setEnabled(kind != QLatin1String("local"));
    m_insecureWarning->setVisible(m_insecure->isChecked() && kind != QLatin1String("local"));
    m_endpoint->setPlaceholderText(kind == QLatin1String("s3") ? QStringLiteral("http://127.0.0.1:8080/s3")
                                                               : QStringLiteral("http://127.0.0.1:8080"));
}

void ConnectionDialog::setConnection(const Connection &c)
{
    setWindowTitle(tr("Edit Connection"));
    m_name->setText(c.name);
    const int kind = m_kind->findData(c.scheme);
    m_kind->setCurrentIndex(kind < 0 ? 0 : kind);
    m_endpoint->setText(c.options.endpoint ? QString::fromStdString(*c.options.endpoint) : QString());
    m_keyId->setText(QString::fromStdString(c.options.s3AccessKey));
    m_secret->setText(QString::fromStdString(c.options.s3SecretKey)); // from memory; shown masked
    m_token->setText(QString::fromStdString(c.options.aisToken));
    m_folder->setText(QString::fromStdString(c.options.localRoot));
    m_caFile->setText(QString::fromStdString(c.options.http.caFile));
    m_insecure->setChecked(!c.options.http.verifyTls);
    updateFields();
}

QString ConnectionDialog::tlsWarning(const Connection &c)
{
    if (c.options.http.verifyTls || c.scheme == QLatin1String("local"))
        return {};
    return tr("Warning: TLS certificate verification is off for %1").arg(c.name);
}

Settings::SavedConnection ConnectionDialog::saved() const
{
    Settings::SavedConnection s;
    s.scheme = m_kind->currentData().toString();
    s.name = m_name->text().trimmed();
    if (s.name.isEmpty())
        s.name = s.scheme == QLatin1String("local") ? m_folder->text().trimmed() : m_endpoint->text().trimmed();
    if (s.scheme != QLatin1String("local"))
        s.endpoint = m_endpoint->text().trimmed();
    if (s.scheme == QLatin1String("s3"))
        s.keyId = m_keyId->text().trimmed();
    if (s.scheme == QLatin1String("local"))
        s.folder = m_folder->text().trimmed();
    if (s.scheme != QLatin1String("local")) {
        s.caFile = m_caFile->text().trimmed();
        s.insecure = m_insecure->isChecked();
    }
    return s;
}

Connection ConnectionDialog::connection() const
{
    Connection c = connectionFrom(saved());
    if (c.scheme == QLatin1String("s3"))
        c.options.s3SecretKey = m_secret->text().toStdString();
    if (c.scheme == QLatin1String("ais"))
        c.options.aisToken = m_token->text().trimmed().toStdString();
    return c;
}

void ConnectionDialog::testConnection()
{
    const Connection c = connection();
    m_test->setEnabled(false);
    m_result->setText(tr("Testing…"));
    auto done = [this](const QPair<bool, QString> &r) {
        m_test->setEnabled(true);
        m_result->setText(r.second);
        Q_EMIT tested(r.first, r.second);
    };
    JobTracker::instance().start(
        this, tr("Testing the connection %1…").arg(c.name),
        [c](JobContext &) -> QPair<bool, QString> {
            try {
                if (c.scheme == QLatin1String("local") && c.options.localRoot.empty())
                    return {false, ConnectionDialog::tr("Choose a folder")};
                StoreLocation loc = openStore(parseStoreUrl(c.scheme.toStdString() + "://"), c.options);
                const auto buckets = loc.store->listBuckets();
                return {true, ConnectionDialog::tr("Connected: %n bucket(s)", nullptr,
                                                   static_cast<int>(buckets.size()))};
            } catch (...) {
                return {false, taskErrorText("testing the connection " + c.name.toStdString())};
            }
        },
        done, nullptr, JobOptions{QStringLiteral("test")});
}

} // namespace shardscope::ui
