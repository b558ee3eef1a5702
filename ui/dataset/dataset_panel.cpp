#include "ui/dataset/dataset_panel.h"
#include "ui/jobs/job_tracker.h"

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/strings.h"
#include "ui/dataset/sampler_editor.h"
#include "ui/dataset/split_report_view.h"

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
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <set>

namespace shardscope::ui {

namespace {
enum SourceColumn { SourceId, SourceUrl, SourceGroupKind, SourceGroupValue };
enum SplitColumn { SplitName, SplitSource, SplitPrefixes };
// Group kinds: config names as data, translated labels in the combo.
const char *const kGroupKinds[] = {QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "prefix"),
                                   QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "names"),
                                   QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "template")};

QString cellText(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text().trimmed() : QString();
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &p : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!p.trimmed().isEmpty())
            out << p.trimmed();
    return out;
}

// "ais://bucket/some/prefix" -> (ais, bucket, some/prefix)
bool splitBucketUrl(const QString &url, QString *provider, QString *bucket, QString *prefix)
{
    const int sep = url.indexOf(QStringLiteral("://"));
    if (sep <= 0)
        return false;
    *provider = url.left(sep);
    const QString rest = url.mid(sep + 3);
    *bucket = rest.section(QLatin1Char('/'), 0, 0);
    *prefix = rest.section(QLatin1Char('/'), 1);
    return !bucket->isEmpty();
}
} // namespace

