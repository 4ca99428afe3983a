// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>

namespace tbds::config {

/**
 * The reference service's password scheme (contract §4), bit for bit:
 * hex(PBKDF2-HMAC-SHA256(utf8(username + password) + pepper, base64decode(salt), 100000, 32)).
 * Hashes written here verify in the Python service and vice versa.
 */
class PasswordHasher final
{
public:
    static constexpr int Iterations = 100000;
    static constexpr int SaltBytes = 16;

    /** The built-in pepper used when PASSWORD_PEPPER is unset or empty. */
    [[nodiscard]] static QByteArray defaultPepper();

    /** PASSWORD_PEPPER decoded like Python's lenient base64, or the default pepper. */
    [[nodiscard]] static Result<QByteArray> pepperFrom(const QProcessEnvironment &environment);

    /** A fresh random salt: 16 bytes, standard base64 with padding. */
    [[nodiscard]] static QString generateSalt();

    /** The lower-case hex hash; fails for a salt that is not base64. */
    [[nodiscard]] static Result<QString> hash(const QString &username, const QString &password,
                                              const QString &saltBase64, const QByteArray &pepper);

    /** Constant-time comparison of the computed hash with the stored one. */
    [[nodiscard]] static Result<bool> verify(const QString &username, const QString &password,
                                             const QString &storedHash, const QString &saltBase64,
                                             const QByteArray &pepper);

    /** Compares without an early exit, so timing does not reveal the matching prefix. */
    [[nodiscard]] static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

    /** Python's `base64.b64decode(s)` (validate=False): non-alphabet characters are dropped. */
    [[nodiscard]] static std::optional<QByteArray> lenientBase64(const QByteArray &text);
};

} // namespace tbds::config
