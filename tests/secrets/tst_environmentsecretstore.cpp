// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/environmentsecretstore.h"
#include "core/secrets/keychainsecretstore.h"
#include "tests/secrets/secretwait.h"

#include <QProcessEnvironment>
#include <QTest>

using namespace tbds::secrets;
using tbds::test::waitFor;

class TstEnvironmentSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void mapping_data();
    void mapping();
    void readsEveryVariable_data();
    void readsEveryVariable();
    void unsetOrEmptyIsNotFound();
    void unknownSecretIsNotFound();
    void writeAndRemoveAreReadOnly();
    void systemEnvironmentIsReadAtReadTime();
};

void TstEnvironmentSecretStore::mapping_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("variable");
    QTest::newRow("username") << "username" << "JIRA_USERNAME";
    QTest::newRow("password") << "password" << "JIRA_PASSWORD";
    QTest::newRow("token") << "token" << "JIRA_BEARER_TOKEN";
    QTest::newRow("oauth1_access_token") << "oauth1_access_token" << "JIRA_OAUTH1_ACCESS_TOKEN";
    QTest::newRow("oauth1_access_token_secret") << "oauth1_access_token_secret" << "JIRA_OAUTH1_ACCESS_TOKEN_SECRET";
    QTest::newRow("oauth1_consumer_key") << "oauth1_consumer_key" << "JIRA_OAUTH1_CONSUMER_KEY";
    QTest::newRow("oauth1_key_cert") << "oauth1_key_cert" << "JIRA_OAUTH1_KEY_CERT";
    QTest::newRow("upper case name") << "PASSWORD" << "JIRA_PASSWORD";
    QTest::newRow("unknown") << "api_key" << "";
    QTest::newRow("path is not a secret") << "oauth1_key_cert_path" << "";
}

void TstEnvironmentSecretStore::mapping()
{
    QFETCH(QString, name);
    QFETCH(QString, variable);
    QCOMPARE(EnvironmentSecretStore::variableFor(name), variable);
    // A full Jira key maps by its secret name: environment variables are not per server.
    const QString key = KeychainSecretStore::jiraKey(QStringLiteral("https://j.example.com"), QStringLiteral("basic"),
                                                     QStringLiteral("u:x"), name);
    QCOMPARE(EnvironmentSecretStore::variableFor(key), variable);
}

void TstEnvironmentSecretStore::readsEveryVariable_data()
{
    mapping_data();
}

void TstEnvironmentSecretStore::readsEveryVariable()
{
    QFETCH(QString, name);
    QFETCH(QString, variable);
    QProcessEnvironment env;
    const QString value = QStringLiteral("value of ") + variable + QStringLiteral(" – ünïcode");
    if (!variable.isEmpty())
        env.insert(variable, value);
    EnvironmentSecretStore store(env);
    const QString key = KeychainSecretStore::jiraKey(QStringLiteral("https://j.example.com"), QStringLiteral("oauth1"),
                                                     QStringLiteral("svc"), name);
    const SecretResult r = waitFor(store.read(key));
    if (variable.isEmpty()) {
        QCOMPARE(r.error, SecretError::NotFound);
        return;
    }
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    QCOMPARE(r.secret, value);
    QCOMPARE(r.source, SecretSource::Environment);
    QCOMPARE(r.origin, variable);
    QCOMPARE(r.sourceDescription(), QStringLiteral("from ") + variable);
}

void TstEnvironmentSecretStore::unsetOrEmptyIsNotFound()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("JIRA_BEARER_TOKEN"), QString());
    EnvironmentSecretStore store(env);
    SecretResult r = waitFor(store.read(QStringLiteral("password")));
    QCOMPARE(r.error, SecretError::NotFound);
    QCOMPARE(r.message, QStringLiteral("JIRA_PASSWORD is not set"));
    r = waitFor(store.read(QStringLiteral("token")));
    QCOMPARE(r.error, SecretError::NotFound);
    QCOMPARE(r.message, QStringLiteral("JIRA_BEARER_TOKEN is not set"));
}

void TstEnvironmentSecretStore::unknownSecretIsNotFound()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("API_KEY"), QStringLiteral("x"));
    EnvironmentSecretStore store(env);
    const SecretResult r = waitFor(store.read(QStringLiteral("api_key")));
    QCOMPARE(r.error, SecretError::NotFound);
    QVERIFY(r.secret.isEmpty());
}

void TstEnvironmentSecretStore::writeAndRemoveAreReadOnly()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("old"));
    EnvironmentSecretStore store(env);
    QVERIFY(store.isReadOnly());
    const QString key = KeychainSecretStore::jiraKey(QStringLiteral("https://j.example.com"), QStringLiteral("basic"),
                                                     QStringLiteral("u"), QStringLiteral("password"));
    SecretResult r = waitFor(store.write(key, QStringLiteral("new")));
    QCOMPARE(r.error, SecretError::ReadOnly);
    QVERIFY2(r.message.contains(QStringLiteral("read-only")), qPrintable(r.message));
    QVERIFY2(r.message.contains(QStringLiteral("JIRA_PASSWORD")), qPrintable(r.message));
    r = waitFor(store.remove(key));
    QCOMPARE(r.error, SecretError::ReadOnly);
    QCOMPARE(waitFor(store.read(key)).secret, QStringLiteral("old"));
}

void TstEnvironmentSecretStore::systemEnvironmentIsReadAtReadTime()
{
    EnvironmentSecretStore store;
    qunsetenv("JIRA_OAUTH1_CONSUMER_KEY");
    QCOMPARE(waitFor(store.read(QStringLiteral("oauth1_consumer_key"))).error, SecretError::NotFound);
    qputenv("JIRA_OAUTH1_CONSUMER_KEY", "consumer-ä");
    const SecretResult r = waitFor(store.read(QStringLiteral("oauth1_consumer_key")));
    qunsetenv("JIRA_OAUTH1_CONSUMER_KEY");
    QVERIFY(r.ok());
    QCOMPARE(r.secret, QStringLiteral("consumer-ä"));
}

QTEST_GUILESS_MAIN(TstEnvironmentSecretStore)
#include "tst_environmentsecretstore.moc"