DatasetPanel::DatasetPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("datasetPanel"));
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
    m_sources = new QTableWidget(0, 4, left);
    m_sources->setObjectName(QStringLiteral("sourcesTable"));
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
    m_splits = new QTableWidget(0, 3, left);
    m_splits->setObjectName(QStringLiteral("splitsTable"));
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

    connect(m_name, &QLineEdit::textEdited, this, &DatasetPanel::edited);
    connect(m_endpointEnv, &QLineEdit::textEdited, this, &DatasetPanel::edited);
    connect(m_sources, &QTableWidget::itemChanged, this, &DatasetPanel::edited);
    connect(m_splits, &QTableWidget::itemChanged, this, &DatasetPanel::edited);
    connect(m_readSplit, &QComboBox::activated, this, &DatasetPanel::edited);
    connect(m_sampler, &SamplerEditor::changed, this, &DatasetPanel::edited);
    connect(m_addSource, &QPushButton::clicked, this, [this] { addSource(QStringLiteral("ais://bucket")); });
    connect(m_removeSource, &QPushButton::clicked, this, [this] {
        if (m_sources->currentRow() >= 0) {
            m_sources->removeRow(m_sources->currentRow());
            edited();
        }
    });
    connect(m_addSplit, &QPushButton::clicked, this, [this] {
        const QString source = m_sources->rowCount() > 0 ? cellText(m_sources, 0, SourceId) : QString();
        const QSignalBlocker block(m_splits);
        const int row = m_splits->rowCount();
        m_splits->insertRow(row);
        m_splits->setItem(row, SplitName, new QTableWidgetItem(row == 0 ? QStringLiteral("train") : QStringLiteral("val")));
        m_splits->setItem(row, SplitSource, new QTableWidgetItem(source));
        m_splits->setItem(row, SplitPrefixes, new QTableWidgetItem());
        m_splits->setCurrentCell(row, SplitPrefixes);
        edited();
    });
    connect(m_removeSplit, &QPushButton::clicked, this, [this] {
        if (m_splits->currentRow() >= 0) {
            m_splits->removeRow(m_splits->currentRow());
            edited();
        }
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
    setConfig(DatasetConfig{});
}

void DatasetPanel::setStoreOptions(StoreOptionsLookup lookup)
{
    m_lookup = lookup;
    m_counter->setStoreOptions(std::move(lookup));
}

DatasetConfig DatasetPanel::config(QString *error) const
{
    DatasetConfig c;
    QString problem;
    c.name = m_name->text().trimmed().toStdString();
    c.endpointEnv = m_endpointEnv->text().trimmed().toStdString();
    for (int row = 0; row < m_sources->rowCount(); ++row) {
        DatasetConfig::Source s;
        QString provider, bucket, prefix;
        const QString url = cellText(m_sources, row, SourceUrl);
        if (!splitBucketUrl(url, &provider, &bucket, &prefix) && problem.isEmpty())
            problem = tr("Source %1: \"%2\" is not a bucket URL such as ais://bucket").arg(row + 1).arg(url);
        s.provider = provider.toStdString();
        s.bucket = bucket.toStdString();
        s.id = cellText(m_sources, row, SourceId).toStdString();
        const auto *kind = qobject_cast<QComboBox *>(m_sources->cellWidget(row, SourceGroupKind));
        const QString k = kind ? kind->currentData().toString() : QStringLiteral("prefix");
        const QString value = m_sources->item(row, SourceGroupValue) ? m_sources->item(row, SourceGroupValue)->text()
                                                                      : QString();
        if (k == QLatin1String("names")) {
            s.group.kind = ObjectGroup::Kind::Names;
            for (const QString &n : splitList(value))
                s.group.names.push_back(n.toStdString());
        } else if (k == QLatin1String("template")) {
            s.group.kind = ObjectGroup::Kind::Template;
            s.group.braceTemplate = value.trimmed().toStdString();
        } else {
            s.group.prefix = value.trimmed().toStdString();
        }
        c.sources.push_back(std::move(s));
    }
    for (int row = 0; row < m_splits->rowCount(); ++row) {
        const QString name = cellText(m_splits, row, SplitName);
        const QString source = cellText(m_splits, row, SplitSource);
        auto &prefixes = c.splits[name.toStdString()][source.toStdString()];
        for (const QString &p : splitList(cellText(m_splits, row, SplitPrefixes)))
            prefixes.push_back(p.toStdString());
    }
    const QString chosen = m_readSplit->currentData().toString();
    if (!chosen.isEmpty())
        c.split = chosen.toStdString();
    if (const QString e = m_sampler->apply(c); !e.isEmpty() && problem.isEmpty())
        problem = e;
    if (problem.isEmpty()) {
        // Valid means: what Save writes loads again.
        try {
            (void)parseDatasetConfig(serializeDatasetConfig(c), "config");
        } catch (const Error &e) {
            problem = QString::fromStdString(e.what());
        }
    }
    if (error)
        *error = problem;
    return c;
}

void DatasetPanel::setConfig(const DatasetConfig &c)
{
    m_filling = true;
    {
        const QSignalBlocker b1(m_sources), b2(m_splits), b3(m_readSplit);
        m_name->setText(QString::fromStdString(c.name));
        m_endpointEnv->setText(QString::fromStdString(c.endpointEnv));
        m_sources->setRowCount(0);
        for (const auto &s : c.sources) {
            const int row = m_sources->rowCount();
            m_sources->insertRow(row);
            m_sources->setItem(row, SourceId, new QTableWidgetItem(QString::fromStdString(s.id)));
            m_sources->setItem(row, SourceUrl, new QTableWidgetItem(QString::fromStdString(sourceUrl(s))));
            auto *kind = new QComboBox(m_sources);
            kind->setObjectName(QStringLiteral("groupKind%1").arg(row));
            for (const char *k : kGroupKinds)
                kind->addItem(tr(k), QString::fromLatin1(k));
            QString value;
            if (s.group.kind == ObjectGroup::Kind::Names) {
                kind->setCurrentIndex(1);
                QStringList names;
                for (const auto &n : s.group.names)
                    names << QString::fromStdString(n);
                value = names.join(QStringLiteral(", "));
            } else if (s.group.kind == ObjectGroup::Kind::Template) {
                kind->setCurrentIndex(2);
                value = QString::fromStdString(s.group.braceTemplate);
            } else {
                value = QString::fromStdString(s.group.prefix);
            }
            connect(kind, &QComboBox::currentIndexChanged, this, &DatasetPanel::edited);
            m_sources->setCellWidget(row, SourceGroupKind, kind);
            m_sources->setItem(row, SourceGroupValue, new QTableWidgetItem(value));
        }
        m_splits->setRowCount(0);
        for (const auto &[name, perSource] : c.splits)
            for (const auto &[source, prefixes] : perSource) {
                const int row = m_splits->rowCount();
                m_splits->insertRow(row);
                QStringList list;
                for (const auto &p : prefixes)
                    list << QString::fromStdString(p);
                m_splits->setItem(row, SplitName, new QTableWidgetItem(QString::fromStdString(name)));
                m_splits->setItem(row, SplitSource, new QTableWidgetItem(QString::fromStdString(source)));
                m_splits->setItem(row, SplitPrefixes, new QTableWidgetItem(list.join(QStringLiteral(", "))));
            }
        updateSplitChoices();
        const int i = m_readSplit->findData(c.split ? QString::fromStdString(*c.split) : QString());
        m_readSplit->setCurrentIndex(i < 0 ? 0 : i);
        m_sampler->setFrom(c);
    }
    m_filling = false;
    edited();
}

void DatasetPanel::setSampler(const SamplerSettings &sampler)
{
    m_sampler->setSampler(sampler);
    edited();
}

QString DatasetPanel::sourceIdFor(const QString &provider, const QString &bucket) const
{
    const QString url = provider + QStringLiteral("://") + bucket;
    for (int row = 0; row < m_sources->rowCount(); ++row)
        if (cellText(m_sources, row, SourceUrl) == url)
            return cellText(m_sources, row, SourceId);
    return {};
}

void DatasetPanel::addSource(const QString &url)
{
    QString provider, bucket, prefix;
    if (!splitBucketUrl(url, &provider, &bucket, &prefix))
        return;
    DatasetConfig c = config();
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
    setConfig(c);
}

void DatasetPanel::addPrefix(const QString &bucketUrl, const QString &prefix)
{
    QString provider, bucket, ignored;
    if (!splitBucketUrl(bucketUrl, &provider, &bucket, &ignored))
        return;
    if (sourceIdFor(provider, bucket).isEmpty())
        addSource(provider + QStringLiteral("://") + bucket);
    const QString id = sourceIdFor(provider, bucket);
    const int selected = m_splits->currentRow();
    QString split = selected >= 0 ? cellText(m_splits, selected, SplitName) : QStringLiteral("train");
    if (split.isEmpty())
        split = QStringLiteral("train");
    // Append to the row of this split and source, else start one.
    for (int row = 0; row < m_splits->rowCount(); ++row)
        if (cellText(m_splits, row, SplitName) == split && cellText(m_splits, row, SplitSource) == id) {
            QStringList list = splitList(cellText(m_splits, row, SplitPrefixes));
            if (!list.contains(prefix))
                list << prefix;
            m_splits->item(row, SplitPrefixes)->setText(list.join(QStringLiteral(", ")));
            return;
        }
    const QSignalBlocker block(m_splits);
    const int row = m_splits->rowCount();
    m_splits->insertRow(row);
    m_splits->setItem(row, SplitName, new QTableWidgetItem(split));
    m_splits->setItem(row, SplitSource, new QTableWidgetItem(id));
    m_splits->setItem(row, SplitPrefixes, new QTableWidgetItem(prefix));
    edited();
}

void DatasetPanel::edited()
{
    if (m_filling)
        return;
    updateSplitChoices();
    QString error;
    (void)config(&error);
    m_validation->setText(error.isEmpty() ? tr("The config is valid.") : tr("Not valid yet: %1").arg(error));
    m_validation->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
    m_countTimer->start();
    Q_EMIT configChanged();
}

void DatasetPanel::updateSplitChoices()
{
    const QString current = m_readSplit->currentData().toString();
    QStringList names;
    for (int row = 0; row < m_splits->rowCount(); ++row) {
        const QString n = cellText(m_splits, row, SplitName);
        if (!n.isEmpty() && !names.contains(n))
            names << n;
    }
    names.sort();
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
    QString error;
    DatasetConfig c = config(&error);
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
    m_sources->setHorizontalHeaderLabels({tr("ID"), tr("Bucket URL"), tr("Group"), tr("Prefix, names or template")});
    m_addSource->setText(tr("Add Source"));
    m_removeSource->setText(tr("Remove Source"));
    m_splitsTitle->setText(tr("<b>Splits</b> (prefixes per source, comma-separated: AIStore's prefix_map)"));
    m_splits->setHorizontalHeaderLabels({tr("Split"), tr("Source ID"), tr("Prefixes")});
    m_addSplit->setText(tr("Add Split Row"));
    m_removeSplit->setText(tr("Remove Split Row"));
    m_readSplitLabel->setText(tr("Read split:"));
    m_samplerBox->setTitle(tr("Dataset and sampler"));
    m_export->setText(tr("Export…"));
    updateSplitChoices();
    for (int row = 0; row < m_sources->rowCount(); ++row)
        if (auto *kind = qobject_cast<QComboBox *>(m_sources->cellWidget(row, SourceGroupKind)))
            for (int i = 0; i < kind->count(); ++i)
                kind->setItemText(i, tr(kGroupKinds[i]));
}

void DatasetPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shardscope::ui
