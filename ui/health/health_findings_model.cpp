#include "ui/health/health_findings_model.h"

#include "core/util/strings.h"

namespace shardscope::ui {

HealthFindingsModel::HealthFindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void HealthFindingsModel::setFindings(const std::vector<Finding> &findings)
{
    beginResetModel();
    m_rows.clear();
    for (const auto &f : findings) {
        if (f.examples.empty())
            m_rows.push_back({f.kind, f.count, {}});
        for (const auto &e : f.examples)
            m_rows.push_back({f.kind, f.count, e});
    }
    endResetModel();
}

void HealthFindingsModel::clear()
{
    setFindings({});
}

int HealthFindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int HealthFindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HealthFindingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const Severity sev = findingSeverity(r.kind);
    if (role == ShardRole)
        return QString::fromLatin1(r.example.shard.data(), static_cast<qsizetype>(r.example.shard.size()));
    if (role == MemberRole)
        return QString::fromLatin1(r.example.member.data(), static_cast<qsizetype>(r.example.member.size()));
    if (role == SortRole) {
        switch (index.column()) {
        case SeverityColumn:
            return static_cast<int>(sev);
        case CountColumn:
            return static_cast<qulonglong>(r.count);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == KindColumn)
        return QString::fromUtf8(findingKindDescription(r.kind));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return sev == Severity::Error ? tr("error") : sev == Severity::Warning ? tr("warning") : tr("info");
    case KindColumn:
        return QString::fromLatin1(findingKindName(r.kind));
    case CountColumn:
        return static_cast<qulonglong>(r.count);
    case ShardColumn:
        return QString::fromStdString(escapeName(r.example.shard));
    case MemberColumn:
        return QString::fromStdString(escapeName(r.example.member));
    case DetailColumn:
        return QString::fromStdString(toValidUtf8(r.example.detail));
    default:
        return {};
    }
}

QVariant HealthFindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case KindColumn:
        return tr("Finding");
    case CountColumn:
        return tr("Count");
    case ShardColumn:
        return tr("Shard");
    case MemberColumn:
        return tr("Member");
    case DetailColumn:
        return tr("Detail");
    default:
        return {};
    }
}

} // namespace shardscope::ui
