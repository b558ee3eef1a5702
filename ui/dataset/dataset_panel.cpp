#include "ui/dataset/dataset_panel.h"
#include "ui/jobs/job_tracker.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"
#include "ui/dataset/sampler_editor.h"
#include "ui/dataset/split_report_view.h"
#include "ui/models/dataset_config_model.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <set>

namespace shardscope::ui {

namespace {
// Group kinds: config names as data, translated labels in the combo.
const char *const kGroupKinds[] = {QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "prefix"),
                                   QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "names"),
                                   QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "template")};

// The sources table's group column: a combo of the kinds, the config's name as data.
class GroupKindDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *box = new QComboBox(parent);
        box->setObjectName(QStringLiteral("groupKindEditor"));
        for (const char *k : kGroupKinds)
            box->addItem(DatasetPanel::tr(k), QString::fromLatin1(k));
        return box;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *box = static_cast<QComboBox *>(editor);
        box->setCurrentIndex(std::max(0, box->findData(index.data(Qt::EditRole))));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
    }
};

QString cellText(const QAbstractItemModel *m, int row, int column)
{
    return m->index(row, column).data(Qt::EditRole).toString();
}

} // namespace

DatasetPanel::DatasetPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("datasetPanel"));
    m_model = new DatasetConfigModel(this);
    m_counter = new SplitCounter(this);
    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(300); // count once the user pauses typing
    connect(m_countTimer, &QTimer::timeout, this, &DatasetPanel::scheduleCount);

    auto *outer = new QHBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(splitter);

    // Left: identity, sources, splits, coverage.
    auto *left = new QWidget(splitter);
    auto *l = new QVBoxLayout(left);
    auto *identity = new QFormLayout;
    m_nameLabel = new QLabel(left);
    m_name = new QLineEdit(left);
    m_name->setObjectName(QStringLiteral("configName"));
    identity->addRow(m_nameLabel, m_name);
    m_endpointLabel = new QLabel(left);
    m_endpointEnv = new QLineEdit(QStringLiteral("AIS_ENDPOINT"), left);
    m_endpointEnv->setObjectName(QStringLiteral("endpointEnv"));
    identity->addRow(m_endpointLabel, m_endpointEnv);
    l->addLayout(identity);

    m_sourcesTitle = new QLabel(left);
    l->addWidget(m_sourcesTitle);
    m_sources = new QTableView(left);
    m_sources->setObjectName(QStringLiteral("sourcesTable"));
    m_sources->setModel(m_model->sources());
    m_sources->setItemDelegateForColumn(DatasetSourcesModel::GroupKindColumn,
                                        new GroupKindDelegate(m_sources));
    m_sources->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sources->horizontalHeader()->setStretchLastSection(true);
    m_sources->verticalHeader()->hide();
    l->addWidget(m_sources, 1);
    auto *sourceButtons = new QHBoxLayout;
    m_addSource = new QPushButton(left);
    m_addSource->setObjectName(QStringLiteral("addSource"));
    m_removeSource = new QPushButton(left);
    m_removeSource->setObjectName(QStringLiteral("removeSource"));
    sourceButtons->addWidget(m_addSource);
    sourceButtons->addWidget(m_removeSource);
    sourceButtons->addStretch(1);
    l->addLayout(sourceButtons);

    m_splitsTitle = new QLabel(left);
    l->addWidget(m_splitsTitle);
    m_splits = new QTableView(left);
    m_splits->setObjectName(QStringLiteral("splitsTable"));
    m_splits->setModel(m_model->splits());
    m_splits->horizontalHeader()->setStretchLastSection(true);
    m_splits->verticalHeader()->hide();
    l->addWidget(m_splits, 1);
    auto *splitButtons = new QHBoxLayout;
    m_addSplit = new QPushButton(left);
    m_addSplit->setObjectName(QStringLiteral("addSplit"));
    m_removeSplit = new QPushButton(left);
    m_removeSplit->setObjectName(QStringLiteral("removeSplit"));
    m_readSplitLabel = new QLabel(left);
    m_readSplit = new QComboBox(left);
    m_readSplit->setObjectName(QStringLiteral("readSplit"));
    splitButtons->addWidget(m_addSplit);
    splitButtons->addWidget(m_removeSplit);
    splitButtons->addStretch(1);
    splitButtons->addWidget(m_readSplitLabel);
    splitButtons->addWidget(m_readSplit);
    l->addLayout(splitButtons);

    m_report = new SplitReportView(left);
    l->addWidget(m_report, 1);

    // Right: dataset kind and sampler, validation, export.
    // The sampler form is tall: it scrolls rather than forcing the window's height.
    auto *rightScroll = new QScrollArea(splitter);
    rightScroll->setWidgetResizable(true);
    rightScroll->setFrameShape(QFrame::NoFrame);
    auto *right = new QWidget(rightScroll);
    rightScroll->setWidget(right);
    auto *r = new QVBoxLayout(right);
    m_samplerBox = new QGroupBox(right);
    auto *sb = new QVBoxLayout(m_samplerBox);
    m_sampler = new SamplerEditor(m_samplerBox);
    sb->addWidget(m_sampler);
    r->addWidget(m_samplerBox);
    m_validation = new QLabel(right);
    m_validation->setObjectName(QStringLiteral("configValidation"));
    m_validation->setWordWrap(true);
    r->addWidget(m_validation);
    m_export = new QPushButton(right);
    m_export->setObjectName(QStringLiteral("exportButton"));
    r->addWidget(m_export);
    r->addStretch(1);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    // Each widget edits the model; the model validates once per change.
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        editFromWidgets([&](DatasetConfig &c) { c.name = text.trimmed().toStdString(); });
    });
    connect(m_endpointEnv, &QLineEdit::textChanged, this, [this](const QString &text) {
        editFromWidgets([&](DatasetConfig &c) { c.endpointEnv = text.trimmed().toStdString(); });
    });
    connect(m_readSplit, &QComboBox::activated, this, [this] {
        const QString chosen = m_readSplit->currentData().toString();
        editFromWidgets([&](DatasetConfig &c) {
            c.split = chosen.isEmpty() ? std::nullopt : std::optional<std::string>(chosen.toStdString());
        });
    });
    connect(m_sampler, &SamplerEditor::changed, this, [this] {
        DatasetConfig c = m_model->config();
        m_samplerProblem = m_sampler->apply(c);
        if (!m_samplerProblem.isEmpty()) {
            showProblems({m_samplerProblem});
            return;
        }
        editFromWidgets([&](DatasetConfig &edited) { edited = c; });
        showProblems(m_model->problems()); // also when the edit changed nothing
    });
    connect(m_model, &DatasetConfigModel::changed, this, &DatasetPanel::modelChanged);
    connect(m_model, &DatasetConfigModel::validated, this, &DatasetPanel::showProblems);
    connect(m_model, &DatasetConfigModel::rejected, this,
            [this](const QString &problem) { showProblems({problem}); });
    connect(m_addSource, &QPushButton::clicked, this, [this] { addSource(QStringLiteral("ais://bucket")); });
    connect(m_removeSource, &QPushButton::clicked, this, [this] {
        if (m_sources->currentIndex().isValid())
            m_model->sources()->removeRow(m_sources->currentIndex().row());
    });
    connect(m_addSplit, &QPushButton::clicked, this, [this] {
        const int row = m_model->splits()->rowCount();
        if (m_model->splits()->insertRow(row))
            m_splits->setCurrentIndex(m_model->splits()->index(row, DatasetSplitsModel::PrefixesColumn));
    });
    connect(m_removeSplit, &QPushButton::clicked, this, [this] {
        if (m_splits->currentIndex().isValid())
            m_model->splits()->removeRow(m_splits->currentIndex().row());
    });
    connect(m_report, &SplitReportView::refreshRequested, this, &DatasetPanel::refreshCounts);
    connect(m_export, &QPushButton::clicked, this, &DatasetPanel::exportRequested);
    connect(m_counter, &SplitCounter::started, this, [this] { m_report->setStatus(tr("Counting…")); });
    connect(m_counter, &SplitCounter::listing, this,
            [this](quint64 n) { m_report->setStatus(tr("Listed %n object(s)…", nullptr, int(n))); });
    connect(m_counter, &SplitCounter::counted, m_report, &SplitReportView::showReport);
    connect(m_counter, &SplitCounter::failed, this, [this](const QString &error) {
        m_report->setStatus(tr("Cannot count: %1").arg(error));
        m_report->clear();
    });

    retranslate();
    modelChanged();
    showProblems(m_model->problems());
}

