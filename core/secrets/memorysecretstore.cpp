// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/memorysecretstore.h"

namespace tbds::secrets {

MemorySecretStore::MemorySecretStore(QObject *parent) : SecretStore(parent) {}

MemorySecretStore::~MemorySecretStore() = default;

void MemorySecretStore::startRead(SecretOperation *op)
{
    const auto it = m_secrets.constFind(op->key());
    if (it == m_secrets.constEnd()) {
        op->finish(SecretResult::failure(SecretError::NotFound));
        return;
    }
    op->finish(SecretResult::success(source(), op->key(), *it));
}

void MemorySecretStore::startWrite(SecretOperation *op, const QString &secret)
{
    m_secrets.insert(op->key(), secret);
    op->finish(SecretResult::success(source(), op->key()));
}

void MemorySecretStore::startRemove(SecretOperation *op)
{
    // Like the keychain: removing what is not there is not an error.
    m_secrets.remove(op->key());
    op->finish(SecretResult::success(source(), op->key()));
}

} // namespace tbds::secrets
