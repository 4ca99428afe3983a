// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/secretstore.h"

namespace tbds::secrets {

/**
 * The OS keychain through QtKeychain: Secret Service (GNOME Keyring, KWallet, KeePassXC) on
 * Linux, Keychain on macOS, Credential Manager on Windows. Service name "tbds"; keys are
 * JiraSecretKey strings (see jiraKey()).
 *
 * Never stores plaintext: QtKeychain's insecure fallback stays off, so a machine without a
 * keyring gets SecretError::NoBackend and the caller decides (environment variables, the
 * config file, or a session-only MemorySecretStore), with the admin told which.
 *
 * QtKeychain runs one job at a time (a global queue), so a job stuck behind an unanswered
 * unlock prompt delays every later one; each operation still times out on its own deadline.
 */
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);
    /** Another service name: tests, or side-by-side installs. */
    explicit KeychainSecretStore(const QString &service, QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    [[nodiscard]] SecretSource source() const override { return SecretSource::Keychain; }
    [[nodiscard]] const QString &service() const { return m_service; }

    /** The default service name, "tbds". */
    [[nodiscard]] static QString defaultService();

    /** `jira:<server_url>:<auth_type>:<username>:<secret_name>`, normalised (JiraSecretKey). */
    [[nodiscard]] static QString jiraKey(const QString &serverUrl, const QString &authType,
                                         const QString &username, const QString &secretName);

    /**
     * Maps a QtKeychain outcome (`code` is a QKeychain::Error value, `errorString` its text) to
     * a SecretResult. Public so the mapping can be tested without a keyring: QtKeychain reports
     * a missing D-Bus session or Secret Service as OtherError, which is recognised from the
     * text and reported as NoBackend.
     */
    [[nodiscard]] static SecretResult resultForKeychainError(int code, const QString &errorString);

protected:
    void startRead(SecretOperation *op) override;
    void startWrite(SecretOperation *op, const QString &secret) override;
    void startRemove(SecretOperation *op) override;

private:
    QString m_service;
};

} // namespace tbds::secrets