void DatasetPanel::setStoreOptions(StoreOptionsLookup lookup)
{
    m_lookup = lookup;
    m_counter->setStoreOptions(std::move(lookup));
}

DatasetConfig DatasetPanel::config(QString *error) const
{
    if (error)
        *error =
            !m_samplerProblem.isEmpty() ? m_samplerProblem : m_model->problems().join(QStringLiteral("; "));
    return m_model->config();
}

void DatasetPanel::setConfig(const DatasetConfig &c)
{
    m_samplerProblem.clear();
    m_model->setConfig(c);
    showWidgets(); // also when equal: an unreadable field typed before shows the config again
    showProblems(m_model->problems());
}

void DatasetPanel::setSampler(const SamplerSettings &sampler)
{
    m_samplerProblem.clear();
    m_model->setSampler(sampler);
}

void DatasetPanel::editFromWidgets(const std::function<void(DatasetConfig &)> &edit)
{
    m_editing = true;
    m_model->update(edit);
    m_editing = false;
}

void DatasetPanel::modelChanged()
{
    if (!m_editing)
        showWidgets();
    updateSplitChoices();
    m_countTimer->start();
    Q_EMIT configChanged();
}

void DatasetPanel::showWidgets()
{
    const DatasetConfig &c = m_model->config();
    const QSignalBlocker b1(m_name), b2(m_endpointEnv);
    if (m_name->text().trimmed() != QString::fromStdString(c.name))
        m_name->setText(QString::fromStdString(c.name));
    if (m_endpointEnv->text().trimmed() != QString::fromStdString(c.endpointEnv))
        m_endpointEnv->setText(QString::fromStdString(c.endpointEnv));
    m_sampler->setFrom(c);
}

