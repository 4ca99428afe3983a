// SPDX-License-Identifier: Apache-2.0
#include "app/servicecli.h"
#include "core/secrets/jirasecretkey.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/secrets/secretoperation.h"
#include "tests/support/testutil.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QUuid>

// Drives the real tbds-service binary, as an admin would, and checks files byte for byte.
class TestServiceCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &args, const QByteArray &stdinData = {}, const QProcessEnvironment &env = {})
    {
        QProcess p;
        if (!env.isEmpty())
            p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("TBDS_SERVICE_BIN"), args);
        if (!p.waitForStarted())
            return {};
        p.write(stdinData);
        p.closeWriteChannel();
        p.waitForFinished(30000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("TBDS_SERVICE_BIN").isEmpty());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("defects")));
    }

    void version()
    {
        const Run r = run({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("tbds-service " TBDS_VERSION));
    }

    void helpListsCommands()
    {
        const Run r = run({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("check-config")));
        QVERIFY(r.out.contains(QStringLiteral("set-credentials")));
        const Run sub = run({QStringLiteral("set-credentials"), QStringLiteral("--help")});
        QCOMPARE(sub.exitCode, 0);
        QVERIFY(sub.out.contains(QStringLiteral("--password-stdin")));
    }

    void unknownCommandIsAUsageError()
    {
        const Run r = run({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("unknown command 'frobnicate'")));
        const Run o = run({QStringLiteral("check-config"), QStringLiteral("--bogus")});
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains(QStringLiteral("bogus")));
    }

    void checkConfigPrintsMaskedEffectiveConfig()
    {
        QByteArray text = tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/wizard_jira.toml")));
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("jira.toml"), text);
        const Run r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("server_url = \"https://example.atlassian.net\"")));
        QVERIFY(r.out.contains(QStringLiteral("password = \"**********\"  # from the config file")));
        QVERIFY(r.out.contains(QStringLiteral("password_hash = \"**********\"")));
        // No secret value appears anywhere in the output.
        QVERIFY(!r.out.contains(QStringLiteral("api-token-value")));
        QVERIFY(!r.out.contains(QStringLiteral("85ddb149")));
        QVERIFY(!r.out.contains(QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA==")));
    }

    void checkConfigReportsErrorsWithPositions()
    {
        const QString path = tbds::test::writeFile(
            m_dir.path(), QStringLiteral("bad.toml"),
            "[testbench-defect-service]\nport = 0\n[testbench-defect-service.client_config]\ndefects_path = \"defects\"\n");
        const Run r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(path + QStringLiteral(":2:8: Invalid value for 'port'")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("Missing required field 'control_fields'")));
        QVERIFY(r.err.contains(QStringLiteral("2 error(s)")));
        QVERIFY(r.out.isEmpty());
    }

    void setCredentialsChangesOnlyTheHashAndSalt()
    {
        const QByteArray original = "# Service for TestBench\n"
                                    "[testbench-defect-service]\n"
                                    "client_class = \"JsonlDefectClient\"   # JSONL!\n"
                                    "password_hash = \"old\"  # replaced\n"
                                    "port    =   8030\n"
                                    "\n"
                                    "[testbench-defect-service.client_config]  # inline below\n"
                                    "defects_path = 'defects'\n"
                                    "control_fields = { status = [\"open\"] }\n";
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("cred.toml"), original);
        const Run r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), path,
                           QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--password-stdin")},
                          "s3cr3t:é\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("s3cr3t")));
        const QByteArray written = tbds::test::readFile(path);
        const QList<QByteArray> lines = written.split('\n');
        QCOMPARE(lines.size(), original.split('\n').size() + 1); // one new line: salt
        // Everything but the two credential lines is byte-for-byte the original.
        QByteArray expected = original;
        const QByteArray hashLine = lines[3];
        const QByteArray saltLine = lines[5];
        QVERIFY(hashLine.startsWith("password_hash = \""));
        QVERIFY(hashLine.endsWith("\"  # replaced"));
        QVERIFY(saltLine.startsWith("salt = \""));
        expected.replace("password_hash = \"old\"  # replaced\n", hashLine + '\n');
        expected.replace("port    =   8030\n", "port    =   8030\n" + saltLine + '\n');
        QCOMPARE(written, expected);
        QCOMPARE(tbds::test::readFile(path + QStringLiteral(".bak")), original);

        // The hash verifies with the reference scheme: check-config loads it; hash is 64 hex digits.
        const QByteArray hash = hashLine.mid(17, 64);
        QCOMPARE(hash.size(), 64);
        QVERIFY(QByteArray::fromHex(hash).toHex() == hash);
    }

    void setCredentialsRefusesBadInputAndKeepsTheFile()
    {
        const QByteArray original = "[testbench-defect-service\nport = 1\n"; // broken TOML
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("broken.toml"), original);
        Run r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), path, QStringLiteral("--username"),
                     QStringLiteral("a"), QStringLiteral("--password"), QStringLiteral("b")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("nothing was changed")));
        QCOMPARE(tbds::test::readFile(path), original);
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak")));

        const QString noSection = tbds::test::writeFile(m_dir.path(), QStringLiteral("nosection.toml"), "[other]\nx = 1\n");
        r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), noSection, QStringLiteral("--username"),
                 QStringLiteral("a"), QStringLiteral("--password"), QStringLiteral("b")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("no [testbench-defect-service] table")));

        r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), m_dir.filePath(QStringLiteral("missing.toml")),
                 QStringLiteral("--username"), QStringLiteral("a"), QStringLiteral("--password"), QStringLiteral("b")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("cannot read")));

        const QString good = tbds::test::writeFile(m_dir.path(), QStringLiteral("good.toml"), "[testbench-defect-service]\n");
        r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), good, QStringLiteral("--username"),
                 QStringLiteral("a"), QStringLiteral("--password-stdin")},
                "\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("must not be empty")));
        r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), good, QStringLiteral("--username"),
                 QStringLiteral("a"), QStringLiteral("--password"), QStringLiteral("x"), QStringLiteral("--password-stdin")});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(tbds::test::readFile(good), QByteArray("[testbench-defect-service]\n"));
    }

    void setCredentialsHonoursThePepper()
    {
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("pepper.toml"), "[testbench-defect-service]\n");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PASSWORD_PEPPER"), QStringLiteral("not base64!"));
        const Run r = run({QStringLiteral("set-credentials"), QStringLiteral("--config"), path, QStringLiteral("--username"),
                           QStringLiteral("a"), QStringLiteral("--password"), QStringLiteral("b")},
                          {}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("PASSWORD_PEPPER")));
        QCOMPARE(tbds::test::readFile(path), QByteArray("[testbench-defect-service]\n"));
    }

    void checkConfigReadsTheKeychainFirst()
    {
        // The GUI stores Jira secrets in the OS keychain; the CLI must find them there (DESIGN.md's
        // order), say so, and never print them. Needs the Secret Service scripts/test.sh provides.
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            if (qEnvironmentVariableIntValue("TBDS_REQUIRE_KEYRING") == 1)
                QFAIL("TBDS_REQUIRE_KEYRING=1 but there is no D-Bus session bus");
            QSKIP("no D-Bus session bus; run under scripts/test.sh");
        }
        const QString server = QStringLiteral("https://cli-") + QUuid::createUuid().toString(QUuid::Id128).left(12)
            + QStringLiteral(".example.com");
        const QString path = tbds::test::writeFile(
            m_dir.path(), QStringLiteral("keychain.toml"),
            QStringLiteral("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                           "[testbench-defect-service.client_config]\nserver_url = \"%1\"\nusername = \"svc\"\n")
                .arg(server)
                .toUtf8());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("JIRA_PASSWORD"));

        // Nothing in the keychain yet: the loader's rule, as before.
        Run r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path}, {}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Jira password must be provided")), qPrintable(r.err));

        tbds::secrets::KeychainSecretStore keychain;
        const QString key = tbds::secrets::JiraSecretKey{server, QStringLiteral("basic"), QStringLiteral("svc"),
                                                         QStringLiteral("password")}
                                .toString();
        {
            auto *op = keychain.write(key, QStringLiteral("kc-secret-4711"));
            QSignalSpy done(op, &tbds::secrets::SecretOperation::finished);
            QVERIFY(done.wait(30000));
            QVERIFY(done.first().first().value<tbds::secrets::SecretResult>().ok());
        }
        r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path}, {}, env);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("password = \"**********\"  # from the OS keychain")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("kc-secret-4711")));
        QVERIFY(!r.err.contains(QStringLiteral("kc-secret-4711")));

        // The keychain wins over the environment (DESIGN.md's order).
        QProcessEnvironment withEnv = env;
        withEnv.insert(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env"));
        r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path}, {}, withEnv);
        QVERIFY(r.out.contains(QStringLiteral("# from the OS keychain")));

        // --no-keychain, and a machine without a session bus (a systemd unit), skip it quietly.
        r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path, QStringLiteral("--no-keychain")}, {}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("Jira password must be provided")));
        QProcessEnvironment headless = env;
        headless.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        r = run({QStringLiteral("check-config"), QStringLiteral("--config"), path}, {}, headless);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.contains(QStringLiteral("keychain could not be read")));

        auto *rm = keychain.remove(key);
        QSignalSpy removed(rm, &tbds::secrets::SecretOperation::finished);
        QVERIFY(removed.wait(30000));
    }
};

QTEST_GUILESS_MAIN(TestServiceCli)
#include "tst_servicecli.moc"
