// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/jiraconfigsecrets.h"

namespace tbds::secrets {

QStringList JiraConfigSecrets::namesFor(config::JiraAuthType authType)
{
    switch (authType) {
    case config::JiraAuthType::Token:
        return { QStringLiteral("token") };
    case config::JiraAuthType::OAuth1:
        return { QStringLiteral("oauth1_access_token"), QStringLiteral("oauth1_access_token_secret"),
                 QStringLiteral("oauth1_consumer_key"), QStringLiteral("oauth1_key_cert") };
    case config::JiraAuthType::Basic:
        break;
    }
    return { QStringLiteral("password") };
}

QStringList JiraConfigSecrets::allNames()
{
    return namesFor(config::JiraAuthType::Basic) + namesFor(config::JiraAuthType::Token)
        + namesFor(config::JiraAuthType::OAuth1);
}

QString JiraConfigSecrets::authTypeName(config::JiraAuthType authType)
{
    switch (authType) {
    case config::JiraAuthType::Token:
        return QStringLiteral("token");
    case config::JiraAuthType::OAuth1:
        return QStringLiteral("oauth1");
    case config::JiraAuthType::Basic:
        break;
    }
    return QStringLiteral("basic");
}

config::LoadOptions JiraConfigSecrets::probeOptions(config::LoadOptions options)
{
    for (const QString &name : allNames()) {
        if (!options.externalSecrets.contains(name))
            options.externalSecrets.insert(name, QString());
    }
    return options;
}

std::optional<config::JiraClientConfig> JiraConfigSecrets::profile(const config::LoadResult &probe)
{
    if (probe.config && probe.config->clientKind == config::ClientKind::Jira && probe.config->jira)
        return probe.config->jira;
    return std::nullopt;
}

JiraSecretKey JiraConfigSecrets::keyFor(const config::JiraClientConfig &jira, const QString &secretName)
{
    return JiraSecretKey { jira.serverUrl, authTypeName(jira.authType), jira.username.value_or(QString()), secretName };
}

} // namespace tbds::secrets
