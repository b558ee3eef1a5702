#pragma once

#include "core/config/dataset_config.h"
#include "ui/dataset/split_counter.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QTimer;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace shardscope::ui {

class SamplerEditor;
class SplitReportView;

// The dataset config a user builds to take to a training job: its sources
// (bucket + group), named splits as prefix lists per source (AIStore's
// prefix_map), the split to read, the dataset kind and sampler. While the
// user types, what every split selects (objects, bytes), overlaps between
// splits and objects in no split are counted off the GUI thread. The config
// is validated as it will be saved; Open / Save are atomic and off the GUI thread.
class DatasetPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget *parent = nullptr);

    void setStoreOptions(StoreOptionsLookup lookup);
    StoreOptionsLookup storeOptions() const { return m_lookup; }

    // The config as edited; `error` (when given) gets what makes it invalid.
    DatasetConfig config(QString *error = nullptr) const;
    void setConfig(const DatasetConfig &config);
    // Takes the sampler settings alone (the batch-tuning panel's edits).
    void setSampler(const SamplerSettings &sampler);
    QString filePath() const { return m_path; }

    void openFile(const QString &path); // reports through loaded()
    void saveFile(const QString &path); // reports through saved()

    // Adds a source for a bucket URL ("ais://b" or "local://b/prefix/").
    void addSource(const QString &url);
    // Adds `prefix` to the split row selected (or a new "train" row) for the
    // source of `bucketUrl`, adding that source when the config lacks it.
    void addPrefix(const QString &bucketUrl, const QString &prefix);
    void refreshCounts(); // lists the sources again

    SplitCounter *counter() const { return m_counter; }

Q_SIGNALS:
    void loaded(const QString &path, const QString &error);
    void saved(const QString &path, const QString &error);
    void configChanged();
    void exportRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void edited();
    void scheduleCount();
    void updateSplitChoices();
    QString sourceIdFor(const QString &provider, const QString &bucket) const;

    StoreOptionsLookup m_lookup;
    QString m_path;
    bool m_filling = false;
    QLineEdit *m_name;
    QLineEdit *m_endpointEnv;
    QTableWidget *m_sources;
    QTableWidget *m_splits;
    QComboBox *m_readSplit;
    SplitReportView *m_report;
    QLabel *m_validation;
    SamplerEditor *m_sampler;
    SplitCounter *m_counter;
    QTimer *m_countTimer;
    QPushButton *m_addSource;
    QPushButton *m_removeSource;
    QPushButton *m_addSplit;
    QPushButton *m_removeSplit;
    QPushButton *m_export;
    QLabel *m_sourcesTitle;
    QLabel *m_splitsTitle;
    QLabel *m_readSplitLabel;
    QLabel *m_nameLabel;
    QLabel *m_endpointLabel;
    QGroupBox *m_samplerBox;
};

} // namespace shardscope::ui
