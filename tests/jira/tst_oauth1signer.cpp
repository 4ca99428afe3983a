// SPDX-License-Identifier: Apache-2.0
#include "core/jira/oauth1signer.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using tbds::jira::OAuth1Signer;

namespace {

struct TestKey
{
    QByteArray pkcs8;
    QByteArray pkcs1;
    QByteArray publicPem;
};

QByteArray bioToBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

/** A fresh 2048-bit RSA key in the two PEM forms Jira admins hand out, plus its public half. */
TestKey generateKey()
{
    TestKey key;
    EVP_PKEY *pkey = EVP_RSA_gen(2048);
    if (!pkey)
        return key;
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    key.pkcs8 = bioToBytes(bio);
    BIO_free(bio);
    bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey_traditional(bio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    key.pkcs1 = bioToBytes(bio);
    BIO_free(bio);
    bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, pkey);
    key.publicPem = bioToBytes(bio);
    BIO_free(bio);
    EVP_PKEY_free(pkey);
    return key;
}

bool verifySha1(const QByteArray &publicPem, const QByteArray &data, const QByteArray &signature)
{
    BIO *bio = BIO_new_mem_buf(publicPem.constData(), int(publicPem.size()));
    EVP_PKEY *pkey = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!pkey)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha1(), nullptr, pkey) == 1
        && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()), size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
            == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    return ok;
}

/** Parses `OAuth a="b", c="d"` into decoded pairs. */
QMap<QString, QString> parseHeader(const QByteArray &header)
{
    QMap<QString, QString> out;
    QByteArray rest = header.mid(int(qstrlen("OAuth ")));
    for (const QByteArray &part : rest.split(',')) {
        const QByteArray p = part.trimmed();
        const qsizetype eq = p.indexOf('=');
        QByteArray value = p.mid(eq + 1);
        if (value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        out.insert(QString::fromLatin1(QByteArray::fromPercentEncoding(p.left(eq))),
                   QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return out;
}

} // namespace

class TstOAuth1Signer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void percentEncoding();
    void baseStringUri_data();
    void baseStringUri();
    void rfc5849BaseString();
    void signsVerifiably_data();
    void signsVerifiably();
    void opensslCliVerifies();
    void freshNoncePerRequest();
    void rejectsUnusableKeys();

private:
    TestKey m_key;
};

void TstOAuth1Signer::initTestCase()
{
    m_key = generateKey();
    QVERIFY(m_key.pkcs8.contains("BEGIN PRIVATE KEY"));
    QVERIFY(m_key.pkcs1.contains("BEGIN RSA PRIVATE KEY"));
}

void TstOAuth1Signer::percentEncoding()
{
    QCOMPARE(OAuth1Signer::percentEncode(QStringLiteral("Ladies + Gentlemen")), QByteArray("Ladies%20%2B%20Gentlemen"));
    QCOMPARE(OAuth1Signer::percentEncode(QStringLiteral("An encoded string!")), QByteArray("An%20encoded%20string%21"));
    QCOMPARE(OAuth1Signer::percentEncode(QStringLiteral("Dogs, Cats & Mice")), QByteArray("Dogs%2C%20Cats%20%26%20Mice"));
    QCOMPARE(OAuth1Signer::percentEncode(QStringLiteral("☃")), QByteArray("%E2%98%83"));
    QCOMPARE(OAuth1Signer::percentEncode(QStringLiteral("-._~aZ09")), QByteArray("-._~aZ09"));
}

void TstOAuth1Signer::baseStringUri_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("expected");
    // RFC 5849 §3.4.1.2 examples.
    QTest::newRow("default port, case") << QStringLiteral("HTTP://EXAMPLE.COM:80/r%20v/X?id=123")
                                        << QByteArray("http://example.com/r%20v/X");
    QTest::newRow("non-default port") << QStringLiteral("https://www.example.net:8080/?q=1")
                                      << QByteArray("https://www.example.net:8080/");
    QTest::newRow("context path") << QStringLiteral("https://jira.example.com:443/jira/rest/api/2/myself")
                                  << QByteArray("https://jira.example.com/jira/rest/api/2/myself");
}

