// SPDX-License-Identifier: Apache-2.0
#include "core/jira/adf.h"
#include "core/jira/jiraclient.h"
#include "tests/jira/jiratestutil.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace tbds::test::jira;
using tbds::fakejira::DeploymentTypeField;
using tbds::fakejira::FakeJiraOptions;
using tbds::jira::Adf;
using tbds::jira::Flavour;
using tbds::jira::JiraCall;
using tbds::jira::JiraClient;
using tbds::jira::JiraError;
using Kind = tbds::jira::JiraError::Kind;
namespace demo = tbds::fakejira::demo;
namespace config = tbds::config;

Q_DECLARE_METATYPE(tbds::fakejira::Flavor)

namespace {

QString str(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QStringList valuesOf(const QJsonArray &array, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : array)
        out.append(v.toObject().value(QLatin1String(key)).toString());
    return out;
}

QString describe(const JiraCall *call)
{
    return call->isOk() ? QStringLiteral("ok")
                        : JiraError::kindName(call->error().kind) + QStringLiteral(": ") + call->error().toString();
}

/** RSA key pair for the OAuth consumer: private PKCS#8 PEM and public PEM. */
std::pair<QByteArray, QByteArray> rsaKeyPair()
{
    EVP_PKEY *pkey = EVP_RSA_gen(2048);
    auto toBytes = [](BIO *bio) {
        char *data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        QByteArray out(data, qsizetype(n));
        BIO_free(bio);
        return out;
    };
    BIO *priv = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(priv, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    BIO *pub = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(pub, pkey);
    EVP_PKEY_free(pkey);
    return {toBytes(priv), toBytes(pub)};
}

} // namespace

#define CALL_OK(call)                                                                                                  \
    do {                                                                                                               \
        QVERIFY2(waitFor(call), "call did not finish");                                                                \
        QVERIFY2((call)->isOk(), qPrintable(describe(call)));                                                          \
    } while (false)

#define CALL_FAILS(call, expectedKind)                                                                                 \
    do {                                                                                                               \
        QVERIFY2(waitFor(call), "call did not finish");                                                                \
        QVERIFY2(!(call)->isOk(), "call unexpectedly succeeded");                                                      \
        QVERIFY2((call)->error().kind == (expectedKind), qPrintable(describe(call)));                                  \
    } while (false)

class TstJiraClient : public QObject
{
    Q_OBJECT

private slots:
    void detectsFlavour_data();
    void detectsFlavour();
    void sendsCredentialsAndHeadersUpFront();
    void authKinds_data();
    void authKinds();
    void tokenThatWorkedThenExpires();
    void captchaAfterFailedLogins();
    void configurationErrorsAreAsync();
    void contextPath();
    void projects_data();
    void projects();
    void metadata_data();
    void metadata();
    void permissions_data();
    void permissions();
    void createMeta_data();
    void createMeta();
    void validateJql_data();
    void validateJql();
    void jqlAutocompleteData_data();
    void jqlAutocompleteData();
    void issueLifecycle_data();
    void issueLifecycle();
    void deleteWithSubtasksIsRefused();
    void transitions_data();
    void transitions();
    void attachments_data();
    void attachments();
    void changelog_data();
    void changelog();
    void cloudOldSearchIsGone();
    void callsWaitForOneDetection();

private:
    static void flavourRows();
};

void TstJiraClient::flavourRows()
{
    QTest::addColumn<tbds::fakejira::Flavor>("flavor");
    QTest::newRow("cloud") << Flavor::Cloud;
    QTest::newRow("dc") << Flavor::DataCenter;
}

void TstJiraClient::detectsFlavour_data()
{
    QTest::addColumn<tbds::fakejira::Flavor>("flavor");
    QTest::addColumn<int>("deploymentType");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("restPrefix");
    const auto row = [](const char *name, Flavor f, DeploymentTypeField d, Flavour expected, const char *prefix) {
        QTest::newRow(name) << f << int(d) << int(expected) << QString::fromLatin1(prefix);
    };
    row("cloud", Flavor::Cloud, DeploymentTypeField::Default, Flavour::Cloud, "/rest/api/3/");
    row("dc says Server", Flavor::DataCenter, DeploymentTypeField::Default, Flavour::DataCenter, "/rest/api/2/");
    row("dc says DataCenter", Flavor::DataCenter, DeploymentTypeField::DataCenter, Flavour::DataCenter, "/rest/api/2/");
    row("dc without field", Flavor::DataCenter, DeploymentTypeField::Missing, Flavour::DataCenter, "/rest/api/2/");
}

void TstJiraClient::detectsFlavour()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    QFETCH(int, deploymentType);
    QFETCH(int, expected);
    QFETCH(QString, restPrefix);
    FakeJiraOptions options;
    options.flavor = flavor;
    options.deploymentType = DeploymentTypeField(deploymentType);
    Env env = startEnv(options);
    QVERIFY(env.jira);
    QSignalSpy changed(env.client.get(), &JiraClient::serverInfoChanged);
    JiraCall *info = env.client->detectServer();
    QVERIFY(!info->isFinished()); // never synchronous
    CALL_OK(info);
    QCOMPARE(int(env.client->flavour()), expected);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(env.client->serverInfo().restVersion(), expected == int(Flavour::Cloud) ? 3 : 2);
    QVERIFY(!env.client->serverInfo().version.isEmpty());

