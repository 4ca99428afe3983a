// SPDX-License-Identifier: Apache-2.0
// KeychainSecretStore against a real Secret Service (gnome-keyring on a private D-Bus session,
// as scripts/test.sh runs it), plus the two ways a keyring fails in the field, each in a child
// process of this binary: no session bus at all (→ NoBackend, at once) and a bus that never
// answers (→ the operation's own timeout, not a hang).
#include "core/secrets/keychainsecretstore.h"
#include "tests/secrets/secretwait.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace tbds::secrets;
using tbds::test::waitFor;

namespace {

// A service of our own, so a developer's real "tbds" entries are never touched by a test run.
const QString kTestService = QStringLiteral("tbds-test");
const char kChildFlag[] = "--keychain-child";

const char kHowToRun[] =
    "No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset). Run the keychain test the way CI does: "
    "scripts/test.sh, or: dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock "
    "--components=secrets >/dev/null; ctest --test-dir <build> -R secret' (with HOME set to a temporary folder)";

bool keyringRequired()
{
    return qEnvironmentVariableIntValue("TBDS_REQUIRE_KEYRING") == 1;
}

/** One line of the child's report: "<op>\t<error name>\t<message>\t<cause>". */
struct ChildLine
{
    QString op;
    QString error;
    QString message;
    QString cause;
};

QList<ChildLine> parseChildOutput(const QByteArray &out)
{
    QList<ChildLine> lines;
    for (const QByteArray &raw : out.split('\n')) {
        const QStringList f = QString::fromUtf8(raw).split(QLatin1Char('\t'));
        if (f.size() == 4)
            lines.append({f[0], f[1], f[2], f[3]});
    }
    return lines;
}

/**
 * Child mode: read, then write, one key with the given timeout; print one line per result.
 * Runs its own event loop (test code; production code never nests one).
 */
int runChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int timeoutMs = argc > 2 ? QByteArray(argv[2]).toInt() : 15'000;
    QTimer::singleShot(90'000, &app, [] { std::fputs("child: giving up\n", stderr); std::_Exit(3); });

    auto *store = new KeychainSecretStore(kTestService, &app);
    store->setTimeout(std::chrono::milliseconds(timeoutMs));
    const QString key = KeychainSecretStore::jiraKey(QStringLiteral("https://child.invalid"), QStringLiteral("basic"),
                                                     QStringLiteral("child"), QStringLiteral("password"));
    auto print = [](const char *op, const SecretResult &r) {
        QTextStream out(stdout);
        out << op << '\t' << SecretResult::errorName(r.error) << '\t' << r.message << '\t'
            << QString(r.cause).replace(QLatin1Char('\n'), QLatin1Char(' ')) << '\n';
        out.flush();
    };
    SecretOperation *read = store->read(key);
    QObject::connect(read, &SecretOperation::finished, &app, [&](const SecretResult &r) {
        print("read", r);
        SecretOperation *write = store->write(key, QStringLiteral("never stored"));
        QObject::connect(write, &SecretOperation::finished, &app, [&](const SecretResult &w) {
            print("write", w);
            app.quit();
        });
    });
    return app.exec();
}

/** Environment of a headless server: no session bus, no display, no $XDG_RUNTIME_DIR/bus. */
QProcessEnvironment headlessEnvironment(const QString &emptyRuntimeDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    // GLib falls back to $XDG_RUNTIME_DIR/bus (a systemd user bus) when the address is unset.
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), emptyRuntimeDir);
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tbds.*=true"));
    return env;
}

} // namespace

class TstKeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void errorMapping_data();
    void errorMapping();
    void serviceName();
    void roundTrip();
    void entriesArePerSecret();
    void noSessionBusReportsNoBackend();
    void unansweredBusTimesOut();
    void cleanupTestCase();

private:
    /** Skips (or fails, under TBDS_REQUIRE_KEYRING=1) when there is no usable keyring. */
    bool keyringUsable(QString *why);
    QString uniqueKey(const QString &secretName) const;

    QString m_run;
    QStringList m_written;
};

void TstKeychainSecretStore::initTestCase()
{
    m_run = QString::number(QCoreApplication::applicationPid()) + QLatin1Char('-')
        + QString::number(QDateTime::currentMSecsSinceEpoch());
}

QString TstKeychainSecretStore::uniqueKey(const QString &secretName) const
{
    return KeychainSecretStore::jiraKey(QStringLiteral("https://tbds-test-") + m_run + QStringLiteral(".invalid"),
                                        QStringLiteral("basic"), QStringLiteral("tëst:user"), secretName);
}

