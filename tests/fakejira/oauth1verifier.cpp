// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/oauth1verifier.h"


#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace tbds::fakejira {

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

BioPtr memBio(const QByteArray &bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(len));
}

PkeyPtr readPublicKey(const QByteArray &pem)
{
    BioPtr bio = memBio(pem);
    return PkeyPtr(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

QByteArray percentDecode(const QByteArray &v)
{
    QByteArray copy = v;
    copy.replace('+', ' ');
    return QByteArray::fromPercentEncoding(copy);
}

} // namespace

bool OAuth1Verifier::setConsumer(const QString &consumerKey, const QByteArray &publicKeyPem)
{
    PkeyPtr key = readPublicKey(publicKeyPem);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return false;
    m_consumerKey = consumerKey;
    m_publicKeyPem = publicKeyPem;
    return true;
}

void OAuth1Verifier::addAccessToken(const QString &token, const QString &userKey)
{
    m_tokens.insert(token, userKey);
}

OAuth1Verifier::Outcome OAuth1Verifier::verify(const QByteArray &method, const QByteArray &scheme,
                                               const QByteArray &host, const QByteArray &rawPath,
                                               const QByteArray &rawQuery, const QByteArray &contentType,
                                               const QByteArray &body, const QByteArray &authorization,
                                               const QDateTime &now)
{
    auto fail = [](const char *problem) { return Outcome { false, {}, QByteArray(problem) }; };
    const std::optional<Params> header = parseAuthorizationHeader(authorization);
    if (!header)
        return fail("parameter_absent");
    QHash<QByteArray, QByteArray> oauth;
    for (const auto &[k, v] : *header) {
        if (oauth.contains(k))
            return fail("parameter_rejected"); // duplicated protocol parameter (RFC 5849 §3.1)
        oauth.insert(k, v);
    }
    for (const char *required : { "oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp",
                                  "oauth_nonce", "oauth_signature" }) {
        if (!oauth.contains(required))
            return fail("parameter_absent");
    }
    if (oauth.contains("oauth_version") && oauth.value("oauth_version") != "1.0")
        return fail("version_rejected");
    if (oauth.value("oauth_signature_method") != "RSA-SHA1")
        return fail("signature_method_rejected");
    if (m_consumerKey.isEmpty() || QString::fromUtf8(oauth.value("oauth_consumer_key")) != m_consumerKey)
        return fail("consumer_key_unknown");
    const QString token = QString::fromUtf8(oauth.value("oauth_token"));
    if (!m_tokens.contains(token))
        return fail("token_rejected");
    bool numeric = false;
    const qint64 timestamp = oauth.value("oauth_timestamp").toLongLong(&numeric);
    if (!numeric || std::abs(timestamp - now.toSecsSinceEpoch()) > m_maxSkew)
        return fail("timestamp_refused");

    // Normalised parameters: protocol parameters except the signature, every query
    // parameter, and form-encoded body parameters; never JSON or multipart bodies.
    Params params;
    for (const auto &[k, v] : *header) {
        if (k != "oauth_signature" && k != "realm")
            params.append({ k, v });
    }
    params += decodeForm(rawQuery);
    if (contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded"))
        params += decodeForm(body);
    const QByteArray base = signatureBaseString(method, baseStringUri(scheme, host, rawPath), params);
    if (!verifyRsaSha1(m_publicKeyPem, base, oauth.value("oauth_signature")))
        return fail("signature_invalid");

    // Only a correctly signed request burns its nonce, as an attacker cannot replay then.
    const QByteArray nonceKey = oauth.value("oauth_timestamp") + ':' + oauth.value("oauth_nonce");
    if (m_seenNonces.contains(nonceKey))
        return fail("nonce_used");
    m_seenNonces.insert(nonceKey);
    return Outcome { true, m_tokens.value(token), {} };
}

std::optional<OAuth1Verifier::Params> OAuth1Verifier::parseAuthorizationHeader(const QByteArray &header)
{
    const QByteArray trimmed = header.trimmed();
    if (!trimmed.toLower().startsWith("oauth "))
        return std::nullopt;
    Params out;
    const QList<QByteArray> parts = trimmed.mid(6).split(',');
    for (const QByteArray &raw : parts) {
        const QByteArray part = raw.trimmed();
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            return std::nullopt;
        QByteArray value = part.mid(eq + 1).trimmed();
        if (value.size() < 2 || !value.startsWith('"') || !value.endsWith('"'))
            return std::nullopt;
        value = value.mid(1, value.size() - 2);
        out.append({ QByteArray::fromPercentEncoding(part.left(eq).trimmed()), QByteArray::fromPercentEncoding(value) });
    }
    return out;
}

QByteArray OAuth1Verifier::percentEncode(const QByteArray &value)
{
    return value.toPercentEncoding(QByteArrayLiteral("-._~"));
}

OAuth1Verifier::Params OAuth1Verifier::decodeForm(const QByteArray &encoded)
{
    Params out;
    if (encoded.isEmpty())
        return out;
    const QList<QByteArray> pairs = encoded.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            out.append({ percentDecode(pair), QByteArray() });
        else
            out.append({ percentDecode(pair.left(eq)), percentDecode(pair.mid(eq + 1)) });
    }
    return out;
}

QByteArray OAuth1Verifier::baseStringUri(const QByteArray &scheme, const QByteArray &hostAndPort,
                                         const QByteArray &rawPath)
{
    const QByteArray s = scheme.toLower();
    QByteArray host = hostAndPort.toLower();
    if ((s == "http" && host.endsWith(":80")) || (s == "https" && host.endsWith(":443")))
        host.chop(s == "http" ? 3 : 4);
    return s + "://" + host + (rawPath.isEmpty() ? QByteArray("/") : rawPath);
}

QByteArray OAuth1Verifier::signatureBaseString(const QByteArray &method, const QByteArray &baseUri,
                                               const Params &params)
{
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(params.size());
    for (const auto &[k, v] : params)
        encoded.append({ percentEncode(k), percentEncode(v) });
    std::sort(encoded.begin(), encoded.end());
    QByteArray normalized;
    for (const auto &[k, v] : encoded) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += k + '=' + v;
    }
    return method.toUpper() + '&' + percentEncode(baseUri) + '&' + percentEncode(normalized);
}