    JiraCall *me = env.client->myself();
    CALL_OK(me);
    const auto requests = env.jira->requestsMatching(QStringLiteral("/myself$"));
    QCOMPARE(requests.size(), 1);
    QVERIFY2(requests.first().path.contains(restPrefix.toLatin1()), requests.first().path.constData());
}

void TstJiraClient::sendsCredentialsAndHeadersUpFront()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    JiraCall *me = env.client->myself();
    CALL_OK(me);
    QCOMPARE(me->object().value(QLatin1String("name")).toString(), str(demo::kDcUser));
    const auto &log = env.jira->requestLog();
    QCOMPARE(log.size(), 2); // serverInfo, myself: no unauthenticated round trip first
    for (const auto &request : log) {
        QVERIFY(request.header("Authorization").startsWith("Basic "));
        QVERIFY2(request.header("User-Agent").startsWith("tbds/"), request.header("User-Agent").constData());
        QCOMPARE(request.header("X-Atlassian-Token"), QByteArray("no-check"));
        QVERIFY(request.header("Accept").contains("application/json"));
    }
}

void TstJiraClient::authKinds_data()
{
    QTest::addColumn<tbds::fakejira::Flavor>("flavor");
    QTest::addColumn<int>("authType");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<int>("expectedKind"); // -1: success
    const auto row = [](const char *name, Flavor f, config::JiraAuthType t, const char *user, const char *secret,
                        int kind) {
        QTest::newRow(name) << f << int(t) << QString::fromLatin1(user) << QString::fromLatin1(secret) << kind;
    };
    using config::JiraAuthType;
    row("cloud e-mail + API token", Flavor::Cloud, JiraAuthType::Basic, demo::kCloudEmail, demo::kCloudApiToken, -1);
    row("dc user + password", Flavor::DataCenter, JiraAuthType::Basic, demo::kDcUser, demo::kDcPassword, -1);
    row("dc PAT", Flavor::DataCenter, JiraAuthType::Token, "", demo::kDcPat, -1);
    row("dc OAuth 1.0a", Flavor::DataCenter, JiraAuthType::OAuth1, "", "", -1);
    row("cloud wrong token", Flavor::Cloud, JiraAuthType::Basic, demo::kCloudEmail, "wrong", int(Kind::Unauthorized));
    row("dc wrong password", Flavor::DataCenter, JiraAuthType::Basic, demo::kDcUser, "wrong", int(Kind::Unauthorized));
    // Jira's 401 for an expired PAT looks like any other; the message names both causes.
    row("dc expired PAT", Flavor::DataCenter, JiraAuthType::Token, "", demo::kDcExpiredPat, int(Kind::Unauthorized));
    row("dc unknown PAT", Flavor::DataCenter, JiraAuthType::Token, "", "no-such-token", int(Kind::Unauthorized));
    row("cloud has no PATs", Flavor::Cloud, JiraAuthType::Token, "", demo::kDcPat, int(Kind::Unauthorized));
    row("dc OAuth unknown access token", Flavor::DataCenter, JiraAuthType::OAuth1, "", "unknown-token", -2);
}

