// SPDX-License-Identifier: Apache-2.0
#include "core/config/passwordhasher.h"

#include <QRandomGenerator>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace tbds::config {

QByteArray PasswordHasher::defaultPepper()
{
    return QByteArray::fromHex("fb0ebb1c6715278f3615cc1481d8fe93");
}

std::optional<QByteArray> PasswordHasher::lenientBase64(const QByteArray &text)
{
    QByteArray cleaned;
    cleaned.reserve(text.size());
    for (char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
            || c == '=')
            cleaned.append(c);
    }
    // Python stops at the first complete padded quantum and rejects missing padding.
    const qsizetype firstPad = cleaned.indexOf('=');
    const qsizetype dataLen = firstPad < 0 ? cleaned.size() : firstPad;
    if (dataLen % 4 == 1)
        return std::nullopt;
    if (dataLen % 4 != 0) {
        const qsizetype needed = 4 - dataLen % 4;
        if (cleaned.size() - dataLen < needed)
            return std::nullopt;
    }
    const QByteArray data = cleaned.left(dataLen);
    const auto decoded = QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

Result<QByteArray> PasswordHasher::pepperFrom(const QProcessEnvironment &environment)
{
    const QString env = environment.value(QStringLiteral("PASSWORD_PEPPER"));
    if (env.isEmpty())
        return defaultPepper();
    std::optional<QByteArray> decoded = lenientBase64(env.toLatin1());
    if (!decoded)
        return Error{QStringLiteral("PASSWORD_PEPPER is not valid base64"), {}};
    return *decoded;
}

QString PasswordHasher::generateSalt()
{
    QByteArray bytes(SaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), SaltBytes / 4);
    return QString::fromLatin1(bytes.toBase64());
}

Result<QString> PasswordHasher::hash(const QString &username, const QString &password, const QString &saltBase64,
                                     const QByteArray &pepper)
{
    std::optional<QByteArray> salt = lenientBase64(saltBase64.toLatin1());
    if (!salt || saltBase64.isEmpty())
        return Error{QStringLiteral("The configured salt is not valid base64"), {}};
    const QByteArray secret = (username + password).toUtf8() + pepper;
    QByteArray out(32, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()), reinterpret_cast<const unsigned char *>(salt->constData()),
                          int(salt->size()), Iterations, EVP_sha256(), int(out.size()),
                          reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return Error{QStringLiteral("Password hashing failed"), QStringLiteral("OpenSSL PBKDF2 error")};
    return QString::fromLatin1(out.toHex());
}

bool PasswordHasher::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

Result<bool> PasswordHasher::verify(const QString &username, const QString &password, const QString &storedHash,
                                    const QString &saltBase64, const QByteArray &pepper)
{
    Result<QString> computed = hash(username, password, saltBase64, pepper);
    if (!computed)
        return computed.error();
    return constantTimeEquals(computed.value().toLatin1(), storedHash.toLatin1());
}

} // namespace tbds::config
