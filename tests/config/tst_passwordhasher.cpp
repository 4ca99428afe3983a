// SPDX-License-Identifier: Apache-2.0
#include "core/config/passwordhasher.h"

#include <QTest>

using tbds::config::PasswordHasher;

// Expected hashes were computed independently with Python's hashlib:
//   hashlib.pbkdf2_hmac('sha256', (u + p).encode() + pepper, base64.b64decode(salt), 100000, 32).hex()
class TestPasswordHasher : public QObject
{
    Q_OBJECT

private slots:
    void vectors_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("salt");
        QTest::addColumn<QByteArray>("pepper");
        QTest::addColumn<QString>("expected");
        const QByteArray def = PasswordHasher::defaultPepper();
        QTest::newRow("contract admin/admin") << QStringLiteral("admin") << QStringLiteral("admin")
                                              << QStringLiteral("AAECAwQFBgcICQoLDA0ODw==") << def
                                              << QStringLiteral("ad5aa5aa5506ab8e2cc61c04359f9b488e6e3c3ac7aae410712b24f208d0a308");
        QTest::newRow("contract admin/secret") << QStringLiteral("admin") << QStringLiteral("secret")
                                               << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA==") << def
                                               << QStringLiteral("85ddb149db6613fa2699eab8e915c06ee73e87e050cdb53b38b002f465907a47");
        QTest::newRow("non-ascii with colons") << QStringLiteral("jürgen") << QStringLiteral("pässwörd:with:colons")
                                               << QStringLiteral("q83vASNFZ4mrze8BI0VniQ==") << def
                                               << QStringLiteral("45380309e58134ce23ad0457af41e87ec308cfd82e1a6f717ab4694a3ca2f938");
        QTest::newRow("custom pepper") << QStringLiteral("admin") << QStringLiteral("secret")
                                       << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA==") << QByteArray("secret-pepper")
                                       << QStringLiteral("9a27a3fdb59f1cb02292a22a68ca24496a8c457cee0cb989b439ac7e00d73718");
    }
    void vectors()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, salt);
        QFETCH(QByteArray, pepper);
        QFETCH(QString, expected);
        const tbds::Result<QString> h = PasswordHasher::hash(user, password, salt, pepper);
        QVERIFY(h.ok());
        QCOMPARE(h.value(), expected);
        const tbds::Result<bool> ok = PasswordHasher::verify(user, password, expected, salt, pepper);
        QVERIFY(ok.ok() && ok.value());
        const tbds::Result<bool> wrong = PasswordHasher::verify(user, password + QLatin1Char('x'), expected, salt, pepper);
        QVERIFY(wrong.ok() && !wrong.value());
    }

    void defaultPepperMatchesContract()
    {
        QCOMPARE(PasswordHasher::defaultPepper().toBase64(), QByteArray("+w67HGcVJ482FcwUgdj+kw=="));
        const tbds::Result<QByteArray> p = PasswordHasher::pepperFrom(QProcessEnvironment());
        QVERIFY(p.ok());
        QCOMPARE(p.value(), PasswordHasher::defaultPepper());
    }

    void pepperFromEnvironment()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PASSWORD_PEPPER"), QStringLiteral("c2VjcmV0LXBlcHBlcg=="));
        tbds::Result<QByteArray> p = PasswordHasher::pepperFrom(env);
        QVERIFY(p.ok());
        QCOMPARE(p.value(), QByteArray("secret-pepper"));
        // Like Python's lenient decoder, characters outside the alphabet are dropped.
        env.insert(QStringLiteral("PASSWORD_PEPPER"), QStringLiteral("c2Vj cmV0\nLXBlcHBlcg=="));
        p = PasswordHasher::pepperFrom(env);
        QVERIFY(p.ok());
        QCOMPARE(p.value(), QByteArray("secret-pepper"));
    }

    void badPepperIsAnError()
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("PASSWORD_PEPPER"), QStringLiteral("abcde")); // wrong padding
        const tbds::Result<QByteArray> p = PasswordHasher::pepperFrom(env);
        QVERIFY(!p.ok());
        QVERIFY(p.error().message.contains(QStringLiteral("PASSWORD_PEPPER")));
    }

    void badSaltIsAnError()
    {
        QVERIFY(!PasswordHasher::hash(QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("abc"),
                                      PasswordHasher::defaultPepper()).ok());
        QVERIFY(!PasswordHasher::hash(QStringLiteral("a"), QStringLiteral("b"), QString(), PasswordHasher::defaultPepper()).ok());
    }

    void upperCaseStoredHashNeverMatches()
    {
        const tbds::Result<bool> r = PasswordHasher::verify(
            QStringLiteral("admin"), QStringLiteral("admin"),
            QStringLiteral("AD5AA5AA5506AB8E2CC61C04359F9B488E6E3C3AC7AAE410712B24F208D0A308"),
            QStringLiteral("AAECAwQFBgcICQoLDA0ODw=="), PasswordHasher::defaultPepper());
        QVERIFY(r.ok());
        QVERIFY(!r.value());
    }

    void generatedSaltsAreSixteenRandomBytes()
    {
        const QString a = PasswordHasher::generateSalt();
        const QString b = PasswordHasher::generateSalt();
        QCOMPARE(QByteArray::fromBase64(a.toLatin1()).size(), 16);
        QCOMPARE(a.size(), 24);
        QVERIFY(a != b);
    }
};

QTEST_APPLESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
