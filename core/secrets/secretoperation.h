// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/secretresult.h"

#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

namespace tbds::secrets {

/**
 * One asynchronous read, write, remove or resolution, in the style of QNetworkReply.
 *
 * Guarantees, whatever the store does:
 * - `finished` is emitted exactly once, and always from the event loop, never from inside
 *   SecretStore::read()/write()/remove() or cancel(); so connecting right after the call is safe.
 * - the operation deletes itself (deleteLater) after emitting `finished`; keep a QPointer to it
 *   if you may want to cancel() later.
 * - with a timeout set, the operation finishes with SecretError::TimedOut when the store has not
 *   answered in time. The backend request itself may still complete later (a QtKeychain job
 *   cannot be aborted); its late answer is ignored. A timed-out or cancelled *write* can
 *   therefore still land in the keyring.
 *
 * Operations have no parent, so they may outlive the store that started them.
 */
class SecretOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretOperation)

public:
    enum class Kind { Read, Write, Remove, Resolve };
    Q_ENUM(Kind)

    SecretOperation(Kind kind, const QString &key);
    ~SecretOperation() override;

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] const QString &key() const { return m_key; }
    /** True once a result is recorded (even if `finished` has not been delivered yet). */
    [[nodiscard]] bool isFinished() const { return m_done; }
    /** The recorded result; meaningful once isFinished(). */
    [[nodiscard]] const SecretResult &result() const { return m_result; }

    /** Starts (or restarts) the deadline. Zero or negative means no deadline. */
    void setTimeout(std::chrono::milliseconds timeout);

    /**
     * Records the result, unless one is recorded already (then it is ignored and false is
     * returned). Called by stores; this is where "exactly once" is enforced.
     */
    bool finish(SecretResult result);

public Q_SLOTS:
    /** Finishes with SecretError::Cancelled unless already finished. */
    void cancel();

Q_SIGNALS:
    void finished(const tbds::secrets::SecretResult &result);

private:
    void deliver();

    Kind m_kind;
    QString m_key;
    bool m_done = false;
    SecretResult m_result;
    QTimer *m_timer = nullptr;
    std::chrono::milliseconds m_timeout{0};
};

} // namespace tbds::secrets