void TstOAuth1Signer::baseStringUri()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, expected);
    QCOMPARE(OAuth1Signer::baseStringUri(QUrl(url)), expected);
}

void TstOAuth1Signer::rfc5849BaseString()
{
    // The worked example of RFC 5849 §3.4.1.1 (query, form body with '+', oauth_* without realm).
    const QUrl url(QStringLiteral("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"));
    OAuth1Signer::Params params = OAuth1Signer::queryParameters(url);
    params += {{QStringLiteral("c2"), QString()}, {QStringLiteral("a3"), QStringLiteral("2 q")}};
    params += {{QStringLiteral("oauth_consumer_key"), QStringLiteral("9djdj82h48djs9d2")},
               {QStringLiteral("oauth_token"), QStringLiteral("kkk9d7dh3k39sjv7")},
               {QStringLiteral("oauth_signature_method"), QStringLiteral("HMAC-SHA1")},
               {QStringLiteral("oauth_timestamp"), QStringLiteral("137131201")},
               {QStringLiteral("oauth_nonce"), QStringLiteral("7d8f3e4a")}};
    QCOMPARE(OAuth1Signer::signatureBaseString("post", url, params),
             QByteArray("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
                        "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
                        "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"));
    // '+' in a query is a space to the server, so it is signed as one.
    const OAuth1Signer::Params plus = OAuth1Signer::queryParameters(QUrl(QStringLiteral("http://h/p?q=a+b&r=%2B")));
    QCOMPARE(plus.at(0).second, QStringLiteral("a b"));
    QCOMPARE(plus.at(1).second, QStringLiteral("+"));
}

void TstOAuth1Signer::signsVerifiably_data()
{
    QTest::addColumn<bool>("pkcs8");
    QTest::newRow("PKCS#8") << true;
    QTest::newRow("PKCS#1") << false;
}

void TstOAuth1Signer::signsVerifiably()
{
    QFETCH(bool, pkcs8);
    auto signer = OAuth1Signer::create(QStringLiteral("tbds-consumer"), QStringLiteral("access-tok"),
                                       pkcs8 ? m_key.pkcs8 : m_key.pkcs1);
    QVERIFY2(signer.ok(), qPrintable(signer.ok() ? QString() : signer.error().toString()));
    const QUrl url(QStringLiteral("https://jira.example.com/jira/rest/api/2/search?jql=project%20%3D%20%22ABC%22&maxResults=50"));
    const QByteArray header = signer.value()->authorizationHeader("GET", url, {}, QStringLiteral("n0nce"), 1700000000);
    QVERIFY(header.startsWith("OAuth "));
    const QMap<QString, QString> fields = parseHeader(header);
    QCOMPARE(fields.value(QStringLiteral("oauth_signature_method")), QStringLiteral("RSA-SHA1"));
    QCOMPARE(fields.value(QStringLiteral("oauth_consumer_key")), QStringLiteral("tbds-consumer"));
    QCOMPARE(fields.value(QStringLiteral("oauth_token")), QStringLiteral("access-tok"));
    QCOMPARE(fields.value(QStringLiteral("oauth_nonce")), QStringLiteral("n0nce"));
    QCOMPARE(fields.value(QStringLiteral("oauth_timestamp")), QStringLiteral("1700000000"));
    QCOMPARE(fields.value(QStringLiteral("oauth_version")), QStringLiteral("1.0"));

    // Rebuild the base string as a server would, from the header and the URL, and verify.
    OAuth1Signer::Params params = OAuth1Signer::queryParameters(url);
    for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
        if (it.key() != QLatin1String("oauth_signature"))
            params.append({it.key(), it.value()});
    }
    const QByteArray base = OAuth1Signer::signatureBaseString("GET", url, params);
    QVERIFY(base.startsWith("GET&https%3A%2F%2Fjira.example.com%2Fjira%2Frest%2Fapi%2F2%2Fsearch&"));
    QVERIFY(base.contains("jql%3Dproject%2520%253D%2520%2522ABC%2522"));
    const QByteArray signature = QByteArray::fromBase64(fields.value(QStringLiteral("oauth_signature")).toLatin1());
    QCOMPARE(signature.size(), 256);
    QVERIFY(verifySha1(m_key.publicPem, base, signature));
    QVERIFY(!verifySha1(m_key.publicPem, base + "x", signature));
}

