// SPDX-License-Identifier: Apache-2.0
#include "ui/connectiontestpage.h"

#include "ui/models/configdocument.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/statuspalette.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace tbds::ui {

ConnectionTestPage::ConnectionTestPage(ConfigDocument *document, QWidget *parent)
    : JiraPage(document, QStringLiteral("connectionTest"), parent), m_model(new ConnectionTestModel(this))
{
    setObjectName(QStringLiteral("connectionTestPage"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Checks step by step whether this computer reaches Jira with the configured "
                                "address and credentials, and says how to fix what fails."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(banner());

    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(QIcon::fromTheme(QStringLiteral("network-connect")), tr("&Test connection"), this);
    m_run->setObjectName(QStringLiteral("connectionTestButton"));
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("connectionCancelButton"));
    m_copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy &report"), this);
    m_copy->setObjectName(QStringLiteral("connectionCopyButton"));
    m_copy->setToolTip(tr("Copy the steps and hints as text, e.g. for a support ticket (contains no secrets)"));
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    layout->addLayout(buttons);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("connectionStepsView"));
    m_view->setAccessibleName(tr("Connection test steps"));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    // Status colours for the view's own background, again after a theme switch.
    m_model->setPalette(m_view->palette());
    onPaletteChange(m_view, [this] { m_model->setPalette(m_view->palette()); });
    m_view->setWordWrap(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ConnectionTestModel::StepColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ConnectionTestModel::StatusColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ConnectionTestModel::ResultColumn, QHeaderView::Stretch);
    layout->addWidget(m_view, 1);

    connect(m_run, &QPushButton::clicked, this, &ConnectionTestPage::runTest);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectionTestPage::cancel);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_model->report()); });
    connect(m_model, &ConnectionTestModel::runningChanged, this, &ConnectionTestPage::updateButtons);
    connect(m_model, &ConnectionTestModel::finished, this, [this](bool ok) {
        showMessage(ok ? tr("Jira is reachable and the credentials work.")
                       : tr("The connection test failed; the table says where and how to fix it."),
                    !ok);
        m_view->resizeRowsToContents();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, m_view, &QTableView::resizeRowsToContents);
    configChanged();
}

ConnectionTestPage::~ConnectionTestPage() = default;

void ConnectionTestPage::runTest()
{
    showMessage(QString());
    m_model->start(m_document->validation());
}

void ConnectionTestPage::cancel()
{
    m_model->cancel();
}

void ConnectionTestPage::configChanged()
{
    m_model->cancel();
    showMessage(unavailableReason(), true);
    updateButtons();
}

void ConnectionTestPage::updateButtons()
{
    const bool running = m_model->isRunning();
    m_run->setEnabled(!running && unavailableReason().isEmpty());
    m_cancel->setEnabled(running);
}

} // namespace tbds::ui
