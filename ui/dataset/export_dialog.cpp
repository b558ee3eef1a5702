#include "ui/dataset/export_dialog.h"
#include "ui/jobs/job_tracker.h"

#include "core/config/export_cpp.h"
#include "core/config/export_python.h"
#include "core/config/export_python_native.h"
#include "core/config/export_wids.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "ui/bench/python_method.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace shardscope::ui {

ExportDialog::ExportDialog(const DatasetConfig &config, StoreOptionsLookup lookup, QWidget *parent)
    : QDialog(parent), m_config(config), m_lookup(std::move(lookup))
{
    setObjectName(QStringLiteral("exportDialog"));
    resize(820, 620);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (const char *f : {"python", "json", "cpp", "wids"})
        m_format->addItem(QString(), QString::fromLatin1(f));
    m_format->addItem(QString(),
                      QStringLiteral("python-native")); // the same on shardscope's module (python/)
    top->addWidget(m_format);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    top->addWidget(m_status, 1);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setVisible(false);
    top->addWidget(m_progress);
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("exportStop"));
    m_stop->setVisible(false);
    top->addWidget(m_stop);
    layout->addLayout(top);

    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("exportPreview"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_preview, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_copy = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("exportCopy"));
    m_save = buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("exportSave"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, &ExportDialog::copy);
    connect(m_save, &QPushButton::clicked, this, &ExportDialog::askAndSave);
    connect(m_stop, &QPushButton::clicked, this, &ExportDialog::stop);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::render);

    retranslate();
    // Shard datasets are what wids describes; everything else starts as Python.
    render();
}

ExportDialog::~ExportDialog() { stop(); }

QString ExportDialog::format() const { return m_format->currentData().toString(); }

void ExportDialog::setFormat(const QString &format)
{
    const int i = m_format->findData(format);
    if (i >= 0)
        m_format->setCurrentIndex(i);
}

QString ExportDialog::suggestedSuffix(const QString &format)
{
    if (format == QLatin1String("python") || format == QLatin1String("python-native"))
        return QStringLiteral("py");
    if (format == QLatin1String("cpp"))
        return QStringLiteral("cpp");
    return QStringLiteral("json");
}

void ExportDialog::stop()
{
    if (m_job)
        JobTracker::instance().cancel(m_job);
}

void ExportDialog::render()
{
    JobTracker::instance().cancelSlot(this, QStringLiteral("render")); // its results are stale now
    m_job = 0;
    m_text.clear();
    m_preview->clear();
    m_copy->setEnabled(false);
    m_save->setEnabled(false);
    m_progress->setVisible(false);
    m_stop->setVisible(false);
    const QString fmt = format();
    try {
        std::string text;
        if (fmt == QLatin1String("json"))
            text = serializeDatasetConfig(m_config);
        else if (fmt == QLatin1String("python"))
            text = exportPython(m_config);
        else if (fmt == QLatin1String("python-native"))
            text = exportPythonNative(m_config);
        else if (fmt == QLatin1String("cpp"))
            text = exportCpp(m_config);
        if (fmt != QLatin1String("wids")) {
            m_text = QString::fromStdString(text);
            m_preview->setPlainText(m_text);
            m_status->setText(tr("%n line(s)", nullptr, int(m_text.count(QLatin1Char('\n')))));
            if (fmt.startsWith(
                    QLatin1String("python"))) // which Python script is faster (ui/bench/python_method.h)
                m_status->setText(m_status->text() + QStringLiteral(". ") + pipelineComparison(m_config));
            m_copy->setEnabled(true);
            m_save->setEnabled(true);
            Q_EMIT textReady();
            return;
        }
    } catch (const Error &e) {
        m_status->setText(tr("Cannot export: %1").arg(QString::fromStdString(e.what())));
        Q_EMIT textReady();
        return;
    }

    // wids: every shard is read to count its samples.
    m_status->setText(tr("Counting the samples of every shard…"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_stop->setVisible(true);
    const DatasetConfig config = m_config;
    const QString provider =
        config.sources.empty() ? QStringLiteral("ais") : QString::fromStdString(config.sources.front().provider);
    const StoreOptions options = m_lookup ? m_lookup(provider) : StoreOptions{};
    auto finish = [this](const QString &status) {
        m_job = 0;
        m_progress->setVisible(false);
        m_stop->setVisible(false);
        m_status->setText(status);
        Q_EMIT textReady();
    };
    m_job = JobTracker::instance().start(
        this, tr("Counting the samples of every shard…"),
        [self = this, config, options](JobContext &job) {
            return QString::fromStdString(exportWids(
                config, options,
                [&job, self](std::size_t done, std::size_t total) {
                    job.setProgress(std::int64_t(done), std::int64_t(total));
                    job.post([self, done, total] {
                        self->m_progress->setRange(0, int(total));
                        self->m_progress->setValue(int(done));
                    });
                },
                job.cancelFlag()));
        },
        [this, finish](const QString &text) {
            m_text = text;
            m_preview->setPlainText(text);
            m_copy->setEnabled(true);
            m_save->setEnabled(true);
            finish(tr("%n line(s)", nullptr, int(text.count(QLatin1Char('\n')))));
        },
        [finish](const Error &error) {
            finish(error.kind() == ErrorKind::Cancelled
                       ? tr("Stopped; nothing exported.")
                       : tr("Cannot export: %1").arg(QString::fromStdString(error.what())));
        },
        JobOptions{QStringLiteral("render")});
}

void ExportDialog::copy()
{
    QApplication::clipboard()->setText(m_text);
    m_status->setText(tr("Copied to the clipboard."));
}

void ExportDialog::askAndSave()
{
    const QString suffix = suggestedSuffix(format());
    const QString name = QString::fromStdString(m_config.name.empty() ? std::string("dataset") : m_config.name);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Export"), name + QLatin1Char('.') + suffix);
    if (!path.isEmpty())
        saveTo(path);
}

void ExportDialog::saveTo(const QString &path)
{
    const std::string text = m_text.toStdString();
    const std::string file = path.toStdString();
    m_status->setText(tr("Saving %1…").arg(path));
    auto report = [this, path](const QString &error) {
        m_status->setText(error.isEmpty() ? tr("Saved %1").arg(path) : tr("Cannot save: %1").arg(error));
        Q_EMIT savedTo(path, error);
    };
    JobTracker::instance().start(
        this, tr("Saving %1…").arg(path), [text, file](JobContext &) { writeFileAtomically(file, text); },
        [report] { report(QString()); },
        [report](const Error &error) { report(QString::fromStdString(error.what())); },
        JobOptions{QString(), false});
}

void ExportDialog::retranslate()
{
    setWindowTitle(tr("Export Dataset Config"));
    m_format->setItemText(0, tr("Python (aistore.pytorch + DataLoader)"));
    m_format->setItemText(1, tr("JSON (dataset config)"));
    m_format->setItemText(2, tr("C++ (shardscope core + libtorch)"));
    m_format->setItemText(3, tr("wids shard index (JSON)"));
    m_format->setItemText(4, tr("Python (shardscope module, the loader core)"));
    m_copy->setText(tr("&Copy"));
    m_save->setText(tr("&Save…"));
    m_stop->setText(tr("Stop"));
}

} // namespace shardscope::ui
