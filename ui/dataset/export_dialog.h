#pragma once

#include "core/config/dataset_config.h"
#include "ui/dataset/split_counter.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace shardscope::ui {

// Export of a dataset config: JSON, a Python script for aistore.pytorch, a
// C++ program on shardscope's core, or a wids shard index (which reads every
// shard to count its samples: in the background, with progress and Stop).
// A preview of exactly what is written, Copy to the clipboard, and Save
// (atomic: a failed save leaves an existing file as it was).
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const DatasetConfig &config, StoreOptionsLookup lookup, QWidget *parent = nullptr);
    ~ExportDialog() override;

    void setFormat(const QString &format); // json | python | cpp | wids
    QString format() const;
    QString text() const { return m_text; } // empty while it is being made or after an error
    // Saves the current text to `path` off the GUI thread; savedTo() reports.
    void saveTo(const QString &path);
    static QString suggestedSuffix(const QString &format);

Q_SIGNALS:
    void textReady(); // the preview shows a new export (or its error)
    void savedTo(const QString &path, const QString &error);

private:
    void render();
    void copy();
    void askAndSave();
    void stop();
    void retranslate();

    DatasetConfig m_config;
    StoreOptionsLookup m_lookup;
    QComboBox *m_format;
    QPlainTextEdit *m_preview;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_stop;
    QPushButton *m_copy;
    QPushButton *m_save;
    QString m_text;
    quint64 m_job = 0; // the running wids count
};

} // namespace shardscope::ui
