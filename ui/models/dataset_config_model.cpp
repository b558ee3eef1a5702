#include "ui/models/dataset_config_model.h"

#include "core/util/error.h"

#include <QCoreApplication>

#include <algorithm>

#include <set>

namespace shardscope::ui {

namespace {
// The panel's own strings: the tables' headers and group kinds keep their translations.
const char *const kPanel = "shardscope::ui::DatasetPanel";
const char *const kGroupKinds[] = {QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "prefix"),
                                   QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "names"),
                                   QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "template")};

QString panelText(const char *text)
{
    return QCoreApplication::translate(kPanel, text);
}
QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString joined(const std::vector<std::string> &list)
{
    QStringList out;
    for (const auto &s : list)
        out << qs(s);
    return out.join(QStringLiteral(", "));
}

std::vector<std::string> toStd(const QStringList &list)
{
    std::vector<std::string> out;
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

const char *groupKindName(ObjectGroup::Kind k)
{
    return k == ObjectGroup::Kind::Names      ? kGroupKinds[1]
           : k == ObjectGroup::Kind::Template ? kGroupKinds[2]
                                              : kGroupKinds[0];
}

QString groupValue(const ObjectGroup &g)
{
    if (g.kind == ObjectGroup::Kind::Names)
        return joined(g.names);
    return qs(g.kind == ObjectGroup::Kind::Template ? g.braceTemplate : g.prefix);
}

// Reads `text` as the value of a group of kind `kind` (the other kinds' fields cleared).
ObjectGroup groupFrom(ObjectGroup::Kind kind, const QString &text)
{
    ObjectGroup g;
    g.kind = kind;
    if (kind == ObjectGroup::Kind::Names)
        g.names = toStd(splitCommaList(text));
    else if (kind == ObjectGroup::Kind::Template)
        g.braceTemplate = text.trimmed().toStdString();
    else
        g.prefix = text.trimmed().toStdString();
    return g;
}
} // namespace

QStringList splitCommaList(const QString &text)
{
    QStringList out;
    for (const QString &p : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!p.trimmed().isEmpty())
            out << p.trimmed();
    return out;
}

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

// --- DatasetConfigModel ---------------------------------------------------

DatasetConfigModel::DatasetConfigModel(QObject *parent)
    : QObject(parent), m_sources(new DatasetSourcesModel(this)), m_splits(new DatasetSplitsModel(this))
{
    finishChange(); // the default config's problems, without listeners yet
}

DatasetConfigModel::~DatasetConfigModel() = default;

void DatasetConfigModel::setConfig(const DatasetConfig &next)
{
    if (next == m_config)
        return;
    const bool sources = next.sources != m_config.sources;
    const bool splits = next.splits != m_config.splits;
    if (sources)
        m_sources->beginResetModel();
    if (splits)
        m_splits->beginResetModel();
    m_config = next;
    if (splits)
        rowsFromSplits();
    if (sources)
        m_sources->endResetModel();
    if (splits)
        m_splits->endResetModel();
    finishChange();
}

void DatasetConfigModel::update(const std::function<void(DatasetConfig &)> &edit)
{
    DatasetConfig next = m_config;
    edit(next);
    setConfig(next);
}

void DatasetConfigModel::setSampler(const SamplerSettings &sampler)
{
    update([&](DatasetConfig &c) { c.sampler = sampler; });
}

void DatasetConfigModel::reject(const QString &problem)
{
    Q_EMIT rejected(problem);
}

void DatasetConfigModel::rowsFromSplits()
{
    m_splitRows.clear();
    for (const auto &[name, perSource] : m_config.splits)
        for (const auto &[source, prefixes] : perSource)
            m_splitRows.push_back({name, source, prefixes});
}

void DatasetConfigModel::finishChange()
{
    m_config.splits.clear();
    for (const SplitRow &row : m_splitRows)
        m_config.splits[row.name][row.source] = row.prefixes;
    m_problems.clear();
    try {
        validateDatasetConfig(m_config, "config");
    } catch (const Error &e) {
        m_problems << qs(e.what());
    }
    if (m_problems.isEmpty())
        m_lastValid = m_config;
    Q_EMIT changed();
    Q_EMIT validated(m_problems);
}

// --- DatasetTableModel ----------------------------------------------------

DatasetTableModel::DatasetTableModel(DatasetConfigModel *owner, std::vector<const char *> titles)
    : QAbstractTableModel(owner), m_owner(owner), m_titles(std::move(titles))
{
}

int DatasetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows());
}

int DatasetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_titles.size());
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return {};
    return panelText(m_titles[std::size_t(section)]);
}

Qt::ItemFlags DatasetTableModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? QAbstractTableModel::flags(index) | Qt::ItemIsEditable : Qt::NoItemFlags;
}

bool DatasetTableModel::isCell(const QModelIndex &index, int role) const
{
    return index.isValid() && index.model() == this && index.row() < rowCount() &&
           (role == Qt::DisplayRole || role == Qt::EditRole);
}

bool DatasetTableModel::beginInsert(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || row > rowCount() || count < 1)
        return false;
    beginInsertRows({}, row, row + count - 1);
    return true;
}

bool DatasetTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > rowCount())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    eraseRows(std::size_t(row), std::size_t(count));
    endRemoveRows();
    m_owner->finishChange();
    return true;
}

// --- DatasetSourcesModel --------------------------------------------------

DatasetSourcesModel::DatasetSourcesModel(DatasetConfigModel *owner)
    : DatasetTableModel(owner,
                        {QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "ID"),
                         QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "Bucket URL"),
                         QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "Group"),
                         QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "Prefix, names or template")})
{
}

std::size_t DatasetSourcesModel::rows() const
{
    return m_owner->m_config.sources.size();
}

void DatasetSourcesModel::eraseRows(std::size_t row, std::size_t count)
{
    auto &sources = m_owner->m_config.sources;
    sources.erase(sources.begin() + std::ptrdiff_t(row), sources.begin() + std::ptrdiff_t(row + count));
}

QVariant DatasetSourcesModel::data(const QModelIndex &index, int role) const
{
    if (!isCell(index, role))
        return {};
    const DatasetConfig::Source &s = m_owner->m_config.sources[std::size_t(index.row())];
    switch (index.column()) {
    case IdColumn:
        return qs(s.id);
    case UrlColumn:
        return qs(sourceUrl(s));
    case GroupKindColumn:
        return role == Qt::EditRole ? QString::fromLatin1(groupKindName(s.group.kind))
                                    : panelText(groupKindName(s.group.kind));
    case GroupValueColumn:
        return groupValue(s.group);
    }
    return {};
}

bool DatasetSourcesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isCell(index, role))
        return false;
    const int row = index.row();
    DatasetConfig::Source s = m_owner->m_config.sources[std::size_t(row)];
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case IdColumn:
        s.id = text.toStdString();
        break;
    case UrlColumn: {
        QString provider, bucket, ignored; // the prefix is the group's, in its own column
        if (!splitBucketUrl(text, &provider, &bucket, &ignored)) {
            m_owner->reject(
                tr("Source %1, bucket URL: \"%2\" names no bucket (a bucket URL looks like ais://bucket)")
                    .arg(row + 1)
                    .arg(text));
            return false;
        }
        s.provider = provider.toStdString();
        s.bucket = bucket.toStdString();
        break;
    }
    case GroupKindColumn: {
        const auto *kind = std::find_if(std::begin(kGroupKinds), std::end(kGroupKinds),
                                        [&](const char *k) { return text == QLatin1String(k); });
        if (kind == std::end(kGroupKinds)) {
            m_owner->reject(tr("Source %1, group: \"%2\" is not a group kind (prefix, names or template)")
                                .arg(row + 1)
                                .arg(text));
            return false;
        }
        const auto k = kind == kGroupKinds + 1   ? ObjectGroup::Kind::Names
                       : kind == kGroupKinds + 2 ? ObjectGroup::Kind::Template
                                                 : ObjectGroup::Kind::Prefix;
        s.group = groupFrom(k, groupValue(s.group)); // the value typed so far, read as the new kind
        break;
    }
    case GroupValueColumn:
        s.group = groupFrom(s.group.kind, value.toString());
        break;
    default:
        return false;
    }
    if (s == m_owner->m_config.sources[std::size_t(row)])
        return true;
    m_owner->m_config.sources[std::size_t(row)] = std::move(s);
    Q_EMIT dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
    m_owner->finishChange();
    return true;
}

