// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/secretstore.h"

namespace tbds::secrets {

SecretStore::SecretStore(QObject *parent) : QObject(parent) {}

SecretStore::~SecretStore() = default;

void SecretStore::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout.count() > 0 ? timeout : DefaultTimeout;
}

SecretOperation *SecretStore::begin(SecretOperation::Kind kind, const QString &key)
{
    auto *op = new SecretOperation(kind, key);
    op->setTimeout(m_timeout);
    if (key.isEmpty())
        op->finish(SecretResult::failure(SecretError::Other, {}, tr("No key was given for the secret")));
    return op;
}

SecretOperation *SecretStore::read(const QString &key)
{
    SecretOperation *op = begin(SecretOperation::Kind::Read, key);
    if (!op->isFinished())
        startRead(op);
    return op;
}

SecretOperation *SecretStore::write(const QString &key, const QString &secret)
{
    SecretOperation *op = begin(SecretOperation::Kind::Write, key);
    if (!op->isFinished())
        startWrite(op, secret);
    return op;
}

SecretOperation *SecretStore::remove(const QString &key)
{
    SecretOperation *op = begin(SecretOperation::Kind::Remove, key);
    if (!op->isFinished())
        startRemove(op);
    return op;
}

} // namespace tbds::secrets
