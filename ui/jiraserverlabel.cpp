// SPDX-License-Identifier: Apache-2.0
#include "ui/jiraserverlabel.h"

#include "core/jira/jiraclient.h"
#include "ui/models/configdocument.h"

#include <QTimer>

namespace tbds::ui {

JiraServerLabel::JiraServerLabel(ConfigDocument *document, QWidget *parent)
    : QLabel(parent), m_document(document), m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("jiraServerLabel"));
    setAccessibleName(tr("Jira server"));
    // Typing in the raw editor changes the text on every key; ask Jira only once it settles.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &JiraServerLabel::check);
    connect(m_document, &ConfigDocument::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_document, &ConfigDocument::pathChanged, this, [this] {
        m_checkedUrl.clear();
        m_debounce->start(0);
    });
    setVisible(false);
}

JiraServerLabel::~JiraServerLabel() = default;

void JiraServerLabel::check()
{
    const auto &config = m_document->validation().config;
    if (!config || config->clientKind != config::ClientKind::Jira) {
        delete m_client;
        m_checkedUrl.clear();
        clear();
        setVisible(false);
        return;
    }
    if (config->jira->serverUrl == m_checkedUrl)
        return;
    m_checkedUrl = config->jira->serverUrl;
    delete m_client; // an answer for the previous server is of no interest any more
    m_client = new jira::JiraClient(*config->jira, {}, this);
    setText(tr("Jira: detecting…"));
    setToolTip(m_checkedUrl);
    setVisible(true);
    jira::JiraCall *call = m_client->detectServer();
    call->onFinished(this, [this, client = m_client](jira::JiraCall *done) {
        done->deleteLater();
        if (client != m_client)
            return;
        if (done->isOk()) {
            setText(m_client->serverInfo().displayName());
            setToolTip(tr("%1 at %2").arg(m_client->serverInfo().displayName(), m_checkedUrl));
        } else {
            setText(tr("Jira: not reachable"));
            setToolTip(done->error().message);
        }
        Q_EMIT detected();
    });
}

} // namespace tbds::ui
