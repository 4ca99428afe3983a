// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <memory>
#include <utility>

namespace tbds::jira {

/**
 * OAuth 1.0a request signing with RSA-SHA1 (RFC 5849), as Jira Data Center application links
 * require. QtNetworkAuth 6.4 cannot do this (it aborts the process for RSA-SHA1), so the base
 * string is built here and signed with OpenSSL.
 *
 * The private key (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY" PEM) is parsed once; the
 * signer is immutable afterwards and may be shared.
 */
class OAuth1Signer
{
public:
    using Params = QList<std::pair<QString, QString>>;

    /** Parses the key; fails with an admin-readable error (encrypted key, not RSA, not PEM). */
    [[nodiscard]] static Result<std::shared_ptr<const OAuth1Signer>> create(const QString &consumerKey,
                                                                           const QString &accessToken,
                                                                           const QByteArray &privateKeyPem);
    ~OAuth1Signer();
    OAuth1Signer(const OAuth1Signer &) = delete;
    OAuth1Signer &operator=(const OAuth1Signer &) = delete;

    /**
     * The `Authorization: OAuth …` value for one request. `formBody` holds decoded
     * application/x-www-form-urlencoded body parameters (empty for JSON and multipart bodies,
     * which are not signed). Nonce and timestamp are fresh on every call.
     */
    [[nodiscard]] QByteArray authorizationHeader(const QByteArray &method, const QUrl &url,
                                                 const Params &formBody = {}) const;
    /** Same, with caller-chosen nonce and timestamp (tests). */
    [[nodiscard]] QByteArray authorizationHeader(const QByteArray &method, const QUrl &url, const Params &formBody,
                                                 const QString &nonce, qint64 timestamp) const;

    /** RSASSA-PKCS1-v1_5 over SHA-1 of `data`; empty on failure. */
    [[nodiscard]] QByteArray sign(const QByteArray &data) const;

    // Pure RFC 5849 pieces, public for tests.
    /** RFC 3986 percent-encoding of UTF-8 (§3.6): everything but ALPHA DIGIT - . _ ~ is encoded. */
    [[nodiscard]] static QByteArray percentEncode(const QString &value);
    /** §3.4.1.2: lower-case scheme and host, default port dropped, path kept, no query or fragment. */
    [[nodiscard]] static QByteArray baseStringUri(const QUrl &url);
    /** Decoded query parameters of `url` as a server decodes them ('+' is a space). */
    [[nodiscard]] static Params queryParameters(const QUrl &url);
    /** §3.4.1: METHOD & enc(base URI) & enc(normalized parameters). `params` are decoded. */
    [[nodiscard]] static QByteArray signatureBaseString(const QByteArray &method, const QUrl &url, const Params &params);

private:
    struct Key;
    OAuth1Signer(QString consumerKey, QString accessToken, std::unique_ptr<Key> key);

    QString m_consumerKey;
    QString m_accessToken;
    std::unique_ptr<Key> m_key;
};

} // namespace tbds::jira