bool TstKeychainSecretStore::keyringUsable(QString *why)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        *why = QString::fromLatin1(kHowToRun);
        return false;
    }
    // Probe with a write: a read is not enough, since a Secret Service without an unlocked
    // login keyring answers reads with "not found" but fails every write (platform-facts §2.2).
    KeychainSecretStore store(kTestService);
    store.setTimeout(std::chrono::seconds(20));
    const QString probe = uniqueKey(QStringLiteral("probe"));
    const SecretResult r = waitFor(store.write(probe, QStringLiteral("probe")), 30'000);
    if (r.ok()) {
        (void)waitFor(store.remove(probe), 30'000);
        return true;
    }
    *why = QStringLiteral("The session bus has no usable Secret Service (%1). Run it the way CI does: "
                          "scripts/test.sh (gnome-keyring-daemon --unlock under dbus-run-session).")
               .arg(r.toError().toString());
    return false;
}

#define REQUIRE_KEYRING()                                                                                \
    do {                                                                                                 \
        QString why;                                                                                     \
        if (!keyringUsable(&why)) {                                                                      \
            if (keyringRequired())                                                                       \
                QFAIL(qPrintable(QStringLiteral("TBDS_REQUIRE_KEYRING=1 but: ") + why));                 \
            QSKIP(qPrintable(why));                                                                      \
        }                                                                                                \
    } while (false)

void TstKeychainSecretStore::errorMapping_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<SecretError>("expected");
    // Codes are QKeychain::Error: NoError=0 … OtherError=7.
    QTest::newRow("no error") << 0 << "" << SecretError::None;
    QTest::newRow("entry not found") << 1 << "Entry not found" << SecretError::NotFound;
    QTest::newRow("could not delete") << 2 << "Could not delete" << SecretError::Other;
    QTest::newRow("denied by user") << 3 << "Access denied by user" << SecretError::AccessDenied;
    QTest::newRow("locked collection") << 4 << "Cannot create an item in a locked collection" << SecretError::AccessDenied;
    QTest::newRow("no backend") << 5 << "No keychain service available" << SecretError::NoBackend;
    QTest::newRow("not implemented") << 6 << "Not implemented" << SecretError::NoBackend;
    QTest::newRow("no session bus") << 7 << "Cannot autolaunch D-Bus without X11 $DISPLAY" << SecretError::NoBackend;
    QTest::newRow("no secret service")
        << 7 << "GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not "
                "provided by any .service files"
        << SecretError::NoBackend;
    QTest::newRow("no login collection")
        << 7 << "Object does not exist at path \u201c/org/freedesktop/secrets/collection/login\u201d"
        << SecretError::NoBackend;
    QTest::newRow("something else") << 7 << "Unknown error" << SecretError::Other;
}

void TstKeychainSecretStore::errorMapping()
{
    QFETCH(int, code);
    QFETCH(QString, text);
    QFETCH(SecretError, expected);
    const SecretResult r = KeychainSecretStore::resultForKeychainError(code, text);
    QCOMPARE(r.error, expected);
    if (expected != SecretError::None) {
        QVERIFY(!r.message.isEmpty());
        QCOMPARE(r.cause, text);
    }
    if (expected == SecretError::NoBackend)
        QVERIFY(r.message.startsWith(QStringLiteral("No keyring is available")));
}

void TstKeychainSecretStore::serviceName()
{
    QCOMPARE(KeychainSecretStore::defaultService(), QStringLiteral("tbds"));
    QCOMPARE(KeychainSecretStore().service(), QStringLiteral("tbds"));
    QCOMPARE(KeychainSecretStore().source(), SecretSource::Keychain);
}

