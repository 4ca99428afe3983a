// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace tbds::secrets {

/** What went wrong with a secret operation, typed so callers can react (retry, fall back, ask). */
enum class SecretError {
    None,
    NotFound,     ///< the store answered: there is no secret under this key
    NoBackend,    ///< no keyring daemon, no D-Bus session, or the platform has no keychain
    AccessDenied, ///< the keyring is locked, or the user/OS refused access
    Cancelled,    ///< SecretOperation::cancel() was called (or the owner went away)
    TimedOut,     ///< the store did not answer in time (e.g. an unlock prompt nobody can answer)
    ReadOnly,     ///< the store cannot be written (environment variables)
    Other,        ///< anything else; `cause` carries the backend's words
};

/** Where a secret came from, so the GUI can say "from the keychain" / "from JIRA_PASSWORD". */
enum class SecretSource { None, Keychain, Environment, ConfigFile, Memory };

/**
 * The outcome of one SecretOperation. `secret` is only filled for successful reads and
 * resolutions. There is deliberately no QDebug streaming operator: nothing should be tempted
 * to log a whole result, because the result can hold the secret.
 */
struct SecretResult
{
    SecretError error = SecretError::None;
    /** Admin-readable, translated; empty on success. */
    QString message;
    /** The backend's own words (QtKeychain/libsecret/D-Bus text), never a secret value. */
    QString cause;
    /** The secret (read/resolve only). */
    QString secret;
    SecretSource source = SecretSource::None;
    /** Exactly where: the keychain key, the environment variable, the config file name. */
    QString origin;
    /** Resolver: why earlier sources were skipped (e.g. "the keychain is not available"). */
    QStringList warnings;

    [[nodiscard]] bool ok() const { return error == SecretError::None; }

    /** The result as the project's Error type (message + cause). Only meaningful when !ok(). */
    [[nodiscard]] Error toError() const { return Error{message, cause}; }

    /** "from the keychain", "from JIRA_PASSWORD", "from config.toml", … for the GUI. */
    [[nodiscard]] QString sourceDescription() const;

    [[nodiscard]] static SecretResult success(SecretSource source, const QString &origin,
                                              const QString &secret = {});
    /** A failure; an empty `message` is replaced by standardMessage(error). */
    [[nodiscard]] static SecretResult failure(SecretError error, const QString &cause = {},
                                              const QString &message = {});
    /** The default admin-readable sentence for an error. */
    [[nodiscard]] static QString standardMessage(SecretError error);
    /** A stable English name for logs and test output ("NoBackend"). */
    [[nodiscard]] static QString errorName(SecretError error);

    // Last on purpose: the macro leaves the access specifier at private.
    Q_DECLARE_TR_FUNCTIONS(tbds::secrets::SecretResult)
};

} // namespace tbds::secrets
