// SPDX-License-Identifier: Apache-2.0
// DESIGN.md's order (keychain, environment, config file) and which source gets reported.
#include "core/secrets/environmentsecretstore.h"
#include "core/secrets/memorysecretstore.h"
#include "core/secrets/secretresolver.h"
#include "tests/secrets/secretwait.h"

#include <QPointer>
#include <QProcessEnvironment>
#include <QTest>

using namespace tbds::secrets;
using tbds::test::waitFor;
using tbds::test::waitForDelivery;

namespace {

/** A memory store standing in for the OS keychain: it reports itself as the keychain. */
class FakeKeychain : public MemorySecretStore
{
public:
    [[nodiscard]] SecretSource source() const override { return SecretSource::Keychain; }
};

/** A keychain that fails every call like a machine without a Secret Service. */
class BrokenKeychain : public SecretStore
{
public:
    SecretError error = SecretError::NoBackend;
    [[nodiscard]] SecretSource source() const override { return SecretSource::Keychain; }

protected:
    void startRead(SecretOperation *op) override
    {
        op->finish(SecretResult::failure(error, QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY")));
    }
    void startWrite(SecretOperation *op, const QString &) override { startRead(op); }
    void startRemove(SecretOperation *op) override { startRead(op); }
};

/** A keychain that never answers (locked, prompt nobody sees). */
class HangingKeychain : public SecretStore
{
public:
    QList<QPointer<SecretOperation>> started;
    [[nodiscard]] SecretSource source() const override { return SecretSource::Keychain; }

protected:
    void startRead(SecretOperation *op) override { started.append(op); }
    void startWrite(SecretOperation *op, const QString &) override { started.append(op); }
    void startRemove(SecretOperation *op) override { started.append(op); }
};

const QString kUrl = QStringLiteral("https://jira.example.com");

JiraSecretKey passwordKey(const QString &url = kUrl)
{
    return JiraSecretKey{url, QStringLiteral("basic"), QStringLiteral("admin"), QStringLiteral("password")};
}

QProcessEnvironment envWith(const QString &name, const QString &value)
{
    QProcessEnvironment env;
    env.insert(name, value);
    return env;
}

void store(SecretStore &s, const JiraSecretKey &key, const QString &value)
{
    const SecretResult r = waitFor(s.write(key.toString(), value));
    QVERIFY(r.ok());
}

} // namespace

class TstSecretResolver : public QObject
{
    Q_OBJECT

private slots:
    void keychainWins();
    void environmentWhenKeychainHasNone();
    void configFileLast();
    void customConfigFileName();
    void nothingFound();
    void missingKeyringFallsBackWithWarning();
    void lockedKeyringFallsBackWithWarning();
    void hangingKeyringTimesOutThenFallsBack();
    void cancelStopsTheStoreRead();
    void withoutKeychainStore();
    void keysArePerServerAndSecret();
    void emptyConfigValueIsAbsent();
};

void TstSecretResolver::keychainWins()
{
    FakeKeychain keychain;
    store(keychain, passwordKey(), QStringLiteral("from-keychain"));
    EnvironmentSecretStore env(envWith(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env")));
    SecretResolver resolver(&keychain, &env);

    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QStringLiteral("from-file")));
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    QCOMPARE(r.secret, QStringLiteral("from-keychain"));
    QCOMPARE(r.source, SecretSource::Keychain);
    QCOMPARE(r.origin, passwordKey().toString());
    QCOMPARE(r.sourceDescription(), QStringLiteral("from the keychain"));
    QVERIFY(r.warnings.isEmpty());
}

void TstSecretResolver::environmentWhenKeychainHasNone()
{
    FakeKeychain keychain;
    EnvironmentSecretStore env(envWith(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env")));
    SecretResolver resolver(&keychain, &env);

    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QStringLiteral("from-file")));
    QVERIFY(r.ok());
    QCOMPARE(r.secret, QStringLiteral("from-env"));
    QCOMPARE(r.source, SecretSource::Environment);
    QCOMPARE(r.origin, QStringLiteral("JIRA_PASSWORD"));
    QCOMPARE(r.sourceDescription(), QStringLiteral("from JIRA_PASSWORD"));
    QVERIFY(r.warnings.isEmpty()); // "not in the keychain" is normal, not a warning
}

void TstSecretResolver::configFileLast()
{
    FakeKeychain keychain;
    EnvironmentSecretStore env{QProcessEnvironment()};
    SecretResolver resolver(&keychain, &env);

    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QStringLiteral("from-file")));
    QVERIFY(r.ok());
    QCOMPARE(r.secret, QStringLiteral("from-file"));
    QCOMPARE(r.source, SecretSource::ConfigFile);
    QCOMPARE(r.origin, QStringLiteral("config.toml"));
    QCOMPARE(r.sourceDescription(), QStringLiteral("from config.toml"));
}

void TstSecretResolver::customConfigFileName()
{
    SecretResolver resolver(nullptr, nullptr);
    resolver.setConfigFileName(QStringLiteral("jira-client.toml"));
    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QStringLiteral("f")));
    QCOMPARE(r.sourceDescription(), QStringLiteral("from jira-client.toml"));
}