void TstJiraClient::authKinds()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    QFETCH(int, authType);
    QFETCH(QString, user);
    QFETCH(QString, secret);
    QFETCH(int, expectedKind);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    config::JiraClientConfig c = clientConfig(*env.jira);
    c.authType = config::JiraAuthType(authType);
    c.username = user;
    c.password = secret;
    c.token = secret;
    if (c.authType == config::JiraAuthType::OAuth1) {
        const auto [privatePem, publicPem] = rsaKeyPair();
        QVERIFY(env.jira->setOAuthConsumer(QStringLiteral("tbds-consumer"), publicPem));
        env.jira->addOAuthAccessToken(QStringLiteral("access-123"));
        c.oauth1ConsumerKey = QStringLiteral("tbds-consumer");
        c.oauth1AccessToken = secret.isEmpty() ? QStringLiteral("access-123") : secret;
        c.oauth1AccessTokenSecret = QStringLiteral("unused-with-rsa");
        c.oauth1KeyCert = QString::fromLatin1(privatePem);
    }
    JiraClient client(c);
    JiraCall *me = client.myself();
    QVERIFY(waitFor(me));
    if (expectedKind == -1) {
        QVERIFY2(me->isOk(), qPrintable(describe(me)));
        const QString id = me->object().value(flavor == Flavor::Cloud ? QLatin1String("accountId") : QLatin1String("name")).toString();
        QCOMPARE(id, flavor == Flavor::Cloud ? str(demo::kServiceAccountId) : str(demo::kDcUser));
        const auto log = env.jira->requestsMatching(QStringLiteral("/myself$"));
        QCOMPARE(log.size(), 1);
        const QByteArray scheme = c.authType == config::JiraAuthType::Basic ? "Basic "
            : c.authType == config::JiraAuthType::Token                    ? "Bearer "
                                                                           : "OAuth ";
        QVERIFY(log.first().header("Authorization").startsWith(scheme));
    } else if (expectedKind == -2) {
        QVERIFY(!me->isOk());
        QVERIFY2(me->error().kind == Kind::TokenExpired || me->error().kind == Kind::Unauthorized, qPrintable(describe(me)));
    } else {
        QVERIFY(!me->isOk());
        QVERIFY2(int(me->error().kind) == expectedKind, qPrintable(describe(me)));
        QCOMPARE(me->error().httpStatus, 401);
        QVERIFY(!me->error().message.isEmpty());
        QVERIFY(!me->error().requestId.isEmpty());
        if (c.authType == config::JiraAuthType::Token)
            QVERIFY(me->error().message.contains(QLatin1String("expired")));
    }
}

void TstJiraClient::tokenThatWorkedThenExpires()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    config::JiraClientConfig c = clientConfig(*env.jira);
    c.authType = config::JiraAuthType::Token;
    c.token = str(demo::kDcPat);
    JiraClient client(c);
    JiraCall *first = client.myself();
    CALL_OK(first);
    env.jira->setPat(str(demo::kDcPat), true);
    JiraCall *second = client.myself();
    CALL_FAILS(second, Kind::TokenExpired);
    QVERIFY(second->error().message.contains(QLatin1String("Personal Access Tokens")));
}

