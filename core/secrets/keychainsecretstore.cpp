// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/keychainsecretstore.h"

#include "core/secrets/jirasecretkey.h"

#include <qt6keychain/keychain.h>

namespace tbds::secrets {

namespace {

/**
 * QtKeychain 0.13 reports "no session bus", "no Secret Service on the bus" and "no login
 * collection" as OtherError with GLib's or Qt D-Bus's text (platform-facts §2.2, e.g. "Cannot
 * autolaunch D-Bus without X11 $DISPLAY"; KWallet does the same, as Nextcloud notes). These
 * mean "no usable keyring here", which the admin fixes by starting/unlocking one.
 */
bool looksLikeMissingBackend(const QString &text)
{
    static const char *const markers[] = {
        "D-Bus",                   // GLib: "Cannot autolaunch D-Bus without X11 $DISPLAY"
        "DBus",                    // org.freedesktop.DBus.Error.*, GDBus.Error:…
        "dbus",                    // Qt D-Bus and address errors
        "org.freedesktop.secrets", // "The name org.freedesktop.secrets was not provided by any .service files"
        "/org/freedesktop/secrets", // "Object does not exist at path …/collection/login"
        "kwalletd",
        "Could not connect",       // GIO: the bus address points nowhere
    };
    for (const char *marker : markers) {
        if (text.contains(QLatin1String(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

/** Never delete a running job: libsecret's callbacks hold a raw pointer to it. AutoDelete cleans up. */
template<typename Job>
Job *newJob(const QString &service, const QString &key)
{
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plaintext, whatever the library's default becomes
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent) : KeychainSecretStore(defaultService(), parent) {}

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::defaultService()
{
    return QStringLiteral("tbds");
}

QString KeychainSecretStore::jiraKey(const QString &serverUrl, const QString &authType,
                                     const QString &username, const QString &secretName)
{
    return JiraSecretKey{serverUrl, authType, username, secretName}.toString();
}

SecretResult KeychainSecretStore::resultForKeychainError(int code, const QString &errorString)
{
    switch (static_cast<QKeychain::Error>(code)) {
    case QKeychain::NoError:
        return SecretResult::success(SecretSource::Keychain, {});
    case QKeychain::EntryNotFound:
        return SecretResult::failure(SecretError::NotFound, errorString,
                                     tr("The keychain has no secret under this name"));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretResult::failure(SecretError::AccessDenied, errorString);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretResult::failure(SecretError::NoBackend, errorString);
    case QKeychain::CouldNotDeleteEntry:
        return SecretResult::failure(SecretError::Other, errorString,
                                     tr("The secret could not be deleted from the keychain"));
    case QKeychain::OtherError:
        break;
    }
    if (looksLikeMissingBackend(errorString))
        return SecretResult::failure(SecretError::NoBackend, errorString);
    return SecretResult::failure(SecretError::Other, errorString);
}

void KeychainSecretStore::startRead(SecretOperation *op)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, op->key());
    // Context `op`: if the operation is gone (delivered after a timeout), the late answer is dropped.
    connect(job, &QKeychain::Job::finished, op, [op, job] {
        SecretResult r = resultForKeychainError(job->error(), job->errorString());
        if (r.ok()) {
            r.origin = op->key();
            r.secret = job->textData();
        }
        op->finish(std::move(r));
    });
    job->start();
}

void KeychainSecretStore::startWrite(SecretOperation *op, const QString &secret)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, op->key());
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, op, [op, job] {
        SecretResult r = resultForKeychainError(job->error(), job->errorString());
        if (r.ok())
            r.origin = op->key();
        op->finish(std::move(r));
    });
    job->start();
}

void KeychainSecretStore::startRemove(SecretOperation *op)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, op->key());
    connect(job, &QKeychain::Job::finished, op, [op, job] {
        SecretResult r = resultForKeychainError(job->error(), job->errorString());
        // libsecret says NoError for a missing entry, other backends EntryNotFound: removing
        // what is not there is not an error on any platform.
        if (r.error == SecretError::NotFound)
            r = SecretResult::success(SecretSource::Keychain, {});
        if (r.ok())
            r.origin = op->key();
        op->finish(std::move(r));
    });
    job->start();
}

} // namespace tbds::secrets
