// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/secretresult.h"

namespace tbds::secrets {

QString SecretResult::sourceDescription() const
{
    switch (source) {
    case SecretSource::Keychain:
        return tr("from the keychain");
    case SecretSource::Environment:
        return origin.isEmpty() ? tr("from the environment") : tr("from %1").arg(origin);
    case SecretSource::ConfigFile:
        return origin.isEmpty() ? tr("from the configuration file") : tr("from %1").arg(origin);
    case SecretSource::Memory:
        return tr("from this session only (not saved)");
    case SecretSource::None:
        break;
    }
    return tr("not set");
}

SecretResult SecretResult::success(SecretSource source, const QString &origin, const QString &secret)
{
    SecretResult r;
    r.source = source;
    r.origin = origin;
    r.secret = secret;
    return r;
}

SecretResult SecretResult::failure(SecretError error, const QString &cause, const QString &message)
{
    SecretResult r;
    r.error = error;
    r.cause = cause;
    r.message = message.isEmpty() ? standardMessage(error) : message;
    return r;
}

QString SecretResult::standardMessage(SecretError error)
{
    switch (error) {
    case SecretError::None:
        return {};
    case SecretError::NotFound:
        return tr("No secret is stored under this name");
    case SecretError::NoBackend:
        return tr("No keyring is available (is a Secret Service such as GNOME Keyring or KWallet "
                  "running and unlocked?)");
    case SecretError::AccessDenied:
        return tr("Access to the keyring was denied (is it locked, or was the request refused?)");
    case SecretError::Cancelled:
        return tr("The keyring request was cancelled");
    case SecretError::TimedOut:
        return tr("Waiting for the keyring timed out (a locked keyring may be waiting for a password "
                  "prompt that nobody can answer)");
    case SecretError::ReadOnly:
        return tr("This secret store is read-only");
    case SecretError::Other:
        break;
    }
    return tr("The keyring reported an error");
}

QString SecretResult::errorName(SecretError error)
{
    switch (error) {
    case SecretError::None: return QStringLiteral("None");
    case SecretError::NotFound: return QStringLiteral("NotFound");
    case SecretError::NoBackend: return QStringLiteral("NoBackend");
    case SecretError::AccessDenied: return QStringLiteral("AccessDenied");
    case SecretError::Cancelled: return QStringLiteral("Cancelled");
    case SecretError::TimedOut: return QStringLiteral("TimedOut");
    case SecretError::ReadOnly: return QStringLiteral("ReadOnly");
    case SecretError::Other: break;
    }
    return QStringLiteral("Other");
}

} // namespace tbds::secrets