void TstJiraClient::captchaAfterFailedLogins()
{
    FakeJiraOptions options;
    options.flavor = Flavor::DataCenter;
    options.captchaAfterFailures = 2;
    Env env = startEnv(options);
    QVERIFY(env.jira);
    config::JiraClientConfig c = clientConfig(*env.jira);
    c.password = QStringLiteral("wrong");
    JiraClient client(c);
    JiraCall *first = client.myself();
    CALL_FAILS(first, Kind::Unauthorized);
    QVERIFY(first->error().message.contains(QLatin1String("CAPTCHA")));
    JiraCall *me = nullptr;
    for (int i = 0; i < 4; ++i) {
        me = client.myself();
        QVERIFY(waitFor(me));
        if (me->error().kind == Kind::Captcha)
            break;
        QCOMPARE(me->error().kind, Kind::Unauthorized);
    }
    QCOMPARE(me->error().kind, Kind::Captcha);
    // Even the right password is refused now, and the admin is told why.
    JiraClient good(clientConfig(*env.jira));
    JiraCall *again = good.myself();
    CALL_FAILS(again, Kind::Captcha);
}

void TstJiraClient::configurationErrorsAreAsync()
{
    config::JiraClientConfig c;
    c.serverUrl = QStringLiteral("https://jira.example.com");
    c.username = QStringLiteral("someone");
    JiraClient client(c);
    QVERIFY(client.configurationError());
    QCOMPARE(client.configurationError()->kind, Kind::Configuration);
    JiraCall *me = client.myself();
    QVERIFY(!me->isFinished());
    QSignalSpy finished(me, &JiraCall::finished);
    CALL_FAILS(me, Kind::Configuration);
    QVERIFY(me->error().message.contains(QLatin1String("password")));
    QCOMPARE(finished.count(), 1);

    config::JiraClientConfig tls = c;
    tls.password = QStringLiteral("x");
    tls.sslCaCertPath = QStringLiteral("/nonexistent/ca.pem");
    JiraClient badCa(tls);
    QVERIFY(badCa.configurationError());
    QVERIFY(badCa.configurationError()->message.contains(QLatin1String("ssl_ca_cert_path")));

    config::JiraClientConfig oauth = c;
    oauth.authType = config::JiraAuthType::OAuth1;
    oauth.oauth1ConsumerKey = QStringLiteral("k");
    oauth.oauth1AccessToken = QStringLiteral("t");
    oauth.oauth1KeyCert = QStringLiteral("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n");
    JiraClient badKey(oauth);
    QVERIFY(badKey.configurationError());

    // Secrets from the keychain override (and here complete) the config.
    tbds::jira::JiraSecrets secrets;
    secrets.password = QStringLiteral("from-keychain");
    JiraClient withSecret(c, secrets);
    QVERIFY(!withSecret.configurationError());
}

void TstJiraClient::contextPath()
{
    FakeJiraOptions options;
    options.flavor = Flavor::DataCenter;
    options.contextPath = QStringLiteral("/jira");
    Env env = startEnv(options);
    QVERIFY(env.jira);
    QVERIFY(env.client->serverUrl().path().endsWith(QLatin1String("/jira")));
    JiraCall *me = env.client->myself();
    CALL_OK(me);
    QVERIFY(env.jira->requestLog().last().path.startsWith("/jira/rest/api/2/"));
    QCOMPARE(env.client->browseUrl(QStringLiteral("DEMO-1")).path(), QStringLiteral("/jira/browse/DEMO-1"));
}

void TstJiraClient::projects_data()
{
    flavourRows();
}

void TstJiraClient::projects()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *call = env.client->projects();
    CALL_OK(call);
    const QStringList keys = valuesOf(call->array(), "key");
    for (const char *key : {demo::kDemoProject, demo::kBulkProject, demo::kReadOnlyProject, demo::kReservedProject})
        QVERIFY2(keys.contains(str(key)), qPrintable(keys.join(QLatin1Char(','))));
    QVERIFY(!keys.contains(str(demo::kHiddenProject)));
    const QString path = flavor == Flavor::Cloud ? QStringLiteral("/project/search$") : QStringLiteral("/project$");
    QVERIFY(!env.jira->requestsMatching(path).isEmpty());
}

