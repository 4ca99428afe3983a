// SPDX-License-Identifier: Apache-2.0
// The SecretStore/SecretOperation contract (async, exactly once, cancel, timeout), exercised
// through MemorySecretStore and stores that answer late or never.
#include "core/secrets/memorysecretstore.h"
#include "core/secrets/secretstore.h"
#include "tests/secrets/secretwait.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace tbds::secrets;
using tbds::test::waitFor;
using tbds::test::waitForDelivery;

namespace {

/** A store whose backend never answers, like a keyring stuck behind an unlock prompt. */
class HangingStore : public SecretStore
{
public:
    QList<QPointer<SecretOperation>> started;
    [[nodiscard]] SecretSource source() const override { return SecretSource::Keychain; }

protected:
    void startRead(SecretOperation *op) override { started.append(op); }
    void startWrite(SecretOperation *op, const QString &) override { started.append(op); }
    void startRemove(SecretOperation *op) override { started.append(op); }
};

/** Answers after `delayMs`, even when the operation has already timed out. */
class SlowStore : public SecretStore
{
public:
    int delayMs = 300;
    [[nodiscard]] SecretSource source() const override { return SecretSource::Keychain; }

protected:
    void startRead(SecretOperation *op) override
    {
        QPointer<SecretOperation> guard(op);
        QTimer::singleShot(delayMs, this, [guard] {
            if (guard) // tries to finish even if it timed out: must be ignored
                guard->finish(SecretResult::success(SecretSource::Keychain, guard->key(), QStringLiteral("late")));
        });
    }
    void startWrite(SecretOperation *op, const QString &) override { startRead(op); }
    void startRemove(SecretOperation *op) override { startRead(op); }
};

} // namespace

class TstSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void memoryRoundTrip();
    void deliveryIsAsynchronous();
    void finishIsExactlyOnce();
    void cancelPendingOperation();
    void timeoutWhenStoreNeverAnswers();
    void lateAnswerAfterTimeoutIsIgnored();
    void defaultTimeout();
    void emptyKeyIsRefused();
    void operationOutlivesStore();
    void sourceDescriptions();
};

void TstSecretStore::memoryRoundTrip()
{
    MemorySecretStore store;
    const QString key = QStringLiteral("jira:https://jira.example.com:basic:admin:password");
    const QString secret = QStringLiteral("pä55wörd-€-🔑");

    SecretResult r = waitFor(store.write(key, secret));
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    r = waitFor(store.read(key));
    QVERIFY(r.ok());
    QCOMPARE(r.secret, secret);
    QCOMPARE(r.source, SecretSource::Memory);
    QCOMPARE(r.origin, key);

    QVERIFY(waitFor(store.write(key, QStringLiteral("second"))).ok());
    QCOMPARE(waitFor(store.read(key)).secret, QStringLiteral("second"));

    QVERIFY(waitFor(store.remove(key)).ok());
    r = waitFor(store.read(key));
    QCOMPARE(r.error, SecretError::NotFound);
    QVERIFY(!r.message.isEmpty());
    QVERIFY(r.secret.isEmpty());
    // Removing again is fine, as with the keychain.
    QVERIFY(waitFor(store.remove(key)).ok());
}

void TstSecretStore::deliveryIsAsynchronous()
{
    MemorySecretStore store;
    int delivered = 0;
    SecretOperation *op = store.read(QStringLiteral("k"));
    // The memory store knows the answer at once, but the signal must wait for the event loop,
    // otherwise a caller connecting right after read() would miss it.
    QVERIFY(op->isFinished());
    connect(op, &SecretOperation::finished, this, [&delivered] { ++delivered; });
    QCOMPARE(delivered, 0);
    QTRY_COMPARE(delivered, 1);
}

void TstSecretStore::finishIsExactlyOnce()
{
    HangingStore store;
    SecretOperation *op = store.read(QStringLiteral("k"));
    QVERIFY(!op->isFinished());
    QVERIFY(op->finish(SecretResult::success(SecretSource::Keychain, QStringLiteral("k"), QStringLiteral("one"))));
    QVERIFY(!op->finish(SecretResult::failure(SecretError::Other)));
    op->cancel(); // ignored: already finished
    const tbds::test::Delivery d = waitForDelivery(op);
    QCOMPARE(d.count, 1);
    QVERIFY(d.result->ok());
    QCOMPARE(d.result->secret, QStringLiteral("one"));
}

