// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace tbds::secrets {

/**
 * The keychain key of one Jira secret:
 *
 *     jira:<server_url>:<auth_type>:<username>:<secret_name>
 *
 * DESIGN.md fixes the `jira:<server_url>:<auth_type>:<username>` part; the secret name is a
 * fifth segment because one profile holds several independent secrets (OAuth 1.0a alone needs
 * the access token, its secret, the consumer key and the private key). One keychain entry per
 * secret lets `set-credentials` and the GUI change one without rewriting the others, and keeps
 * each entry readable in Seahorse / `secret-tool`.
 *
 * Normalisation, so that cosmetic differences in config.toml do not "lose" a stored secret:
 * - server_url: trimmed; scheme and host lower case (QUrl); user info, query, fragment, default
 *   port and trailing slashes dropped. "https://JIRA.example.com:443/" → "https://jira.example.com".
 *   A string QUrl cannot parse as scheme://host is only trimmed and stripped of trailing '/'.
 * - auth_type and secret_name: trimmed, lower case (config.toml spelling: basic, token, oauth1;
 *   password, token, oauth1_access_token, …).
 * - username: kept as is (case included) except that '%' and ':' are percent-encoded, so the key
 *   can be split from the right without ambiguity even though URLs contain ':'. Token auth may
 *   have an empty username: "jira:https://j.example.com:token::token".
 */
struct JiraSecretKey
{
    QString serverUrl;
    QString authType;
    QString username;
    QString secretName;

    /** The normalised key string (see above). */
    [[nodiscard]] QString toString() const;

    /** Splits a key made by toString(); nullopt if it is not a Jira key. Fields come back normalised. */
    [[nodiscard]] static std::optional<JiraSecretKey> parse(const QString &key);

    [[nodiscard]] static QString normalisedServerUrl(const QString &serverUrl);

    friend bool operator==(const JiraSecretKey &, const JiraSecretKey &) = default;
};

} // namespace tbds::secrets
