#include "ui/start_view.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace shardscope::ui {

StartView::StartView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("startView"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("startTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_title->setFont(big);
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("startIntro"));
    m_intro->setWordWrap(true);

    auto button = [this](const char *name, void (StartView::*signal)()) {
        auto *b = new QPushButton(this);
        b->setObjectName(QLatin1String(name));
        b->setMinimumHeight(36);
        connect(b, &QPushButton::clicked, this, signal);
        return b;
    };
    m_demo = button("startOpenDemo", &StartView::openDemoRequested);
    m_demo->setDefault(true);
    m_ais = button("startConnectAis", &StartView::connectAisRequested);
    m_folder = button("startOpenFolder", &StartView::openFolderRequested);
    m_url = button("startOpenUrl", &StartView::openUrlRequested);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("startStatus"));
    m_status->setWordWrap(true);
    m_status->hide();

    m_recentTitle = new QLabel(this);
    m_recentTitle->setObjectName(QStringLiteral("startRecentTitle"));
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("startRecent"));
    m_recent->setMaximumHeight(160);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT recentUrlChosen(item->text()); });
    m_recentEmpty = new QLabel(this);
    m_recentEmpty->setObjectName(QStringLiteral("startRecentEmpty"));
    m_recentEmpty->setWordWrap(true);

    auto *buttons = new QGridLayout;
    buttons->addWidget(m_demo, 0, 0);
    buttons->addWidget(m_ais, 0, 1);
    buttons->addWidget(m_folder, 1, 0);
    buttons->addWidget(m_url, 1, 1);

    auto *column = new QVBoxLayout;
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addWidget(m_status);
    column->addSpacing(12);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent);
    column->addWidget(m_recentEmpty);

    auto *outer = new QGridLayout(this);
    outer->setColumnStretch(0, 1);
    outer->setColumnStretch(2, 1);
    outer->setRowStretch(0, 1);
    outer->setRowStretch(2, 2);
    auto *middle = new QWidget(this);
    middle->setMaximumWidth(640);
    middle->setLayout(column);
    outer->addWidget(middle, 1, 1);

    setRecentUrls({});
    retranslate();
}

void StartView::setRecentUrls(const QStringList &urls)
{
    m_recent->clear();
    m_recent->addItems(urls);
    m_recent->setVisible(!urls.isEmpty());
    m_recentEmpty->setVisible(urls.isEmpty());
}

void StartView::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void StartView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StartView::retranslate()
{
    m_title->setText(tr("Welcome to shardscope"));
    m_intro->setText(tr("shardscope shows what is in a training data set kept in object storage: buckets, "
                        "shards and the samples inside them, as pictures, text, labels and sound.\n"
                        "It describes the data set as a config that the CLI runs and exports as a training "
                        "script.\n"
                        "It measures how fast the data loads with 1, 2, 4… workers and says where it stalls."));
    m_demo->setText(tr("Open the demo"));
    m_demo->setToolTip(tr("A small data set of shapes with labels, captions and metadata, written on this "
                          "computer the first time (local://demo)"));
    m_ais->setText(tr("Connect to AIStore…"));
    m_folder->setText(tr("Open a local folder…"));
    m_url->setText(tr("Open URL…"));
    m_recentTitle->setText(tr("Recently opened"));
    m_recentEmpty->setText(tr("Nothing opened yet: the buckets and URLs you open appear here."));
}

} // namespace shardscope::ui
