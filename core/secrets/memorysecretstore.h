// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/secrets/secretstore.h"

#include <QHash>

namespace tbds::secrets {

/**
 * Secrets held in this process only: for tests, and for a headless run or a GUI session where
 * the admin chose "use for this session only (not saved)" instead of a plaintext file.
 */
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    [[nodiscard]] SecretSource source() const override { return SecretSource::Memory; }

    [[nodiscard]] bool contains(const QString &key) const { return m_secrets.contains(key); }
    [[nodiscard]] qsizetype count() const { return m_secrets.size(); }
    void clear() { m_secrets.clear(); }

protected:
    void startRead(SecretOperation *op) override;
    void startWrite(SecretOperation *op, const QString &secret) override;
    void startRemove(SecretOperation *op) override;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace tbds::secrets
