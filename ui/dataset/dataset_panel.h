#pragma once

#include "core/config/dataset_config.h"
#include "ui/dataset/split_counter.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QGroupBox;
class QTimer;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace shardscope::ui {

class DatasetConfigModel;
class SamplerEditor;
class SplitReportView;

// The dataset config a user builds to take to a training job: its sources
// (bucket + group), named splits as prefix lists per source (AIStore's
// prefix_map), the split to read, the dataset kind and sampler. The config
// lives in a DatasetConfigModel: the tables are views of it, the other
// widgets edit it, and it is validated once per change as it will be saved.
// While the user types, what every split selects (objects, bytes), overlaps
// between splits and objects in no split are counted off the GUI thread.
// Open / Save are atomic and off the GUI thread.
class DatasetPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget *parent = nullptr);

    void setStoreOptions(StoreOptionsLookup lookup);
    StoreOptionsLookup storeOptions() const { return m_lookup; }

    DatasetConfigModel *model() const { return m_model; }
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
    void editFromWidgets(const std::function<void(DatasetConfig &)> &edit);
    void modelChanged();
    void showWidgets(); // the name, endpoint and sampler widgets from the model
    void showProblems(const QStringList &problems);
    void scheduleCount();
    void updateSplitChoices();
    QString sourceIdFor(const QString &provider, const QString &bucket) const;

    StoreOptionsLookup m_lookup;
    QString m_path;
    DatasetConfigModel *m_model;
    bool m_editing = false;   // a widget's edit is going into the model
    QString m_samplerProblem; // a sampler field that cannot be read (the model keeps the last value)
    QLineEdit *m_name;
    QLineEdit *m_endpointEnv;
    QTableView *m_sources;
    QTableView *m_splits;
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