void DatasetPanel::showProblems(const QStringList &problems)
{
    // What the sampler form cannot read stays shown until it is fixed.
    const QString error =
        !m_samplerProblem.isEmpty() ? m_samplerProblem : problems.join(QStringLiteral("; "));
    m_validation->setText(error.isEmpty() ? tr("The config is valid.") : tr("Not valid yet: %1").arg(error));
    m_validation->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
}

QString DatasetPanel::sourceIdFor(const QString &provider, const QString &bucket) const
{
    const std::string url = (provider + QStringLiteral("://") + bucket).toStdString();
    for (const auto &s : m_model->config().sources)
        if (sourceUrl(s) == url)
            return QString::fromStdString(s.id);
    return {};
}

void DatasetPanel::addSource(const QString &url)
{
    QString provider, bucket, prefix;
    if (!splitBucketUrl(url, &provider, &bucket, &prefix))
        return;
    m_model->update([&](DatasetConfig &c) {
        std::set<std::string> ids;
        for (const auto &s : c.sources)
            ids.insert(s.id);
        std::string id = bucket.toStdString();
        for (int n = 2; ids.count(id); ++n)
            id = bucket.toStdString() + "-" + std::to_string(n);
        DatasetConfig::Source s;
        s.id = id;
        s.provider = provider.toStdString();
        s.bucket = bucket.toStdString();
        s.group.prefix = prefix.toStdString();
        c.sources.push_back(s);
    });
}

void DatasetPanel::addPrefix(const QString &bucketUrl, const QString &prefix)
{
    QString provider, bucket, ignored;
    if (!splitBucketUrl(bucketUrl, &provider, &bucket, &ignored))
        return;
    if (sourceIdFor(provider, bucket).isEmpty())
        addSource(provider + QStringLiteral("://") + bucket);
    const QString id = sourceIdFor(provider, bucket);
    DatasetSplitsModel *splits = m_model->splits();
    const int selected = m_splits->currentIndex().isValid() ? m_splits->currentIndex().row() : -1;
    QString split = selected >= 0 ? cellText(splits, selected, DatasetSplitsModel::NameColumn) : QString();
    if (split.isEmpty())
        split = QStringLiteral("train");
    // Append to the row of this split and source, else start one.
    if (const int row = splits->findRow(split, id); row >= 0) {
        QStringList list = splitCommaList(cellText(splits, row, DatasetSplitsModel::PrefixesColumn));
        if (!list.contains(prefix))
            list << prefix;
        splits->setData(splits->index(row, DatasetSplitsModel::PrefixesColumn),
                        list.join(QStringLiteral(", ")));
        return;
    }
    splits->appendRow(split, id, {prefix});
}

