#pragma once

#include <QWidget>

#include <functional>

class QHBoxLayout;

namespace shardscope::ui {

// The path bar over the object table: the bucket, each directory of the
// prefix, and the shard open in the shard view, as buttons; clicking one goes
// there (prefixActivated with the prefix up to it, "" for the bucket).
class Breadcrumbs : public QWidget
{
    Q_OBJECT
public:
    explicit Breadcrumbs(QWidget *parent = nullptr);

    // bucketUrl: "ais://b"; prefix: "train/cats/" (a partial last part, as in
    // "train/ca", shows as typed); shard: an object name or "".
    void setPath(const QString &bucketUrl, const QString &prefix, const QString &shard = QString());
    QStringList parts() const; // the texts shown, for tests and accessibility

Q_SIGNALS:
    void prefixActivated(const QString &prefix);
    void shardActivated(const QString &shard);

private:
    void addPart(const QString &text, const QString &tip, const std::function<void()> &onClick, bool current);

    QHBoxLayout *m_layout;
    QStringList m_parts;
};

} // namespace shardscope::ui
