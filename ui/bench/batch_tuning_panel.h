#pragma once

#include "core/config/batch_tuning.h"
#include "core/config/dataset_config.h"

#include <QWidget>

#include <array>
#include <optional>
#include <vector>

class QCustomPlot;
class QLabel;
class QPushButton;
class QTimer;

namespace shardscope::ui {

class SamplerEditor;

// Batch tuning: two sampler settings side by side (A is the dataset config's
// own sampler, B an alternative) applied to the real object sizes of the
// chosen data: batches, samples per batch, fill histogram, wasted capacity,
// dropped and oversized counts. Recomputed off the GUI thread after every
// edit (a newer edit supersedes a running computation's result).
class BatchTuningPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BatchTuningPanel(QWidget *parent = nullptr);

    void setSizes(std::vector<std::uint64_t> sizes, const QString &what); // e.g. from the dataset config
    // Strategy A follows the dataset config's sampler; edits to A come back through samplerEdited().
    void setConfig(const DatasetConfig &config);
    SamplerSettings strategy(int which) const; // 0 = A, 1 = B
    SamplerEditor *editor(int which) const { return which == 0 ? m_editorA : m_editorB; }
    const std::optional<BatchTuning> &result(int which) const { return m_results[std::size_t(which)]; }
    bool isComputing() const { return m_computing > 0; }
    QCustomPlot *fillPlot() const { return m_plot; }

Q_SIGNALS:
    void samplerEdited(const shardscope::SamplerSettings &sampler); // A changed by the user
    void computed();
    void loadSizesRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void schedule();
    void compute();
    void show(int which, const BatchTuning &t);
    void showError(int which, const QString &error);
    void updatePlot();
    void retranslate();

    SamplerSettings m_sampler; // A, the dataset config's
    std::shared_ptr<const std::vector<std::uint64_t>> m_sizes;
    QString m_what;
    SamplerEditor *m_editorA;
    SamplerEditor *m_editorB;
    std::array<QLabel *, 2> m_summary{};
    std::array<std::optional<BatchTuning>, 2> m_results;
    QLabel *m_data;
    QPushButton *m_load;
    QCustomPlot *m_plot;
    QTimer *m_timer;
    int m_computing = 0;
};

} // namespace shardscope::ui

Q_DECLARE_METATYPE(shardscope::SamplerSettings)