void DatasetPanel::updateSplitChoices()
{
    const auto &chosen = m_model->config().split;
    const QString current = chosen ? QString::fromStdString(*chosen) : QString();
    QStringList names;
    for (const auto &[name, perSource] : m_model->config().splits)
        if (!name.empty())
            names << QString::fromStdString(name); // a map: sorted, no repeats
    if (!current.isEmpty() && !names.contains(current))
        names << current; // a split no row names any more: shown, and named by the validation
    const QSignalBlocker block(m_readSplit);
    m_readSplit->clear();
    m_readSplit->addItem(tr("(all objects)"), QString());
    for (const QString &n : names)
        m_readSplit->addItem(n, n);
    const int i = m_readSplit->findData(current);
    m_readSplit->setCurrentIndex(i < 0 ? 0 : i);
}

void DatasetPanel::scheduleCount()
{
    DatasetConfig c = m_model->config();
    if (c.sources.empty()) {
        m_report->setStatus(tr("Add a source to count what the splits select."));
        m_report->clear();
        return;
    }
    // Counting needs readable sources and split names, not a complete config.
    for (const auto &s : c.sources)
        if (s.bucket.empty() || s.id.empty()) {
            m_report->setStatus(tr("Cannot count: every source needs an id and a bucket URL"));
            return;
        }
    std::set<std::string> ids;
    for (const auto &s : c.sources)
        ids.insert(s.id);
    for (auto it = c.splits.begin(); it != c.splits.end();) {
        for (auto jt = it->second.begin(); jt != it->second.end();)
            jt = ids.count(jt->first) ? std::next(jt) : it->second.erase(jt);
        it = it->first.empty() ? c.splits.erase(it) : std::next(it);
    }
    m_counter->count(c);
}

void DatasetPanel::refreshCounts()
{
    m_counter->forgetListings();
    scheduleCount();
}

void DatasetPanel::openFile(const QString &path)
{
    const std::string file = path.toStdString();
    JobTracker::instance().start(
        this, tr("Opening %1…").arg(path), [file](JobContext &) { return loadDatasetConfig(file); },
        [this, path](const DatasetConfig &c) {
            m_path = path;
            setConfig(c);
            Q_EMIT loaded(path, QString());
        },
        [this, path](const Error &error) { Q_EMIT loaded(path, QString::fromStdString(error.what())); },
        JobOptions{QStringLiteral("open")});
}

void DatasetPanel::saveFile(const QString &path)
{
    QString problem;
    const DatasetConfig c = config(&problem);
    if (!problem.isEmpty()) {
        Q_EMIT saved(path, tr("The config is not valid: %1").arg(problem));
        return;
    }
    const std::string file = path.toStdString();
    JobTracker::instance().start(
        this, tr("Saving %1…").arg(path), [c, file](JobContext &) { saveDatasetConfig(c, file); },
        [this, path] {
            m_path = path;
            Q_EMIT saved(path, QString());
        },
        [this, path](const Error &error) { Q_EMIT saved(path, QString::fromStdString(error.what())); },
        JobOptions{QString(), false});
}

void DatasetPanel::retranslate()
{
    m_nameLabel->setText(tr("Name:"));
    m_endpointLabel->setText(tr("Endpoint variable:"));
    m_endpointEnv->setToolTip(tr("The NAME of the environment variable with the cluster's URL, never a secret"));
    m_sourcesTitle->setText(tr("<b>Sources</b>"));
    m_addSource->setText(tr("Add Source"));
    m_removeSource->setText(tr("Remove Source"));
    m_splitsTitle->setText(tr("<b>Splits</b> (prefixes per source, comma-separated: AIStore's prefix_map)"));
    m_addSplit->setText(tr("Add Split Row"));
    m_removeSplit->setText(tr("Remove Split Row"));
    m_readSplitLabel->setText(tr("Read split:"));
    m_samplerBox->setTitle(tr("Dataset and sampler"));
    m_export->setText(tr("Export…"));
    updateSplitChoices();
    // The tables' headers and group names come translated from their models.
    for (QAbstractItemModel *m :
         std::initializer_list<QAbstractItemModel *>{m_model->sources(), m_model->splits()}) {
        Q_EMIT m->headerDataChanged(Qt::Horizontal, 0, m->columnCount() - 1);
        if (m->rowCount() > 0)
            Q_EMIT m->dataChanged(m->index(0, 0), m->index(m->rowCount() - 1, m->columnCount() - 1));
    }
}

void DatasetPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shardscope::ui
