// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/secretstore.h"

#include <QProcessEnvironment>

namespace tbds::secrets {

/**
 * Read-only secrets from environment variables, the reference service's way and the way for
 * headless machines without a keyring:
 *
 *     username                    JIRA_USERNAME
 *     password                    JIRA_PASSWORD
 *     token                       JIRA_BEARER_TOKEN
 *     oauth1_access_token         JIRA_OAUTH1_ACCESS_TOKEN
 *     oauth1_access_token_secret  JIRA_OAUTH1_ACCESS_TOKEN_SECRET
 *     oauth1_consumer_key         JIRA_OAUTH1_CONSUMER_KEY
 *     oauth1_key_cert             JIRA_OAUTH1_KEY_CERT
 *
 * A key is either such a secret name or a full Jira key (JiraSecretKey); environment variables
 * are not per server, so only the secret name counts. An empty variable counts as unset, as in
 * the config loader. write() and remove() finish with SecretError::ReadOnly.
 */
class EnvironmentSecretStore : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentSecretStore)

public:
    /** Reads the process environment as it is when each read() runs. */
    explicit EnvironmentSecretStore(QObject *parent = nullptr);
    /** Reads a fixed environment (tests, or a service started with an explicit environment). */
    explicit EnvironmentSecretStore(const QProcessEnvironment &environment, QObject *parent = nullptr);
    ~EnvironmentSecretStore() override;

    [[nodiscard]] SecretSource source() const override { return SecretSource::Environment; }
    [[nodiscard]] bool isReadOnly() const override { return true; }

    /** "JIRA_PASSWORD" for "password" or "jira:…:password"; empty if no variable is defined. */
    [[nodiscard]] static QString variableFor(const QString &keyOrSecretName);

protected:
    void startRead(SecretOperation *op) override;
    void startWrite(SecretOperation *op, const QString &secret) override;
    void startRemove(SecretOperation *op) override;

private:
    void refuse(SecretOperation *op);

    bool m_useSystemEnvironment;
    QProcessEnvironment m_environment;
};

} // namespace tbds::secrets
