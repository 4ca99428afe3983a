// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/secretoperation.h"

#include "core/common/logging.h"

#include <QMetaObject>
#include <QTimer>

namespace tbds::secrets {

namespace {

const char *kindName(SecretOperation::Kind kind)
{
    switch (kind) {
    case SecretOperation::Kind::Read: return "read";
    case SecretOperation::Kind::Write: return "write";
    case SecretOperation::Kind::Remove: return "remove";
    case SecretOperation::Kind::Resolve: return "resolve";
    }
    return "?";
}

} // namespace

SecretOperation::SecretOperation(Kind kind, const QString &key) : m_kind(kind), m_key(key) {}

SecretOperation::~SecretOperation() = default;

void SecretOperation::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    if (m_done)
        return;
    if (timeout.count() <= 0) {
        if (m_timer)
            m_timer->stop();
        return;
    }
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, [this] {
            const auto seconds = std::chrono::duration_cast<std::chrono::duration<double>>(m_timeout);
            finish(SecretResult::failure(
                SecretError::TimedOut,
                SecretResult::tr("no answer after %1 s").arg(seconds.count(), 0, 'g', 3)));
        });
    }
    m_timer->start(timeout);
}

bool SecretOperation::finish(SecretResult result)
{
    if (m_done)
        return false;
    m_done = true;
    if (m_timer)
        m_timer->stop();
    m_result = std::move(result);
    // Key names are not secret (server, auth type, user name); values never appear here.
    if (m_result.ok())
        qCDebug(lcSecrets, "%s %ls: ok", kindName(m_kind), qUtf16Printable(m_key));
    else if (m_result.error == SecretError::NotFound || m_result.error == SecretError::Cancelled)
        // Ordinary answers (most secrets live in the environment or the file), not worth the admin's log.
        qCDebug(lcSecrets, "%s %ls: %ls", kindName(m_kind), qUtf16Printable(m_key),
                qUtf16Printable(SecretResult::errorName(m_result.error)));
    else
        qCInfo(lcSecrets, "%s %ls: %ls (%ls)", kindName(m_kind), qUtf16Printable(m_key),
               qUtf16Printable(SecretResult::errorName(m_result.error)), qUtf16Printable(m_result.cause));
    // Queued: the caller may still be inside read()/cancel() and not yet connected.
    QMetaObject::invokeMethod(this, &SecretOperation::deliver, Qt::QueuedConnection);
    return true;
}

void SecretOperation::cancel()
{
    finish(SecretResult::failure(SecretError::Cancelled));
}

void SecretOperation::deliver()
{
    Q_EMIT finished(m_result);
    deleteLater();
}

} // namespace tbds::secrets