std::optional<QByteArray> OAuth1Verifier::signRsaSha1(const QByteArray &privateKeyPem, const QByteArray &data)
{
    BioPtr bio = memBio(privateKeyPem);
    PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha1(), nullptr, key.get()) != 1)
        return std::nullopt;
    size_t len = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(data.constData());
    if (EVP_DigestSign(ctx.get(), nullptr, &len, in, size_t(data.size())) != 1)
        return std::nullopt;
    QByteArray sig(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, in, size_t(data.size())) != 1)
        return std::nullopt;
    sig.resize(qsizetype(len));
    return sig.toBase64();
}

bool OAuth1Verifier::verifyRsaSha1(const QByteArray &publicKeyPem, const QByteArray &data,
                                   const QByteArray &signatureBase64)
{
    PkeyPtr key = readPublicKey(publicKeyPem);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const QByteArray sig = QByteArray::fromBase64(signatureBase64);
    if (!key || !ctx || sig.isEmpty() || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha1(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
        == 1;
}

std::pair<QByteArray, QByteArray> OAuth1Verifier::generateRsaKeyPair(int bits)
{
    PkeyPtr key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
    BioPtr priv(BIO_new(BIO_s_mem()));
    BioPtr pub(BIO_new(BIO_s_mem()));
    if (!key || !priv || !pub
        || PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1)
        return {};
    return { bioBytes(priv.get()), bioBytes(pub.get()) };
}

} // namespace tbds::fakejira
