// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/jirasecretkey.h"
#include "core/secrets/secretoperation.h"
#include "core/secrets/secretstore.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

namespace tbds::secrets {

/**
 * Finds a Jira secret in DESIGN.md's order: the OS keychain, then environment variables, then
 * the value written in the config file; and says which one it used.
 *
 * The result's `source`/`origin` name the winner (sourceDescription() gives "from the keychain",
 * "from JIRA_PASSWORD", "from config.toml"). A keychain that is missing, locked or slow does not
 * stop the search, since headless machines without a keyring must work with the environment or
 * the file; its problem is kept in `warnings` so the GUI can still show it. Nothing found gives
 * SecretError::NotFound naming all three places.
 *
 * The resolution itself has no deadline of its own: each store read has one, so the whole is
 * bounded by their sum. Cancelling the returned operation cancels the store read in flight.
 */
class SecretResolver : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretResolver)

public:
    /** Either store may be null (skipped): e.g. a headless service that never uses a keychain. */
    SecretResolver(SecretStore *keychain, SecretStore *environment, QObject *parent = nullptr);
    ~SecretResolver() override;

    /** How the config file is named in messages and SecretResult::origin; default "config.toml". */
    void setConfigFileName(const QString &name) { m_configFileName = name; }
    [[nodiscard]] const QString &configFileName() const { return m_configFileName; }

    /**
     * `configValue` is what the config file itself says (not a value the loader already took
     * from the environment); nullopt or empty means the file has none.
     */
    [[nodiscard]] SecretOperation *resolve(const JiraSecretKey &key,
                                           const std::optional<QString> &configValue = std::nullopt);

private:
    struct Resolution;
    void tryStore(SecretOperation *outer, const std::shared_ptr<Resolution> &state, int stage);
    void finishWithConfig(SecretOperation *outer, const std::shared_ptr<Resolution> &state);

    QPointer<SecretStore> m_keychain;
    QPointer<SecretStore> m_environment;
    QString m_configFileName = QStringLiteral("config.toml");
};

} // namespace tbds::secrets
