// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/configloader.h"
#include "core/secrets/jirasecretkey.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace tbds::secrets {

/**
 * The rules the GUI and `tbds-service` share for a config's Jira secrets in the keychain: which
 * secrets the auth type needs, and which server/auth/user profile names them.
 */
class JiraConfigSecrets final
{
public:
    JiraConfigSecrets() = delete;

    /** The secrets `authType` needs, by config key ("password", "token", "oauth1_…"). */
    [[nodiscard]] static QStringList namesFor(config::JiraAuthType authType);
    /** Every secret key a Jira client config can have. */
    [[nodiscard]] static QStringList allNames();
    /** "basic", "token" or "oauth1", as config.toml spells it. */
    [[nodiscard]] static QString authTypeName(config::JiraAuthType authType);

    /**
     * The Jira settings the service would use, known without the secrets: the config loaded as if
     * every secret were held in the keychain, so a config whose secret lives only there still
     * names its server, auth type and user (a separate client file and JIRA_USERNAME included).
     * nullopt for a JSONL config or when the file has other errors.
     */
    [[nodiscard]] static std::optional<config::JiraClientConfig> profile(const config::LoadResult &probe);
    [[nodiscard]] static config::LoadOptions probeOptions(config::LoadOptions options);

    /** The keychain key of one secret of `jira`. */
    [[nodiscard]] static JiraSecretKey keyFor(const config::JiraClientConfig &jira, const QString &secretName);
};

} // namespace tbds::secrets