void TstOAuth1Signer::opensslCliVerifies()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl command not installed");
    auto signer = OAuth1Signer::create(QStringLiteral("c"), QStringLiteral("t"), m_key.pkcs1);
    QVERIFY(signer.ok());
    const QByteArray data = "GET&https%3A%2F%2Fjira%2Frest&a%3Db";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto write = [&](const char *name, const QByteArray &bytes) {
        QFile f(dir.filePath(QLatin1String(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    write("pub.pem", m_key.publicPem);
    write("data.txt", data);
    write("sig.bin", signer.value()->sign(data));
    QProcess p;
    p.start(openssl, {QStringLiteral("dgst"), QStringLiteral("-sha1"), QStringLiteral("-verify"), dir.filePath(QStringLiteral("pub.pem")),
                      QStringLiteral("-signature"), dir.filePath(QStringLiteral("sig.bin")), dir.filePath(QStringLiteral("data.txt"))});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("Verified OK"));
}

void TstOAuth1Signer::freshNoncePerRequest()
{
    auto signer = OAuth1Signer::create(QStringLiteral("c"), QStringLiteral("t"), m_key.pkcs8);
    QVERIFY(signer.ok());
    const QUrl url(QStringLiteral("https://jira/rest/api/2/myself"));
    const auto a = parseHeader(signer.value()->authorizationHeader("GET", url));
    const auto b = parseHeader(signer.value()->authorizationHeader("GET", url));
    QVERIFY(a.value(QStringLiteral("oauth_nonce")) != b.value(QStringLiteral("oauth_nonce")));
    QVERIFY(a.value(QStringLiteral("oauth_nonce")).size() >= 16);
}

void TstOAuth1Signer::rejectsUnusableKeys()
{
    QVERIFY(!OAuth1Signer::create(QStringLiteral("c"), QStringLiteral("t"), "not a key").ok());
    QVERIFY(!OAuth1Signer::create(QStringLiteral("c"), QStringLiteral("t"),
                                  "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                 .ok());
    // An encrypted key must fail cleanly instead of prompting on the terminal.
    EVP_PKEY *pkey = EVP_RSA_gen(1024);
    BIO *bio = BIO_new(BIO_s_mem());
    static char pass[] = "secret";
    PEM_write_bio_PKCS8PrivateKey(bio, pkey, EVP_aes_128_cbc(), pass, int(sizeof pass - 1), nullptr, nullptr);
    const QByteArray encrypted = bioToBytes(bio);
    BIO_free(bio);
    EVP_PKEY_free(pkey);
    const auto result = OAuth1Signer::create(QStringLiteral("c"), QStringLiteral("t"), encrypted);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(QLatin1String("encrypted")));
    // EC keys cannot do RSA-SHA1.
    EVP_PKEY *ec = EVP_EC_gen("P-256");
    bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, ec, nullptr, nullptr, 0, nullptr, nullptr);
    const QByteArray ecPem = bioToBytes(bio);
    BIO_free(bio);
    EVP_PKEY_free(ec);
    const auto ecResult = OAuth1Signer::create(QStringLiteral("c"), QStringLiteral("t"), ecPem);
    QVERIFY(!ecResult.ok());
    QVERIFY(ecResult.error().message.contains(QLatin1String("RSA")));
}

QTEST_GUILESS_MAIN(TstOAuth1Signer)
#include "tst_oauth1signer.moc"
