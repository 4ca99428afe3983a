// SPDX-License-Identifier: Apache-2.0
// JiraSecrets: the keychain's Jira secrets reach the document's validated config when a Jira
// config is opened, follow profile changes, and keychain trouble never loses the file's values.
#include "core/secrets/jirasecretkey.h"
#include "core/secrets/memorysecretstore.h"
#include "core/secrets/secretoperation.h"
#include "ui/models/configdocument.h"
#include "ui/models/jirasecrets.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using tbds::secrets::JiraSecretKey;
using tbds::secrets::MemorySecretStore;
using tbds::secrets::SecretError;
using tbds::secrets::SecretOperation;
using tbds::secrets::SecretResult;
using tbds::secrets::SecretSource;
using tbds::ui::ConfigDocument;
using tbds::ui::JiraSecrets;

namespace {

/** A memory store that counts reads and can fail them like a missing or locked keyring. */
class TestStore final : public MemorySecretStore
{
public:
    int reads = 0;
    SecretError failWith = SecretError::None;

protected:
    void startRead(SecretOperation *op) override
    {
        ++reads;
        if (failWith != SecretError::None)
            op->finish(SecretResult::failure(failWith));
        else
            MemorySecretStore::startRead(op);
    }
};

const QString Server = QStringLiteral("https://jira.example.com");

QString key(const QString &user, const QString &secret = QStringLiteral("password"),
            const QString &auth = QStringLiteral("basic"), const QString &server = Server)
{
    return JiraSecretKey { server, auth, user, secret }.toString();
}

bool store(TestStore &keychain, const QString &key, const QString &value)
{
    SecretOperation *op = keychain.write(key, value);
    QSignalSpy done(op, &SecretOperation::finished);
    return done.wait(2000) && done.first().first().value<SecretResult>().ok();
}

} // namespace

class tst_JiraSecrets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(text);
        return path;
    }

    static QByteArray jira(const QByteArray &extra = {})
    {
        return "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
               "[testbench-defect-service.client_config]\nserver_url = \"https://jira.example.com\"\n"
               "username = \"svc\"\n"
            + extra;
    }

