#include "ui/explorer/breadcrumbs.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include <functional>

namespace shardscope::ui {

Breadcrumbs::Breadcrumbs(QWidget *parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("breadcrumbs"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addStretch(1);
}

void Breadcrumbs::addPart(const QString &text, const QString &tip, const std::function<void()> &onClick,
                          bool current)
{
    if (!m_parts.isEmpty()) {
        auto *sep = new QLabel(QStringLiteral(" › "), this);
        sep->setObjectName(QStringLiteral("breadcrumbSeparator"));
        m_layout->insertWidget(m_layout->count() - 1, sep);
    }
    auto *b = new QToolButton(this);
    b->setObjectName(QStringLiteral("breadcrumb"));
    b->setAutoRaise(true);
    b->setText(text);
    b->setToolTip(tip);
    b->setEnabled(!current); // where you are is not a link
    QFont f = b->font();
    f.setBold(current);
    b->setFont(f);
    connect(b, &QToolButton::clicked, this, onClick);
    m_layout->insertWidget(m_layout->count() - 1, b);
    m_parts << text;
}

void Breadcrumbs::setPath(const QString &bucketUrl, const QString &prefix, const QString &shard)
{
    while (m_layout->count() > 1) { // keep the stretch
        QLayoutItem *item = m_layout->takeAt(0);
        delete item->widget();
        delete item;
    }
    m_parts.clear();
    if (bucketUrl.isEmpty())
        return;
    const QStringList dirs = prefix.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool inShard = !shard.isEmpty();
    addPart(
        bucketUrl, bucketUrl, [this] { Q_EMIT prefixActivated(QString()); }, dirs.isEmpty() && !inShard);
    QString upTo;
    for (int i = 0; i < dirs.size(); ++i) {
        // A complete directory ends with '/'; the last part may be a partial name.
        const bool complete = i + 1 < dirs.size() || prefix.endsWith(QLatin1Char('/'));
        upTo += dirs[i] + (complete ? QStringLiteral("/") : QString());
        const QString target = upTo;
        addPart(
            dirs[i], bucketUrl + QLatin1Char('/') + target,
            [this, target] { Q_EMIT prefixActivated(target); }, i + 1 == dirs.size() && !inShard);
    }
    if (inShard)
        addPart(
            shard.section(QLatin1Char('/'), -1), bucketUrl + QLatin1Char('/') + shard,
            [this, shard] { Q_EMIT shardActivated(shard); }, true);
}

QStringList Breadcrumbs::parts() const
{
    return m_parts;
}

} // namespace shardscope::ui
