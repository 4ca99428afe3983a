// SPDX-License-Identifier: Apache-2.0
#include "ui/models/jiraconnection.h"

#include <QRegularExpression>

namespace tbds::ui {

QString JiraConnection::unavailableReason(const config::LoadResult &validation)
{
    if (!validation.config)
        return tr("The configuration has errors. Fix them on the Configuration page first.");
    if (validation.config->clientKind != config::ClientKind::Jira || !validation.config->jira)
        return tr("This configuration uses the JSONL client, which keeps defects in files. There is no Jira to "
                  "talk to; switch client_class to the Jira client on the Configuration page to use this page.");
    if (validation.config->jira->serverUrl.trimmed().isEmpty())
        return tr("client_config.server_url is empty. Enter the address of your Jira on the Configuration page.");
    return {};
}

std::unique_ptr<jira::JiraClient> JiraConnection::createClient(const config::LoadResult &validation)
{
    if (!unavailableReason(validation).isEmpty())
        return nullptr;
    return std::make_unique<jira::JiraClient>(*validation.config->jira);
}

QString JiraConnection::projectKey(const QString &project)
{
    // The reference names projects "Name (KEY)"; a bare key is what its docs use.
    static const QRegularExpression suffix(QStringLiteral("\\(([^()]+)\\)\\s*$"));
    const QRegularExpressionMatch match = suffix.match(project);
    return match.hasMatch() ? match.captured(1).trimmed() : project.trimmed();
}

QString JiraConnection::substituteProject(const QString &jqlTemplate, const QString &key)
{
    QString jql = jqlTemplate;
    return jql.replace(QStringLiteral("{project}"), key);
}

QString JiraConnection::shellQuote(const QString &word)
{
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString JiraConnection::curlCommand(const jira::JiraClient &client, const config::JiraClientConfig &config,
                                    const QString &jql, const QStringList &fields, int pageSize)
{
    // Cloud removed GET /search (410); DC has nothing else.
    const bool cloud = client.flavour() == jira::Flavour::Cloud;
    const QUrl url = client.apiUrl(cloud ? QStringLiteral("search/jql") : QStringLiteral("search"));
    QStringList parts{QStringLiteral("curl --get"), shellQuote(url.toString())};
    parts << QStringLiteral("--data-urlencode ") + shellQuote(QStringLiteral("jql=") + jql);
    parts << QStringLiteral("--data-urlencode ") + shellQuote(QStringLiteral("fields=") + fields.join(QLatin1Char(',')));
    parts << QStringLiteral("--data-urlencode ") + shellQuote(QStringLiteral("maxResults=%1").arg(pageSize));
    parts << QStringLiteral("-H 'Accept: application/json'");
    switch (config.authType) {
    case config::JiraAuthType::Basic:
        parts << QStringLiteral("--user ")
                     + shellQuote(config.username.value_or(QStringLiteral("USERNAME"))
                                  + (cloud ? QStringLiteral(":API_TOKEN") : QStringLiteral(":PASSWORD")));
        break;
    case config::JiraAuthType::Token:
        parts << QStringLiteral("-H 'Authorization: Bearer PERSONAL_ACCESS_TOKEN'");
        break;
    case config::JiraAuthType::OAuth1:
        parts << QStringLiteral("-H 'Authorization: OAuth SIGNATURE_REDACTED'");
        break;
    }
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace tbds::ui