private Q_SLOTS:
    void init()
    {
        qunsetenv("JIRA_PASSWORD");
        qunsetenv("JIRA_USERNAME");
        qunsetenv("JIRA_BEARER_TOKEN");
    }

    void keychainSecretReachesTheConfigAtOpen()
    {
        TestStore keychain;
        QVERIFY(store(keychain, key(QStringLiteral("svc")), QStringLiteral("s3cret")));
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QSignalSpy busy(&secrets, &JiraSecrets::busyChanged);
        const QString path = write(QStringLiteral("keychain-only.toml"), jira());
        QVERIFY(doc.load(path).ok());
        // The password is nowhere but in the keychain: invalid until the lookup answers.
        QVERIFY(secrets.isBusy());
        QVERIFY(!doc.validation().ok());
        QVERIFY(finished.wait(2000));
        QVERIFY2(doc.validation().ok(), qPrintable(doc.validation().report()));
        QCOMPARE(doc.validation().config->jira->password, std::optional<QString>(QStringLiteral("s3cret")));
        QCOMPARE(secrets.foundNames(), QStringList { QStringLiteral("password") });
        QVERIFY(secrets.problem().isEmpty());
        QVERIFY(!secrets.isBusy());
        QCOMPARE(busy.size(), 2); // true, then false
        // Never into the text, so never into the file.
        QVERIFY(!doc.text().contains("s3cret"));
        QVERIFY(!doc.isModified());
    }

    void keychainWinsOverTheFile()
    {
        TestStore keychain;
        QVERIFY(store(keychain, key(QStringLiteral("svc")), QStringLiteral("from-keychain")));
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QVERIFY(doc.load(write(QStringLiteral("both.toml"), jira("password = \"from-file\"\n"))).ok());
        QCOMPARE(doc.validation().config->jira->password, std::optional<QString>(QStringLiteral("from-file")));
        QVERIFY(finished.wait(2000));
        QCOMPARE(doc.validation().config->jira->password, std::optional<QString>(QStringLiteral("from-keychain")));
    }

    void anotherUserOrServerDropsTheValues()
    {
        TestStore keychain;
        QVERIFY(store(keychain, key(QStringLiteral("svc")), QStringLiteral("s3cret")));
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QVERIFY(doc.load(write(QStringLiteral("switch.toml"), jira())).ok());
        QVERIFY(finished.wait(2000));
        QVERIFY(doc.validation().ok());

        // The secret belongs to svc@jira.example.com; another user must not get it.
        QVERIFY(doc.setValue(ConfigDocument::clientRoot() << QStringLiteral("username"), QStringLiteral("other")).ok());
        QVERIFY(!doc.validation().ok());
        QVERIFY(doc.externalSecrets().isEmpty());
        QVERIFY(finished.wait(2000));
        QVERIFY(!doc.validation().ok()); // nothing stored for "other"
        QVERIFY(secrets.foundNames().isEmpty());

        // Undo brings svc back, and with it the lookup.
        doc.undoStack()->undo();
        QVERIFY(finished.wait(2000));
        QVERIFY(doc.validation().ok());
    }

    void keychainTroubleKeepsTheFileValueAndSaysWhy()
    {
        TestStore keychain;
        keychain.failWith = SecretError::NoBackend;
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QVERIFY(doc.load(write(QStringLiteral("nokeyring.toml"), jira("password = \"from-file\"\n"))).ok());
        QVERIFY(finished.wait(2000));
        QVERIFY(doc.validation().ok());
        QCOMPARE(doc.validation().config->jira->password, std::optional<QString>(QStringLiteral("from-file")));
        QCOMPARE(secrets.problem(), SecretResult::standardMessage(SecretError::NoBackend));
    }

    void jsonlLooksNothingUp()
    {
        TestStore keychain;
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QVERIFY(doc.load(write(QStringLiteral("jsonl.toml"),
                               "[testbench-defect-service]\nclient_class = \"JsonlDefectClient\"\n"
                               "[testbench-defect-service.client_config]\ndefects_path = \".\"\n"))
                    .ok());
        QVERIFY(!secrets.isBusy());
        QTest::qWait(50);
        QCOMPARE(keychain.reads, 0);
        QVERIFY(JiraSecrets::secretNames(doc).isEmpty());
    }

    void separateClientFileIsFollowed()
    {
        // client_config_path: the server and user live in another file; the key is made from those.
        TestStore keychain;
        QVERIFY(store(keychain, key(QStringLiteral("tok-user"), QStringLiteral("token"), QStringLiteral("token")),
                      QStringLiteral("pat")));
        write(QStringLiteral("client.toml"),
              "server_url = \"https://jira.example.com\"\nauth_type = \"token\"\n"
              "username = \"tok-user\"\n");
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QVERIFY(doc.load(write(QStringLiteral("separate.toml"),
                               "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                               "client_config_path = \"client.toml\"\n"))
                    .ok());
        QCOMPARE(JiraSecrets::secretNames(doc), QStringList { QStringLiteral("token") });
        QVERIFY(finished.wait(2000));
        QVERIFY2(doc.validation().ok(), qPrintable(doc.validation().report()));
        QCOMPARE(doc.validation().config->jira->token, std::optional<QString>(QStringLiteral("pat")));
    }

    void environmentUserIsTheKeysUserAndSettles()
    {
        // JIRA_USERNAME wins over the file (the loader's order): the key must use it too, before
        // and after the secret arrives, or the lookup would start over and over.
        qputenv("JIRA_USERNAME", "env-user");
        TestStore keychain;
        QVERIFY(store(keychain, key(QStringLiteral("env-user")), QStringLiteral("s3cret")));
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QVERIFY(doc.load(write(QStringLiteral("envuser.toml"), jira())).ok());
        QVERIFY(finished.wait(2000));
        QVERIFY(doc.validation().ok());
        QTest::qWait(100);
        QCOMPARE(keychain.reads, 1);
        QCOMPARE(finished.size(), 1);
        qunsetenv("JIRA_USERNAME");
    }

    void answersFromTheCredentialsPageApplyAtOnce()
    {
        TestStore keychain;
        ConfigDocument doc;
        JiraSecrets secrets(&doc, &keychain);
        QSignalSpy finished(&secrets, &JiraSecrets::finished);
        QVERIFY(doc.load(write(QStringLiteral("take.toml"), jira())).ok());
        QVERIFY(finished.wait(2000));
        QVERIFY(!doc.validation().ok());
        // The page stored the secret and resolved it again.
        secrets.take(QStringLiteral("password"),
                     SecretResult::success(keychain.source(), key(QStringLiteral("svc")), QStringLiteral("typed")));
        QVERIFY(doc.validation().ok());
        QCOMPARE(doc.validation().config->jira->password, std::optional<QString>(QStringLiteral("typed")));
        // Found in the environment after removal from the keychain: the keychain value is gone.
        secrets.take(
            QStringLiteral("password"),
            SecretResult::success(SecretSource::Environment, QStringLiteral("JIRA_PASSWORD"), QStringLiteral("e")));
        QVERIFY(doc.externalSecrets().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_JiraSecrets)
#include "tst_jirasecrets.moc"
