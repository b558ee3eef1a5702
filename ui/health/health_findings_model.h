#pragma once

#include "core/health/lint.h"

#include <QAbstractTableModel>

#include <vector>

namespace shardscope::ui {

// The findings of an audit, one row per example (the shard and member it
// names), errors first. QtCore only; sorting through a QSortFilterProxyModel
// (SortRole gives numbers for severity and count).
class HealthFindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityColumn,
        KindColumn,
        CountColumn,
        ShardColumn,
        MemberColumn,
        DetailColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int ShardRole = Qt::UserRole + 2;  // the raw shard name (bytes as Latin-1)
    static constexpr int MemberRole = Qt::UserRole + 3; // the raw member name (bytes as Latin-1)

    explicit HealthFindingsModel(QObject *parent = nullptr);

    void setFindings(const std::vector<Finding> &findings);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The raw names of a row (for opening the shard at the member).
    const FindingExample &example(int row) const { return m_rows.at(static_cast<std::size_t>(row)).example; }
    FindingKind kind(int row) const { return m_rows.at(static_cast<std::size_t>(row)).kind; }

private:
    struct Row
    {
        FindingKind kind;
        std::uint64_t count;
        FindingExample example;
    };
    std::vector<Row> m_rows;
};

} // namespace shardscope::ui