void TstJiraClient::metadata_data()
{
    flavourRows();
}

void TstJiraClient::metadata()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *fields = env.client->fields();
    JiraCall *priorities = env.client->priorities();
    JiraCall *types = env.client->issueTypes();
    JiraCall *statuses = env.client->projectStatuses(str(demo::kDemoProject));
    JiraCall *users = env.client->searchUsers(QStringLiteral("ali"));
    for (JiraCall *call : {fields, priorities, types, statuses, users})
        CALL_OK(call);
    // All five waited for one serverInfo.
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("serverInfo")).size(), 1);
    QVERIFY(valuesOf(fields->array(), "id").contains(QStringLiteral("customfield_10011")));
    QCOMPARE(valuesOf(priorities->array(), "name").size(), 5);
    QVERIFY(valuesOf(types->array(), "name").contains(QStringLiteral("Bug")));
    QVERIFY(!statuses->array().isEmpty());
    QVERIFY(!statuses->array().first().toObject().value(QLatin1String("statuses")).toArray().isEmpty());
    QVERIFY(valuesOf(users->array(), "displayName").contains(QStringLiteral("Alice Example")));
    const QString idKey = flavor == Flavor::Cloud ? QStringLiteral("accountId") : QStringLiteral("name");
    QVERIFY(!users->array().first().toObject().value(idKey).toString().isEmpty());
    const QByteArray query = env.jira->requestsMatching(QStringLiteral("/user/search$")).first().query;
    QVERIFY2(query.startsWith(flavor == Flavor::Cloud ? "query=ali" : "username=ali"), query.constData());
    QCOMPARE(env.client->userReference(QStringLiteral("x")).keys().first(), idKey);
}

void TstJiraClient::permissions_data()
{
    flavourRows();
}

void TstJiraClient::permissions()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *demoPerms = env.client->myPermissions(str(demo::kDemoProject));
    JiraCall *roPerms = env.client->myPermissions(str(demo::kReadOnlyProject));
    CALL_OK(demoPerms);
    CALL_OK(roPerms);
    const QHash<QString, bool> demoMap = JiraClient::permissionMap(demoPerms->object());
    const QHash<QString, bool> roMap = JiraClient::permissionMap(roPerms->object());
    QVERIFY(demoMap.value(QStringLiteral("CREATE_ISSUES")));
    QVERIFY(demoMap.value(QStringLiteral("BROWSE_PROJECTS")));
    QVERIFY(!roMap.value(QStringLiteral("CREATE_ISSUES"), true));
    QVERIFY(!roMap.value(QStringLiteral("DELETE_ISSUES"), true));
    QVERIFY(roMap.value(QStringLiteral("EDIT_ISSUES")));
    for (const QString &key : JiraClient::defectServicePermissions())
        QVERIFY2(demoMap.contains(key), qPrintable(key));
}

void TstJiraClient::createMeta_data()
{
    QTest::addColumn<tbds::fakejira::Flavor>("flavor");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("expectedPath");
    QTest::newRow("cloud") << Flavor::Cloud << QString() << QStringLiteral("/issue/createmeta/DEMO/issuetypes");
    QTest::newRow("dc 9") << Flavor::DataCenter << QString() << QStringLiteral("/issue/createmeta/DEMO/issuetypes");
    QTest::newRow("dc 8.3 (old createmeta)") << Flavor::DataCenter << QStringLiteral("8.3.0")
                                             << QStringLiteral("/issue/createmeta$");
}

