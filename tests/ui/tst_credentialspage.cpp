// SPDX-License-Identifier: Apache-2.0
// The Credentials page against a real Secret Service (scripts/test.sh: dbus-run-session with an
// unlocked gnome-keyring). TBDS_REQUIRE_KEYRING=1 turns "no keyring" into a failure.
#include "core/config/passwordhasher.h"
#include "core/secrets/environmentsecretstore.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/secrets/memorysecretstore.h"
#include "core/secrets/secretresult.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/connectiontestpage.h"
#include "ui/credentialspage.h"
#include "ui/enginecontroller.h"
#include "ui/mainwindow.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/models/jirasecrets.h"
#include "ui/messagebox.h"
#include "ui/models/configdocument.h"

#include <QAccessible>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStatusBar>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QUuid>

#include <cstdio>

using tbds::secrets::EnvironmentSecretStore;
using tbds::secrets::KeychainSecretStore;
using tbds::secrets::SecretError;
using tbds::secrets::SecretResult;
using tbds::ui::ConfigDocument;
using tbds::ui::CredentialsPage;
using tbds::ui::MessageBox;

namespace {

constexpr char kChildFlag[] = "--child-no-keyring";
const QString kService = QStringLiteral("tbds-test-credentialspage");

QString screenshotDir()
{
    return qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
}

/** A Jira config with a server of its own, so runs never see each other's keychain entries. */
QString writeJiraConfig(const QString &dir, const QByteArray &extraClientLines = {})
{
    const QString path = dir + QStringLiteral("/config.toml");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    const QByteArray server = "https://jira-" + QUuid::createUuid().toByteArray(QUuid::Id128).left(12) + ".example.com";
    f.write("# Jira test config\n[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
            "\n[testbench-defect-service.client_config]\nserver_url = \"" + server + "\"\n"
            "auth_type = \"basic\"\nusername = \"svc@example.com\"\n" + extraClientLines);
    return path;
}

/** Waits for the page's next operationFinished; returns the result. */
SecretResult waitForOperation(CredentialsPage &page, int timeoutMs = 40'000)
{
    // A direct connection, not QSignalSpy: the child process has no registered metatype.
    std::optional<SecretResult> got;
    QMetaObject::Connection c = QObject::connect(&page, &CredentialsPage::operationFinished, &page,
                                                 [&](const QString &, const SecretResult &r) {
                                                     if (!got)
                                                         got = r;
                                                 });
    QElapsedTimer t;
    t.start();
    while (!got && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    QObject::disconnect(c);
    return got.value_or(SecretResult::failure(SecretError::TimedOut, QStringLiteral("test: no operationFinished")));
}

bool waitIdle(CredentialsPage &page, int timeoutMs = 40'000)
{
    QElapsedTimer t;
    t.start();
    while (page.isBusy() && t.elapsed() < timeoutMs)
        QTest::qWait(20);
    return !page.isBusy();
}

/** Child process: the page in an environment without a keyring; prints what the admin sees. */
int runChild()
{
    QTemporaryDir dir;
    ConfigDocument document;
    if (!document.load(writeJiraConfig(dir.path())))
        return 2;
    KeychainSecretStore keychain(kService);
    keychain.setTimeout(std::chrono::seconds(15));
    EnvironmentSecretStore environment{QProcessEnvironment()};
    CredentialsPage page(&document, &keychain, &environment);
    page.resize(1000, 560);
    page.show();
    waitIdle(page);
    page.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("secret"));
    page.findChild<QPushButton *>(QStringLiteral("passwordStoreButton"))->click();
    const SecretResult result = waitForOperation(page);
    auto *error = page.findChild<QLabel *>(QStringLiteral("keyringErrorLabel"));
    std::printf("error=%s\n", qPrintable(SecretResult::errorName(result.error)));
    std::printf("label=%s\n", qPrintable(error->isVisibleTo(&page) ? error->text() : QString()));
    std::printf("config-unchanged=%d\n", document.text().contains("password") ? 0 : 1);
    QCoreApplication::processEvents();
    page.grab().save(screenshotDir() + QStringLiteral("/credentials-no-keyring.png"));
    return 0;
}

} // namespace

class tst_CredentialsPage : public QObject
{
    Q_OBJECT

private:
    QStringList m_keysWritten;
    QStringList m_defaultServiceKeys; ///< under the application's own keychain service

    void screenshot(QWidget *w, const QString &name)
    {
        QCoreApplication::processEvents();
        QVERIFY(w->grab().save(screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png")));
    }

    /** Skips, or fails under TBDS_REQUIRE_KEYRING=1, when there is no working keyring. */
    bool keyringUsable(QString *why)
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            *why = QStringLiteral("no D-Bus session bus; run under scripts/test.sh");
            return false;
        }
        KeychainSecretStore probe(kService);
        probe.setTimeout(std::chrono::seconds(20));
        const QString key = QStringLiteral("probe:") + QUuid::createUuid().toString(QUuid::Id128);
        SecretResult r;
        bool done = false;
        auto *op = probe.write(key, QStringLiteral("x"));
        connect(op, &tbds::secrets::SecretOperation::finished, this, [&](const SecretResult &res) { r = res; done = true; });
        for (int i = 0; i < 1500 && !done; ++i)
            QTest::qWait(20);
        if (!r.ok()) {
            *why = QStringLiteral("keyring write failed: ") + r.message + QStringLiteral(" / ") + r.cause;
            return false;
        }
        done = false;
        auto *rm = probe.remove(key);
        connect(rm, &tbds::secrets::SecretOperation::finished, this, [&](const SecretResult &) { done = true; });
        for (int i = 0; i < 1500 && !done; ++i)
            QTest::qWait(20);
        return true;
    }

#define REQUIRE_KEYRING()                                                                   \
    do {                                                                                    \
        QString why;                                                                        \
        if (!keyringUsable(&why)) {                                                         \
            if (qEnvironmentVariableIntValue("TBDS_REQUIRE_KEYRING") == 1)                  \
                QFAIL(qPrintable(QStringLiteral("TBDS_REQUIRE_KEYRING=1 but: ") + why));    \
            QSKIP(qPrintable(why));                                                         \
        }                                                                                   \
    } while (false)

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(QDir().mkpath(screenshotDir()));
        qRegisterMetaType<SecretResult>();
    }

    void jsonlNeedsNoJiraSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.path() + QStringLiteral("/config.toml");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[testbench-defect-service]\nclient_class = \"JsonlDefectClient\"\n");
        f.close();
        ConfigDocument document;
        QVERIFY(document.load(path));
        KeychainSecretStore keychain(kService);
        EnvironmentSecretStore environment{QProcessEnvironment()};
        CredentialsPage page(&document, &keychain, &environment);
        page.show();
        QVERIFY(page.secretNames().isEmpty());
        QVERIFY(!page.isBusy());
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("jiraProfileLabel"))->text().contains(QStringLiteral("JSONL")));
    }

    void rowButtonsHaveTheirOwnNames()
    {
        // OAuth 1.0a has four rows of the same three buttons; each must say which secret it acts on.
        QTemporaryDir dir;
        ConfigDocument document;
        QVERIFY(document.load(writeJiraConfig(dir.path())));
        QVERIFY(document.setValue(ConfigDocument::clientRoot() << QStringLiteral("auth_type"), QStringLiteral("oauth1")));
        tbds::secrets::MemorySecretStore keychain;
        EnvironmentSecretStore environment{QProcessEnvironment()};
        CredentialsPage page(&document, &keychain, &environment);
        page.show();
        QCOMPARE(page.secretNames().size(), 4);
        QSet<QString> names;
        const auto buttons = page.findChildren<QPushButton *>();
        int rowButtons = 0;
        for (QPushButton *button : buttons) {
            if (!button->objectName().endsWith(QStringLiteral("StoreButton"))
                && !button->objectName().endsWith(QStringLiteral("RemoveButton"))
                && !button->objectName().endsWith(QStringLiteral("WriteConfigButton")))
                continue;
            ++rowButtons;
            QAccessibleInterface *a = QAccessible::queryAccessibleInterface(button);
            QVERIFY(a);
            names.insert(a->text(QAccessible::Name));
        }
        QCOMPARE(rowButtons, 12);
        QCOMPARE(names.size(), 12);
    }

    void storeShowSourceRemove()
    {
        REQUIRE_KEYRING();
        QTemporaryDir dir;
        ConfigDocument document;
        QVERIFY(document.load(writeJiraConfig(dir.path())));
        KeychainSecretStore keychain(kService);
        EnvironmentSecretStore environment{QProcessEnvironment()};
        CredentialsPage page(&document, &keychain, &environment);
        page.resize(1100, 560);
        page.show();
        QCOMPARE(page.secretNames(), QStringList{QStringLiteral("password")});
        QVERIFY(waitIdle(page));
        QCOMPARE(page.sourceText(QStringLiteral("password")), QStringLiteral("not set"));

        // Store: the waiting state shows at once, the answer comes asynchronously.
        page.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("api-token-1"));
        page.findChild<QPushButton *>(QStringLiteral("passwordStoreButton"))->click();
        auto *waiting = page.findChild<QWidget *>(QStringLiteral("keyringWaitingPanel"));
        QVERIFY(waiting->isVisibleTo(&page));
        screenshot(&page, QStringLiteral("credentials-waiting"));
        const SecretResult stored = waitForOperation(page);
        QVERIFY2(stored.ok(), qPrintable(stored.message + QStringLiteral(" / ") + stored.cause));
        m_keysWritten << page.keyFor(QStringLiteral("password"))->toString();
        QVERIFY(waitIdle(page));
        QVERIFY(!waiting->isVisibleTo(&page));
        QCOMPARE(page.sourceText(QStringLiteral("password")), QStringLiteral("from the keychain"));
        QVERIFY(page.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->text().isEmpty());
        QVERIFY(!document.text().contains("api-token-1")); // never in config.toml
        QVERIFY(!document.isModified());

        // The keyring really holds it, under the documented key.
        const QString key = page.keyFor(QStringLiteral("password"))->toString();
        QVERIFY(key.startsWith(QStringLiteral("jira:https://jira-")));
        QVERIFY(key.endsWith(QStringLiteral(":basic:svc@example.com:password")));
        SecretResult read;
        bool done = false;
        auto *op = keychain.read(key);
        connect(op, &tbds::secrets::SecretOperation::finished, this, [&](const SecretResult &r) { read = r; done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        QCOMPARE(read.secret, QStringLiteral("api-token-1"));
        screenshot(&page, QStringLiteral("credentials"));

        // Remove.
        QVERIFY(page.findChild<QPushButton *>(QStringLiteral("passwordRemoveButton"))->isEnabled());
        page.findChild<QPushButton *>(QStringLiteral("passwordRemoveButton"))->click();
        QVERIFY(waitForOperation(page).ok());
        QVERIFY(waitIdle(page));
        QCOMPARE(page.sourceText(QStringLiteral("password")), QStringLiteral("not set"));
        m_keysWritten.removeAll(key);
    }

    void environmentAndConfigFallbackShownAsSuch()
    {
        REQUIRE_KEYRING();
        QTemporaryDir dir;
        ConfigDocument document;
        QVERIFY(document.load(writeJiraConfig(dir.path())));
        KeychainSecretStore keychain(kService);
        QProcessEnvironment env;
        env.insert(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env"));
        EnvironmentSecretStore environment{env};
        CredentialsPage page(&document, &keychain, &environment);
        page.resize(1100, 560);
        page.show();
        QVERIFY(waitIdle(page));
        QCOMPARE(page.sourceText(QStringLiteral("password")), QStringLiteral("from JIRA_PASSWORD"));

        // Writing into config.toml is a separate, confirmed action; cancelling leaves the file alone.
        EnvironmentSecretStore noEnv{QProcessEnvironment()};
        CredentialsPage filePage(&document, &keychain, &noEnv);
        filePage.resize(1100, 560);
        filePage.show();
        QVERIFY(waitIdle(filePage));
        filePage.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("plain-secret"));
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        filePage.findChild<QPushButton *>(QStringLiteral("passwordWriteConfigButton"))->click();
        QVERIFY(!document.text().contains("plain-secret"));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        filePage.findChild<QPushButton *>(QStringLiteral("passwordWriteConfigButton"))->click();
        QVERIFY(document.text().contains("password = \"plain-secret\""));
        QVERIFY(document.text().startsWith("# Jira test config\n")); // a splice, not a rewrite
        QVERIFY(waitIdle(filePage));
        QCOMPARE(filePage.sourceText(QStringLiteral("password")), QStringLiteral("from config.toml"));
        screenshot(&filePage, QStringLiteral("credentials-from-config"));
        // Undo takes it out again.
        document.undoStack()->undo();
        QVERIFY(!document.text().contains("plain-secret"));
    }

    void secretGoesToTheSeparateClientFile()
    {
        // client_config_path names a .toml file: "Write to …" puts the secret there (where the
        // service reads it), names that file, and the main file stays as it is.
        QTemporaryDir dir;
        const QString clientPath = dir.filePath(QStringLiteral("jira.toml"));
        QFile c(clientPath);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("server_url = \"https://jira-separate.example.com\"\nusername = \"svc\"\n");
        c.close();
        const QString path = dir.filePath(QStringLiteral("config.toml"));
        QFile m(path);
        QVERIFY(m.open(QIODevice::WriteOnly));
        const QByteArray mainText = "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                                    "client_config_path = \"jira.toml\"\n";
        m.write(mainText);
        m.close();
        ConfigDocument document;
        QVERIFY(document.load(path));
        tbds::secrets::MemorySecretStore keychain;
        EnvironmentSecretStore environment{QProcessEnvironment()};
        CredentialsPage page(&document, &keychain, &environment);
        page.resize(1100, 560);
        page.show();
        QVERIFY(waitIdle(page));
        auto *write = page.findChild<QPushButton *>(QStringLiteral("passwordWriteConfigButton"));
        QVERIFY(write->isEnabled());
        page.findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(QStringLiteral("plain-secret"));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        write->click();
        QVERIFY(document.clientText().contains("password = \"plain-secret\""));
        QCOMPARE(document.text(), mainText);
        QVERIFY2(document.validation().ok(), qPrintable(document.validation().report()));
        QVERIFY(waitIdle(page));
        QCOMPARE(page.sourceText(QStringLiteral("password")), QStringLiteral("from jira.toml"));
    }

    void cancelWhileWaiting()
    {
        REQUIRE_KEYRING();
        QTemporaryDir dir;
        ConfigDocument document;
        QVERIFY(document.load(writeJiraConfig(dir.path())));
        KeychainSecretStore keychain(kService);
        EnvironmentSecretStore environment{QProcessEnvironment()};
        CredentialsPage page(&document, &keychain, &environment);
        page.show();
        QVERIFY(waitIdle(page));
        page.storeSecret(QStringLiteral("password"), QStringLiteral("x"));
        QVERIFY(page.isBusy());
        m_keysWritten << page.keyFor(QStringLiteral("password"))->toString(); // may land anyway
        page.findChild<QPushButton *>(QStringLiteral("keyringCancelButton"))->click();
        QCOMPARE(waitForOperation(page).error, SecretError::Cancelled);
        QVERIFY(waitIdle(page));
        auto *error = page.findChild<QLabel *>(QStringLiteral("keyringErrorLabel"));
        QVERIFY(error->isVisibleTo(&page));
        QVERIFY(error->text().contains(QStringLiteral("cancelled")));
    }

    void noKeyringIsAClearError()
    {
        QTemporaryDir runtime;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path()); // no $XDG_RUNTIME_DIR/bus either
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(kChildFlag)});
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 60'000);
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        QVERIFY2(child.exitCode() == 0, qPrintable(out + QString::fromUtf8(child.readAllStandardError())));
        // Without a session bus QtKeychain answers at once; a bus nobody serves would time out.
        QVERIFY2(out.contains(QStringLiteral("error=NoBackend")) || out.contains(QStringLiteral("error=TimedOut")),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Could not store Password / API token in the keychain")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Nothing was written to config.toml")) || out.contains(QStringLiteral("unlock")),
                 qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("config-unchanged=1")));
    }

    void serviceCredentialsWriteHashAndSalt()
    {
        QTemporaryDir dir;
        ConfigDocument document;
        QVERIFY(document.load(writeJiraConfig(dir.path())));
        KeychainSecretStore keychain(kService);
        EnvironmentSecretStore environment{QProcessEnvironment()};
        CredentialsPage page(&document, &keychain, &environment);
        page.resize(1100, 560);
        page.show();
        auto *user = page.findChild<QLineEdit *>(QStringLiteral("serviceUserEdit"));
        auto *password = page.findChild<QLineEdit *>(QStringLiteral("servicePasswordEdit"));
        auto *repeat = page.findChild<QLineEdit *>(QStringLiteral("servicePasswordRepeatEdit"));
        auto *result = page.findChild<QLabel *>(QStringLiteral("serviceCredentialsResultLabel"));
        user->setText(QStringLiteral("tester"));
        password->setText(QStringLiteral("s3cret"));
        repeat->setText(QStringLiteral("other"));
        QVERIFY(!page.setServiceCredentials());
        QCOMPARE(result->text(), QStringLiteral("The two passwords differ."));
        QVERIFY(!document.isModified());

        repeat->setText(QStringLiteral("s3cret"));
        page.findChild<QPushButton *>(QStringLiteral("setServiceCredentialsButton"))->click();
        QVERIFY(document.isModified());
        QCOMPARE(document.undoStack()->count(), 1); // one undoable step for both keys
        const auto hash = document.value({QStringLiteral("testbench-defect-service"), QStringLiteral("password_hash")});
        const auto salt = document.value({QStringLiteral("testbench-defect-service"), QStringLiteral("salt")});
        QVERIFY(hash && salt);
        const auto pepper = tbds::config::PasswordHasher::pepperFrom(QProcessEnvironment::systemEnvironment());
        QVERIFY(pepper.ok());
        const auto ok = tbds::config::PasswordHasher::verify(QStringLiteral("tester"), QStringLiteral("s3cret"),
                                                             std::get<QString>(*hash), std::get<QString>(*salt), *pepper);
        QVERIFY(ok.ok() && *ok);
        QVERIFY(!document.text().contains("s3cret"));
        QVERIFY(password->text().isEmpty() && repeat->text().isEmpty());
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("serviceCredentialsStatusLabel"))->text().contains(QStringLiteral("password_hash")));
        screenshot(&page, QStringLiteral("credentials-service-login"));
        document.undoStack()->undo();
        QVERIFY(!document.contains({QStringLiteral("testbench-defect-service"), QStringLiteral("password_hash")}));
    }

    void keychainOnlySecretServesTheWholeWindow()
    {
        // A Jira config whose API token lives only in the OS keychain (what the wizard writes):
        // valid as soon as it is open, and the Jira pages and the in-process engine log in with it,
        // without the Credentials page ever being shown.
        REQUIRE_KEYRING();
        tbds::fakejira::FakeJira jira;
        jira.loadDemoData();
        QVERIFY(jira.start().ok());
        namespace demo = tbds::fakejira::demo;
        const QString salt = tbds::config::PasswordHasher::generateSalt();
        const auto hash = tbds::config::PasswordHasher::hash(QStringLiteral("admin"), QStringLiteral("admin"), salt,
                                                             *tbds::config::PasswordHasher::pepperFrom(QProcessEnvironment()));
        QVERIFY(hash);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keychain-only.toml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                               "password_hash = \"%1\"\nsalt = \"%2\"\n\n"
                               "[testbench-defect-service.client_config]\nserver_url = \"%3\"\n"
                               "auth_type = \"basic\"\nusername = \"%4\"\ntimeout = 10\n")
                    .arg(*hash, salt, jira.baseUrl().toString(), QString::fromLatin1(demo::kCloudEmail))
                    .toUtf8());
        f.close();

        // The window's keychain is the application's one (service "tbds"), as in real use.
        KeychainSecretStore keychain;
        const QString key = tbds::secrets::JiraSecretKey{jira.baseUrl().toString(), QStringLiteral("basic"),
                                                         QString::fromLatin1(demo::kCloudEmail), QStringLiteral("password")}
                                .toString();
        bool stored = false;
        auto *op = keychain.write(key, QString::fromLatin1(demo::kCloudApiToken));
        connect(op, &tbds::secrets::SecretOperation::finished, this, [&](const SecretResult &r) { stored = r.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(stored, 30'000);
        m_defaultServiceKeys << key;

        qunsetenv("JIRA_PASSWORD");
        tbds::ui::MainWindow window;
        window.resize(1100, 760);
        window.show();
        QVERIFY(window.openFile(path));
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("keyring")));
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->validation().ok(), 30'000);
        QVERIFY(window.statusBar()->currentMessage().isEmpty());
        QVERIFY(!window.document()->text().contains(demo::kCloudApiToken));

        // Connection test: logs in with the keychain's token.
        window.showPage(tbds::ui::MainWindow::Page::ConnectionTest);
        auto *test = qobject_cast<tbds::ui::ConnectionTestPage *>(
            window.pageWidget(tbds::ui::MainWindow::Page::ConnectionTest));
        QVERIFY(test);
        QSignalSpy finished(test->model(), &tbds::ui::ConnectionTestModel::finished);
        test->runTest();
        QVERIFY(finished.wait(20'000));
        QVERIFY2(finished.first().first().toBool(), qPrintable(test->model()->report()));

        // The engine: /projects goes through the Jira client, which needs the token.
        window.engine()->start(*window.document()->validation().config, {QStringLiteral("127.0.0.1"), 0});
        QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), tbds::ui::EngineController::State::Running, 10'000);
        QNetworkAccessManager nam;
        QNetworkRequest request(window.engine()->url().resolved(QUrl(QStringLiteral("/projects"))));
        request.setRawHeader("Authorization", "Basic " + QByteArray("admin:admin").toBase64());
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(20'000));
        const QByteArray body = reply->readAll();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonDocument projects = QJsonDocument::fromJson(body);
        QVERIFY2(projects.isArray() && !projects.array().isEmpty(), body.constData());
        reply->deleteLater();
        window.engine()->stop(std::chrono::milliseconds(0));
        QTRY_COMPARE_WITH_TIMEOUT(window.engine()->state(), tbds::ui::EngineController::State::Stopped, 15'000);
    }

    void cleanupTestCase()
    {
        KeychainSecretStore appKeychain;
        for (const QString &key : std::as_const(m_defaultServiceKeys)) {
            bool done = false;
            auto *op = appKeychain.remove(key);
            connect(op, &tbds::secrets::SecretOperation::finished, this, [&](const SecretResult &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        }
        // Whatever a failed or cancelled step may have left behind.
        KeychainSecretStore keychain(kService);
        for (const QString &key : std::as_const(m_keysWritten)) {
            bool done = false;
            auto *op = keychain.remove(key);
            connect(op, &tbds::secrets::SecretOperation::finished, this, [&](const SecretResult &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        }
    }
};

int main(int argc, char *argv[])
{
    if (argc > 1 && qstrcmp(argv[1], kChildFlag) == 0) {
        QApplication app(argc, argv);
        return runChild();
    }
    QApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    tst_CredentialsPage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentialspage.moc"