bool DatasetSourcesModel::insertRows(int row, int count, const QModelIndex &parent)
{
    auto &sources = m_owner->m_config.sources;
    std::set<std::string> ids;
    for (const auto &s : sources)
        ids.insert(s.id);
    if (!beginInsert(row, count, parent))
        return false;
    for (int i = 0; i < count; ++i) {
        DatasetConfig::Source s;
        s.bucket = "bucket";
        s.id = "bucket";
        for (int n = 2; ids.count(s.id); ++n)
            s.id = "bucket-" + std::to_string(n);
        ids.insert(s.id);
        sources.insert(sources.begin() + row + i, std::move(s));
    }
    endInsertRows();
    m_owner->finishChange();
    return true;
}

// --- DatasetSplitsModel ---------------------------------------------------

DatasetSplitsModel::DatasetSplitsModel(DatasetConfigModel *owner)
    : DatasetTableModel(owner, {QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "Split"),
                                QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "Source ID"),
                                QT_TRANSLATE_NOOP("shardscope::ui::DatasetPanel", "Prefixes")})
{
}

std::size_t DatasetSplitsModel::rows() const
{
    return m_owner->m_splitRows.size();
}

void DatasetSplitsModel::eraseRows(std::size_t row, std::size_t count)
{
    auto &splitRows = m_owner->m_splitRows;
    splitRows.erase(splitRows.begin() + std::ptrdiff_t(row), splitRows.begin() + std::ptrdiff_t(row + count));
}

QVariant DatasetSplitsModel::data(const QModelIndex &index, int role) const
{
    if (!isCell(index, role))
        return {};
    const auto &r = m_owner->m_splitRows[std::size_t(index.row())];
    switch (index.column()) {
    case NameColumn:
        return qs(r.name);
    case SourceColumn:
        return qs(r.source);
    case PrefixesColumn:
        return joined(r.prefixes);
    }
    return {};
}

int DatasetSplitsModel::findRow(const QString &split, const QString &source) const
{
    const auto &splitRows = m_owner->m_splitRows;
    for (std::size_t i = 0; i < splitRows.size(); ++i)
        if (qs(splitRows[i].name) == split && qs(splitRows[i].source) == source)
            return int(i);
    return -1;
}

bool DatasetSplitsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !isCell(index, role))
        return false;
    const int row = index.row();
    auto r = m_owner->m_splitRows[std::size_t(row)];
    const QString text = value.toString().trimmed();
    if (index.column() == NameColumn)
        r.name = text.toStdString();
    else if (index.column() == SourceColumn)
        r.source = text.toStdString();
    else if (index.column() == PrefixesColumn)
        r.prefixes = toStd(splitCommaList(text));
    else
        return false;
    const int other = findRow(qs(r.name), qs(r.source));
    if (other >= 0 && other != row) {
        m_owner->reject(tr("Split row %1, %2: split \"%3\" already has a row (%4) for source \"%5\"; "
                           "add the prefixes there")
                            .arg(row + 1)
                            .arg(index.column() == NameColumn ? tr("split name") : tr("source ID"))
                            .arg(qs(r.name))
                            .arg(other + 1)
                            .arg(qs(r.source)));
        return false;
    }
    auto &current = m_owner->m_splitRows[std::size_t(row)];
    if (r.name == current.name && r.source == current.source && r.prefixes == current.prefixes)
        return true;
    current = std::move(r);
    Q_EMIT dataChanged(index, index);
    m_owner->finishChange();
    return true;
}

bool DatasetSplitsModel::insertRows(int row, int count, const QModelIndex &parent)
{
    const auto &sources = m_owner->m_config.sources;
    const std::string source = sources.empty() ? std::string() : sources.front().id;
    auto &splitRows = m_owner->m_splitRows;
    if (!beginInsert(row, count, parent))
        return false;
    for (int i = 0; i < count; ++i) {
        std::string name;
        for (int n = 0; name.empty() || findRow(qs(name), qs(source)) >= 0; ++n)
            name = n == 0 ? "train" : n == 1 ? "val" : n == 2 ? "test" : "split-" + std::to_string(n + 1);
        splitRows.insert(splitRows.begin() + row + i, {name, source, {}});
    }
    endInsertRows();
    m_owner->finishChange();
    return true;
}

int DatasetSplitsModel::appendRow(const QString &split, const QString &source, const QStringList &prefixes)
{
    if (const int other = findRow(split, source); other >= 0) {
        m_owner->reject(tr("Split row %1 already selects for split \"%2\" and source \"%3\"")
                            .arg(other + 1)
                            .arg(split, source));
        return -1;
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_owner->m_splitRows.push_back({split.toStdString(), source.toStdString(), toStd(prefixes)});
    endInsertRows();
    m_owner->finishChange();
    return row;
}

} // namespace shardscope::ui