void TstJiraClient::createMeta()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    QFETCH(QString, version);
    QFETCH(QString, expectedPath);
    FakeJiraOptions options;
    options.flavor = flavor;
    options.version = version;
    options.dcPageCap = 3; // forces createmeta paging on DC
    Env env = startEnv(options);
    QVERIFY(env.jira);
    JiraCall *types = env.client->createMetaIssueTypes(str(demo::kDemoProject));
    CALL_OK(types);
    QStringList ids = valuesOf(types->array(), "id");
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("10001"), QStringLiteral("10002"), QStringLiteral("10003"),
                               QStringLiteral("10004")}));
    QVERIFY(!env.jira->requestsMatching(expectedPath).isEmpty());

    JiraCall *fields = env.client->createMetaFields(str(demo::kDemoProject), QStringLiteral("10004"));
    CALL_OK(fields);
    const QStringList fieldIds = valuesOf(fields->array(), "fieldId");
    QVERIFY2(fieldIds.contains(QStringLiteral("summary")), qPrintable(fieldIds.join(QLatin1Char(','))));
    QVERIFY(fieldIds.contains(QStringLiteral("customfield_10011")));
    QCOMPARE(QSet<QString>(fieldIds.begin(), fieldIds.end()).size(), fieldIds.size()); // no page twice

    JiraCall *missing = env.client->createMetaIssueTypes(QStringLiteral("NOPE"));
    QVERIFY(waitFor(missing));
    QVERIFY(!missing->isOk());
}

void TstJiraClient::validateJql_data()
{
    flavourRows();
}

void TstJiraClient::validateJql()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *good = env.client->validateJql(QStringLiteral("project = \"DEMO\" ORDER BY key ASC"));
    QVERIFY(waitFor(good));
    JiraCall *reserved = env.client->validateJql(QStringLiteral("project = INT"));
    JiraCall *broken = env.client->validateJql(QStringLiteral("project = (DEMO"));
    for (JiraCall *call : {good, reserved, broken})
        CALL_OK(call);
    QVERIFY(good->object().value(QLatin1String("valid")).toBool());
    QVERIFY(!reserved->object().value(QLatin1String("valid")).toBool());
    const QString reservedError = reserved->object().value(QLatin1String("errors")).toArray().first().toString();
    QVERIFY2(reservedError.contains(QLatin1String("reserved JQL word")), qPrintable(reservedError));
    QVERIFY(!broken->object().value(QLatin1String("valid")).toBool());
}

void TstJiraClient::jqlAutocompleteData_data()
{
    flavourRows();
}

void TstJiraClient::jqlAutocompleteData()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *call = env.client->jqlAutocompleteData();
    QVERIFY(waitFor(call));
    QVERIFY2(call->isOk(), qPrintable(describe(call)));
    QVERIFY(call->object().contains(QLatin1String("jqlReservedWords")));
    QVERIFY(env.jira->requestLog().last().path.endsWith("/jql/autocompletedata"));
}

void TstJiraClient::issueLifecycle_data()
{
    flavourRows();
}

