#include "ui/dataset/sampler_editor.h"

#include "core/util/error.h"
#include "core/util/strings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <cmath>

namespace shardscope::ui {

namespace {
// Combo entries carry the config's own names as data; the text is translated.
const char *const kKinds[] = {"map", "iterable", "shard", "get-batch"};
const char *const kSamplers[] = {"sequential", "random", "fixed", "dynamic", "packed"};
const char *const kRules[] = {"webdataset", "sdk"};

void select(QComboBox *box, const std::string &value)
{
    const int i = box->findData(QString::fromStdString(value));
    box->setCurrentIndex(i < 0 ? 0 : i);
}
} // namespace

SamplerEditor::SamplerEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("samplerEditor"));
    auto *form = new QFormLayout(this);
    auto row = [&](QWidget *w, const char *name) {
        w->setObjectName(QString::fromLatin1(name));
        auto *label = new QLabel(this);
        m_labels.push_back(label);
        form->addRow(label, w);
    };
    m_kind = new QComboBox(this);
    for (const char *k : kKinds)
        m_kind->addItem(QString(), QString::fromLatin1(k));
    row(m_kind, "datasetKind");
    m_keyRule = new QComboBox(this);
    for (const char *k : kRules)
        m_keyRule->addItem(QString(), QString::fromLatin1(k));
    row(m_keyRule, "keyRule");
    m_getBatchSize = new QSpinBox(this);
    m_getBatchSize->setRange(1, 100000);
    row(m_getBatchSize, "getBatchSize");
    m_sampler = new QComboBox(this);
    for (const char *k : kSamplers)
        m_sampler->addItem(QString(), QString::fromLatin1(k));
    row(m_sampler, "samplerKind");
    m_batchSize = new QSpinBox(this);
    m_batchSize->setRange(0, 1000000);
    row(m_batchSize, "batchSize");
    m_maxBatchBytes = new QLineEdit(this);
    m_maxBatchBytes->setPlaceholderText(QStringLiteral("4MiB"));
    row(m_maxBatchBytes, "maxBatchBytes");
    m_saturation = new QDoubleSpinBox(this);
    m_saturation->setRange(0.01, 1.0);
    m_saturation->setSingleStep(0.05);
    m_saturation->setDecimals(2);
    row(m_saturation, "saturation");
    m_dropLast = new QCheckBox(this);
    row(m_dropLast, "dropLast");
    m_oversized = new QCheckBox(this);
    row(m_oversized, "allowOversized");
    m_shuffle = new QCheckBox(this);
    row(m_shuffle, "shuffle");
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2147483647);
    row(m_seed, "seed");
    m_window = new QSpinBox(this);
    m_window->setRange(1, 1000000);
    row(m_window, "window");
    m_workers = new QSpinBox(this);
    m_workers->setRange(1, 256);
    row(m_workers, "workers");
    m_decoders = new QLineEdit(this);
    m_decoders->setPlaceholderText(QStringLiteral("png, cls"));
    row(m_decoders, "decoders");

    setFrom(DatasetConfig{});
    for (QComboBox *c : {m_kind, m_keyRule, m_sampler})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            updateEnabled();
            Q_EMIT changed();
        });
    for (QSpinBox *s : {m_getBatchSize, m_batchSize, m_seed, m_window, m_workers})
        connect(s, &QSpinBox::valueChanged, this, &SamplerEditor::changed);
    connect(m_saturation, &QDoubleSpinBox::valueChanged, this, &SamplerEditor::changed);
    for (QCheckBox *c : {m_dropLast, m_oversized, m_shuffle})
        connect(c, &QCheckBox::toggled, this, &SamplerEditor::changed);
    for (QLineEdit *e : {m_maxBatchBytes, m_decoders})
        connect(e, &QLineEdit::textEdited, this, &SamplerEditor::changed);
    retranslate();
}

QString SamplerEditor::applySampler(SamplerSettings &out) const
{
    SamplerSettings s = out;
    const std::string sampler = m_sampler->currentData().toString().toStdString();
    s.kind = sampler == "random"    ? SamplerSettings::Kind::Random
             : sampler == "fixed"   ? SamplerSettings::Kind::Fixed
             : sampler == "dynamic" ? SamplerSettings::Kind::Dynamic
             : sampler == "packed"  ? SamplerSettings::Kind::Packed
                                    : SamplerSettings::Kind::Sequential;
    s.batchSize = std::size_t(m_batchSize->value());
    s.saturation = m_saturation->value();
    s.dropLast = m_dropLast->isChecked();
    s.allowOversized = m_oversized->isChecked();
    s.shuffle = m_shuffle->isChecked();
    s.seed = std::uint64_t(m_seed->value());
    s.window = std::size_t(m_window->value());
    const QString bytes = m_maxBatchBytes->text().trimmed();
    s.maxBatchBytes = 0;
    if (!bytes.isEmpty()) {
        try {
            s.maxBatchBytes = parseByteAmount(bytes.toStdString());
        } catch (const Error &e) {
            return tr("Max batch bytes: %1").arg(QString::fromStdString(e.what()));
        }
    }
    out = s;
    return {};
}

