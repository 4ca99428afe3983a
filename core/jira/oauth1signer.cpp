// SPDX-License-Identifier: Apache-2.0
#include "core/jira/oauth1signer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>

namespace tbds::jira {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tbds::jira::OAuth1Signer", text);
}

// A passphrase callback that refuses: without it OpenSSL would prompt on the controlling
// terminal for an encrypted key, which hangs a headless service.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return {};
    char buffer[256] = {};
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

QByteArray decodeFormComponent(QByteArray component)
{
    // Servlet containers (and RFC 5849 §3.4.1.3.1 via the HTML form rules) decode '+' as a space.
    component.replace('+', ' ');
    return QByteArray::fromPercentEncoding(component);
}

} // namespace

struct OAuth1Signer::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

OAuth1Signer::OAuth1Signer(QString consumerKey, QString accessToken, std::unique_ptr<Key> key)
    : m_consumerKey(std::move(consumerKey)), m_accessToken(std::move(accessToken)), m_key(std::move(key))
{
}

OAuth1Signer::~OAuth1Signer() = default;

Result<std::shared_ptr<const OAuth1Signer>> OAuth1Signer::create(const QString &consumerKey,
                                                                const QString &accessToken,
                                                                const QByteArray &privateKeyPem)
{
    if (!privateKeyPem.contains("-----BEGIN"))
        return Error{tr("The OAuth 1.0a private key is not in PEM format"),
                     tr("expected a block starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----")};
    if (privateKeyPem.contains("ENCRYPTED"))
        return Error{tr("The OAuth 1.0a private key is encrypted"),
                     tr("store it without a passphrase (e.g. openssl pkcs8 -topk8 -nocrypt)")};
    BIO *bio = BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size()));
    auto key = std::make_unique<Key>();
    // PEM_read_bio_PrivateKey understands both PKCS#8 and traditional PKCS#1 blocks.
    key->pkey = PEM_read_bio_PrivateKey(bio, nullptr, noPassphrase, nullptr);
    BIO_free(bio);
    if (!key->pkey)
        return Error{tr("The OAuth 1.0a private key could not be read"), openSslError()};
    if (EVP_PKEY_get_base_id(key->pkey) != EVP_PKEY_RSA)
        return Error{tr("The OAuth 1.0a private key is not an RSA key"),
                     tr("Jira application links sign with RSA-SHA1")};
    return std::shared_ptr<const OAuth1Signer>(new OAuth1Signer(consumerKey, accessToken, std::move(key)));
}

QByteArray OAuth1Signer::sign(const QByteArray &data) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    QByteArray signature;
    size_t length = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(data.constData());
    if (ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha1(), nullptr, m_key->pkey) == 1
        && EVP_DigestSign(ctx, nullptr, &length, in, size_t(data.size())) == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, in, size_t(data.size()))
            == 1)
            signature.resize(qsizetype(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return signature;
}

QByteArray OAuth1Signer::percentEncode(const QString &value)
{
    // QByteArray::toPercentEncoding keeps exactly RFC 3986's unreserved set and uses upper-case hex.
    return value.toUtf8().toPercentEncoding();
}

QByteArray OAuth1Signer::baseStringUri(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    QByteArray out = scheme.toLatin1() + "://" + url.host(QUrl::FullyEncoded).toLower().toLatin1();
    const int port = url.port();
    const bool defaultPort = port == -1 || (scheme == QLatin1String("http") && port == 80)
        || (scheme == QLatin1String("https") && port == 443);
    if (!defaultPort)
        out += ':' + QByteArray::number(port);
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    return out + path;
}

OAuth1Signer::Params OAuth1Signer::queryParameters(const QUrl &url)
{
    Params params;
    const QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    if (query.isEmpty())
        return params;
    for (const QByteArray &pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray name = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        params.append({QString::fromUtf8(decodeFormComponent(name)), QString::fromUtf8(decodeFormComponent(value))});
    }
    return params;
}

QByteArray OAuth1Signer::signatureBaseString(const QByteArray &method, const QUrl &url, const Params &params)
{
    // §3.4.1.3.2: encode names and values first, then sort by name, then by value (bytewise).
    QList<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(params.size());
    for (const auto &[name, value] : params)
        encoded.append({percentEncode(name), percentEncode(value)});
    std::sort(encoded.begin(), encoded.end());
    QByteArray normalized;
    for (const auto &[name, value] : encoded) {
        if (!normalized.isEmpty())
            normalized += '&';
        normalized += name + '=' + value;
    }
    return method.toUpper() + '&' + percentEncode(QString::fromLatin1(baseStringUri(url))) + '&'
        + percentEncode(QString::fromLatin1(normalized));
}

QByteArray OAuth1Signer::authorizationHeader(const QByteArray &method, const QUrl &url, const Params &formBody) const
{
    const QString nonce = QString::number(QRandomGenerator::system()->generate64(), 16)
        + QString::number(QRandomGenerator::system()->generate64(), 16);
    return authorizationHeader(method, url, formBody, nonce, QDateTime::currentSecsSinceEpoch());
}

QByteArray OAuth1Signer::authorizationHeader(const QByteArray &method, const QUrl &url, const Params &formBody,
                                             const QString &nonce, qint64 timestamp) const
{
    const Params oauth = {
        {QStringLiteral("oauth_consumer_key"), m_consumerKey},
        {QStringLiteral("oauth_nonce"), nonce},
        {QStringLiteral("oauth_signature_method"), QStringLiteral("RSA-SHA1")},
        {QStringLiteral("oauth_timestamp"), QString::number(timestamp)},
        {QStringLiteral("oauth_token"), m_accessToken},
        {QStringLiteral("oauth_version"), QStringLiteral("1.0")},
    };
    Params all = oauth;
    all += queryParameters(url);
    all += formBody;
    const QByteArray signature = sign(signatureBaseString(method, url, all)).toBase64();

    QByteArray header = "OAuth ";
    Params withSignature = oauth;
    withSignature.append({QStringLiteral("oauth_signature"), QString::fromLatin1(signature)});
    bool first = true;
    for (const auto &[name, value] : withSignature) {
        if (!first)
            header += ", ";
        first = false;
        header += percentEncode(name) + "=\"" + percentEncode(value) + '"';
    }
    return header;
}

} // namespace tbds::jira