void TstSecretResolver::nothingFound()
{
    FakeKeychain keychain;
    EnvironmentSecretStore env{QProcessEnvironment()};
    SecretResolver resolver(&keychain, &env);

    SecretResult r = waitFor(resolver.resolve(passwordKey()));
    QCOMPARE(r.error, SecretError::NotFound);
    QCOMPARE(r.message, QStringLiteral("No password is set: not in the keychain, not in JIRA_PASSWORD and not in "
                                       "config.toml"));
    QVERIFY(r.secret.isEmpty());
    QCOMPARE(r.source, SecretSource::None);

    JiraSecretKey token = passwordKey();
    token.authType = QStringLiteral("token");
    token.secretName = QStringLiteral("token");
    r = waitFor(resolver.resolve(token));
    QVERIFY2(r.message.contains(QStringLiteral("JIRA_BEARER_TOKEN")), qPrintable(r.message));
}

void TstSecretResolver::missingKeyringFallsBackWithWarning()
{
    BrokenKeychain keychain;
    EnvironmentSecretStore env(envWith(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env")));
    SecretResolver resolver(&keychain, &env);

    SecretResult r = waitFor(resolver.resolve(passwordKey()));
    QVERIFY(r.ok());
    QCOMPARE(r.source, SecretSource::Environment);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY2(r.warnings.first().contains(QStringLiteral("No keyring is available")), qPrintable(r.warnings.first()));

    // Nothing anywhere: NotFound, but the keychain problem is still there to show.
    EnvironmentSecretStore emptyEnv{QProcessEnvironment()};
    SecretResolver resolver2(&keychain, &emptyEnv);
    r = waitFor(resolver2.resolve(passwordKey()));
    QCOMPARE(r.error, SecretError::NotFound);
    QVERIFY2(r.cause.contains(QStringLiteral("No keyring is available")), qPrintable(r.cause));
    QCOMPARE(r.warnings.size(), 1);
}

void TstSecretResolver::lockedKeyringFallsBackWithWarning()
{
    BrokenKeychain keychain;
    keychain.error = SecretError::AccessDenied;
    SecretResolver resolver(&keychain, nullptr);
    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QStringLiteral("from-file")));
    QVERIFY(r.ok());
    QCOMPARE(r.source, SecretSource::ConfigFile);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().contains(QStringLiteral("Access to the keyring was denied")));
}

void TstSecretResolver::hangingKeyringTimesOutThenFallsBack()
{
    HangingKeychain keychain;
    keychain.setTimeout(std::chrono::milliseconds(100));
    EnvironmentSecretStore env(envWith(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env")));
    SecretResolver resolver(&keychain, &env);

    const tbds::test::Delivery d = waitForDelivery(resolver.resolve(passwordKey()), 5000);
    QVERIFY(d.result);
    QCOMPARE(d.count, 1);
    QVERIFY(d.result->ok());
    QCOMPARE(d.result->source, SecretSource::Environment);
    QCOMPARE(d.result->warnings.size(), 1);
    QVERIFY2(d.result->warnings.first().contains(QStringLiteral("timed out")), qPrintable(d.result->warnings.first()));
}

void TstSecretResolver::cancelStopsTheStoreRead()
{
    HangingKeychain keychain; // default 30 s: the test would time out if cancel did not work
    EnvironmentSecretStore env(envWith(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env")));
    SecretResolver resolver(&keychain, &env);

    SecretOperation *op = resolver.resolve(passwordKey());
    QCOMPARE(keychain.started.size(), 1);
    op->cancel();
    const tbds::test::Delivery d = waitForDelivery(op, 2000);
    QVERIFY(d.result);
    QCOMPARE(d.count, 1);
    QCOMPARE(d.result->error, SecretError::Cancelled);
    // The keychain read was cancelled as well (it finished and deleted itself).
    QTRY_VERIFY_WITH_TIMEOUT(keychain.started.first().isNull(), 2000);
}

void TstSecretResolver::withoutKeychainStore()
{
    EnvironmentSecretStore env(envWith(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env")));
    SecretResolver resolver(nullptr, &env);
    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QStringLiteral("from-file")));
    QCOMPARE(r.source, SecretSource::Environment);
    QVERIFY(r.warnings.isEmpty());
}

void TstSecretResolver::keysArePerServerAndSecret()
{
    FakeKeychain keychain;
    store(keychain, passwordKey(QStringLiteral("https://a.example.com")), QStringLiteral("pw-a"));
    EnvironmentSecretStore env{QProcessEnvironment()};
    SecretResolver resolver(&keychain, &env);

    // Same server written differently: same key.
    SecretResult r = waitFor(resolver.resolve(passwordKey(QStringLiteral("https://A.example.com/")), QStringLiteral("f")));
    QCOMPARE(r.source, SecretSource::Keychain);
    QCOMPARE(r.secret, QStringLiteral("pw-a"));
    // Another server: not this secret.
    r = waitFor(resolver.resolve(passwordKey(QStringLiteral("https://b.example.com")), QStringLiteral("f")));
    QCOMPARE(r.source, SecretSource::ConfigFile);
    // Another secret of the same profile: not this one either.
    JiraSecretKey tokenKey = passwordKey(QStringLiteral("https://a.example.com"));
    tokenKey.secretName = QStringLiteral("token");
    r = waitFor(resolver.resolve(tokenKey));
    QCOMPARE(r.error, SecretError::NotFound);
}

void TstSecretResolver::emptyConfigValueIsAbsent()
{
    SecretResolver resolver(nullptr, nullptr);
    const SecretResult r = waitFor(resolver.resolve(passwordKey(), QString()));
    QCOMPARE(r.error, SecretError::NotFound);
}

QTEST_GUILESS_MAIN(TstSecretResolver)
#include "tst_secretresolver.moc"