void TstSecretStore::cancelPendingOperation()
{
    HangingStore store;
    QPointer<SecretOperation> op = store.write(QStringLiteral("k"), QStringLiteral("s"));
    QVERIFY(!op->isFinished());
    op->cancel();
    QVERIFY(op->isFinished());
    const tbds::test::Delivery d = waitForDelivery(op);
    QCOMPARE(d.count, 1);
    QCOMPARE(d.result->error, SecretError::Cancelled);
    QVERIFY(d.result->message.contains(QStringLiteral("cancelled")));
    QTRY_VERIFY(op.isNull()); // deleted itself after delivering
}

void TstSecretStore::timeoutWhenStoreNeverAnswers()
{
    HangingStore store;
    store.setTimeout(std::chrono::milliseconds(150));
    QElapsedTimer clock;
    clock.start();
    const tbds::test::Delivery d = waitForDelivery(store.read(QStringLiteral("k")), 5000);
    QVERIFY(d.result);
    QCOMPARE(d.count, 1);
    QVERIFY(clock.elapsed() >= 140);
    QCOMPARE(d.result->error, SecretError::TimedOut);
    QVERIFY2(d.result->message.contains(QStringLiteral("Waiting for the keyring timed out")),
             qPrintable(d.result->message));
    QVERIFY2(d.result->cause.contains(QStringLiteral("0.15 s")), qPrintable(d.result->cause));
    QVERIFY(d.result->secret.isEmpty());
}

void TstSecretStore::lateAnswerAfterTimeoutIsIgnored()
{
    SlowStore store;
    store.delayMs = 300;
    store.setTimeout(std::chrono::milliseconds(50));
    const tbds::test::Delivery d = waitForDelivery(store.read(QStringLiteral("k")));
    QCOMPARE(d.result->error, SecretError::TimedOut);
    QTest::qWait(400); // the late answer comes and must not produce a second delivery
    QCOMPARE(d.count, 1);

    // And a fast enough answer wins over the deadline.
    store.delayMs = 10;
    store.setTimeout(std::chrono::milliseconds(2000));
    const SecretResult r = waitFor(store.read(QStringLiteral("k")));
    QVERIFY(r.ok());
    QCOMPARE(r.secret, QStringLiteral("late"));
}

void TstSecretStore::defaultTimeout()
{
    MemorySecretStore store;
    QCOMPARE(store.timeout(), std::chrono::milliseconds(30'000));
    store.setTimeout(std::chrono::milliseconds(5));
    QCOMPARE(store.timeout(), std::chrono::milliseconds(5));
    store.setTimeout(std::chrono::milliseconds(0)); // no "wait forever": back to the default
    QCOMPARE(store.timeout(), SecretStore::DefaultTimeout);
}

void TstSecretStore::emptyKeyIsRefused()
{
    HangingStore store;
    const SecretResult r = waitFor(store.read(QString()));
    QCOMPARE(r.error, SecretError::Other);
    QVERIFY(store.started.isEmpty());
}

void TstSecretStore::operationOutlivesStore()
{
    auto store = std::make_unique<MemorySecretStore>();
    SecretOperation *op = store->read(QStringLiteral("k"));
    store.reset();
    QCOMPARE(waitFor(op).error, SecretError::NotFound);

    auto hanging = std::make_unique<HangingStore>();
    hanging->setTimeout(std::chrono::milliseconds(50));
    op = hanging->read(QStringLiteral("k"));
    hanging.reset();
    QCOMPARE(waitFor(op).error, SecretError::TimedOut);
}

void TstSecretStore::sourceDescriptions()
{
    QCOMPARE(SecretResult::success(SecretSource::Keychain, QStringLiteral("jira:x")).sourceDescription(),
             QStringLiteral("from the keychain"));
    QCOMPARE(SecretResult::success(SecretSource::Environment, QStringLiteral("JIRA_PASSWORD")).sourceDescription(),
             QStringLiteral("from JIRA_PASSWORD"));
    QCOMPARE(SecretResult::success(SecretSource::ConfigFile, QStringLiteral("config.toml")).sourceDescription(),
             QStringLiteral("from config.toml"));
    QCOMPARE(SecretResult::success(SecretSource::Memory, {}).sourceDescription(),
             QStringLiteral("from this session only (not saved)"));
    QCOMPARE(SecretResult::failure(SecretError::NoBackend).message,
             QStringLiteral("No keyring is available (is a Secret Service such as GNOME Keyring or KWallet "
                            "running and unlocked?)"));
    const SecretResult timedOut = SecretResult::failure(SecretError::TimedOut, QStringLiteral("no answer after 30 s"));
    QCOMPARE(timedOut.toError().cause, QStringLiteral("no answer after 30 s"));
    QVERIFY(timedOut.toError().toString().startsWith(QStringLiteral("Waiting for the keyring timed out")));
}

QTEST_GUILESS_MAIN(TstSecretStore)
#include "tst_secretstore.moc"
