// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/jirasecretkey.h"
#include "core/secrets/keychainsecretstore.h"

#include <QTest>

using tbds::secrets::JiraSecretKey;
using tbds::secrets::KeychainSecretStore;

class TstJiraSecretKey : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void roundTrip_data();
    void roundTrip();
    void rejectsForeignKeys_data();
    void rejectsForeignKeys();
    void differentSecretsGetDifferentKeys();
};

void TstJiraSecretKey::format_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("auth");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << "https://jira.example.com" << "basic" << "admin" << "password"
                           << "jira:https://jira.example.com:basic:admin:password";
    QTest::newRow("trailing slash, case, default port")
        << "  https://JIRA.Example.com:443/ " << "Basic" << "admin" << "Password"
        << "jira:https://jira.example.com:basic:admin:password";
    QTest::newRow("context path kept") << "https://example.com/jira/" << "token" << "" << "token"
                                       << "jira:https://example.com/jira:token::token";
    QTest::newRow("explicit other port kept") << "http://localhost:8080" << "oauth1" << "svc"
                                              << "oauth1_access_token_secret"
                                              << "jira:http://localhost:8080:oauth1:svc:oauth1_access_token_secret";
    QTest::newRow("user info and query dropped") << "https://me:pw@jira.example.com/?x=1#f" << "basic"
                                                 << "admin" << "password"
                                                 << "jira:https://jira.example.com:basic:admin:password";
    QTest::newRow("username case kept, email") << "https://acme.atlassian.net" << "basic"
                                               << "Jane.Doe@Acme.com" << "token"
                                               << "jira:https://acme.atlassian.net:basic:Jane.Doe@Acme.com:token";
    QTest::newRow("colon and percent in username escaped")
        << "https://j.example.com" << "basic" << "a:b%c" << "password"
        << "jira:https://j.example.com:basic:a%3Ab%25c:password";
    QTest::newRow("not a URL: only trimmed") << " jira.example.com// " << "basic" << "u" << "password"
                                             << "jira:jira.example.com:basic:u:password";
}

void TstJiraSecretKey::format()
{
    QFETCH(QString, url);
    QFETCH(QString, auth);
    QFETCH(QString, user);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(KeychainSecretStore::jiraKey(url, auth, user, name), expected);
    QCOMPARE((JiraSecretKey{url, auth, user, name}.toString()), expected);
}

void TstJiraSecretKey::roundTrip_data()
{
    QTest::addColumn<QString>("user");
    QTest::newRow("plain") << "admin";
    QTest::newRow("empty") << "";
    QTest::newRow("colon") << "dom:ain:user";
    QTest::newRow("percent") << "100%";
    QTest::newRow("escape-like") << "a%3Ab%25";
    QTest::newRow("non-ascii") << "jürgen.ß";
}

void TstJiraSecretKey::roundTrip()
{
    QFETCH(QString, user);
    const JiraSecretKey key{QStringLiteral("https://jira.example.com:8443/ctx"), QStringLiteral("basic"), user,
                            QStringLiteral("password")};
    const std::optional<JiraSecretKey> parsed = JiraSecretKey::parse(key.toString());
    QVERIFY(parsed);
    QCOMPARE(*parsed, key);
    QCOMPARE(parsed->toString(), key.toString());
}

void TstJiraSecretKey::rejectsForeignKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("empty") << "";
    QTest::newRow("other prefix") << "smtp:host:basic:u:password";
    QTest::newRow("bare name") << "password";
    QTest::newRow("too few parts") << "jira:basic:u";
    QTest::newRow("no secret name") << "jira:https://x:basic:u:";
}

void TstJiraSecretKey::rejectsForeignKeys()
{
    QFETCH(QString, key);
    QVERIFY(!JiraSecretKey::parse(key));
}

void TstJiraSecretKey::differentSecretsGetDifferentKeys()
{
    const QString url = QStringLiteral("https://jira.example.com");
    const QString a = KeychainSecretStore::jiraKey(url, QStringLiteral("oauth1"), QStringLiteral("u"),
                                                   QStringLiteral("oauth1_access_token"));
    const QString b = KeychainSecretStore::jiraKey(url, QStringLiteral("oauth1"), QStringLiteral("u"),
                                                   QStringLiteral("oauth1_access_token_secret"));
    const QString c = KeychainSecretStore::jiraKey(url, QStringLiteral("basic"), QStringLiteral("u"),
                                                   QStringLiteral("password"));
    const QString d = KeychainSecretStore::jiraKey(url + QStringLiteral(":8443"), QStringLiteral("basic"),
                                                   QStringLiteral("u"), QStringLiteral("password"));
    QVERIFY(a != b);
    QVERIFY(c != d);
    QVERIFY(a != c);
}

QTEST_APPLESS_MAIN(TstJiraSecretKey)
#include "tst_jirasecretkey.moc"