void TstJiraClient::issueLifecycle()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *info = env.client->detectServer();
    CALL_OK(info);
    const QString description = QStringLiteral("Steps:\n\n- open the form\n- press Save\n\nExpected: saved\nActual: error");
    const QJsonObject fields{
        {QStringLiteral("project"), QJsonObject{{QStringLiteral("key"), str(demo::kDemoProject)}}},
        {QStringLiteral("issuetype"), QJsonObject{{QStringLiteral("id"), QStringLiteral("10004")}}},
        {QStringLiteral("summary"), QStringLiteral("Created by tst_jiraclient")},
        {QStringLiteral("description"), env.client->textFieldValue(description)},
        {QStringLiteral("priority"), QJsonObject{{QStringLiteral("id"), QStringLiteral("2")}}},
        {QStringLiteral("labels"), QJsonArray{QStringLiteral("testbench")}},
        {QStringLiteral("reporter"), env.client->userReference(flavor == Flavor::Cloud ? str(demo::kServiceAccountId)
                                                                                       : str(demo::kDcUser))},
    };
    JiraCall *created = env.client->createIssue(QJsonObject{{QStringLiteral("fields"), fields}});
    CALL_OK(created);
    const QString key = created->object().value(QLatin1String("key")).toString();
    QVERIFY(key.startsWith(QLatin1String("DEMO-")));
    QVERIFY(created->object().value(QLatin1String("id")).isString());
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("/issue$")).first().header("Content-Type"),
             QByteArray("application/json"));

    JiraCall *read = env.client->issue(key, {QStringLiteral("summary"), QStringLiteral("description")});
    CALL_OK(read);
    const QJsonValue stored = read->object().value(QLatin1String("fields")).toObject().value(QLatin1String("description"));
    QCOMPARE(Adf::isDocument(stored), flavor == Flavor::Cloud);
    QCOMPARE(Adf::toPlainText(stored), description);

    JiraCall *updated = env.client->updateIssue(
        key, QJsonObject{{QStringLiteral("fields"), QJsonObject{{QStringLiteral("summary"), QStringLiteral("Renamed")}}}},
        false);
    CALL_OK(updated);
    QVERIFY(updated->result().isNull()); // 204
    QVERIFY(env.jira->requestLog().last().query.contains("notifyUsers=false"));
    JiraCall *reread = env.client->issue(key, {QStringLiteral("summary")});
    CALL_OK(reread);
    QCOMPARE(reread->object().value(QLatin1String("fields")).toObject().value(QLatin1String("summary")).toString(),
             QStringLiteral("Renamed"));

    JiraCall *removed = env.client->deleteIssue(key);
    CALL_OK(removed);
    JiraCall *gone = env.client->issue(key);
    CALL_FAILS(gone, Kind::NotFound);
    QCOMPARE(gone->error().httpStatus, 404);
    QVERIFY(!gone->error().jiraMessages.isEmpty());

    // A read-only project: 403 reads as a permission problem.
    QJsonObject roFields = fields;
    roFields.insert(QStringLiteral("project"), QJsonObject{{QStringLiteral("key"), str(demo::kReadOnlyProject)}});
    roFields.remove(QStringLiteral("reporter"));
    JiraCall *refused = env.client->createIssue(QJsonObject{{QStringLiteral("fields"), roFields}});
    QVERIFY(waitFor(refused));
    QVERIFY(!refused->isOk());
    QVERIFY2(refused->error().kind == Kind::Forbidden || refused->error().kind == Kind::BadRequest,
             qPrintable(describe(refused)));
}

void TstJiraClient::deleteWithSubtasksIsRefused()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    JiraCall *call = env.client->deleteIssue(QStringLiteral("DEMO-2"));
    CALL_FAILS(call, Kind::BadRequest);
    QVERIFY(!call->error().jiraMessages.isEmpty());
}

void TstJiraClient::transitions_data()
{
    flavourRows();
}

void TstJiraClient::transitions()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *list = env.client->transitions(QStringLiteral("DEMO-2"));
    CALL_OK(list);
    const QStringList names = valuesOf(list->array(), "name");
    QVERIFY2(names.contains(QStringLiteral("Start Progress")), qPrintable(names.join(QLatin1Char(','))));
    QString id;
    for (const QJsonValue &t : list->array()) {
        if (t.toObject().value(QLatin1String("name")).toString() == QLatin1String("Start Progress"))
            id = t.toObject().value(QLatin1String("id")).toString();
    }
    JiraCall *moved = env.client->transitionIssue(QStringLiteral("DEMO-2"), id);
    CALL_OK(moved);
    JiraCall *read = env.client->issue(QStringLiteral("DEMO-2"), {QStringLiteral("status")});
    CALL_OK(read);
    QCOMPARE(read->object()["fields"].toObject()["status"].toObject()["name"].toString(), QStringLiteral("In Progress"));
    JiraCall *invalid = env.client->transitionIssue(QStringLiteral("DEMO-2"), QStringLiteral("9999"));
    CALL_FAILS(invalid, Kind::BadRequest);
}

