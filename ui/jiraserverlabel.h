// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLabel>
#include <QPointer>

class QTimer;

namespace tbds::jira {
class JiraClient;
}

namespace tbds::ui {

class ConfigDocument;

/**
 * The status bar's "Jira Cloud" / "Jira Data Center 9.12.7": asks the configured server once per
 * server URL (JiraClient::detectServer, anonymous-capable) so the admin sees which flavour the
 * service will talk to. Quietly empty for the JSONL client and while the config is not valid;
 * a failure shows as "Jira: not reachable" with the reason in the tooltip.
 */
class JiraServerLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JiraServerLabel)

public:
    explicit JiraServerLabel(ConfigDocument *document, QWidget *parent = nullptr);
    ~JiraServerLabel() override;

Q_SIGNALS:
    /** After each detection attempt (for tests). */
    void detected();

private:
    void check();

    ConfigDocument *m_document;
    QTimer *m_debounce;
    QPointer<jira::JiraClient> m_client;
    QString m_checkedUrl;
};

} // namespace tbds::ui
