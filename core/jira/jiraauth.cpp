// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jiraauth.h"

#include "core/jira/oauth1signer.h"

#include <QCoreApplication>

namespace tbds::jira {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tbds::jira::JiraAuth", text);
}

QString pick(const std::optional<QString> &override, const std::optional<QString> &fromConfig)
{
    if (override)
        return *override;
    return fromConfig.value_or(QString());
}

} // namespace

Result<JiraAuth> JiraAuth::create(const config::JiraClientConfig &config, const JiraSecrets &secrets)
{
    JiraAuth auth;
    auth.m_type = config.authType;
    switch (config.authType) {
    case config::JiraAuthType::Basic: {
        auth.m_user = pick(secrets.username, config.username);
        const QString password = pick(secrets.password, config.password);
        if (auth.m_user.isEmpty() || password.isEmpty())
            return Error{tr("Basic authentication needs a username and a password (on Jira Cloud: the account "
                            "e-mail and an API token)"),
                         auth.m_user.isEmpty() ? tr("username is empty") : tr("password is empty")};
        auth.m_staticHeader = "Basic " + (auth.m_user + QLatin1Char(':') + password).toUtf8().toBase64();
        break;
    }
    case config::JiraAuthType::Token: {
        const QString token = pick(secrets.token, config.token);
        if (token.isEmpty())
            return Error{tr("Token authentication needs a personal access token"), tr("token is empty")};
        auth.m_staticHeader = "Bearer " + token.toUtf8();
        break;
    }
    case config::JiraAuthType::OAuth1: {
        const QString consumerKey = pick(secrets.oauth1ConsumerKey, config.oauth1ConsumerKey);
        const QString accessToken = pick(secrets.oauth1AccessToken, config.oauth1AccessToken);
        const QString pem = pick(secrets.oauth1KeyCert, config.oauth1KeyCert);
        if (consumerKey.isEmpty() || accessToken.isEmpty() || pem.isEmpty())
            return Error{tr("OAuth 1.0a needs a consumer key, an access token and a private key"),
                         consumerKey.isEmpty() ? tr("consumer key is empty")
                                               : accessToken.isEmpty() ? tr("access token is empty")
                                                                       : tr("private key is empty")};
        Result<std::shared_ptr<const OAuth1Signer>> signer = OAuth1Signer::create(consumerKey, accessToken, pem.toUtf8());
        if (!signer)
            return signer.error();
        auth.m_signer = signer.value();
        break;
    }
    }
    return auth;
}

QByteArray JiraAuth::authorizationHeader(const QByteArray &method, const QUrl &url) const
{
    if (m_signer)
        return m_signer->authorizationHeader(method, url);
    return m_staticHeader;
}

QString JiraAuth::describe() const
{
    switch (m_type) {
    case config::JiraAuthType::Basic:
        return tr("basic authentication as %1").arg(m_user);
    case config::JiraAuthType::Token:
        return tr("personal access token");
    case config::JiraAuthType::OAuth1:
        return tr("OAuth 1.0a (RSA-SHA1)");
    }
    return {};
}

} // namespace tbds::jira
