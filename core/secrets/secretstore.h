// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/secretoperation.h"
#include "core/secrets/secretresult.h"

#include <QObject>
#include <QString>

#include <chrono>

namespace tbds::secrets {

/**
 * A place secrets live: the OS keychain, the process environment, memory.
 *
 * read()/write()/remove() return at once with a SecretOperation that finishes exactly once,
 * asynchronously, with a typed SecretResult (see SecretOperation for the guarantees). The
 * public calls are not virtual: this class creates the operation and arms its timeout, so no
 * store implementation can forget the deadline; subclasses only start the work.
 *
 * Like every QObject with pending work, a store and its operations belong to one thread, which
 * must run an event loop (QtKeychain queues its jobs; libsecret answers through GLib's loop,
 * which Qt's default dispatcher on Linux runs).
 *
 * Usage:
 *     auto *op = store->read(key);
 *     connect(op, &SecretOperation::finished, this, [](const SecretResult &r) { … });
 */
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    /** A locked keyring's unlock prompt may never come back; 30 s is long enough for a human. */
    static constexpr std::chrono::milliseconds DefaultTimeout{30'000};

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    [[nodiscard]] SecretOperation *read(const QString &key);
    [[nodiscard]] SecretOperation *write(const QString &key, const QString &secret);
    [[nodiscard]] SecretOperation *remove(const QString &key);

    /** Which kind of source this is, for SecretResult::source and the GUI. */
    [[nodiscard]] virtual SecretSource source() const = 0;
    [[nodiscard]] virtual bool isReadOnly() const { return false; }

    /** Deadline for operations started from now on; zero or negative restores the default. */
    void setTimeout(std::chrono::milliseconds timeout);
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }

protected:
    /**
     * Start the work and eventually call op->finish(). Calling it synchronously is fine (the
     * signal is delivered later). Only called with a non-empty key.
     */
    virtual void startRead(SecretOperation *op) = 0;
    virtual void startWrite(SecretOperation *op, const QString &secret) = 0;
    virtual void startRemove(SecretOperation *op) = 0;

private:
    [[nodiscard]] SecretOperation *begin(SecretOperation::Kind kind, const QString &key);

    std::chrono::milliseconds m_timeout = DefaultTimeout;
};

} // namespace tbds::secrets