void TstJiraClient::attachments_data()
{
    flavourRows();
}

void TstJiraClient::attachments()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    const QByteArray content = "line one\nline two \"quoted\"\r\n\x01\x02 binary";
    JiraCall *added = env.client->addAttachment(QStringLiteral("DEMO-2"), QStringLiteral("Prüfbericht \"v1\".txt"), content,
                                                "text/plain");
    CALL_OK(added);
    QCOMPARE(added->array().size(), 1);
    const QJsonObject attachment = added->array().first().toObject();
    QCOMPARE(attachment.value(QLatin1String("size")).toInt(), int(content.size()));
    QVERIFY(attachment.value(QLatin1String("filename")).toString().startsWith(QStringLiteral("Prüfbericht")));
    const auto upload = env.jira->requestsMatching(QStringLiteral("/attachments$")).first();
    QCOMPARE(upload.header("X-Atlassian-Token"), QByteArray("no-check"));
    QVERIFY(upload.header("Content-Type").startsWith("multipart/form-data; boundary="));

    const QString id = attachment.value(QLatin1String("id")).toVariant().toString();
    JiraCall *removed = env.client->deleteAttachment(id);
    CALL_OK(removed);
    JiraCall *again = env.client->deleteAttachment(id);
    CALL_FAILS(again, Kind::NotFound);
}

void TstJiraClient::changelog_data()
{
    flavourRows();
}

void TstJiraClient::changelog()
{
    QFETCH(tbds::fakejira::Flavor, flavor);
    Env env = startEnv(flavor);
    QVERIFY(env.jira);
    JiraCall *call = env.client->changelog(QStringLiteral("DEMO-1"));
    CALL_OK(call);
    const QJsonArray histories = call->array();
    QCOMPARE(histories.size(), 3);
    QDateTime previous;
    for (const QJsonValue &h : histories) {
        const QDateTime created =
            QDateTime::fromString(h.toObject().value(QLatin1String("created")).toString(), Qt::ISODateWithMs);
        QVERIFY(created.isValid());
        QVERIFY(!previous.isValid() || previous <= created);
        previous = created;
    }
    const QJsonObject first = histories.first().toObject().value(QLatin1String("items")).toArray().first().toObject();
    QCOMPARE(first.value(QLatin1String("toString")).toString(), QStringLiteral("server.log"));
}

void TstJiraClient::cloudOldSearchIsGone()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira);
    JiraCall *info = env.client->detectServer();
    CALL_OK(info);
    JiraCall *old = env.client->send(JiraClient::jsonRequest(
        "GET", env.client->apiUrl(QStringLiteral("search"), {{QStringLiteral("jql"), QStringLiteral("project = DEMO")}})));
    CALL_FAILS(old, Kind::Gone);
    QCOMPARE(old->error().httpStatus, 410);
    QVERIFY(old->error().cause.contains(QLatin1String("search/jql")));
}

void TstJiraClient::callsWaitForOneDetection()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira);
    env.jira->injectFault({tbds::fakejira::Fault::Kind::HtmlError, QStringLiteral("serverInfo"), {}, 1, -1, 0, 502});
    JiraCall *a = env.client->myself();
    JiraCall *b = env.client->fields();
    CALL_FAILS(a, Kind::Server);
    CALL_FAILS(b, Kind::Server);
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("serverInfo")).size(), 1);
    QVERIFY(!env.client->hasServerInfo());
    // The next call detects again and succeeds.
    JiraCall *c = env.client->myself();
    CALL_OK(c);
    QVERIFY(env.client->hasServerInfo());
    // An aborted call finishes at once, exactly once.
    JiraCall *d = env.client->fields();
    QSignalSpy finished(d, &JiraCall::finished);
    d->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(d->error().kind, Kind::Cancelled);
    d->abort();
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
}

QTEST_GUILESS_MAIN(TstJiraClient)
#include "tst_jiraclient.moc"
