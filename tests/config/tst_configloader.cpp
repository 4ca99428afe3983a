// SPDX-License-Identifier: Apache-2.0
#include "core/config/configloader.h"
#include "tests/support/testutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tbds::config;

namespace {

const QByteArray JsonlHead = "[testbench-defect-service]\n"
    "client_class = \"JsonlDefectClient\"\n"
    "[testbench-defect-service.client_config]\n"
    "defects_path = \"defects\"\n"
    "control_fields = {}\n";

const QByteArray JiraHead = "[testbench-defect-service]\n"
    "client_class = \"JiraDefectClient\"\n"
    "[testbench-defect-service.client_config]\n"
    "server_url = \"https://example.atlassian.net\"\n";

} // namespace

class TestConfigLoader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_noEnv;

    LoadResult load(const QByteArray &text, const QProcessEnvironment &env = QProcessEnvironment(),
                    LoadOptions options = {})
    {
        options.environment = env;
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("config.toml"), text);
        return ConfigLoader::loadFile(path, options);
    }

    /** The one error message expected, or a failure listing what came instead. */
    static bool hasMessage(const LoadResult &r, const QString &fragment, int line = -1)
    {
        for (const Diagnostic &d : r.diagnostics)
            if (d.isError() && d.message.contains(fragment) && (line < 0 || d.line == line))
                return true;
        qWarning("expected an error containing '%s' (line %d); got:\n%s", qPrintable(fragment), line,
                 qPrintable(r.report()));
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("defects")));
        tbds::test::writeFile(m_dir.path(), QStringLiteral("server.crt"), "cert");
        tbds::test::writeFile(m_dir.path(), QStringLiteral("server.key"), "key");
    }

    void minimalJsonlLoadsWithDefaults()
    {
        const LoadResult r = load(JsonlHead);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        const ServiceConfig &c = *r.config;
        QCOMPARE(c.clientKind, ClientKind::Jsonl);
        QCOMPARE(c.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(c.port, 8030);
        QCOMPARE(c.server.keepAliveTimeout, 5);
        QVERIFY(c.jsonl);
        QCOMPARE(c.jsonl->name, QStringLiteral("JSONL"));
        QCOMPARE(c.jsonl->attributes, QStringList({QStringLiteral("title"), QStringLiteral("status")}));
        // Relative paths resolve against the config file's folder, not the working directory.
        QCOMPARE(c.jsonl->defectsPath, QDir(m_dir.path()).absoluteFilePath(QStringLiteral("defects")));
        QCOMPARE(c.fileLog.filePath, QDir(m_dir.path()).absoluteFilePath(QStringLiteral("testbench-defect-service.log")));
        QVERIFY(!c.tlsEnabled());
    }

    void wizardJsonlFileLoads()
    {
        QByteArray text = tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/wizard_jsonl.toml")));
        const LoadResult r = load(text);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(r.report())); // a wizard file has no unknown keys
        QCOMPARE(r.config->jsonl->controlFields.value(QStringLiteral("status")),
                 QStringList({QStringLiteral("open"), QStringLiteral("closed")}));
        QCOMPARE(r.config->passwordHash.value(),
                 QStringLiteral("ad5aa5aa5506ab8e2cc61c04359f9b488e6e3c3ac7aae410712b24f208d0a308"));
    }

    void wizardJiraFileLoads()
    {
        QByteArray text = tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/wizard_jira.toml")));
        const LoadResult r = load(text, m_noEnv);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QVERIFY2(r.diagnostics.isEmpty(), qPrintable(r.report()));
        const JiraClientConfig &j = *r.config->jira;
        QCOMPARE(r.config->port, 8031);
        QCOMPARE(j.serverUrl, QStringLiteral("https://example.atlassian.net"));
        QCOMPARE(j.authType, JiraAuthType::Basic);
        QCOMPARE(j.secretSources.value(QStringLiteral("password")), SecretSource::ConfigFile);
        QCOMPARE(j.projects.size(), 2);
        QCOMPARE(j.projects.value(QStringLiteral("Jira Scrum (JS)")).readonly, std::optional<bool>(true));
        QCOMPARE(r.config->fileLog.level, QStringLiteral("DEBUG"));
    }

    void wizardSeparateClientFileLoads()
    {
        QTemporaryDir dir;
        tbds::test::writeFile(dir.path(), QStringLiteral("jira_config.toml"),
                              tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/jira_config.toml"))));
        const QString main = tbds::test::writeFile(
            dir.path(), QStringLiteral("config.toml"),
            tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/wizard_separate_main.toml"))));
        LoadOptions options;
        options.environment = m_noEnv;
        const LoadResult r = ConfigLoader::loadFile(main, options);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->jira->name, QStringLiteral("Jira DC"));
        QCOMPARE(r.config->jira->authType, JiraAuthType::Token);
        QCOMPARE(r.config->jira->timeout, 10);
        QCOMPARE(r.config->jira->maxRetries, 0);
    }

    void clientConfigPathMayPointAtAFullConfig()
    {
        // The reference's docs point client_config_path at config.toml itself.
        const QByteArray text = "[testbench-defect-service]\n"
    "client_class = \"jsonl/client.py\"\n"
    "client_config_path = \"config.toml\"\n"
    "[testbench-defect-service.client_config]\n"
    "defects_path = \"defects\"\n"
    "name = \"from the nested table\"\n"
    "control_fields = {}\n";
        const LoadResult r = load(text);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->jsonl->name, QStringLiteral("from the nested table"));
    }

    void propertiesClientFile()
    {
        QTemporaryDir dir;
        tbds::test::writeFile(dir.path(), QStringLiteral("jira.properties"),
                              "# Jira\nserver_url=https://jira.example.com\nauth_type=token\ntoken = abc\nreadonly=true\ntimeout=12\n");
        const QString main = tbds::test::writeFile(dir.path(), QStringLiteral("config.toml"),
                                                   "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                                                   "client_config_path = \"jira.properties\"\n");
        LoadOptions options;
        options.environment = m_noEnv;
        const LoadResult r = ConfigLoader::loadFile(main, options);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->jira->token.value(), QStringLiteral("abc"));
        QVERIFY(r.config->jira->readonly);
        QCOMPARE(r.config->jira->timeout, 12);
    }

    void clientClassSpellings_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::addColumn<int>("kind");
        for (const char *s : {"JsonlDefectClient", "testbench_defect_service.clients.JsonlDefectClient",
                              "testbench_defect_service.clients.jsonl.client.JsonlDefectClient",
                              "testbench_defect_service.clients.jsonl.client", "jsonl/client.py", "jsonl/client"})
            QTest::newRow(s) << QString::fromLatin1(s) << int(ClientKind::Jsonl);
        for (const char *s : {"JiraDefectClient", "testbench_defect_service.clients.JiraDefectClient",
                              "testbench_defect_service.clients.jira.client.JiraDefectClient",
                              "testbench_defect_service.clients.jira.client", "jira/client.py", "jira/client"})
            QTest::newRow(s) << QString::fromLatin1(s) << int(ClientKind::Jira);
        QTest::newRow("unknown") << QStringLiteral("ExcelDefectClient") << -1;
        QTest::newRow("custom file") << QStringLiteral("my_client.py") << -1;
    }
    void clientClassSpellings()
    {
        QFETCH(QString, spelling);
        QFETCH(int, kind);
        const std::optional<ClientKind> parsed = ConfigLoader::parseClientClass(spelling);
        QCOMPARE(parsed.has_value(), kind >= 0);
        if (parsed)
            QCOMPARE(int(*parsed), kind);
    }

    void unknownClientClassIsAnErrorAtItsPosition()
    {
        const LoadResult r = load("[testbench-defect-service]\nclient_class = \"CustomClient\"\n"
                                  "[testbench-defect-service.client_config]\ndefects_path = \"defects\"\ncontrol_fields = {}\n");
        QVERIFY(!r.ok());
        QVERIFY(hasMessage(r, QStringLiteral("Unsupported client_class 'CustomClient'"), 2));
        QVERIFY(r.report().contains(QStringLiteral("config.toml:2:16: Unsupported")));
    }

    void missingFile()
    {
        const LoadResult r = ConfigLoader::loadFile(m_dir.filePath(QStringLiteral("nope.toml")));
        QVERIFY(!r.ok());
        QVERIFY(hasMessage(r, QStringLiteral("Configuration file not found at:")));
    }

    void invalidTomlReportsLineAndColumn()
    {
        const LoadResult r = load("[testbench-defect-service]\nport = 80 80\n");
        QVERIFY(!r.ok());
        QCOMPARE(r.diagnostics.size(), 1);
        QCOMPARE(r.diagnostics[0].line, 2);
        QVERIFY(r.diagnostics[0].column > 1);
        QVERIFY(r.diagnostics[0].message.startsWith(QStringLiteral("invalid TOML syntax")));
    }

    void missingSection()
    {
        const LoadResult r = load("[something-else]\nport = 1\n");
        QVERIFY(hasMessage(r, QStringLiteral("TOML section [testbench-defect-service] not found")));
    }

    void badValues_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        const QByteArray tail = "[testbench-defect-service.client_config]\ndefects_path = \"defects\"\ncontrol_fields = {}\n";
        QTest::newRow("port text") << "[testbench-defect-service]\nport = \"8030\"\n" + tail
                                   << QStringLiteral("Invalid value for 'port' in [testbench-defect-service]: expected an integer, got a string") << 2;
        QTest::newRow("port 0") << "[testbench-defect-service]\nport = 0\n" + tail
                                << QStringLiteral("expected an integer from 1 to 65535, got 0") << 2;
        QTest::newRow("port 70000") << "[testbench-defect-service]\nport = 70000\n" + tail
                                    << QStringLiteral("expected an integer from 1 to 65535, got 70000") << 2;
        QTest::newRow("debug text") << "[testbench-defect-service]\ndebug = \"yes\"\n" + tail
                                    << QStringLiteral("'debug' in [testbench-defect-service]: expected true or false") << 2;
        QTest::newRow("keep alive 0") << "[testbench-defect-service]\n" + tail + "[testbench-defect-service.server]\nkeep_alive_timeout = 0\n"
                                      << QStringLiteral("'keep_alive_timeout' in [testbench-defect-service.server]: expected an integer from 1 to 120, got 0") << 6;
        QTest::newRow("keep alive 121") << "[testbench-defect-service]\n" + tail + "[testbench-defect-service.server]\nkeep_alive_timeout = 121\n"
                                        << QStringLiteral("got 121") << 6;
        QTest::newRow("log level lower case") << "[testbench-defect-service]\n" + tail + "[testbench-defect-service.logging.console]\nlog_level = \"info\"\n"
                                              << QStringLiteral("'log_level' in [testbench-defect-service.logging.console]: expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL (upper case), got 'info'") << 6;
        QTest::newRow("ssl cert missing") << "[testbench-defect-service]\nssl_cert = \"missing.crt\"\n" + tail
                                          << QStringLiteral("SSL certificate file not found: 'missing.crt'") << 2;
        QTest::newRow("ssl ca missing") << "[testbench-defect-service]\nssl_ca_cert = \"ca.pem\"\n" + tail
                                        << QStringLiteral("SSL certificate file not found: 'ca.pem'") << 2;
        QTest::newRow("client config path missing") << QByteArray("[testbench-defect-service]\nclient_config_path = \"nope.toml\"\n")
                                                    << QStringLiteral("Client config file not found: 'nope.toml'") << 2;
        QTest::newRow("client config path bad type") << QByteArray("[testbench-defect-service]\nclient_config_path = \"server.crt\"\n")
                                                     << QStringLiteral("Unsupported client config file type '.crt'") << 2;
        QTest::newRow("no client config") << QByteArray("[testbench-defect-service]\nport = 1\n")
                                          << QStringLiteral("Missing client configuration") << 1;
        QTest::newRow("jsonl defects_path missing") << QByteArray("[testbench-defect-service]\n[testbench-defect-service.client_config]\ncontrol_fields = {}\n")
                                                    << QStringLiteral("Missing required field 'defects_path' in [testbench-defect-service.client_config]") << 2;
        QTest::newRow("jsonl defects_path not there") << QByteArray("[testbench-defect-service]\n[testbench-defect-service.client_config]\ndefects_path = \"gone\"\ncontrol_fields = {}\n")
                                                      << QStringLiteral("Defects folder not found: 'gone'") << 3;
        QTest::newRow("jsonl control_fields missing") << QByteArray("[testbench-defect-service]\n[testbench-defect-service.client_config]\ndefects_path = \"defects\"\n")
                                                      << QStringLiteral("Missing required field 'control_fields'") << 2;
        QTest::newRow("jsonl control_fields value not string") << QByteArray("[testbench-defect-service]\n[testbench-defect-service.client_config]\ndefects_path = \"defects\"\ncontrol_fields = { status = [\"open\", 3] }\n")
                                                               << QStringLiteral("'status' in [testbench-defect-service.client_config.control_fields]: every item must be a string, got an integer") << 4;
        QTest::newRow("attributes not a list") << "[testbench-defect-service]\n" + tail + "attributes = \"title\"\n"
                                               << QStringLiteral("'attributes' in [testbench-defect-service.client_config]: expected an array of strings, got a string") << 5;
        QTest::newRow("hook not a string") << "[testbench-defect-service]\n" + tail + "[testbench-defect-service.client_config.commands.presync]\nmanual = 5\n"
                                           << QStringLiteral("'manual' in [testbench-defect-service.client_config.commands.presync]: expected a string") << 6;
        QTest::newRow("project override bad type") << "[testbench-defect-service]\n" + tail + "[testbench-defect-service.client_config.projects.\"Car (CC)\"]\nreadonly = \"yes\"\n"
                                                   << QStringLiteral("'readonly' in [testbench-defect-service.client_config.projects.\"Car (CC)\"]") << 6;
    }
    void badValues()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QFETCH(int, line);
        const LoadResult r = load(text);
        QVERIFY(!r.ok());
        QVERIFY(hasMessage(r, message, line));
    }

    void jiraRules_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("message"); // empty: must load
        const QByteArray basic = JiraHead + "username = \"u\"\npassword = \"p\"\n";
        QTest::newRow("server_url missing") << QByteArray("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n[testbench-defect-service.client_config]\nusername = \"u\"\npassword = \"p\"\n")
                                            << QStringList() << QStringLiteral("Missing required field 'server_url'");
        QTest::newRow("server_url not a url") << QByteArray("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n[testbench-defect-service.client_config]\nserver_url = \"example.com\"\nusername = \"u\"\npassword = \"p\"\n")
                                              << QStringList() << QStringLiteral("expected an http(s) URL");
        QTest::newRow("basic ok") << basic << QStringList() << QString();
        QTest::newRow("basic no username") << JiraHead + "password = \"p\"\n" << QStringList()
                                           << QStringLiteral("Jira username must be provided for basic auth (via config or JIRA_USERNAME env)");
        QTest::newRow("basic no password") << JiraHead + "username = \"u\"\n" << QStringList()
                                           << QStringLiteral("Jira password must be provided for basic auth (via config or JIRA_PASSWORD env)");
        QTest::newRow("basic from env") << JiraHead << QStringList({QStringLiteral("JIRA_USERNAME=u"), QStringLiteral("JIRA_PASSWORD=p")}) << QString();
        QTest::newRow("bad auth_type") << JiraHead + "auth_type = \"oauth\"\nusername = \"u\"\npassword = \"p\"\n" << QStringList()
                                       << QStringLiteral("expected 'basic', 'token' or 'oauth1', got 'oauth'");
        QTest::newRow("token missing") << JiraHead + "auth_type = \"token\"\n" << QStringList()
                                       << QStringLiteral("Jira Personal Access Token must be provided for token auth (via config or JIRA_BEARER_TOKEN env)");
        QTest::newRow("token from env") << JiraHead + "auth_type = \"token\"\n" << QStringList({QStringLiteral("JIRA_BEARER_TOKEN=t")}) << QString();
        const QByteArray oauth = JiraHead + "auth_type = \"oauth1\"\n";
        QTest::newRow("oauth1 no access token") << oauth + "oauth1_access_token_secret = \"s\"\noauth1_consumer_key = \"c\"\noauth1_key_cert = \"k\"\n"
                                                << QStringList() << QStringLiteral("Jira Access Token must be provided for OAuth1");
        QTest::newRow("oauth1 no secret") << oauth + "oauth1_access_token = \"a\"\noauth1_consumer_key = \"c\"\noauth1_key_cert = \"k\"\n"
                                          << QStringList() << QStringLiteral("Jira Access Token Secret must be provided for OAuth1");
        QTest::newRow("oauth1 no consumer") << oauth + "oauth1_access_token = \"a\"\noauth1_access_token_secret = \"s\"\noauth1_key_cert = \"k\"\n"
                                            << QStringList() << QStringLiteral("Jira consumer key must be provided for OAuth1");
        QTest::newRow("oauth1 no key") << oauth + "oauth1_access_token = \"a\"\noauth1_access_token_secret = \"s\"\noauth1_consumer_key = \"c\"\n"
                                       << QStringList() << QStringLiteral("Jira Private Key must be provided for OAuth1");
        QTest::newRow("oauth1 key path missing") << oauth + "oauth1_access_token = \"a\"\noauth1_access_token_secret = \"s\"\noauth1_consumer_key = \"c\"\noauth1_key_cert_path = \"nokey.pem\"\n"
                                                 << QStringList() << QStringLiteral("OAuth1 private key file not found: 'nokey.pem'");
        QTest::newRow("oauth1 key path ok") << oauth + "oauth1_access_token = \"a\"\noauth1_access_token_secret = \"s\"\noauth1_consumer_key = \"c\"\noauth1_key_cert_path = \"server.key\"\n"
                                            << QStringList() << QString();
        QTest::newRow("timeout 0") << basic + "timeout = 0\n" << QStringList() << QStringLiteral("'timeout' in [testbench-defect-service.client_config]: expected an integer of at least 1, got 0");
        QTest::newRow("max_retries 11") << basic + "max_retries = 11\n" << QStringList() << QStringLiteral("expected an integer from 0 to 10, got 11");
        QTest::newRow("max_retries -1") << basic + "max_retries = -1\n" << QStringList() << QStringLiteral("expected an integer from 0 to 10, got -1");
        QTest::newRow("ca cert missing") << basic + "ssl_ca_cert_path = \"ca.pem\"\n" << QStringList() << QStringLiteral("Certificate/key file not found: 'ca.pem'");
        QTest::newRow("client cert missing") << basic + "client_cert_path = \"c.pem\"\n" << QStringList() << QStringLiteral("Certificate/key file not found: 'c.pem'");
        QTest::newRow("client key missing") << basic + "client_key_path = \"k.pem\"\n" << QStringList() << QStringLiteral("Certificate/key file not found: 'k.pem'");
        QTest::newRow("attachments_root missing") << basic + "attachments_root = \"nowhere\"\n" << QStringList() << QStringLiteral("Attachments folder not found: 'nowhere'");
        QTest::newRow("attachments_root ok") << basic + "attachments_root = \"defects\"\n" << QStringList() << QString();
        QTest::newRow("verify_ssl text") << basic + "verify_ssl = \"no\"\n" << QStringList() << QStringLiteral("'verify_ssl' in [testbench-defect-service.client_config]: expected true or false");
    }
    void jiraRules()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, env);
        QFETCH(QString, message);
        QProcessEnvironment e;
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        const LoadResult r = load(text, e);
        if (message.isEmpty()) {
            QVERIFY2(r.ok(), qPrintable(r.report()));
        } else {
            QVERIFY(!r.ok());
            QVERIFY(hasMessage(r, message));
        }
    }

    void envSecretSourceIsRecorded()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env"));
        const LoadResult r = load(JiraHead + "username = \"u\"\n", e);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->jira->password.value(), QStringLiteral("from-env"));
        QCOMPARE(r.config->jira->secretSources.value(QStringLiteral("password")), SecretSource::Environment);
        QCOMPARE(r.config->jira->secretSources.value(QStringLiteral("username")), SecretSource::ConfigFile);
    }

    void environmentSecretWinsOverFile()
    {
        // DESIGN.md: keychain, then environment, then file (the reference let the file win).
        QProcessEnvironment e;
        e.insert(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env"));
        const LoadResult r = load(JiraHead + "username = \"u\"\npassword = \"from-file\"\n", e);
        QVERIFY(r.ok());
        QCOMPARE(r.config->jira->password.value(), QStringLiteral("from-env"));
        QCOMPARE(r.config->jira->secretSources.value(QStringLiteral("password")), SecretSource::Environment);
    }

    void keychainSecretWinsOverEnvironmentAndFile()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("JIRA_PASSWORD"), QStringLiteral("from-env"));
        LoadOptions o;
        o.externalSecrets = {{QStringLiteral("password"), QString()}};
        const LoadResult r = load(JiraHead + "username = \"u\"\npassword = \"from-file\"\n", e, o);
        QVERIFY(r.ok());
        QVERIFY(!r.config->jira->password);
        QCOMPARE(r.config->jira->secretSources.value(QStringLiteral("password")), SecretSource::External);

        // With the value fetched from the keychain, the config carries it (and neither of the others).
        o.externalSecrets = {{QStringLiteral("password"), QStringLiteral("from-keychain")}};
        const LoadResult fetched = load(JiraHead + "username = \"u\"\npassword = \"from-file\"\n", e, o);
        QVERIFY(fetched.ok());
        QCOMPARE(fetched.config->jira->password, std::optional<QString>(QStringLiteral("from-keychain")));
        QCOMPARE(fetched.config->jira->secretSources.value(QStringLiteral("password")), SecretSource::External);
    }

    void keychainSecretSatisfiesTheRule()
    {
        LoadOptions o;
        o.externalSecrets = {{QStringLiteral("password"), QString()}};
        const LoadResult r = load(JiraHead + "username = \"u\"\n", QProcessEnvironment(), o);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->jira->secretSources.value(QStringLiteral("password")), SecretSource::External);
        QVERIFY(!r.config->jira->password);
    }

    void passwordHashEnvironmentFallback()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("PASSWORD_HASH"), QStringLiteral("envhash"));
        e.insert(QStringLiteral("SALT"), QStringLiteral("envsalt"));
        LoadResult r = load(JsonlHead, e);
        QVERIFY(r.ok());
        QCOMPARE(r.config->passwordHash.value(), QStringLiteral("envhash"));
        QCOMPARE(r.config->passwordHashSource, SecretSource::Environment);
        // The file wins when it has a value (the reference's actual precedence).
        QByteArray withHash = JsonlHead;
        withHash.replace("client_class", "password_hash = \"filehash\"\nsalt = \"filesalt\"\nclient_class");
        r = load(withHash, e);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->passwordHash.value(), QStringLiteral("filehash"));
        QCOMPARE(r.config->passwordHashSource, SecretSource::ConfigFile);
    }

    void unknownKeysAreWarningsNotErrors()
    {
        const LoadResult r = load("[testbench-defect-service]\nprot = 8030\nclient_class = \"JsonlDefectClient\"\n"
                                  "[testbench-defect-service.client_config]\ndefects_path = \"defects\"\ncontrol_fields = {}\n"
                                  "colour = \"blue\"\n[other]\nx = 1\n");
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.diagnostics.size(), 3);
        QVERIFY(r.report().contains(QStringLiteral("config.toml:2:1: warning: Unknown key 'prot' in [testbench-defect-service]")));
        QVERIFY(r.report().contains(QStringLiteral("config.toml:7:1: warning: Unknown key 'colour' in [testbench-defect-service.client_config]")));
        QVERIFY(r.report().contains(QStringLiteral("Unknown top-level key 'other'")));
    }

    void everyErrorIsReportedAtOnce()
    {
        const LoadResult r = load("[testbench-defect-service]\nport = 0\nclient_class = \"JiraDefectClient\"\n"
                                  "[testbench-defect-service.server]\nkeep_alive_timeout = 500\n"
                                  "[testbench-defect-service.client_config]\ntimeout = 0\nmax_retries = 20\n",
                                  QProcessEnvironment());
        QVERIFY(!r.ok());
        QVERIFY(hasMessage(r, QStringLiteral("'port'"), 2));
        QVERIFY(hasMessage(r, QStringLiteral("'keep_alive_timeout'"), 5));
        QVERIFY(hasMessage(r, QStringLiteral("'timeout'"), 7));
        QVERIFY(hasMessage(r, QStringLiteral("'max_retries'"), 8));
        QVERIFY(hasMessage(r, QStringLiteral("Missing required field 'server_url'")));
        QVERIFY(hasMessage(r, QStringLiteral("Jira username must be provided")));
    }

    void cliOverridesReplaceFileValues()
    {
        QTemporaryDir dir;
        tbds::test::writeFile(dir.path(), QStringLiteral("jira.toml"), "server_url = \"https://j.example.com\"\nauth_type = \"token\"\ntoken = \"t\"\n");
        LoadOptions o;
        o.clientClassOverride = QStringLiteral("JiraDefectClient");
        o.clientConfigOverride = dir.filePath(QStringLiteral("jira.toml"));
        const LoadResult r = load(JsonlHead, QProcessEnvironment(), o);
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->clientKind, ClientKind::Jira);
        QCOMPARE(r.config->jira->serverUrl, QStringLiteral("https://j.example.com"));
    }

    void tlsNeedsBothCertificateAndKey()
    {
        QByteArray text = JsonlHead;
        text.replace("client_class", "ssl_cert = \"server.crt\"\nclient_class");
        LoadResult r = load(text);
        QVERIFY(r.ok());
        QVERIFY(!r.config->tlsEnabled());
        text.replace("client_class", "ssl_key = \"server.key\"\nclient_class");
        r = load(text);
        QVERIFY(r.ok());
        QVERIFY(r.config->tlsEnabled());
    }

    void hooksResolveAgainstConfigFolder()
    {
        const LoadResult r = load(JsonlHead + "[testbench-defect-service.client_config.commands.presync]\nmanual = \"hooks/pre.sh\"\n");
        QVERIFY2(r.ok(), qPrintable(r.report()));
        QCOMPARE(r.config->jsonl->commands->presync->forSyncType(QStringLiteral("manual")).value(),
                 QDir(m_dir.path()).absoluteFilePath(QStringLiteral("hooks/pre.sh")));
        QVERIFY(!r.config->jsonl->commands->presync->forSyncType(QStringLiteral("model_config")));
    }
};

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
