// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/serviceconfig.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace tbds::jira {

class OAuth1Signer;

/**
 * Secrets that replace the config's values when set, e.g. read from the OS keychain by the GUI.
 * Unset members fall back to the config (which already merged environment variables).
 */
struct JiraSecrets
{
    std::optional<QString> username;
    std::optional<QString> password;
    std::optional<QString> token;
    std::optional<QString> oauth1AccessToken;
    std::optional<QString> oauth1AccessTokenSecret;
    std::optional<QString> oauth1ConsumerKey;
    std::optional<QString> oauth1KeyCert; ///< PEM text
};

/**
 * Produces the `Authorization` header for each attempt. Jira never sends a usable challenge
 * (contract §2.3), so the header is always sent up front: Basic (Cloud e-mail + API token, DC user
 * + password), Bearer (DC personal access token) or an OAuth 1.0a RSA-SHA1 signature, which must
 * be computed per attempt because it covers method, URL, nonce and timestamp.
 *
 * Holds secrets: never log its header; describe() is the loggable summary.
 */
class JiraAuth
{
public:
    [[nodiscard]] static Result<JiraAuth> create(const config::JiraClientConfig &config, const JiraSecrets &secrets = {});

    [[nodiscard]] config::JiraAuthType type() const { return m_type; }
    [[nodiscard]] QByteArray authorizationHeader(const QByteArray &method, const QUrl &url) const;
    /** "basic auth as alice@example.com", without any secret. */
    [[nodiscard]] QString describe() const;
    /** The configured user name (basic auth); empty otherwise. */
    [[nodiscard]] QString userName() const { return m_user; }

private:
    JiraAuth() = default;

    config::JiraAuthType m_type = config::JiraAuthType::Basic;
    QString m_user;
    QByteArray m_staticHeader; ///< Basic or Bearer, computed once
    std::shared_ptr<const OAuth1Signer> m_signer;
};

} // namespace tbds::jira
