// SPDX-License-Identifier: Apache-2.0
#include "core/service/basicauthenticator.h"

#include "core/common/logging.h"
#include "core/config/passwordhasher.h"

#include <QCryptographicHash>
#include <QPointer>
#include <QProcessEnvironment>
#include <QThreadPool>

namespace tbds::service {

namespace {

const QString MissingHeader = QStringLiteral("Missing or invalid Authorization header");
const QString BadFormat = QStringLiteral("Invalid Authorization header format");
const QString BadCredentials = QStringLiteral("Invalid credentials");
const QString Misconfigured = QStringLiteral("Invalid server configuration.");
constexpr int MaxCachedCredentials = 64;

QByteArray digest(const QString &user, const QString &password)
{
    return QCryptographicHash::hash(user.toUtf8() + '\0' + password.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace

BasicAuthenticator::BasicAuthenticator(std::optional<QString> passwordHash, std::optional<QString> salt, QObject *parent)
    : QObject(parent), m_hash(std::move(passwordHash)), m_salt(std::move(salt)), m_pool(new QThreadPool(this))
{
    // Two hashes at a time keep a burst of bad logins from starving the engine's other work.
    m_pool->setMaxThreadCount(2);
}

BasicAuthenticator::~BasicAuthenticator()
{
    m_pool->waitForDone();
}

void BasicAuthenticator::setThrottle(int maxFailures, std::chrono::seconds window)
{
    m_maxFailures = maxFailures;
    m_window = window;
}

int BasicAuthenticator::throttledFor(const QString &clientAddress)
{
    auto it = m_failures.find(clientAddress);
    if (it == m_failures.end())
        return 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime cutoff = now.addSecs(-qint64(m_window.count()));
    while (!it->times.isEmpty() && it->times.constFirst() <= cutoff)
        it->times.removeFirst();
    if (it->times.isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (it->times.size() < m_maxFailures)
        return 0;
    const qint64 wait = now.secsTo(it->times.constFirst().addSecs(qint64(m_window.count())));
    return int(qMax<qint64>(1, wait));
}

void BasicAuthenticator::recordFailure(const QString &clientAddress)
{
    Failures &f = m_failures[clientAddress];
    f.times.append(QDateTime::currentDateTimeUtc());
    while (f.times.size() > m_maxFailures)
        f.times.removeFirst();
    // Never the password, and not the user name either: it is often a mistyped password.
    qCWarning(lcAuth).noquote() << QStringLiteral("authentication failed for client %1 (%2 failure(s) in the last %3 s)")
                                       .arg(clientAddress)
                                       .arg(f.times.size())
                                       .arg(m_window.count());
}

void BasicAuthenticator::authenticate(const QByteArray &authorization, const QString &clientAddress,
                                      std::function<void(const AuthResult &)> done)
{
    if (const int wait = throttledFor(clientAddress); wait > 0) {
        done({AuthResult::Kind::Throttled, {},
              QStringLiteral("Too many failed login attempts. Try again in %1 seconds.").arg(wait), wait});
        return;
    }
    // Header checks come first and are exact (contract §1.3): case-sensitive "Basic ".
    if (!authorization.startsWith("Basic ")) {
        done({AuthResult::Kind::Rejected, {}, MissingHeader, 0});
        return;
    }
    const QList<QByteArray> tokens = authorization.split(' ');
    const QByteArray token = tokens.size() > 1 ? tokens[1] : QByteArray();
    const std::optional<QByteArray> decoded = config::PasswordHasher::lenientBase64(token);
    const QString text = decoded ? QString::fromUtf8(*decoded) : QString();
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (token.isEmpty() || !decoded || colon < 0 || text.toUtf8() != *decoded) {
        recordFailure(clientAddress);
        done({AuthResult::Kind::Rejected, {}, BadFormat, 0});
        return;
    }
    const QString user = text.left(colon);
    const QString password = text.mid(colon + 1);

    if (!m_hash || m_hash->isEmpty() || !m_salt || m_salt->isEmpty()) {
        done({AuthResult::Kind::Misconfigured, {}, Misconfigured, 0});
        return;
    }
    const QByteArray key = digest(user, password);
    if (m_verified.contains(key)) {
        done({AuthResult::Kind::Accepted, user, {}, 0});
        return;
    }

    QPointer<BasicAuthenticator> self(this);
    const QString hash = *m_hash;
    const QString salt = *m_salt;
    m_pool->start([self, hash, salt, user, password, key, clientAddress, done = std::move(done)]() mutable {
        AuthResult result;
        const Result<QByteArray> pepper = config::PasswordHasher::pepperFrom(QProcessEnvironment::systemEnvironment());
        if (!pepper) {
            result = {AuthResult::Kind::Misconfigured, {}, Misconfigured, 0};
        } else {
            const Result<bool> ok = config::PasswordHasher::verify(user, password, hash, salt, pepper.value());
            if (!ok)
                result = {AuthResult::Kind::Misconfigured, {}, Misconfigured, 0};
            else if (ok.value())
                result = {AuthResult::Kind::Accepted, user, {}, 0};
            else
                result = {AuthResult::Kind::Rejected, {}, BadCredentials, 0};
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, result, key, clientAddress, done = std::move(done)] {
                if (!self)
                    return;
                if (result.kind == AuthResult::Kind::Accepted) {
                    if (self->m_verified.size() >= MaxCachedCredentials)
                        self->m_verified.clear();
                    self->m_verified.insert(key);
                    self->m_failures.remove(clientAddress);
                } else if (result.kind == AuthResult::Kind::Rejected) {
                    self->recordFailure(clientAddress);
                } else {
                    qCCritical(lcAuth) << "the service's password_hash/salt or PASSWORD_PEPPER is invalid";
                }
                done(result);
            },
            Qt::QueuedConnection);
    });
}

} // namespace tbds::service
