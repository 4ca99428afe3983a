// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/secrets/jirasecretkey.h"
#include "core/secrets/secretresult.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <optional>

namespace tbds::secrets {
class SecretOperation;
class SecretStore;
} // namespace tbds::secrets

namespace tbds::ui {

class ConfigDocument;

/**
 * Brings the Jira secrets the open config needs in from the OS keychain, so that everything
 * working from the document's validated config (the Jira pages, the in-process engine, the
 * configuration findings) sees them like a value written in the file.
 *
 * The lookup starts when a Jira config is opened and again whenever its server URL, auth type or
 * user changes (the keychain key is made of those). It is asynchronous and one secret after the
 * other; a keyring behind an unlock prompt only delays it. What the keychain holds goes to
 * ConfigDocument::setExternalSecrets() in one step, so the config is validated once per round.
 * Values live in memory only and are dropped when the profile changes.
 *
 * The keychain is consulted at open, not only when the Credentials page is shown: the keychain
 * comes first in DESIGN.md's order, and a config whose secret lives only there would otherwise be
 * shown as broken and could not be tested or served. The OS may ask once to unlock the keyring,
 * as it does for any keychain client.
 */
class JiraSecrets final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JiraSecrets)

public:
    /** `keychain` is not owned and may be null (no keychain: nothing is ever looked up). */
    JiraSecrets(ConfigDocument *document, secrets::SecretStore *keychain, QObject *parent = nullptr);
    ~JiraSecrets() override;

    /** True when the document's client is Jira (by the validated config, else by the text). */
    [[nodiscard]] static bool isJira(const ConfigDocument &document);
    /**
     * server_url, auth_type or username as the service will use them: from
     * ConfigDocument::jiraSettings() (a separate client file and JIRA_* included), else from the
     * text when the file has other errors.
     */
    [[nodiscard]] static QString jiraSetting(const ConfigDocument &document, const QString &key);
    /** The secrets the configured auth type needs, by config key ("password", "token", …). */
    [[nodiscard]] static QStringList secretNames(const ConfigDocument &document);
    /** The keychain key of one secret; nullopt for JSONL or without server_url. */
    [[nodiscard]] static std::optional<secrets::JiraSecretKey> keyFor(const ConfigDocument &document,
                                                                      const QString &secretName);

    /** True while a lookup round runs. */
    [[nodiscard]] bool isBusy() const { return m_round; }
    /** The last round's keychain trouble (no keyring, locked, timed out), admin-readable; empty if none. */
    [[nodiscard]] QString problem() const { return m_problem; }
    /** Names of the secrets the last rounds found in the keychain. */
    [[nodiscard]] QStringList foundNames() const { return m_values.keys(); }

    /** Looks every secret up again (e.g. after the keyring was unlocked). */
    void refresh();
    /**
     * Takes the answer of a lookup made elsewhere (the Credentials page resolves, stores and
     * removes on its own queue) for `secretName` of the current profile.
     */
    void take(const QString &secretName, const secrets::SecretResult &result);

Q_SIGNALS:
    void busyChanged(bool busy);
    /** A lookup round ended; problem() tells whether the keychain had trouble. */
    void finished();

private:
    void documentChanged();
    void lookUpNext();
    void publish();
    [[nodiscard]] QString profile() const;

    ConfigDocument *m_document;
    QPointer<secrets::SecretStore> m_keychain;
    QString m_profile;
    QStringList m_pending;
    QPointer<secrets::SecretOperation> m_current;
    QMap<QString, QString> m_values;
    QString m_problem;
    QStringList m_roundProblems;
    bool m_round = false;
};

} // namespace tbds::ui