void TstKeychainSecretStore::roundTrip()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(kTestService);
    const QString key = uniqueKey(QStringLiteral("password"));
    const QString secret = QStringLiteral("s3cr3t-é-ß-€-日本-🔑 \"quoted\" 'x' \\ end");
    m_written.append(key);

    SecretResult r = waitFor(store.write(key, secret), 35'000);
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    QCOMPARE(r.source, SecretSource::Keychain);

    r = waitFor(store.read(key), 35'000);
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    QCOMPARE(r.secret, secret);
    QCOMPARE(r.source, SecretSource::Keychain);
    QCOMPARE(r.origin, key);
    QCOMPARE(r.sourceDescription(), QStringLiteral("from the keychain"));

    // Overwrite replaces, it does not add a second item.
    const QString second = QStringLiteral("zweites-Passwort-ü");
    r = waitFor(store.write(key, second), 35'000);
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    r = waitFor(store.read(key), 35'000);
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    QCOMPARE(r.secret, second);

    r = waitFor(store.remove(key), 35'000);
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    r = waitFor(store.read(key), 35'000);
    QCOMPARE(r.error, SecretError::NotFound);
    QVERIFY(r.secret.isEmpty());
    QVERIFY(!r.message.isEmpty());

    // Removing what is gone is not an error.
    r = waitFor(store.remove(key), 35'000);
    QVERIFY2(r.ok(), qPrintable(r.toError().toString()));
    m_written.removeAll(key);
}

void TstKeychainSecretStore::entriesArePerSecret()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(kTestService);
    const QString tokenKey = uniqueKey(QStringLiteral("oauth1_access_token"));
    const QString secretKey = uniqueKey(QStringLiteral("oauth1_access_token_secret"));
    m_written << tokenKey << secretKey;

    QVERIFY(waitFor(store.write(tokenKey, QStringLiteral("tok")), 35'000).ok());
    QVERIFY(waitFor(store.write(secretKey, QStringLiteral("sec")), 35'000).ok());
    QCOMPARE(waitFor(store.read(tokenKey), 35'000).secret, QStringLiteral("tok"));
    QCOMPARE(waitFor(store.read(secretKey), 35'000).secret, QStringLiteral("sec"));

    // Another service name does not see them.
    KeychainSecretStore other(kTestService + QStringLiteral("-other"));
    QCOMPARE(waitFor(other.read(tokenKey), 35'000).error, SecretError::NotFound);

    QVERIFY(waitFor(store.remove(tokenKey), 35'000).ok());
    QCOMPARE(waitFor(store.read(tokenKey), 35'000).error, SecretError::NotFound);
    QCOMPARE(waitFor(store.read(secretKey), 35'000).secret, QStringLiteral("sec"));
    QVERIFY(waitFor(store.remove(secretKey), 35'000).ok());
    m_written.removeAll(tokenKey);
    m_written.removeAll(secretKey);
}

void TstKeychainSecretStore::noSessionBusReportsNoBackend()
{
    QTemporaryDir runtime;
    QVERIFY(runtime.isValid());
    QProcess child;
    child.setProcessEnvironment(headlessEnvironment(runtime.path()));
    QElapsedTimer clock;
    clock.start();
    // The child's own deadline (15 s) is far above what a working "no backend" answer takes.
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kChildFlag), QStringLiteral("15000")});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 40'000);
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, err.constData());

    const QList<ChildLine> lines = parseChildOutput(out);
    QCOMPARE(lines.size(), 2);
    for (const ChildLine &l : lines) {
        QVERIFY2(l.error == QStringLiteral("NoBackend"),
                 qPrintable(l.op + QStringLiteral(": ") + l.error + QStringLiteral(" ") + l.message
                            + QStringLiteral(" / ") + l.cause));
        QCOMPARE(l.message, QStringLiteral("No keyring is available (is a Secret Service such as GNOME Keyring "
                                           "or KWallet running and unlocked?)"));
    }
    QCOMPARE(lines[0].op, QStringLiteral("read"));
    QCOMPARE(lines[1].op, QStringLiteral("write"));
    // "Instead of hanging": well below the child's 15 s deadline.
    QVERIFY2(clock.elapsed() < 10'000, qPrintable(QString::number(clock.elapsed())));
    // No secret value is ever logged (the child logs every tbds.* category).
    QVERIFY(!out.contains("never stored"));
    QVERIFY(!err.contains("never stored"));
}

void TstKeychainSecretStore::unansweredBusTimesOut()
{
    // A "session bus" that accepts connections and never says a word: the D-Bus handshake, and
    // so the keychain job, never completes, just like an unlock prompt that nobody answers.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString socketPath = dir.filePath(QStringLiteral("bus"));
    QLocalServer server;
    server.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY2(server.listen(socketPath), qPrintable(server.errorString()));
    QList<QLocalSocket *> held;
    connect(&server, &QLocalServer::newConnection, this, [&] {
        while (QLocalSocket *s = server.nextPendingConnection())
            held.append(s); // keep open, read nothing, answer nothing
    });

    QTemporaryDir runtime;
    QProcessEnvironment env = headlessEnvironment(runtime.path());
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + socketPath);
    QProcess child;
    child.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kChildFlag), QStringLiteral("800")});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 60'000);
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, err.constData());

    const QList<ChildLine> lines = parseChildOutput(out);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].op, QStringLiteral("read"));
    QVERIFY2(lines[0].error == QStringLiteral("TimedOut"), qPrintable(lines[0].error + QLatin1Char(' ') + lines[0].cause));
    QVERIFY(lines[0].message.startsWith(QStringLiteral("Waiting for the keyring timed out")));
    // The write queues behind the stuck read (QtKeychain runs one job at a time) and so times
    // out too: each operation keeps its own deadline.
    QCOMPARE(lines[1].error, QStringLiteral("TimedOut"));
    QVERIFY2(clock.elapsed() < 30'000, qPrintable(QString::number(clock.elapsed())));
    qDeleteAll(held);
}

void TstKeychainSecretStore::cleanupTestCase()
{
    if (m_written.isEmpty())
        return;
    KeychainSecretStore store(kTestService);
    for (const QString &key : std::as_const(m_written))
        (void)waitFor(store.remove(key), 35'000);
}

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], kChildFlag) == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TstKeychainSecretStore tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_keychainsecretstore.moc"
