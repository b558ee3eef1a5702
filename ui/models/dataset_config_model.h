#pragma once

#include "core/config/dataset_config.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <functional>
#include <vector>

namespace shardscope::ui {

class DatasetSourcesModel;
class DatasetSplitsModel;

// The dataset config the editor edits, owned in one place: the sources and
// split tables are item models over it, the other fields are set through
// update()/setSampler(). Every accepted edit is one change: the config is
// validated once (as it will be saved), then changed() and
// validated(problems) are emitted once each. An edit the model cannot hold
// (a cell that is not a bucket URL, a second row for the same split and
// source) is refused: rejected(problem) names the row and field and says
// why, and the config stays as it was.
class DatasetConfigModel : public QObject
{
    Q_OBJECT
public:
    explicit DatasetConfigModel(QObject *parent = nullptr);
    ~DatasetConfigModel() override;

    const DatasetConfig &config() const { return m_config; }
    // The last config that validated (the default config at first).
    const DatasetConfig &lastValid() const { return m_lastValid; }
    // What makes config() invalid ("config: $.path: reason"); empty when valid.
    const QStringList &problems() const { return m_problems; }
    bool isValid() const { return m_problems.isEmpty(); }

    DatasetSourcesModel *sources() const { return m_sources; }
    DatasetSplitsModel *splits() const { return m_splits; }

    // Replaces the config: one change when it differs, none when it is equal.
    void setConfig(const DatasetConfig &config);
    // Edits a copy of the config, then takes it as setConfig() does.
    void update(const std::function<void(DatasetConfig &)> &edit);
    void setSampler(const SamplerSettings &sampler);
    // Reports an edit that was refused before it reached the model.
    void reject(const QString &problem);

Q_SIGNALS:
    void changed();
    void validated(const QStringList &problems);
    void rejected(const QString &problem);

private:
    friend class DatasetTableModel;
    friend class DatasetSourcesModel;
    friend class DatasetSplitsModel;
    struct SplitRow
    {
        std::string name, source;
        std::vector<std::string> prefixes;
    };
    // Ends one change: the splits map from the split rows, one validation, the signals.
    void finishChange();
    void rowsFromSplits();

    DatasetConfig m_config;
    DatasetConfig m_lastValid;
    std::vector<SplitRow> m_splitRows; // the splits table's rows, in the user's order
    QStringList m_problems;
    DatasetSourcesModel *m_sources;
    DatasetSplitsModel *m_splits;
};

// What the two tables share: a row count, the columns and their (translated)
// titles, editable cells, removing rows as one change.
class DatasetTableModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

protected:
    DatasetTableModel(DatasetConfigModel *owner, std::vector<const char *> titles);
    virtual std::size_t rows() const = 0;
    virtual void eraseRows(std::size_t row, std::size_t count) = 0;
    // A cell of this table, and a role that data()/setData() answer.
    bool isCell(const QModelIndex &index, int role) const;
    // Starts inserting `count` rows at `row`; false when that is out of range.
    bool beginInsert(int row, int count, const QModelIndex &parent);

    DatasetConfigModel *m_owner;

private:
    std::vector<const char *> m_titles;
};

// The config's sources, one a row: id, bucket URL, group kind (prefix, names,
// template: the config's own names in EditRole), and the group's value
// (a prefix, comma-separated names, or a brace template).
class DatasetSourcesModel : public DatasetTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        UrlColumn,
        GroupKindColumn,
        GroupValueColumn,
        ColumnCount
    };

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    // New rows read the whole bucket "ais://bucket" under an id of their own.
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    friend class DatasetConfigModel;
    explicit DatasetSourcesModel(DatasetConfigModel *owner);
    std::size_t rows() const override;
    void eraseRows(std::size_t row, std::size_t count) override;
};

// The splits as rows of (split name, source id, prefixes): AIStore's
// prefix_map, one row per split and source; prefixes are comma-separated.
class DatasetSplitsModel : public DatasetTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        SourceColumn,
        PrefixesColumn,
        ColumnCount
    };

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    // New rows are for the first source, named train, val, test (or split-N)
    // as the first of those that source has no row for yet.
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;

    // The row of `split` for `source`, or -1.
    int findRow(const QString &split, const QString &source) const;
    // Appends a row (one change); -1 with rejected() when that row exists.
    int appendRow(const QString &split, const QString &source, const QStringList &prefixes);

private:
    friend class DatasetConfigModel;
    explicit DatasetSplitsModel(DatasetConfigModel *owner);
    std::size_t rows() const override;
    void eraseRows(std::size_t row, std::size_t count) override;
};

// "a, b ,, c" -> {"a", "b", "c"}
QStringList splitCommaList(const QString &text);
// "ais://bucket/some/prefix" -> (ais, bucket, some/prefix); false when no bucket is named.
bool splitBucketUrl(const QString &url, QString *provider, QString *bucket, QString *prefix);

} // namespace shardscope::ui