QString SamplerEditor::apply(DatasetConfig &out) const
{
    DatasetConfig c = out;
    if (QString error = applySampler(c.sampler); !error.isEmpty())
        return error;
    const std::string kind = m_kind->currentData().toString().toStdString();
    c.kind = kind == "map"         ? DatasetConfig::Kind::Map
             : kind == "shard"     ? DatasetConfig::Kind::Shard
             : kind == "get-batch" ? DatasetConfig::Kind::GetBatch
                                   : DatasetConfig::Kind::Iterable;
    c.keyRule = m_keyRule->currentData().toString().toStdString();
    c.getBatchSize = std::size_t(m_getBatchSize->value());
    c.workers = m_workers->value();
    c.decoders.clear();
    for (const QString &d : m_decoders->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!d.trimmed().isEmpty())
            c.decoders.push_back(d.trimmed().toStdString());
    out = std::move(c);
    return {};
}

void SamplerEditor::setSampler(const SamplerSettings &s)
{
    const QSignalBlocker blockers[] = {
        QSignalBlocker(m_sampler),    QSignalBlocker(m_batchSize), QSignalBlocker(m_maxBatchBytes),
        QSignalBlocker(m_saturation), QSignalBlocker(m_dropLast),  QSignalBlocker(m_oversized),
        QSignalBlocker(m_shuffle),    QSignalBlocker(m_seed),      QSignalBlocker(m_window)};
    select(m_sampler, samplerName(s));
    m_batchSize->setValue(int(std::min<std::size_t>(s.batchSize, 2147483647u)));
    m_maxBatchBytes->setText(s.maxBatchBytes > 0 ? QString::number(s.maxBatchBytes, 'g', 15) : QString());
    m_saturation->setValue(s.saturation);
    m_dropLast->setChecked(s.dropLast);
    m_oversized->setChecked(s.allowOversized);
    m_shuffle->setChecked(s.shuffle);
    m_seed->setValue(int(std::min<std::uint64_t>(s.seed, 2147483647u)));
    m_window->setValue(int(std::min<std::size_t>(s.window, 2147483647u)));
    updateEnabled();
}

void SamplerEditor::setFrom(const DatasetConfig &c)
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_kind), QSignalBlocker(m_keyRule),
                                       QSignalBlocker(m_getBatchSize), QSignalBlocker(m_workers),
                                       QSignalBlocker(m_decoders)};
    select(m_kind, kindName(c.kind));
    select(m_keyRule, c.keyRule);
    m_getBatchSize->setValue(int(c.getBatchSize));
    m_workers->setValue(c.workers);
    QStringList decoders;
    for (const auto &d : c.decoders)
        decoders << QString::fromStdString(d);
    m_decoders->setText(decoders.join(QStringLiteral(", ")));
    setSampler(c.sampler);
}

void SamplerEditor::setSamplerOnly(bool samplerOnly)
{
    auto *form = static_cast<QFormLayout *>(layout());
    for (QWidget *w : std::initializer_list<QWidget *>{m_kind, m_keyRule, m_getBatchSize, m_workers, m_decoders})
        form->setRowVisible(w, !samplerOnly);
}

void SamplerEditor::updateEnabled()
{
    const QString sampler = m_sampler->currentData().toString();
    const bool bytes = sampler == QLatin1String("dynamic") || sampler == QLatin1String("packed");
    m_maxBatchBytes->setEnabled(bytes);
    m_saturation->setEnabled(sampler == QLatin1String("dynamic"));
    m_oversized->setEnabled(bytes);
    m_window->setEnabled(sampler == QLatin1String("packed"));
    m_getBatchSize->setEnabled(m_kind->currentData().toString() == QLatin1String("get-batch"));
}

void SamplerEditor::retranslate()
{
    const QStringList labels = {tr("Dataset kind:"),   tr("Sample key rule:"), tr("Get-batch size:"),
                                tr("Sampler:"),        tr("Batch size:"),      tr("Max batch bytes:"),
                                tr("Saturation:"),     tr("Drop last batch"),  tr("Allow oversized"),
                                tr("Shuffle"),         tr("Seed:"),            tr("Packing window:"),
                                tr("Workers:"),        tr("Decoders:")};
    for (int i = 0; i < m_labels.size() && i < labels.size(); ++i)
        m_labels[i]->setText(labels[i]);
    const QStringList kinds = {tr("Map dataset (AISMapDataset)"), tr("Iterable dataset (AISIterDataset)"),
                               tr("Shard reader (AISShardReader)"), tr("Get-batch (AISBatchIterDataset)")};
    for (int i = 0; i < kinds.size(); ++i)
        m_kind->setItemText(i, kinds[i]);
    m_keyRule->setItemText(0, tr("WebDataset"));
    m_keyRule->setItemText(1, tr("AIStore SDK"));
    const QStringList samplers = {tr("Sequential"), tr("Random"), tr("Fixed batches"),
                                  tr("DynamicBatchSampler (byte budget)"), tr("Packing (byte budget, windowed)")};
    for (int i = 0; i < samplers.size(); ++i)
        m_sampler->setItemText(i, samplers[i]);
    m_batchSize->setSpecialValueText(tr("none"));
    m_maxBatchBytes->setToolTip(tr("A byte budget per batch, e.g. 4MiB or 4000000"));
    m_decoders->setToolTip(tr("Comma-separated decoder names, e.g. png, cls"));
}

void SamplerEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shardscope::ui
