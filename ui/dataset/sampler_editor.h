#pragma once

#include "core/config/dataset_config.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace shardscope::ui {

// The dataset kind and sampler part of a dataset config (kind, key rule,
// get-batch size, sampler with batch size / max batch bytes / saturation /
// drop_last / oversized / shuffle / seed / window, workers, decoders): the
// same fields the dataset panel saves and the batch-tuning panel shows.
class SamplerEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SamplerEditor(QWidget *parent = nullptr);

    // Copies the edited fields into `config` (the rest is left as it is).
    // Returns an error text for a field that cannot be read (e.g. "4 XB"),
    // else empty; on an error `config` is left as it was.
    QString apply(DatasetConfig &config) const;
    void setFrom(const DatasetConfig &config); // without emitting changed()
    // The sampler rows alone, as apply() and setFrom() (the batch-tuning panel's use).
    QString applySampler(SamplerSettings &sampler) const;
    void setSampler(const SamplerSettings &sampler);
    // Shows only the sampler's rows (the batch-tuning panel's view).
    void setSamplerOnly(bool samplerOnly);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateEnabled();

    QComboBox *m_kind;
    QComboBox *m_keyRule;
    QSpinBox *m_getBatchSize;
    QComboBox *m_sampler;
    QSpinBox *m_batchSize;
    QLineEdit *m_maxBatchBytes;
    QDoubleSpinBox *m_saturation;
    QCheckBox *m_dropLast;
    QCheckBox *m_oversized;
    QCheckBox *m_shuffle;
    QSpinBox *m_seed;
    QSpinBox *m_window;
    QSpinBox *m_workers;
    QLineEdit *m_decoders;
    QList<QLabel *> m_labels;
};

} // namespace shardscope::ui
