// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>
#include <utility>

namespace tbds::fakejira {

/**
 * Verifies OAuth 1.0a RSA-SHA1 signed requests the way a Jira DC application link does
 * (RFC 5849 §3.4.1 base string, §3.4.3 RSASSA-PKCS1-v1_5 over SHA-1; jira-rest.md §2.5).
 *
 * The base string is rebuilt here from what arrived on the wire (method, Host header, raw
 * path, raw query, form body) rather than trusting anything the client says about it, so a
 * client that signs a different URL than it sends fails with `signature_invalid`.
 *
 * The static helpers (base string, signing, key generation) are public so tests of a client
 * can compute expected signatures independently of the client's own code.
 */
class OAuth1Verifier
{
public:
    using Params = QList<std::pair<QByteArray, QByteArray>>;

    struct Outcome
    {
        bool ok = false;
        QString userKey; ///< the user the access token belongs to (when ok)
        QByteArray problem; ///< oauth_problem value when not ok, e.g. "signature_invalid"
    };

    /** Replaces the consumer (application link). False when the PEM is not an RSA public key. */
    bool setConsumer(const QString &consumerKey, const QByteArray &publicKeyPem);
    [[nodiscard]] bool hasConsumer() const { return !m_consumerKey.isEmpty(); }
    void addAccessToken(const QString &token, const QString &userKey);
    /** Accepted clock skew for oauth_timestamp (default 600 s, "timestamp_refused" beyond). */
    void setMaxClockSkewSeconds(int seconds) { m_maxSkew = seconds; }

    /**
     * Checks one request. `scheme` is "http"/"https", `host` the Host header as received.
     * Nonces are remembered, so replaying a request fails with `nonce_used`.
     */
    [[nodiscard]] Outcome verify(const QByteArray &method, const QByteArray &scheme, const QByteArray &host,
                                 const QByteArray &rawPath, const QByteArray &rawQuery, const QByteArray &contentType,
                                 const QByteArray &body, const QByteArray &authorization,
                                 const QDateTime &now = QDateTime::currentDateTimeUtc());

    /** Parses `OAuth k="v", ...` into decoded pairs; nullopt when not an OAuth header. */
    [[nodiscard]] static std::optional<Params> parseAuthorizationHeader(const QByteArray &header);
    /** RFC 3986 percent-encoding of everything but unreserved characters (RFC 5849 §3.6). */
    [[nodiscard]] static QByteArray percentEncode(const QByteArray &value);
    /** Decodes `a=b&c=d` with '+' as space (form and query parameters, RFC 5849 §3.4.1.3.1). */
    [[nodiscard]] static Params decodeForm(const QByteArray &encoded);
    /**
     * `scheme://host[:port]/path` with scheme and host lower-cased and the default port
     * dropped (RFC 5849 §3.4.1.2). `hostAndPort` is e.g. "127.0.0.1:8080".
     */
    [[nodiscard]] static QByteArray baseStringUri(const QByteArray &scheme, const QByteArray &hostAndPort,
                                                  const QByteArray &rawPath);
    /** `METHOD&pct(uri)&pct(normalized params)`; `params` are decoded and exclude oauth_signature. */
    [[nodiscard]] static QByteArray signatureBaseString(const QByteArray &method, const QByteArray &baseUri,
                                                        const Params &params);
    /** Base64 RSA-SHA1 signature of `data`; nullopt when the key cannot be read. */
    [[nodiscard]] static std::optional<QByteArray> signRsaSha1(const QByteArray &privateKeyPem, const QByteArray &data);
    [[nodiscard]] static bool verifyRsaSha1(const QByteArray &publicKeyPem, const QByteArray &data,
                                            const QByteArray &signatureBase64);
    /** A fresh RSA key pair as PEM (private PKCS#8, public SubjectPublicKeyInfo), for tests. */
    [[nodiscard]] static std::pair<QByteArray, QByteArray> generateRsaKeyPair(int bits = 2048);

private:
    QString m_consumerKey;
    QByteArray m_publicKeyPem;
    QHash<QString, QString> m_tokens; // access token -> user key
    QSet<QByteArray> m_seenNonces; // "timestamp:nonce"
    int m_maxSkew = 600;
};

} // namespace tbds::fakejira
