// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class QThreadPool;

namespace tbds::service {

/** The outcome of checking one request's credentials. */
struct AuthResult
{
    enum class Kind { Accepted, Rejected, Throttled, Misconfigured };
    Kind kind = Kind::Rejected;
    QString user;          // the user name when accepted (for the request log)
    QString message;       // the reference's 401/500 messages
    int retryAfterSeconds = 0;

    [[nodiscard]] bool accepted() const { return kind == Kind::Accepted; }
};

/**
 * HTTP Basic authentication against the reference's password_hash/salt (contract §4).
 * PBKDF2 with 100 000 iterations costs tens of milliseconds, so verification runs on a worker
 * thread and verified credentials are cached (as a SHA-256 digest, never in clear). Repeated
 * failures from one client address are throttled: after `maxFailures` within `window` the client
 * gets 429 with Retry-After until the oldest failure ages out, without another hash being paid.
 */
class BasicAuthenticator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BasicAuthenticator)

public:
    BasicAuthenticator(std::optional<QString> passwordHash, std::optional<QString> salt, QObject *parent = nullptr);
    ~BasicAuthenticator() override;

    void setThrottle(int maxFailures, std::chrono::seconds window);

    /**
     * Checks an Authorization header value from `clientAddress`. `done` runs exactly once on
     * this object's thread (possibly before authenticate() returns, for cache hits and
     * malformed headers); it is dropped if this object is destroyed first.
     */
    void authenticate(const QByteArray &authorization, const QString &clientAddress,
                      std::function<void(const AuthResult &)> done);

private:
    struct Failures
    {
        QList<QDateTime> times;
    };
    void recordFailure(const QString &clientAddress);
    [[nodiscard]] int throttledFor(const QString &clientAddress);

    std::optional<QString> m_hash;
    std::optional<QString> m_salt;
    QSet<QByteArray> m_verified; // sha256(user \0 password) of accepted credentials
    QHash<QString, Failures> m_failures;
    int m_maxFailures = 10;
    std::chrono::seconds m_window{60};
    QThreadPool *m_pool = nullptr;
};

} // namespace tbds::service
