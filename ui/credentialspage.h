// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/jirasecretkey.h"

#include <QList>
#include <QMap>
#include <QPointer>
#include <QWidget>

#include <optional>

class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QGridLayout;

namespace tbds::secrets {
class SecretOperation;
class SecretResolver;
class SecretStore;
struct SecretResult;
} // namespace tbds::secrets

namespace tbds::ui {

class ConfigDocument;
class JiraSecrets;

/**
 * Where the credentials live: the Jira secrets of the open config (password/API token, personal
 * access token, OAuth 1.0a token, secret, consumer key and private key) in the OS keychain, and
 * the Basic credentials TestBench logs in with, stored as password_hash + salt in the config.
 *
 * Keychain calls are asynchronous and may hang behind an unlock prompt, so the page shows a
 * "waiting for the keyring" state with a Cancel button and never blocks. For each secret it says
 * where the value currently comes from (keychain, environment variable, config.toml), because a
 * value found in JIRA_PASSWORD silently wins over nothing else and admins ask "which one is used?".
 * A secret reaches config.toml only through the separate, clearly labelled "Write to config.toml"
 * action, as an undoable document edit that is saved like every other edit.
 */
class CredentialsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialsPage)

public:
    /**
     * `keychain` and `environment` are the stores to use; null creates the defaults (the OS
     * keychain under service "tbds" and the process environment). Tests pass their own.
     */
    CredentialsPage(ConfigDocument *document, secrets::SecretStore *keychain = nullptr,
                    secrets::SecretStore *environment = nullptr, QWidget *parent = nullptr);
    ~CredentialsPage() override;

    /** The Jira secrets the configured auth type needs, by config key ("password", "token", …). */
    [[nodiscard]] QStringList secretNames() const;
    /** The keychain key of one secret for the open config; nullopt for JSONL or without server_url. */
    [[nodiscard]] std::optional<secrets::JiraSecretKey> keyFor(const QString &secretName) const;
    /** The last "from …" text shown for a secret. */
    [[nodiscard]] QString sourceText(const QString &secretName) const;
    /** True while a keychain operation runs (the waiting state is visible). */
    [[nodiscard]] bool isBusy() const;
    /** Brings the keychain's secrets into the document from the moment a Jira config is opened. */
    [[nodiscard]] JiraSecrets *jiraSecrets() const { return m_jiraSecrets; }

    /** Looks up where every secret comes from (keychain, environment, config.toml). */
    void refresh();
    /** Stores `value` in the keychain under the secret's key; refreshes afterwards. */
    void storeSecret(const QString &secretName, const QString &value);
    /** Stores several secrets one after the other (e.g. those the "new config" wizard asked for). */
    void storeSecrets(const QMap<QString, QString> &secrets);
    void removeSecret(const QString &secretName);
    /** Puts the typed secret into config.toml (plain text), after the user confirmed. */
    void writeSecretToConfig(const QString &secretName);
    /** Cancels the keychain operation in flight and everything queued behind it. */
    void cancel();
    /** Hashes user + password (typed twice) into password_hash and salt, as one undoable edit. */
    bool setServiceCredentials();

protected:
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    /** A line for the application log (never with a secret in it). */
    void message(const QString &text);
    /** Every keychain operation's end, for tests and the log. */
    void operationFinished(const QString &secretName, const tbds::secrets::SecretResult &result);
    /** After a refresh() has resolved every secret. */
    void refreshed();

private:
    struct Row
    {
        QString name;
        QLabel *label = nullptr;
        QLabel *source = nullptr;
        QLineEdit *edit = nullptr;
        QPushButton *store = nullptr;
        QPushButton *remove = nullptr;
        QPushButton *writeConfig = nullptr;
        QString sourceText;
    };
    /** One queued keychain step; run strictly one after the other (QtKeychain has one queue anyway). */
    struct Step
    {
        enum class Kind { Resolve, Store, Remove } kind;
        QString secretName;
        QString value;
    };

    void rebuild();
    void enqueue(Step step);
    void runNext();
    void stepFinished(const Step &step, const secrets::SecretResult &result);
    void setBusy(bool busy, const QString &what = {});
    void showError(const QString &text);
    void updateServiceStatus();
    [[nodiscard]] Row *row(const QString &secretName);
    [[nodiscard]] std::optional<QString> configValue(const QString &secretName) const;
    [[nodiscard]] bool isJira() const;
    [[nodiscard]] bool clientIsEditable() const;
    /** The file a secret written "to config.toml" lands in: the config, or its separate client file. */
    [[nodiscard]] QString clientFileName() const;
    [[nodiscard]] QString jiraSetting(const QString &key) const;
    [[nodiscard]] static QString labelFor(const QString &secretName);

    ConfigDocument *m_document;
    secrets::SecretStore *m_keychain;
    secrets::SecretStore *m_environment;
    secrets::SecretResolver *m_resolver;
    JiraSecrets *m_jiraSecrets;
    QList<Step> m_queue;
    QPointer<secrets::SecretOperation> m_current;
    bool m_refreshPending = false;
    bool m_stale = false; ///< rows changed while hidden; look up when shown
    QString m_profile; ///< server|auth|user the rows were built for

    QLabel *m_jiraSummary = nullptr;
    QGroupBox *m_secretsBox = nullptr;
    QGridLayout *m_grid = nullptr;
    QList<Row> m_rows;
    QWidget *m_waiting = nullptr;
    QLabel *m_waitingLabel = nullptr;
    QProgressBar *m_waitingBar = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_refresh = nullptr;
    QLabel *m_error = nullptr;

    QLabel *m_serviceStatus = nullptr;
    QLineEdit *m_serviceUser = nullptr;
    QLineEdit *m_servicePassword = nullptr;
    QLineEdit *m_servicePasswordRepeat = nullptr;
    QPushButton *m_serviceSet = nullptr;
    QLabel *m_serviceResult = nullptr;
};

} // namespace tbds::ui
