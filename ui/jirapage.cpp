// SPDX-License-Identifier: Apache-2.0
#include "ui/jirapage.h"

#include "core/jira/jiraclient.h"
#include "ui/models/configdocument.h"
#include "ui/models/jiraconnection.h"
#include "ui/models/projectoverridesmodel.h"
#include "ui/statuspalette.h"

#include <QLabel>

namespace tbds::ui {

JiraPage::JiraPage(ConfigDocument *document, const QString &prefix, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    m_banner = new QLabel(this);
    m_banner->setObjectName(prefix + QStringLiteral("MessageLabel"));
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->hide();
    connect(m_document, &ConfigDocument::textChanged, this, [this] {
        // Deleting the client aborts its calls; pages get their Cancelled callbacks first.
        m_client.reset();
        configChanged();
    });
}

JiraPage::~JiraPage() = default;

jira::JiraClient *JiraPage::client()
{
    const QString reason = unavailableReason();
    if (!reason.isEmpty()) {
        showMessage(reason, true);
        return nullptr;
    }
    if (!m_client)
        m_client = JiraConnection::createClient(m_document->validation());
    return m_client.get();
}

const config::ServiceConfig *JiraPage::serviceConfig() const
{
    const auto &config = m_document->validation().config;
    return config ? &*config : nullptr;
}

QString JiraPage::unavailableReason() const
{
    return JiraConnection::unavailableReason(m_document->validation());
}

QStringList JiraPage::configuredProjects() const
{
    const config::ServiceConfig *config = serviceConfig();
    if (!config)
        return {};
    return ProjectOverridesModel::knownProjects(*config);
}

void JiraPage::showMessage(const QString &text, bool error)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
    // A red picked for the current palette (and re-picked when it changes), so a dark theme stays readable.
    setStatusColor(m_banner, error ? std::optional(StatusColors::Status::Error) : std::nullopt);
}

void JiraPage::configChanged() {}

} // namespace tbds::ui
