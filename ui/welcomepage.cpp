// SPDX-License-Identifier: Apache-2.0
#include "ui/welcomepage.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace tbds::ui {

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *column = new QVBoxLayout;
    auto *title = new QLabel(tr("<h2>TestBench Defect Service Admin</h2>"), this);
    auto *text = new QLabel(tr("Open the config.toml of a TestBench defect service to edit it, run the service "
                               "and check its projects. New here? The demo setup serves sample defects from "
                               "JSONL files, no Jira needed."),
                            this);
    text->setWordWrap(true);
    auto *open = new QPushButton(tr("&Open a configuration…"), this);
    open->setObjectName(QStringLiteral("welcomeOpenButton"));
    auto *create = new QPushButton(tr("&Create a new configuration…"), this);
    create->setObjectName(QStringLiteral("welcomeCreateButton"));
    create->setToolTip(tr("Answer a few questions (service, user, JSONL or Jira) and get a new config.toml"));
    auto *demo = new QPushButton(tr("Open the &demo setup"), this);
    demo->setObjectName(QStringLiteral("welcomeDemoButton"));
    demo->setToolTip(tr("Copies the bundled JSONL sample to your data folder and opens it"));
    auto *recentLabel = new QLabel(tr("&Recent configurations:"), this);
    m_recentLabel = recentLabel;
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("welcomeRecentList"));
    m_recent->setAccessibleName(tr("Recent configurations"));
    recentLabel->setBuddy(m_recent);
    column->addWidget(title);
    column->addWidget(text);
    column->addSpacing(12);
    column->addWidget(open);
    column->addWidget(create);
    column->addWidget(demo);
    column->addSpacing(12);
    column->addWidget(recentLabel);
    column->addWidget(m_recent);
    auto *center = new QHBoxLayout;
    center->addStretch(1);
    center->addLayout(column, 2);
    center->addStretch(1);
    outer->addLayout(center);
    outer->addStretch(1);

    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);
    connect(create, &QPushButton::clicked, this, &WelcomePage::createRequested);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT recentRequested(item->data(Qt::UserRole).toString()); });
    setRecentFiles({});
}

WelcomePage::~WelcomePage() = default;

void WelcomePage::setRecentFiles(const QStringList &files)
{
    m_recent->clear();
    for (const QString &file : files) {
        auto *item = new QListWidgetItem(QDir::toNativeSeparators(file), m_recent);
        item->setData(Qt::UserRole, file);
    }
    m_recent->setVisible(!files.isEmpty());
    m_recentLabel->setVisible(!files.isEmpty());
}

} // namespace tbds::ui
