// SPDX-License-Identifier: Apache-2.0
// Tests of the Jira simulator over real loopback HTTP(S) with QNetworkAccessManager.
#include "tests/fakejira/adf.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "tests/fakejira/jql.h"
#include "tests/fakejira/oauth1verifier.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSslCertificate>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <memory>

using namespace tbds::fakejira;

namespace {

struct Reply
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    qint64 elapsedMs = 0;

    [[nodiscard]] QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    [[nodiscard]] bool hasHeader(const QByteArray &name) const
    {
        return std::any_of(headers.cbegin(), headers.cend(),
                           [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
    }
    [[nodiscard]] QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
};

using Headers = QList<std::pair<QByteArray, QByteArray>>;

QByteArray basic(const QString &login, const QString &secret)
{
    return "Basic " + (login + QLatin1Char(':') + secret).toUtf8().toBase64();
}

const QByteArray kCloudAuth = basic(QLatin1String(demo::kCloudEmail), QLatin1String(demo::kCloudApiToken));
const QByteArray kDcAuth = basic(QLatin1String(demo::kDcUser), QLatin1String(demo::kDcPassword));

QString str(const char *s)
{
    return QString::fromLatin1(s);
}

QStringList keysOf(const QJsonArray &issues)
{
    QStringList out;
    for (const QJsonValue &v : issues)
        out.append(v.toObject().value(QLatin1String("key")).toString());
    return out;
}

} // namespace

class TestFakeJira : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // pure helpers
    void oauthBaseStringRfc5849Example();
    void jqlParsing_data();
    void jqlParsing();
    void adfRoundTrip();

    // flavours and shapes
    void serverInfoPerFlavour();
    void deploymentTypeVariants();
    void apiVersionsPerFlavour();
    void cloudOldSearchIs410();
    void cloudSearchJqlPagesWithToken();
    void cloudSearchJqlRules();
    void dcSearchCapsPageSize();
    void dcSearchValidation();
    void cloudJqlParse();
    void jqlAutocompleteData_data();
    void jqlAutocompleteData();
    void projectListing();
    void projectStatusesAndMetadata();
    void createMetaCloud();
    void createMetaDc9();
    void createMetaDc83();
    void descriptionsAdfVsString();
    void usersPerFlavour();
    void userSearch();

    // writing
    void createUpdateDeleteCloud();
    void createRulesDc();
    void deleteWithSubtasks();
    void transitions();
    void attachments();
    void changelog();
    void permissionsAndReadOnlyProject();

    // auth
    void authCloudBasic();
    void authDcBasicAndPat();
    void captchaAfterFailedLogins();
    void oauth1Signed();
    void xsrfForBrowserUserAgent();

    // faults, log, transport
    void faults();
    void dropConnection();
    void slowResponse();
    void requestLogRecordsWhatWasSent();
    void tlsAndContextPath();
    void dataRoundTrip();
    void executable();

private:
    Reply call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &auth = {},
               const QByteArray &body = {}, const Headers &headers = {}, int timeoutMs = 15000);
    Reply send(const QByteArray &method, const QUrl &url, const QByteArray &auth, const QByteArray &body,
               const Headers &headers, int timeoutMs, QHttpMultiPart *multipart = nullptr);
    void startJira(Flavor flavor, const QString &version = {}, FakeJira::Options options = {});

    std::unique_ptr<FakeJira> m_jira;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void TestFakeJira::init()
{
    m_jira = std::make_unique<FakeJira>();
    m_jira->loadDemoData();
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestFakeJira::cleanup()
{
    m_nam.reset();
    m_jira.reset();
}

void TestFakeJira::startJira(Flavor flavor, const QString &version, FakeJira::Options options)
{
    options.flavor = flavor;
    options.version = version;
    const auto started = m_jira->start(options);
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().toString()));
}

Reply TestFakeJira::send(const QByteArray &method, const QUrl &url, const QByteArray &auth, const QByteArray &body,
                         const Headers &headers, int timeoutMs, QHttpMultiPart *multipart)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("tbds-test/1.0"));
    request.setRawHeader("Accept", "application/json");
    if (!auth.isEmpty())
        request.setRawHeader("Authorization", auth);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = multipart ? m_nam->post(request, multipart) : m_nam->sendCustomRequest(request, method, body);
    if (multipart)
        multipart->setParent(reply);
    const bool finished = QTest::qWaitFor([&] { return reply->isFinished(); }, timeoutMs);
    Reply out;
    out.elapsedMs = timer.elapsed();
    if (!finished) {
        reply->abort();
        out.error = QNetworkReply::TimeoutError;
    } else {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = reply->error();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
    }
    reply->deleteLater();
    return out;
}

Reply TestFakeJira::call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &auth,
                         const QByteArray &body, const Headers &headers, int timeoutMs)
{
    const QUrl url(m_jira->baseUrl().toString() + pathAndQuery, QUrl::StrictMode);
    return send(method, url, auth, body, headers, timeoutMs);
}

// --- pure helpers -------------------------------------------------------------------------------

void TestFakeJira::oauthBaseStringRfc5849Example()
{
    // RFC 5849 §3.4.1.1: the worked example, byte for byte.
    OAuth1Verifier::Params params = OAuth1Verifier::decodeForm("b5=%3D%253D&a3=a&c%40=&a2=r%20b");
    params += OAuth1Verifier::decodeForm("c2&a3=2+q");
    const auto header = OAuth1Verifier::parseAuthorizationHeader(
        "OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"kkk9d7dh3k39sjv7\", "
        "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\", "
        "oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"");
    QVERIFY(header);
    for (const auto &[k, v] : *header) {
        if (k != "realm" && k != "oauth_signature")
            params.append({ k, v });
    }
    const QByteArray uri = OAuth1Verifier::baseStringUri("HTTP", "EXAMPLE.COM:80", "/request");
    QCOMPARE(uri, QByteArray("http://example.com/request"));
    QCOMPARE(OAuth1Verifier::signatureBaseString("POST", uri, params),
             QByteArray("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
                        "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26"
                        "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"));
    QCOMPARE(OAuth1Verifier::baseStringUri("https", "h:443", "/a"), QByteArray("https://h/a"));
    QCOMPARE(OAuth1Verifier::baseStringUri("https", "h:8443", "/a"), QByteArray("https://h:8443/a"));
}

void TestFakeJira::jqlParsing_data()
{
    QTest::addColumn<QString>("jql");
    QTest::addColumn<QString>("error"); // substring; empty = valid
    QTest::addColumn<bool>("bounded");
    QTest::newRow("simple") << "project = DEMO" << "" << true;
    QTest::newRow("testbench default") << "project = 'DEMO' AND issuetype in standardIssueTypes()" << "" << true;
    QTest::newRow("in list, order") << "project in (DEMO, \"BULK\") ORDER BY key DESC, created" << "" << true;
    QTest::newRow("escape") << "summary ~ \"say \\\"hi\\\"\"" << "" << true;
    QTest::newRow("order only") << "ORDER BY key DESC" << "" << false;
    QTest::newRow("empty") << "" << "" << false;
    QTest::newRow("reserved word") << "project = INT" << "'INT' is a reserved JQL word" << true;
    QTest::newRow("reserved quoted") << "project = \"INT\"" << "" << true;
    QTest::newRow("reserved char") << "fixVersion = 3.14" << "The character '.' is a reserved JQL character" << true;
    QTest::newRow("missing paren") << "project in (DEMO, BULK" << "Expecting ')'" << true;
    QTest::newRow("missing operator") << "project DEMO" << "Expecting operator but got 'DEMO'" << true;
    QTest::newRow("is empty") << "assignee is EMPTY and resolution = Unresolved" << "" << true;
    QTest::newRow("cf ref") << "cf[10011] = Major" << "" << true;
    // Jira's own wording and position: the opening quote, 1-based.
    QTest::newRow("unfinished string") << "summary ~ \"abc"
                                       << "The quoted string 'abc' has not been completed. (line 1, character 11)"
                                       << true;
    // Positions count within the line, lines from 1 (a defect_jql from TOML may span lines).
    QTest::newRow("second line") << "project = DEMO\nAND fixVersion = 3.14"
                                 << "(line 2, character 19)" << true;
    QTest::newRow("position") << "project = DEMO status = Done"
                              << "Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 16)" << true;
}

void TestFakeJira::jqlParsing()
{
    QFETCH(QString, jql);
    QFETCH(QString, error);
    QFETCH(bool, bounded);
    const auto parsed = Jql::parse(jql);
    if (error.isEmpty()) {
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed.value().isBounded(), bounded);
    } else {
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().message.contains(error), qPrintable(parsed.error().message));
        QVERIFY(parsed.error().message.startsWith(str("Error in the JQL Query: ")));
    }
}

void TestFakeJira::adfRoundTrip()
{
    const QJsonObject doc = Adf::fromText(str("line one\nline two\n\nsecond paragraph"));
    QCOMPARE(Adf::validate(doc), QString());
    QCOMPARE(Adf::toText(doc), str("line one\nline two\nsecond paragraph"));
    const QJsonObject bad { { "type", "doc" },
                            { "version", 1 },
                            { "content", QJsonArray { QJsonObject { { "type", "paragraph" },
                                                                    { "content", QJsonArray { QJsonObject { { "type", "text" }, { "text", "" } } } } } } } };
    QVERIFY(Adf::validate(bad).contains(str("non-empty")));
    QVERIFY(!Adf::validate(QJsonValue(str("plain"))).isEmpty());
}

// --- flavours and shapes ------------------------------------------------------------------------

void TestFakeJira::serverInfoPerFlavour()
{
    startJira(Flavor::Cloud);
    Reply r = call("GET", "/rest/api/3/serverInfo");
    QCOMPARE(r.status, 200);
    QJsonObject o = r.object();
    QCOMPARE(o.value("deploymentType").toString(), str("Cloud"));
    QCOMPARE(o.value("versionNumbers").toArray(), (QJsonArray { 1001, 0, 0 }));
    QVERIFY(!o.contains("databaseBuildNumber"));
    QVERIFY(!r.header("X-AREQUESTID").isEmpty());
    QVERIFY(!r.header("ATL-TraceId").isEmpty());
    // non-zero offsets in every datetime (§12.20)
    QVERIFY2(o.value("serverTime").toString().endsWith(str("-0700")), qPrintable(o.value("serverTime").toString()));
    m_jira->stop();

    startJira(Flavor::DataCenter, str("8.3.0"));
    r = call("GET", "/rest/api/2/serverInfo");
    o = r.object();
    QCOMPARE(o.value("deploymentType").toString(), str("Server"));
    QCOMPARE(o.value("versionNumbers").toArray(), (QJsonArray { 8, 3, 0 }));
    QCOMPARE(o.value("version").toString(), str("8.3.0"));
    QVERIFY(o.contains("databaseBuildNumber"));
    QCOMPARE(o.value("baseUrl").toString(), m_jira->baseUrl().toString());
}

void TestFakeJira::deploymentTypeVariants()
{
    FakeJira::Options options;
    options.deploymentType = DeploymentTypeField::DataCenter;
    startJira(Flavor::DataCenter, {}, options);
    QCOMPARE(call("GET", "/rest/api/2/serverInfo").object().value("deploymentType").toString(), str("DataCenter"));
    m_jira->stop();
    options.deploymentType = DeploymentTypeField::Missing;
    startJira(Flavor::DataCenter, {}, options);
    QVERIFY(!call("GET", "/rest/api/2/serverInfo").object().contains("deploymentType"));
}

void TestFakeJira::apiVersionsPerFlavour()
{
    startJira(Flavor::Cloud);
    QCOMPARE(call("GET", "/rest/api/3/myself", kCloudAuth).status, 200);
    QCOMPARE(call("GET", "/rest/api/2/myself", kCloudAuth).status, 200);
    QCOMPARE(call("GET", "/rest/api/latest/myself", kCloudAuth).status, 200);
    m_jira->stop();
    startJira(Flavor::DataCenter);
    QCOMPARE(call("GET", "/rest/api/2/myself", kDcAuth).status, 200);
    QCOMPARE(call("GET", "/rest/api/latest/myself", kDcAuth).status, 200);
    const Reply v3 = call("GET", "/rest/api/3/myself", kDcAuth);
    QCOMPARE(v3.status, 404);
    QVERIFY(v3.object().value("errorMessages").toArray().at(0).toString().startsWith(str("null for uri: ")));
    QCOMPARE(call("GET", "/rest/api/2/nonsense", kDcAuth).status, 404);
    QCOMPARE(call("GET", "/not-jira", kDcAuth).status, 404);
}

void TestFakeJira::cloudOldSearchIs410()
{
    startJira(Flavor::Cloud);
    for (const char *path : { "/rest/api/3/search?jql=project%20%3D%20DEMO", "/rest/api/2/search?jql=project%20%3D%20DEMO",
                              "/rest/api/latest/search" }) {
        const Reply r = call("GET", str(path), kCloudAuth);
        QCOMPARE(r.status, 410);
        QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().contains(str("CHANGE-2046")));
    }
    QCOMPARE(call("POST", "/rest/api/3/search", kCloudAuth, "{\"jql\":\"project = DEMO\"}").status, 410);
}

void TestFakeJira::cloudSearchJqlPagesWithToken()
{
    startJira(Flavor::Cloud);
    QStringList seen;
    QString token;
    int pages = 0;
    while (true) {
        QUrlQuery q;
        q.addQueryItem("jql", "project = BULK ORDER BY key ASC");
        q.addQueryItem("fields", "summary,status");
        q.addQueryItem("maxResults", "100");
        if (!token.isEmpty())
            q.addQueryItem("nextPageToken", token);
        const Reply r = call("GET", "/rest/api/3/search/jql?" + q.toString(QUrl::FullyEncoded), kCloudAuth);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object();
        QVERIFY(!o.contains("total"));
        QVERIFY(!o.contains("startAt"));
        ++pages;
        seen += keysOf(o.value("issues").toArray());
        if (o.value("isLast").toBool()) {
            QVERIFY(!o.contains("nextPageToken")); // absent on the last page
            break;
        }
        token = o.value("nextPageToken").toString();
        QVERIFY(!token.isEmpty());
        QVERIFY(pages < 10);
    }
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), demo::kBulkIssueCount);
    QCOMPARE(seen.first(), str("BULK-1"));
    QCOMPARE(seen.last(), str("BULK-260"));
    QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), demo::kBulkIssueCount);

    // POST with the same loop contract
    const Reply post = call("POST", "/rest/api/3/search/jql", kCloudAuth,
                            "{\"jql\":\"project = DEMO\",\"fields\":[\"summary\"],\"maxResults\":5,\"expand\":\"names\"}");
    QCOMPARE(post.status, 200);
    QCOMPARE(post.object().value("issues").toArray().size(), 5);
    QVERIFY(post.object().contains("nextPageToken"));
    QVERIFY(post.object().value("issues").toArray().at(0).toObject().contains("names"));

    // empty result
    const Reply empty = call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20DEMO%20AND%20summary%20~%20zzzz&fields=summary",
                             kCloudAuth);
    QCOMPARE(empty.object(), (QJsonObject { { "issues", QJsonArray() }, { "isLast", true } }));
}

void TestFakeJira::cloudSearchJqlRules()
{
    startJira(Flavor::Cloud);
    // default fields: id only
    Reply r = call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20DEMO&maxResults=2", kCloudAuth);
    QCOMPARE(r.status, 200);
    const QJsonObject first = r.object().value("issues").toArray().at(0).toObject();
    QCOMPARE(first.keys(), QStringList { "id" });
    // unbounded
    r = call("GET", "/rest/api/3/search/jql?jql=order%20by%20key%20desc", kCloudAuth);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().startsWith(str("Unbounded JQL queries")));
    // startAt is not part of this API
    QCOMPARE(call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20DEMO&startAt=50", kCloudAuth).status, 400);
    // a token belongs to its query
    r = call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20BULK&fields=summary&maxResults=10", kCloudAuth);
    const QString token = r.object().value("nextPageToken").toString();
    QCOMPARE(call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20DEMO&nextPageToken=" + token, kCloudAuth).status, 400);
    QCOMPARE(call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20DEMO&nextPageToken=garbage", kCloudAuth).status, 400);
    // invisible project is "does not exist"
    r = call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20SECRET", kCloudAuth);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value("errorMessages").toArray().at(0).toString(),
             str("The value 'SECRET' does not exist for the field 'project'."));
    // reserved word must be quoted
    r = call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20INT", kCloudAuth);
    QCOMPARE(r.status, 400);
    r = call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20%22INT%22&fields=summary", kCloudAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("issues").toArray().size(), 2);
    // approximate count
    r = call("POST", "/rest/api/3/search/approximate-count", kCloudAuth, "{\"jql\":\"project = BULK\"}");
    QCOMPARE(r.object().value("count").toInt(), demo::kBulkIssueCount);
    // rate-limit headers on search answers
    QVERIFY(r.hasHeader("X-RateLimit-Limit"));
}

void TestFakeJira::dcSearchCapsPageSize()
{
    FakeJira::Options options;
    options.dcPageCap = 50;
    startJira(Flavor::DataCenter, {}, options);
    QStringList seen;
    int startAt = 0;
    int total = -1;
    int pages = 0;
    do {
        const Reply r = call("GET",
                             QStringLiteral("/rest/api/2/search?jql=project%20%3D%20BULK%20ORDER%20BY%20key&fields=summary&"
                                            "maxResults=100&startAt=%1")
                                 .arg(startAt),
                             kDcAuth);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object();
        QCOMPARE(o.value("maxResults").toInt(), 50); // capped below the 100 asked for, and echoed
        QCOMPARE(o.value("startAt").toInt(), startAt);
        total = o.value("total").toInt();
        const QJsonArray issues = o.value("issues").toArray();
        QVERIFY(issues.size() <= 50);
        seen += keysOf(issues);
        startAt += int(issues.size());
        ++pages;
    } while (startAt < total && pages < 20);
    QCOMPARE(total, demo::kBulkIssueCount);
    QCOMPARE(pages, 6);
    QCOMPARE(seen.size(), demo::kBulkIssueCount);
    QCOMPARE(seen.at(0), str("BULK-1"));
    // past the end: empty page, not an error
    Reply r = call("GET", "/rest/api/2/search?jql=project%20%3D%20BULK&startAt=1000", kDcAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("issues").toArray().size(), 0);
    // maxResults=0: the count only
    r = call("GET", "/rest/api/2/search?jql=project%20%3D%20BULK&maxResults=0", kDcAuth);
    QCOMPARE(r.object().value("total").toInt(), demo::kBulkIssueCount);
    QCOMPARE(r.object().value("issues").toArray().size(), 0);
    // POST body form, default fields *navigable (no attachment)
    r = call("POST", "/rest/api/2/search", kDcAuth, "{\"jql\":\"key = DEMO-1\",\"startAt\":0,\"maxResults\":10}");
    QCOMPARE(r.status, 200);
    const QJsonObject fields = r.object().value("issues").toArray().at(0).toObject().value("fields").toObject();
    QVERIFY(fields.contains("summary"));
    QVERIFY(!fields.contains("attachment"));
    // the max result window
    QCOMPARE(call("GET", "/rest/api/2/search?jql=project%20%3D%20BULK&startAt=9990&maxResults=50", kDcAuth).status, 400);
    // unknown body fields are rejected (pycontribs drops `properties` for this reason)
    QCOMPARE(call("POST", "/rest/api/2/search", kDcAuth, "{\"jql\":\"project = DEMO\",\"properties\":[]}").status, 400);
}

void TestFakeJira::dcSearchValidation()
{
    startJira(Flavor::DataCenter);
    Reply r = call("GET", "/rest/api/2/search?jql=project%20%3D%20NOPE&maxResults=0&validateQuery=true", kDcAuth);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value("errorMessages").toArray().at(0).toString(),
             str("The value 'NOPE' does not exist for the field 'project'."));
    r = call("GET", "/rest/api/2/search?jql=project%20%3D%20NOPE&validateQuery=false", kDcAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("total").toInt(), 0);
    QVERIFY(!r.object().value("warningMessages").toArray().isEmpty());
    r = call("GET", "/rest/api/2/search?jql=universe%20%3D%2042", kDcAuth);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().contains(str("Field 'universe' does not exist")));
    r = call("GET", "/rest/api/2/search?jql=project%20in%20(DEMO", kDcAuth);
    QCOMPARE(r.status, 400);
    // the reference service's default JQL works
    QUrlQuery q;
    q.addQueryItem("jql", "project = 'DEMO' AND issuetype in standardIssueTypes() ORDER BY key ASC");
    r = call("GET", "/rest/api/2/search?" + q.toString(QUrl::FullyEncoded), kDcAuth);
    QCOMPARE(r.status, 200);
    const QStringList keys = keysOf(r.object().value("issues").toArray());
    QVERIFY(keys.contains(str("DEMO-1")));
    QVERIFY(!keys.contains(str("DEMO-3"))); // a sub-task
    // form-encoded '+' for spaces (what requests/pycontribs sends)
    r = call("GET", "/rest/api/2/search?jql=project+%3D+RO+AND+status+%3D+Open", kDcAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("total").toInt(), 2);

    // the same through POST, where validateQuery is a JSON boolean
    r = call("POST", "/rest/api/2/search", kDcAuth, "{\"jql\":\"project = NOPE\",\"maxResults\":0,\"validateQuery\":true}");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value("errorMessages").toArray().at(0).toString(),
             str("The value 'NOPE' does not exist for the field 'project'."));
    r = call("POST", "/rest/api/2/search", kDcAuth, "{\"jql\":\"project = NOPE\",\"validateQuery\":false}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("total").toInt(), 0);
    QCOMPARE(r.object().value("warningMessages").toArray().at(0).toString(),
             str("The value 'NOPE' does not exist for the field 'project'."));
    // syntax errors fail whatever validateQuery says
    r = call("POST", "/rest/api/2/search", kDcAuth, "{\"jql\":\"project = INT\",\"validateQuery\":false}");
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().contains(str("reserved JQL word")));
    // maxResults=0: the count only (the client's DC validation and count trick)
    r = call("POST", "/rest/api/2/search", kDcAuth, "{\"jql\":\"project = BULK\",\"maxResults\":0,\"validateQuery\":true}");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("total").toInt(), demo::kBulkIssueCount);
    QVERIFY(r.object().value("issues").toArray().isEmpty());
    // DC has no jql/parse (jira-rest.md §4.5)
    r = call("POST", "/rest/api/2/jql/parse?validation=strict", kDcAuth, "{\"queries\":[\"project = DEMO\"]}");
    QCOMPARE(r.status, 404);
    QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().startsWith(str("null for uri")));
}

void TestFakeJira::cloudJqlParse()
{
    startJira(Flavor::Cloud);
    const auto parse = [this](const QString &validation, const QStringList &queries, const QString &api = str("3")) {
        const QByteArray body = QJsonDocument(QJsonObject { { "queries", QJsonArray::fromStringList(queries) } }).toJson();
        return call("POST", "/rest/api/" + api + "/jql/parse" + (validation.isEmpty() ? QString() : "?validation=" + validation),
                    kCloudAuth, body);
    };
    Reply r = parse(str("strict"),
                    { str("project = DEMO AND status in (Open, \"In Progress\") AND assignee = currentUser() "
                          "AND resolution is EMPTY ORDER BY priority DESC, key"),
                      str("project = INT"), str("project = (DEMO"), str("project = NOPE"), str("universe = 42") });
    QCOMPARE(r.status, 200);
    const QJsonArray queries = r.object().value("queries").toArray();
    QCOMPARE(queries.size(), 5);

    // a valid query: its structure, AND chains flattened as Jira does
    const QJsonObject good = queries.at(0).toObject();
    QVERIFY(!good.contains("errors"));
    const QJsonObject where = good.value("structure").toObject().value("where").toObject();
    QCOMPARE(where.value("operator").toString(), str("and"));
    const QJsonArray clauses = where.value("clauses").toArray();
    QCOMPARE(clauses.size(), 4);
    QCOMPARE(clauses.at(0).toObject().value("field").toObject().value("name").toString(), str("project"));
    QCOMPARE(clauses.at(0).toObject().value("operator").toString(), str("="));
    QCOMPARE(clauses.at(0).toObject().value("operand").toObject().value("value").toString(), str("DEMO"));
    const QJsonArray statusValues = clauses.at(1).toObject().value("operand").toObject().value("values").toArray();
    QCOMPARE(statusValues.size(), 2);
    QCOMPARE(statusValues.at(1).toObject().value("value").toString(), str("In Progress"));
    QCOMPARE(statusValues.at(1).toObject().value("encodedValue").toString(), str("\"In Progress\""));
    QCOMPARE(clauses.at(2).toObject().value("operand").toObject().value("function").toString(), str("currentUser"));
    QCOMPARE(clauses.at(3).toObject().value("operator").toString(), str("is"));
    QCOMPARE(clauses.at(3).toObject().value("operand").toObject().value("keyword").toString(), str("empty"));
    const QJsonArray order = good.value("structure").toObject().value("orderBy").toObject().value("fields").toArray();
    QCOMPARE(order.size(), 2);
    QCOMPARE(order.at(0).toObject().value("field").toObject().value("name").toString(), str("priority"));
    QCOMPARE(order.at(0).toObject().value("direction").toString(), str("desc"));
    QCOMPARE(order.at(1).toObject().value("direction").toString(), str("asc"));

    // syntax errors: Jira's messages, no structure
    const QJsonObject reserved = queries.at(1).toObject();
    QVERIFY(!reserved.contains("structure"));
    QCOMPARE(reserved.value("errors").toArray().at(0).toString(),
             str("Error in the JQL Query: 'INT' is a reserved JQL word. You must surround it in quotation marks to "
                 "use it in a query. (line 1, character 11)"));
    QVERIFY(!queries.at(2).toObject().value("errors").toArray().isEmpty());
    QVERIFY(!queries.at(2).toObject().contains("structure"));
    // strict: semantic problems are errors too
    QCOMPARE(queries.at(3).toObject().value("errors").toArray().at(0).toString(),
             str("The value 'NOPE' does not exist for the field 'project'."));
    QVERIFY(!queries.at(3).toObject().contains("structure"));
    QVERIFY(queries.at(4).toObject().value("errors").toArray().at(0).toString().contains(str("Field 'universe' does not exist")));
    // an invisible project is reported like an unknown one
    r = parse(str("strict"), { str("project = SECRET") });
    QCOMPARE(r.object().value("queries").toArray().at(0).toObject().value("errors").toArray().at(0).toString(),
             str("The value 'SECRET' does not exist for the field 'project'."));

    // warn: semantic problems become warnings next to the structure; none: not checked at all
    r = parse(str("warn"), { str("project = NOPE"), str("project = (DEMO") });
    QCOMPARE(r.status, 200);
    QJsonObject warned = r.object().value("queries").toArray().at(0).toObject();
    QVERIFY(warned.value("structure").toObject().contains("where"));
    QCOMPARE(warned.value("warnings").toArray().at(0).toString(), str("The value 'NOPE' does not exist for the field 'project'."));
    QVERIFY(!warned.contains("errors"));
    QVERIFY(!r.object().value("queries").toArray().at(1).toObject().value("errors").toArray().isEmpty());
    r = parse(str("none"), { str("project = NOPE") });
    QJsonObject unchecked = r.object().value("queries").toArray().at(0).toObject();
    QVERIFY(unchecked.contains("structure"));
    QVERIFY(!unchecked.contains("warnings") && !unchecked.contains("errors"));

    // v2 serves it too; validation defaults to strict; unbounded (ORDER BY only) parses
    r = parse({}, { str("ORDER BY created DESC"), str("project = NOPE") }, str("2"));
    QCOMPARE(r.status, 200);
    const QJsonObject unbounded = r.object().value("queries").toArray().at(0).toObject().value("structure").toObject();
    QVERIFY(!unbounded.contains("where"));
    QVERIFY(unbounded.contains("orderBy"));
    QVERIFY(r.object().value("queries").toArray().at(1).toObject().contains("errors"));

    // request errors
    QCOMPARE(parse(str("lenient"), { str("project = DEMO") }).status, 400);
    QCOMPARE(parse(str("strict"), {}).status, 400);
    QCOMPARE(call("POST", "/rest/api/3/jql/parse?validation=strict", kCloudAuth, "{\"queries\":[1]}").status, 400);
    QCOMPARE(call("POST", "/rest/api/3/jql/parse?validation=strict", kCloudAuth,
                  "{\"queries\":[\"project = DEMO\"],\"expand\":true}").status, 400);
    QCOMPARE(call("GET", "/rest/api/3/jql/parse?validation=strict", kCloudAuth).status, 405);
    QCOMPARE(call("POST", "/rest/api/3/jql/parse?validation=strict", {}, "{\"queries\":[\"project = DEMO\"]}").status, 401);
}

void TestFakeJira::jqlAutocompleteData_data()
{
    QTest::addColumn<Flavor>("flavor");
    QTest::addColumn<QString>("api");
    QTest::newRow("cloud v3") << Flavor::Cloud << str("3");
    QTest::newRow("cloud v2") << Flavor::Cloud << str("2");
    QTest::newRow("dc") << Flavor::DataCenter << str("2");
}

void TestFakeJira::jqlAutocompleteData()
{
    QFETCH(Flavor, flavor);
    QFETCH(QString, api);
    startJira(flavor);
    const QByteArray auth = flavor == Flavor::Cloud ? kCloudAuth : kDcAuth;
    const QString base = "/rest/api/" + api;
    const Reply r = call("GET", base + "/jql/autocompletedata", auth);
    QCOMPARE(r.status, 200);
    const QJsonObject data = r.object();

    QHash<QString, QJsonObject> fields;
    const QJsonArray fieldList = data.value("visibleFieldNames").toArray();
    for (const QJsonValue &v : fieldList)
        fields.insert(v.toObject().value("value").toString(), v.toObject());
    // system clauses: flags are the string "true", as real Jira sends them
    const QJsonObject status = fields.value(str("status"));
    QCOMPARE(status.value("displayName").toString(), str("status"));
    QCOMPARE(status.value("orderable").toString(), str("true"));
    QCOMPARE(status.value("searchable").toString(), str("true"));
    QCOMPARE(status.value("auto").toString(), str("true"));
    QVERIFY(status.value("operators").toArray().contains(str("was")));
    QCOMPARE(status.value("types").toArray().at(0).toString(), str("com.atlassian.jira.issue.status.Status"));
    QCOMPARE(fields.value(str("summary")).value("operators").toArray().at(0).toString(), str("~"));
    QVERIFY(!fields.value(str("summary")).contains("auto")); // false flags are left out
    QVERIFY(!fields.value(str("text")).contains("orderable"));
    QVERIFY(fields.contains(str("createdDate"))); // aliases are listed on their own
    // custom fields: the JQL spelling (quoted when needed), "Name - cf[id]", cfid
    const QJsonObject severity = fields.value(str("Severity"));
    QCOMPARE(severity.value("displayName").toString(), str("Severity - cf[10011]"));
    QCOMPARE(severity.value("cfid").toString(), str("cf[10011]"));
    QCOMPARE(severity.value("types").toArray().at(0).toString(), str("com.atlassian.jira.issue.customfields.option.Option"));
    const QJsonObject points = fields.value(str("\"Story Points\""));
    QCOMPARE(points.value("cfid").toString(), str("cf[10013]"));
    QVERIFY(points.value("operators").toArray().contains(str(">=")));
    QCOMPARE(points.value("types").toArray().at(0).toString(), str("java.lang.Number"));

    // functions
    QHash<QString, QJsonObject> functions;
    const QJsonArray functionList = data.value("visibleFunctionNames").toArray();
    for (const QJsonValue &v : functionList)
        functions.insert(v.toObject().value("value").toString(), v.toObject());
    QCOMPARE(functions.value(str("standardIssueTypes()")).value("isList").toString(), str("true"));
    QCOMPARE(functions.value(str("currentUser()")).value("types").toArray().at(0).toString(),
             str("com.atlassian.jira.user.ApplicationUser"));
    QVERIFY(!functions.value(str("currentUser()")).contains("isList"));

    const QJsonArray reserved = data.value("jqlReservedWords").toArray();
    for (const char *word : { "and", "or", "in", "empty", "int", "distinct" })
        QVERIFY2(reserved.contains(str(word)), word);

    // Everything it offers, the simulator's own JQL accepts: a JQL editor built on this data
    // must not suggest a field or function the searches then reject.
    QStringList clauses;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        clauses << it.key();
    for (const QString &field : std::as_const(clauses)) {
        QUrlQuery q;
        q.addQueryItem("jql", "project = DEMO ORDER BY " + field);
        q.addQueryItem("maxResults", "0");
        const QString path = flavor == Flavor::Cloud ? base + "/search/jql?" : base + "/search?validateQuery=true&";
        const Reply check = call("GET", path + q.toString(QUrl::FullyEncoded), auth);
        QVERIFY2(check.status == 200, qPrintable(field + QLatin1String(": ") + QString::fromUtf8(check.body)));
    }
    for (auto it = functions.cbegin(); it != functions.cend(); ++it) {
        QUrlQuery q;
        q.addQueryItem("jql", "project = DEMO AND assignee = " + it.key());
        q.addQueryItem("maxResults", "0");
        const QString path = flavor == Flavor::Cloud ? base + "/search/jql?" : base + "/search?validateQuery=true&";
        const Reply check = call("GET", path + q.toString(QUrl::FullyEncoded), auth);
        QVERIFY2(check.status == 200, qPrintable(it.key() + QLatin1String(": ") + QString::fromUtf8(check.body)));
    }

    if (flavor == Flavor::Cloud) {
        // POST narrows the custom fields to those of the given projects (BULK: only Severity)
        const Reply narrowed = call("POST", base + "/jql/autocompletedata", auth,
                                    "{\"projectIds\":[10001],\"includeCollapsedFields\":false}");
        QCOMPARE(narrowed.status, 200);
        QStringList custom;
        const QJsonArray narrowedFields = narrowed.object().value("visibleFieldNames").toArray();
        for (const QJsonValue &v : narrowedFields) {
            if (v.toObject().contains("cfid"))
                custom << v.toObject().value("value").toString();
        }
        QCOMPARE(custom, QStringList { str("Severity") });
        QVERIFY(narrowedFields.size() > custom.size()); // system clauses stay
        QCOMPARE(call("POST", base + "/jql/autocompletedata", auth, "{\"projects\":[]}").status, 400);
    } else {
        // POST is Cloud's; v3 does not exist on DC
        QCOMPARE(call("POST", base + "/jql/autocompletedata", auth, "{}").status, 405);
        QCOMPARE(call("GET", "/rest/api/3/jql/autocompletedata", auth).status, 404);
    }
}

void TestFakeJira::projectListing()
{
    startJira(Flavor::Cloud);
    // unpaginated, without the hidden project
    Reply r = call("GET", "/rest/api/3/project", kCloudAuth);
    QCOMPARE(r.array().size(), 4);
    for (const QJsonValue &p : r.array()) {
        QVERIFY(p.toObject().value("id").isString());
        QVERIFY(p.toObject().value("key").toString() != str("SECRET"));
    }
    // paged, cap 100, nextPage
    r = call("GET", "/rest/api/3/project/search?maxResults=3", kCloudAuth);
    QJsonObject o = r.object();
    QCOMPARE(o.value("total").toInt(), 4);
    QCOMPARE(o.value("maxResults").toInt(), 3);
    QCOMPARE(o.value("isLast").toBool(), false);
    QVERIFY(o.value("nextPage").toString().contains(str("startAt=3")));
    QCOMPARE(o.value("values").toArray().size(), 3);
    r = call("GET", "/rest/api/3/project/search?startAt=3&maxResults=3", kCloudAuth);
    QCOMPARE(r.object().value("isLast").toBool(), true);
    QCOMPARE(r.object().value("values").toArray().size(), 1);
    r = call("GET", "/rest/api/3/project/search?maxResults=500", kCloudAuth);
    QCOMPARE(r.object().value("maxResults").toInt(), 100);
    r = call("GET", "/rest/api/3/project/search?action=create", kCloudAuth);
    QCOMPARE(r.object().value("total").toInt(), 3); // RO has no CREATE_ISSUES
    // Cloud project paths are case-sensitive
    QCOMPARE(call("GET", "/rest/api/3/project/DEMO", kCloudAuth).status, 200);
    QCOMPARE(call("GET", "/rest/api/3/project/demo", kCloudAuth).status, 404);
    QCOMPARE(call("GET", "/rest/api/3/project/SECRET", kCloudAuth).status, 404);
    m_jira->stop();

    startJira(Flavor::DataCenter);
    r = call("GET", "/rest/api/2/project", kDcAuth);
    QCOMPARE(r.array().size(), 4);
    QCOMPARE(call("GET", "/rest/api/2/project/search", kDcAuth).status, 404); // Cloud only
}

void TestFakeJira::projectStatusesAndMetadata()
{
    startJira(Flavor::DataCenter);
    Reply r = call("GET", "/rest/api/2/project/DEMO/statuses", kDcAuth);
    QCOMPARE(r.status, 200);
    const QJsonArray byType = r.array();
    QCOMPARE(byType.size(), 4);
    const QJsonArray statuses = byType.at(0).toObject().value("statuses").toArray();
    QCOMPARE(statuses.size(), 4);
    QVERIFY(statuses.at(0).toObject().value("statusCategory").toObject().value("id").isDouble()); // numeric oddity
    QCOMPARE(call("GET", "/rest/api/2/project/SECRET/statuses", kDcAuth).status, 404);
    QCOMPARE(call("GET", "/rest/api/2/priority", kDcAuth).array().size(), 5);
    QCOMPARE(call("GET", "/rest/api/2/issuetype", kDcAuth).array().size(), 4);
    QCOMPARE(call("GET", "/rest/api/2/status", kDcAuth).array().size(), 5);
    QCOMPARE(call("GET", "/rest/api/2/resolution", kDcAuth).array().size(), 4);
    const QJsonArray fields = call("GET", "/rest/api/2/field", kDcAuth).array();
    bool sawSeverity = false;
    for (const QJsonValue &f : fields) {
        const QJsonObject o = f.toObject();
        if (o.value("id").toString() == str("customfield_10011")) {
            sawSeverity = true;
            QCOMPARE(o.value("clauseNames").toArray().at(0).toString(), str("cf[10011]"));
            QCOMPARE(o.value("schema").toObject().value("custom").toString(),
                     str("com.atlassian.jira.plugin.system.customfieldtypes:select"));
        }
    }
    QVERIFY(sawSeverity);
    m_jira->stop();
    startJira(Flavor::Cloud);
    r = call("GET", "/rest/api/3/priority/search?maxResults=2", kCloudAuth);
    QCOMPARE(r.object().value("values").toArray().size(), 2);
    QCOMPARE(r.object().value("total").toInt(), 5);
}

void TestFakeJira::createMetaCloud()
{
    startJira(Flavor::Cloud);
    Reply r = call("GET", "/rest/api/3/issue/createmeta/DEMO/issuetypes", kCloudAuth);
    QCOMPARE(r.status, 200);
    QJsonObject o = r.object();
    QVERIFY(o.contains("issueTypes"));
    QVERIFY(!o.contains("values"));
    QCOMPARE(o.value("total").toInt(), 4);
    r = call("GET", "/rest/api/3/issue/createmeta/DEMO/issuetypes/10004?maxResults=200", kCloudAuth);
    o = r.object();
    QVERIFY(o.contains("fields"));
    QVERIFY(!o.contains("values"));
    const QJsonArray fields = o.value("fields").toArray();
    QJsonObject severity;
    for (const QJsonValue &f : fields) {
        if (f.toObject().value("fieldId").toString() == str("customfield_10011"))
            severity = f.toObject();
    }
    QCOMPARE(severity.value("key").toString(), str("customfield_10011"));
    QVERIFY(severity.value("allowedValues").toArray().size() >= 4);
    QCOMPARE(call("GET", "/rest/api/3/issue/createmeta/DEMO/issuetypes?maxResults=201", kCloudAuth).status, 400);
    // past the end: empty page
    r = call("GET", "/rest/api/3/issue/createmeta/DEMO/issuetypes?startAt=50", kCloudAuth);
    QCOMPARE(r.object().value("issueTypes").toArray().size(), 0);
}

void TestFakeJira::createMetaDc9()
{
    startJira(Flavor::DataCenter, str("9.12.7"), FakeJira::Options { .dcPageCap = 3 });
    // the old endpoint is gone in 9.0
    QCOMPARE(call("GET", "/rest/api/2/issue/createmeta?projectKeys=DEMO", kDcAuth).status, 404);
    Reply r = call("GET", "/rest/api/2/issue/createmeta/DEMO/issuetypes?maxResults=50", kDcAuth);
    QJsonObject o = r.object();
    QVERIFY(o.contains("values"));
    QVERIFY(!o.contains("issueTypes"));
    QCOMPARE(o.value("maxResults").toInt(), 3);
    QCOMPARE(o.value("isLast").toBool(), false);
    r = call("GET", "/rest/api/2/issue/createmeta/DEMO/issuetypes/10004?startAt=0&maxResults=100", kDcAuth);
    o = r.object();
    QVERIFY(o.contains("values"));
    QVERIFY(!o.value("values").toArray().at(0).toObject().contains("key")); // DC fixture has fieldId only
    QVERIFY(o.value("values").toArray().at(0).toObject().contains("fieldId"));
    // the no-permission project: no creatable issue types
    r = call("GET", "/rest/api/2/issue/createmeta/RO/issuetypes", kDcAuth);
    QCOMPARE(r.object().value("total").toInt(), 0);
}

void TestFakeJira::createMetaDc83()
{
    startJira(Flavor::DataCenter, str("8.3.0"));
    QCOMPARE(call("GET", "/rest/api/2/issue/createmeta/DEMO/issuetypes", kDcAuth).status, 404); // only from 8.4
    const Reply r = call("GET", "/rest/api/2/issue/createmeta?projectKeys=DEMO,RO&expand=projects.issuetypes.fields", kDcAuth);
    QCOMPARE(r.status, 200);
    const QJsonArray projects = r.object().value("projects").toArray();
    QCOMPARE(projects.size(), 1); // RO silently left out (no CREATE_ISSUES)
    const QJsonObject bug = projects.at(0).toObject().value("issuetypes").toArray().at(0).toObject();
    QVERIFY(bug.value("fields").isObject()); // a map keyed by field id
    QVERIFY(bug.value("fields").toObject().contains("summary"));
}

void TestFakeJira::descriptionsAdfVsString()
{
    startJira(Flavor::Cloud);
    Reply r = call("GET", "/rest/api/3/issue/DEMO-1?fields=description,customfield_10016,customfield_10010", kCloudAuth);
    QJsonObject fields = r.object().value("fields").toObject();
    QCOMPARE(fields.value("description").toObject().value("type").toString(), str("doc"));
    QCOMPARE(fields.value("customfield_10016").toObject().value("type").toString(), str("doc")); // textarea → ADF
    QVERIFY(fields.value("customfield_10010").isString()); // single-line text stays a string
    r = call("GET", "/rest/api/2/issue/DEMO-1?fields=description", kCloudAuth);
    const QString v2 = r.object().value("fields").toObject().value("description").toString();
    QVERIFY2(v2.contains(str("Reported by @Alice Example")), qPrintable(v2));
    QVERIFY(v2.contains(str("https://testbench.example.com/defects/4711")));
    QVERIFY(v2.contains(str("- Press Save")));
    // key lookup is case-insensitive
    QCOMPARE(call("GET", "/rest/api/3/issue/demo-1", kCloudAuth).object().value("key").toString(), str("DEMO-1"));
    QCOMPARE(call("GET", "/rest/api/3/issue/DEMO-999", kCloudAuth).status, 404);
    QCOMPARE(call("GET", "/rest/api/3/issue/SECRET-1", kCloudAuth).status, 404);
    // unset fields are null
    r = call("GET", "/rest/api/3/issue/DEMO-2", kCloudAuth);
    fields = r.object().value("fields").toObject();
    QVERIFY(fields.value("assignee").isNull());
    QVERIFY(fields.value("resolution").isNull());
    QVERIFY(fields.value("customfield_10013").isNull());
    QCOMPARE(fields.value("subtasks").toArray().size(), 1);
    m_jira->stop();
    startJira(Flavor::DataCenter);
    r = call("GET", "/rest/api/2/issue/DEMO-1", kDcAuth);
    fields = r.object().value("fields").toObject();
    QVERIFY(fields.value("description").isString());
    QVERIFY(fields.value("created").toString().endsWith(str("+0200")));
    QCOMPARE(fields.value("duedate").toString(), str("2025-04-30"));
    QCOMPARE(fields.value("customfield_10011").toObject().value("value").toString(), str("Major"));
    QCOMPARE(fields.value("customfield_10012").toArray().size(), 2);
    QCOMPARE(fields.value("customfield_10013").toDouble(), 3.0);
    QCOMPARE(fields.value("customfield_10014").toObject().value("name").toString(), str("dora"));
    QCOMPARE(fields.value("customfield_10015").toString(), str("2025-03-01"));
    QCOMPARE(fields.value("attachment").toArray().size(), 2);
    QCOMPARE(call("GET", "/rest/api/2/issue/DEMO-999", kDcAuth).object().value("errorMessages").toArray().at(0).toString(),
             str("Issue Does Not Exist"));
}

void TestFakeJira::usersPerFlavour()
{
    startJira(Flavor::Cloud);
    QJsonObject me = call("GET", "/rest/api/3/myself", kCloudAuth).object();
    QCOMPARE(me.value("accountId").toString(), str(demo::kServiceAccountId));
    QVERIFY(!me.contains("name"));
    QVERIFY(!me.contains("key"));
    QCOMPARE(me.value("emailAddress").toString(), str(demo::kCloudEmail));
    QCOMPARE(call("GET", "/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5", kCloudAuth).object().contains("emailAddress"),
             false); // Bob hides his e-mail
    m_jira->stop();
    startJira(Flavor::DataCenter);
    me = call("GET", "/rest/api/2/myself", kDcAuth).object();
    QCOMPARE(me.value("name").toString(), str(demo::kDcUser));
    QCOMPARE(me.value("key").toString(), str(demo::kServiceAccountKey));
    QVERIFY(!me.contains("accountId"));
}

void TestFakeJira::userSearch()
{
    startJira(Flavor::Cloud);
    Reply r = call("GET", "/rest/api/3/user/search?query=ali", kCloudAuth);
    QCOMPARE(r.array().size(), 1);
    QCOMPARE(r.array().at(0).toObject().value("displayName").toString(), str("Alice Example"));
    QCOMPARE(call("GET", "/rest/api/3/user/search", kCloudAuth).status, 400);
    QCOMPARE(call("GET", "/rest/api/3/user/search?query=a&accountId=x", kCloudAuth).status, 400);
    r = call("GET", "/rest/api/3/user/assignable/search?project=DEMO&query=ali", kCloudAuth);
    QCOMPARE(r.array().size(), 1);
    QCOMPARE(call("GET", "/rest/api/3/user/assignable/search?query=ali", kCloudAuth).status, 400);
    m_jira->data().globalPermissions.remove(perm::UserPicker);
    r = call("GET", "/rest/api/3/user/search?query=ali", kCloudAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.array().size(), 0); // not 403
    m_jira->stop();
    m_jira->loadDemoData();
    startJira(Flavor::DataCenter);
    r = call("GET", "/rest/api/2/user/search?username=car", kDcAuth);
    QCOMPARE(r.array().size(), 0); // inactive
    r = call("GET", "/rest/api/2/user/search?username=car&includeInactive=true", kDcAuth);
    QCOMPARE(r.array().at(0).toObject().value("name").toString(), str("carol"));
    QCOMPARE(call("GET", "/rest/api/2/user/search", kDcAuth).status, 400);
}

// --- writing ------------------------------------------------------------------------------------

void TestFakeJira::createUpdateDeleteCloud()
{
    startJira(Flavor::Cloud);
    const Headers xsrf = { { "X-Atlassian-Token", "no-check" } };
    // v3 wants ADF
    Reply r = call("POST", "/rest/api/3/issue", kCloudAuth,
                   "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"id\":\"10004\"},\"summary\":\"s\",\"description\":\"plain\"}}", xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errors").toObject().value("description").toString().contains(str("Atlassian Document")));
    // empty text nodes are rejected
    r = call("POST", "/rest/api/3/issue", kCloudAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"id\":\"10004\"},\"summary\":\"s\",\"description\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]}}}",
             xsrf);
    QCOMPARE(r.status, 400);
    // Cloud users by accountId, never by name
    r = call("POST", "/rest/api/3/issue", kCloudAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"id\":\"10004\"},\"summary\":\"s\",\"assignee\":{\"name\":\"alice\"}}}", xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errors").toObject().contains("assignee"));
    // project as a plain string
    r = call("POST", "/rest/api/3/issue", kCloudAuth, "{\"fields\":{\"project\":\"DEMO\",\"issuetype\":{\"id\":\"10004\"},\"summary\":\"s\"}}", xsrf);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value("errors").toObject().value("project").toString(), str("data was not an object"));
    // option validation
    r = call("POST", "/rest/api/3/issue", kCloudAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"id\":\"10004\"},\"summary\":\"s\",\"customfield_10011\":{\"value\":\"Huge\"}}}", xsrf);
    QCOMPARE(r.status, 400);
    // a field that is not on the screen
    r = call("POST", "/rest/api/3/issue", kCloudAuth,
             "{\"fields\":{\"project\":{\"key\":\"BULK\"},\"issuetype\":{\"id\":\"10004\"},\"summary\":\"s\",\"customfield_10013\":3}}", xsrf);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.object().value("errors").toObject().value("customfield_10013").toString(),
             str("Field 'customfield_10013' cannot be set. It is not on the appropriate screen, or unknown."));
    // required custom field in INT
    r = call("POST", "/rest/api/3/issue", kCloudAuth, "{\"fields\":{\"project\":{\"key\":\"INT\"},\"issuetype\":{\"name\":\"Bug\"},\"summary\":\"s\"}}", xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errors").toObject().contains("customfield_10018"));

    r = call("POST", "/rest/api/3/issue", kCloudAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"id\":\"10004\"},\"summary\":\"Created by a test\", \"description\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]}, \"priority\":{\"name\":\"High\"},\"labels\":[\"tb\"],\"duedate\":\"2025-06-01\", \"reporter\":{\"accountId\":\"5b10a2844c20165700ede21g\"},\"assignee\":{\"id\":\"60e5a86a471e61006a2d4c6f\"}, \"customfield_10011\":{\"value\":\"Minor\"},\"customfield_10012\":[{\"id\":\"10112\"}],\"customfield_10013\":8, \"customfield_10014\":{\"accountId\":\"5b10a2844c20165700ede21g\"},\"customfield_10015\":\"2025-05-05\", \"customfield_10017\":\"2025-05-05T10:11:12.000+0200\"}}",
             xsrf);
    QCOMPARE(r.status, 201);
    const QString key = r.object().value("key").toString();
    QCOMPARE(key, str("DEMO-13"));
    QVERIFY(r.object().value("id").isString());
    QVERIFY(r.object().value("self").toString().endsWith(str("/rest/api/3/issue/") + r.object().value("id").toString()));
    r = call("GET", "/rest/api/2/issue/" + key, kCloudAuth);
    QJsonObject fields = r.object().value("fields").toObject();
    QCOMPARE(fields.value("description").toString(), str("Hello"));
    QCOMPARE(fields.value("reporter").toObject().value("displayName").toString(), str("Alice Example"));
    QCOMPARE(fields.value("status").toObject().value("name").toString(), str("To Do"));
    QCOMPARE(fields.value("customfield_10017").toString(), str("2025-05-05T01:11:12.000-0700"));

    // update via v2: strings; labels via update ops
    r = call("PUT", "/rest/api/2/issue/" + key, kCloudAuth,
             "{\"fields\":{\"summary\":\"Renamed\",\"description\":\"new text\"},\"update\":{\"labels\":[{\"add\":\"x\"}]}}", xsrf);
    QCOMPARE(r.status, 204);
    fields = call("GET", "/rest/api/3/issue/" + key + "?expand=changelog", kCloudAuth).object().value("fields").toObject();
    QCOMPARE(fields.value("summary").toString(), str("Renamed"));
    QCOMPARE(fields.value("labels").toArray(), (QJsonArray { "tb", "x" }));
    QCOMPARE(fields.value("description").toObject().value("type").toString(), str("doc"));
    // the same field in fields and update
    QCOMPARE(call("PUT", "/rest/api/2/issue/" + key, kCloudAuth, "{\"fields\":{\"labels\":[]},\"update\":{\"labels\":[{\"add\":\"y\"}]}}", xsrf).status,
             400);
    // status cannot be set directly
    QCOMPARE(call("PUT", "/rest/api/2/issue/" + key, kCloudAuth, "{\"fields\":{\"status\":{\"name\":\"Done\"}}}", xsrf).status, 400);
    // wrong content type
    QCOMPARE(call("PUT", "/rest/api/2/issue/" + key, kCloudAuth, "x", { { "Content-Type", "text/plain" } }).status, 415);
    QCOMPARE(call("DELETE", "/rest/api/3/issue/" + key, kCloudAuth, {}, xsrf).status, 204);
    QCOMPARE(call("GET", "/rest/api/3/issue/" + key, kCloudAuth).status, 404);
}

void TestFakeJira::createRulesDc()
{
    startJira(Flavor::DataCenter);
    const Headers xsrf = { { "X-Atlassian-Token", "no-check" } };
    Reply r = call("POST", "/rest/api/2/issue", kDcAuth,
                   "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"name\":\"Bug\"},\"summary\":\"s\",\"assignee\":{\"accountId\":\"x\"}}}", xsrf);
    QCOMPARE(r.status, 400);
    r = call("POST", "/rest/api/2/issue", kDcAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"name\":\"Bug\"},\"summary\":\"s\",\"assignee\":{\"name\":\"nobody\"}}}", xsrf);
    QCOMPARE(r.object().value("errors").toObject().value("assignee").toString(), str("User 'nobody' does not exist."));
    r = call("POST", "/rest/api/2/issue", kDcAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"name\":\"Bug\"},\"summary\":\"DC bug\",\"description\":\"text\",\"assignee\":{\"name\":\"alice\"},\"reporter\":{\"name\":\"dora\"}}}",
             xsrf);
    QCOMPARE(r.status, 201);
    const QJsonObject fields = call("GET", "/rest/api/2/issue/" + r.object().value("key").toString(), kDcAuth).object().value("fields").toObject();
    QCOMPARE(fields.value("assignee").toObject().value("name").toString(), str("alice"));
    QCOMPARE(fields.value("reporter").toObject().value("name").toString(), str("dora"));
    // a sub-task needs its parent
    r = call("POST", "/rest/api/2/issue", kDcAuth, "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"id\":\"10003\"},\"summary\":\"s\"}}", xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errors").toObject().contains("parent"));
    // Modify Reporter missing: reporter "cannot be set"
    m_jira->data().project(str("DEMO"))->permissions.remove(perm::ModifyReporter);
    r = call("POST", "/rest/api/2/issue", kDcAuth,
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"name\":\"Bug\"},\"summary\":\"s\",\"reporter\":{\"name\":\"dora\"}}}", xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errors").toObject().value("reporter").toString().contains(str("cannot be set")));
}

void TestFakeJira::deleteWithSubtasks()
{
    startJira(Flavor::DataCenter);
    const Headers xsrf = { { "X-Atlassian-Token", "no-check" } };
    Reply r = call("DELETE", "/rest/api/2/issue/DEMO-2", kDcAuth, {}, xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().contains(str("deleteSubtasks")));
    QCOMPARE(call("DELETE", "/rest/api/2/issue/DEMO-2?deleteSubtasks=false", kDcAuth, {}, xsrf).status, 400);
    // pycontribs sends Python's capitalised booleans
    QCOMPARE(call("DELETE", "/rest/api/2/issue/DEMO-2?deleteSubtasks=True", kDcAuth, {}, xsrf).status, 204);
    QCOMPARE(call("GET", "/rest/api/2/issue/DEMO-3", kDcAuth).status, 404);
}

void TestFakeJira::transitions()
{
    startJira(Flavor::Cloud);
    const Headers xsrf = { { "X-Atlassian-Token", "no-check" } };
    // DEMO-1 is In Progress
    Reply r = call("GET", "/rest/api/3/issue/DEMO-1/transitions?expand=transitions.fields", kCloudAuth);
    QCOMPARE(r.status, 200);
    QJsonArray list = r.object().value("transitions").toArray();
    QJsonObject done;
    for (const QJsonValue &t : list) {
        if (t.toObject().value("name").toString() == str("Done"))
            done = t.toObject();
    }
    QCOMPARE(done.value("hasScreen").toBool(), true);
    QVERIFY(done.value("fields").toObject().value("resolution").toObject().value("required").toBool());
    QCOMPARE(done.value("to").toObject().value("name").toString(), str("Done"));
    // resolution required on that screen
    r = call("POST", "/rest/api/3/issue/DEMO-1/transitions", kCloudAuth, "{\"transition\":{\"id\":\"41\"}}", xsrf);
    QCOMPARE(r.status, 400);
    QVERIFY(r.object().value("errors").toObject().contains("resolution"));
    QCOMPARE(call("POST", "/rest/api/3/issue/DEMO-1/transitions", kCloudAuth, "{}", xsrf).status, 400);
    QCOMPARE(call("POST", "/rest/api/3/issue/DEMO-1/transitions", kCloudAuth, "{\"transition\":{\"id\":\"21\"}}", xsrf).status,
             400); // not valid from In Progress
    r = call("POST", "/rest/api/3/issue/DEMO-1/transitions", kCloudAuth,
             "{\"transition\":{\"id\":\"41\"},\"fields\":{\"resolution\":{\"name\":\"Done\"}}}", xsrf);
    QCOMPARE(r.status, 204);
    QJsonObject fields = call("GET", "/rest/api/3/issue/DEMO-1", kCloudAuth).object().value("fields").toObject();
    QCOMPARE(fields.value("status").toObject().value("name").toString(), str("Done"));
    QCOMPARE(fields.value("resolution").toObject().value("name").toString(), str("Done"));
    QVERIFY(fields.value("resolutiondate").isString());
    // from Done: "Reopen" has no `to` object (the real Cloud fixture)
    list = call("GET", "/rest/api/3/issue/DEMO-1/transitions", kCloudAuth).object().value("transitions").toArray();
    QJsonObject reopen;
    for (const QJsonValue &t : list) {
        if (t.toObject().value("id").toString() == str("51"))
            reopen = t.toObject();
    }
    QVERIFY(!reopen.isEmpty());
    QVERIFY(!reopen.contains("to"));
    QCOMPARE(call("POST", "/rest/api/3/issue/DEMO-1/transitions", kCloudAuth, "{\"transition\":{\"id\":\"51\"}}", xsrf).status, 204);
    fields = call("GET", "/rest/api/3/issue/DEMO-1", kCloudAuth).object().value("fields").toObject();
    QCOMPARE(fields.value("status").toObject().value("name").toString(), str("To Do"));
    QVERIFY(fields.value("resolution").isNull());
    // an unknown transitionId filter gives an empty list, not an error
    r = call("GET", "/rest/api/3/issue/DEMO-1/transitions?transitionId=999", kCloudAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("transitions").toArray().size(), 0);
}

void TestFakeJira::attachments()
{
    for (const Flavor flavor : { Flavor::Cloud, Flavor::DataCenter }) {
        m_jira = std::make_unique<FakeJira>();
        m_jira->loadDemoData();
        startJira(flavor);
        const bool cloud = flavor == Flavor::Cloud;
        const QByteArray auth = cloud ? kCloudAuth : kDcAuth;
        const QString url = m_jira->baseUrl().toString() + (cloud ? "/rest/api/3" : "/rest/api/2") + "/issue/DEMO-2/attachments";
        auto upload = [&](bool withToken) {
            auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
            QHttpPart part;
            part.setHeader(QNetworkRequest::ContentDispositionHeader, QVariant(str("form-data; name=\"file\"; filename=\"log.txt\"")));
            part.setHeader(QNetworkRequest::ContentTypeHeader, QVariant(str("text/plain")));
            part.setBody("hello attachment");
            multi->append(part);
            Headers h;
            if (withToken)
                h.append(std::pair<QByteArray, QByteArray>("X-Atlassian-Token", "no-check"));
            return send("POST", QUrl(url), auth, {}, h, 15000, multi);
        };
        Reply r = upload(false);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.body, QByteArray("XSRF check failed"));
        r = upload(true);
        QCOMPARE(r.status, 200);
        const QJsonObject a = r.array().at(0).toObject();
        QCOMPARE(a.value("filename").toString(), str("log.txt"));
        QCOMPARE(a.value("size").toInt(), 16);
        // Cloud's upload answer: numeric id and epoch-ms created (§6.6); DC: strings
        QCOMPARE(a.value("id").isDouble(), cloud);
        QCOMPARE(a.value("created").isDouble(), cloud);
        const QString id = a.value("id").toVariant().toString();
        const QUrl content(a.value("content").toString());
        r = send("GET", content, auth, {}, {}, 15000);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("hello attachment"));
        QCOMPARE(call("GET", (cloud ? "/rest/api/3" : "/rest/api/2") + QStringLiteral("/attachment/meta"), auth).object().value("enabled").toBool(), true);
        QCOMPARE(call("DELETE", (cloud ? "/rest/api/3/attachment/" : "/rest/api/2/attachment/") + id, auth, {},
                      { { "X-Atlassian-Token", "no-check" } })
                     .status,
                 204);
        QCOMPARE(call("GET", (cloud ? "/rest/api/3/attachment/" : "/rest/api/2/attachment/") + id, auth).status, 404);
    }
}

void TestFakeJira::changelog()
{
    startJira(Flavor::Cloud);
    Reply r = call("GET", "/rest/api/3/issue/DEMO-1/changelog?maxResults=2", kCloudAuth);
    QCOMPARE(r.status, 200);
    QJsonObject o = r.object();
    QCOMPARE(o.value("total").toInt(), 3);
    QCOMPARE(o.value("isLast").toBool(), false);
    const QJsonArray values = o.value("values").toArray();
    QVERIFY(values.at(0).toObject().value("created").toString() < values.at(1).toObject().value("created").toString()); // oldest first
    QCOMPARE(values.at(1).toObject().value("items").toArray().at(0).toObject().value("fieldId").toString(), str("status"));
    // expand=changelog on Cloud: most recent first
    o = call("GET", "/rest/api/3/issue/DEMO-1?expand=changelog&fields=summary", kCloudAuth).object();
    const QJsonArray histories = o.value("changelog").toObject().value("histories").toArray();
    QCOMPARE(histories.size(), 3);
    QVERIFY(histories.at(0).toObject().value("created").toString() > histories.at(2).toObject().value("created").toString());
    m_jira->stop();
    startJira(Flavor::DataCenter);
    QCOMPARE(call("GET", "/rest/api/2/issue/DEMO-1/changelog", kDcAuth).status, 404); // Cloud only
    o = call("GET", "/rest/api/2/issue/DEMO-1?expand=changelog", kDcAuth).object();
    const QJsonObject item = o.value("changelog").toObject().value("histories").toArray().at(1).toObject().value("items").toArray().at(0).toObject();
    QCOMPARE(item.value("field").toString(), str("status"));
    QVERIFY(!item.contains("fieldId")); // DC has none
    QCOMPARE(item.value("toString").toString(), str("In Progress"));
}

void TestFakeJira::permissionsAndReadOnlyProject()
{
    startJira(Flavor::Cloud);
    const Headers xsrf = { { "X-Atlassian-Token", "no-check" } };
    QCOMPARE(call("GET", "/rest/api/3/mypermissions?projectKey=RO", kCloudAuth).status, 400); // permissions= required
    QCOMPARE(call("GET", "/rest/api/3/mypermissions?projectKey=RO&permissions=BROWSE", kCloudAuth).status, 400); // legacy key
    Reply r = call("GET", "/rest/api/3/mypermissions?projectKey=RO&permissions=BROWSE_PROJECTS,CREATE_ISSUES,DELETE_ISSUES,USER_PICKER",
                   kCloudAuth);
    QCOMPARE(r.status, 200);
    QJsonObject p = r.object().value("permissions").toObject();
    QCOMPARE(p.size(), 4);
    QCOMPARE(p.value("BROWSE_PROJECTS").toObject().value("havePermission").toBool(), true);
    QCOMPARE(p.value("CREATE_ISSUES").toObject().value("havePermission").toBool(), false);
    QCOMPARE(p.value("DELETE_ISSUES").toObject().value("havePermission").toBool(), false);
    QCOMPARE(p.value("USER_PICKER").toObject().value("type").toString(), str("GLOBAL"));
    QCOMPARE(p.value("CREATE_ISSUES").toObject().value("id").toString(), str("11"));
    QCOMPARE(call("GET", "/rest/api/3/mypermissions?projectKey=SECRET&permissions=BROWSE_PROJECTS", kCloudAuth).status, 404);
    r = call("POST", "/rest/api/3/issue", kCloudAuth,
             "{\"fields\":{\"project\":{\"key\":\"RO\"},\"issuetype\":{\"name\":\"Bug\"},\"summary\":\"s\",\"description\":{\"type\":\"doc\",\"version\":1,\"content\":[]}}}", xsrf);
    QCOMPARE(r.status, 403);
    QCOMPARE(call("DELETE", "/rest/api/3/issue/RO-1", kCloudAuth, {}, xsrf).status, 403);
    QCOMPARE(call("PUT", "/rest/api/3/issue/RO-1", kCloudAuth, "{\"fields\":{\"summary\":\"editable\"}}", xsrf).status, 204);
    m_jira->stop();
    startJira(Flavor::DataCenter);
    r = call("GET", "/rest/api/2/mypermissions?projectKey=RO", kDcAuth);
    QCOMPARE(r.status, 200);
    p = r.object().value("permissions").toObject();
    QVERIFY(p.size() >= 10); // the full map, whatever was asked
    QCOMPARE(p.value("CREATE_ISSUES").toObject().value("havePermission").toBool(), false);
    QCOMPARE(p.value("EDIT_ISSUES").toObject().value("havePermission").toBool(), true);
}

// --- auth ---------------------------------------------------------------------------------------

void TestFakeJira::authCloudBasic()
{
    startJira(Flavor::Cloud);
    Reply r = call("GET", "/rest/api/3/myself", kCloudAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-Seraph-LoginReason"), QByteArray("OK"));
    // wrong token: 401, HTML, seraph header, no challenge
    r = call("GET", "/rest/api/3/myself", basic(str(demo::kCloudEmail), str("wrong")));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.error, QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(r.header("X-Seraph-LoginReason"), QByteArray("AUTHENTICATED_FAILED"));
    QVERIFY(!r.hasHeader("WWW-Authenticate"));
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
    QVERIFY(r.body.contains("Unauthorized (401)"));
    // DC-style username login does not work on Cloud
    QCOMPARE(call("GET", "/rest/api/3/myself", kDcAuth).status, 401);
    // anonymous-capable resource: 200 + AUTHENTICATED_FAILED
    r = call("GET", "/rest/api/3/serverInfo", basic(str(demo::kCloudEmail), str("wrong")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-Seraph-LoginReason"), QByteArray("AUTHENTICATED_FAILED"));
    // no credentials at all
    r = call("GET", "/rest/api/3/myself");
    QCOMPARE(r.status, 401);
    QVERIFY(r.object().value("errorMessages").toArray().at(0).toString().contains(str("not authenticated")));
    // Bearer is DC only
    QCOMPARE(call("GET", "/rest/api/3/myself", "Bearer " + QByteArray(demo::kDcPat)).status, 401);
}

void TestFakeJira::authDcBasicAndPat()
{
    startJira(Flavor::DataCenter);
    Reply r = call("GET", "/rest/api/2/myself", kDcAuth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-AUSERNAME"), QByteArray(demo::kDcUser));
    QCOMPARE(call("GET", "/rest/api/2/myself", basic(str(demo::kDcUser), str("nope"))).status, 401);
    QCOMPARE(call("GET", "/rest/api/2/myself", "Bearer " + QByteArray(demo::kDcPat)).status, 200);
    r = call("GET", "/rest/api/2/myself", "Bearer " + QByteArray(demo::kDcExpiredPat));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("X-Seraph-LoginReason"), QByteArray("AUTHENTICATED_FAILED"));
    QCOMPARE(call("GET", "/rest/api/2/myself", "Bearer unknown").status, 401);
    // inactive users cannot log in
    m_jira->setCredential(str("carol"), str("carol-pw"));
    QCOMPARE(call("GET", "/rest/api/2/myself", basic(str("carol"), str("carol-pw"))).status, 401);
    QCOMPARE(m_jira->requestLog().last().userKey, QString());
    QCOMPARE(m_jira->requestLog().at(m_jira->requestLog().size() - 4).authScheme, str("bearer"));
}

void TestFakeJira::captchaAfterFailedLogins()
{
    FakeJira::Options options;
    options.captchaAfterFailures = 2;
    startJira(Flavor::DataCenter, {}, options);
    const QByteArray wrong = basic(str(demo::kDcUser), str("nope"));
    QCOMPARE(call("GET", "/rest/api/2/myself", wrong).status, 401);
    QCOMPARE(call("GET", "/rest/api/2/myself", wrong).status, 401);
    // now even the right password is refused without being checked
    const Reply r = call("GET", "/rest/api/2/myself", kDcAuth);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.header("X-Seraph-LoginReason"), QByteArray("AUTHENTICATION_DENIED"));
    QVERIFY(r.header("X-Authentication-Denied-Reason").startsWith("CAPTCHA_CHALLENGE; login-url="));
    // PATs are not affected
    QCOMPARE(call("GET", "/rest/api/2/myself", "Bearer " + QByteArray(demo::kDcPat)).status, 200);
}

void TestFakeJira::oauth1Signed()
{
    const auto [privatePem, publicPem] = OAuth1Verifier::generateRsaKeyPair();
    QVERIFY(!privatePem.isEmpty());
    const auto [otherPrivate, otherPublic] = OAuth1Verifier::generateRsaKeyPair();
    QVERIFY(m_jira->setOAuthConsumer(str("tbds-consumer"), publicPem));
    QVERIFY(!m_jira->setOAuthConsumer(str("x"), "not a key"));
    m_jira->addOAuthAccessToken(str("access-token-1"));
    startJira(Flavor::DataCenter);

    // Signs a GET of `pathAndQuery` as an independent client would (RFC 5849 by hand here).
    auto signedHeader = [&](const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &key,
                            const QByteArray &token, const QByteArray &nonce) {
        const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        QList<std::pair<QByteArray, QByteArray>> oauth = {
            { "oauth_consumer_key", "tbds-consumer" }, { "oauth_nonce", nonce },
            { "oauth_signature_method", "RSA-SHA1" },  { "oauth_timestamp", timestamp },
            { "oauth_token", token },                  { "oauth_version", "1.0" },
        };
        const qsizetype q = pathAndQuery.indexOf('?');
        const QByteArray path = q < 0 ? pathAndQuery : pathAndQuery.left(q);
        QList<std::pair<QByteArray, QByteArray>> all = oauth;
        if (q >= 0) {
            for (const QByteArray &pair : pathAndQuery.mid(q + 1).split('&')) {
                const qsizetype eq = pair.indexOf('=');
                all.append({ QByteArray::fromPercentEncoding(pair.left(eq)), QByteArray::fromPercentEncoding(pair.mid(eq + 1)) });
            }
        }
        QList<QByteArray> encoded;
        for (const auto &[k, v] : all)
            encoded.append(k.toPercentEncoding("-._~") + '=' + v.toPercentEncoding("-._~"));
        std::sort(encoded.begin(), encoded.end());
        const QByteArray base = method + '&'
            + ("http://127.0.0.1:" + QByteArray::number(m_jira->port()) + path).toPercentEncoding("-._~") + '&'
            + encoded.join('&').toPercentEncoding("-._~");
        const auto signature = OAuth1Verifier::signRsaSha1(key, base);
        QByteArray header = "OAuth ";
        for (const auto &[k, v] : oauth)
            header += k + "=\"" + v.toPercentEncoding("-._~") + "\", ";
        return header + "oauth_signature=\"" + signature.value_or(QByteArray()).toPercentEncoding("-._~") + '"';
    };
    const QByteArray path = "/rest/api/2/search?jql=project%20%3D%20DEMO&maxResults=5";
    const QByteArray good = signedHeader("GET", path, privatePem, "access-token-1", "nonce-1");
    Reply r = call("GET", QString::fromLatin1(path), good);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("issues").toArray().size(), 5);
    QCOMPARE(m_jira->requestLog().last().authScheme, str("oauth"));
    QCOMPARE(m_jira->requestLog().last().userKey, str(demo::kServiceAccountKey));
    // replay
    r = call("GET", QString::fromLatin1(path), good);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body, QByteArray("oauth_problem=nonce_used"));
    // a query parameter added after signing
    r = call("GET", QString::fromLatin1(path) + "&startAt=5", signedHeader("GET", path, privatePem, "access-token-1", "nonce-2"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body, QByteArray("oauth_problem=signature_invalid"));
    QVERIFY(r.header("WWW-Authenticate").contains("oauth_problem=\"signature_invalid\""));
    // signed with another key
    r = call("GET", QString::fromLatin1(path), signedHeader("GET", path, otherPrivate, "access-token-1", "nonce-3"));
    QCOMPARE(r.body, QByteArray("oauth_problem=signature_invalid"));
    // unknown token
    r = call("GET", QString::fromLatin1(path), signedHeader("GET", path, privatePem, "stolen", "nonce-4"));
    QCOMPARE(r.body, QByteArray("oauth_problem=token_rejected"));
    // a signed POST with a JSON body (not part of the signature)
    const QByteArray postPath = "/rest/api/2/issue";
    r = call("POST", QString::fromLatin1(postPath), signedHeader("POST", postPath, privatePem, "access-token-1", "nonce-5"),
             "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"via OAuth\"}}",
             { { "X-Atlassian-Token", "no-check" } });
    QCOMPARE(r.status, 201);
    Q_UNUSED(otherPublic);
}

void TestFakeJira::xsrfForBrowserUserAgent()
{
    startJira(Flavor::DataCenter);
    const QByteArray body = "{\"fields\":{\"project\":{\"key\":\"DEMO\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"ua\"}}";
    // Qt's default User-Agent looks like a browser
    Reply r = call("POST", "/rest/api/2/issue", kDcAuth, body, { { "User-Agent", "Mozilla/5.0" } });
    QCOMPARE(r.status, 403);
    QCOMPARE(r.body, QByteArray("XSRF check failed"));
    r = call("POST", "/rest/api/2/issue", kDcAuth, body, { { "User-Agent", "Mozilla/5.0" }, { "X-Atlassian-Token", "no-check" } });
    QCOMPARE(r.status, 201);
    r = call("POST", "/rest/api/2/issue", kDcAuth, body); // custom UA, no token: fine for JSON
    QCOMPARE(r.status, 201);
}

// --- faults, log, transport ---------------------------------------------------------------------

void TestFakeJira::faults()
{
    startJira(Flavor::Cloud);
    const QString myself = str("/rest/api/3/myself");

    m_jira->injectFault({ .kind = Fault::Kind::Unauthorized, .pathRegex = str("/myself$") });
    Reply r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.header("X-Seraph-LoginReason"), QByteArray("AUTHENTICATED_FAILED"));
    QCOMPARE(call("GET", myself, kCloudAuth).status, 200); // count 1 is used up

    m_jira->injectFault({ .kind = Fault::Kind::Captcha });
    r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 403);
    QVERIFY(r.header("X-Authentication-Denied-Reason").startsWith("CAPTCHA_CHALLENGE"));

    m_jira->injectFault({ .kind = Fault::Kind::ExpiredPat });
    QCOMPARE(call("GET", myself, kCloudAuth).status, 401);

    m_jira->injectFault({ .kind = Fault::Kind::TooManyRequests, .retryAfterSeconds = 7 });
    r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 429);
    QCOMPARE(r.header("Retry-After"), QByteArray("7"));
    QVERIFY(r.hasHeader("X-RateLimit-Reset"));

    m_jira->injectFault({ .kind = Fault::Kind::TooManyRequests });
    r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 429);
    QVERIFY(!r.hasHeader("Retry-After"));

    m_jira->injectFault({ .kind = Fault::Kind::ServiceUnavailable, .retryAfterSeconds = 3 });
    r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("Retry-After"), QByteArray("3"));

    m_jira->injectFault({ .kind = Fault::Kind::InvalidJson });
    r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 200);
    QJsonParseError pe;
    QJsonDocument::fromJson(r.body, &pe);
    QVERIFY(pe.error != QJsonParseError::NoError);

    m_jira->injectFault({ .kind = Fault::Kind::HtmlError, .status = 502 });
    r = call("GET", myself, kCloudAuth);
    QCOMPARE(r.status, 502);
    QVERIFY(r.header("Content-Type").startsWith("text/html"));

    // path and method filters, repeated counts, clearFaults
    m_jira->injectFault({ .kind = Fault::Kind::ServiceUnavailable, .pathRegex = str("/search/jql"), .method = "POST", .count = -1 });
    QCOMPARE(call("GET", myself, kCloudAuth).status, 200);
    QCOMPARE(call("GET", "/rest/api/3/search/jql?jql=project%20%3D%20DEMO", kCloudAuth).status, 200);
    QCOMPARE(call("POST", "/rest/api/3/search/jql", kCloudAuth, "{\"jql\":\"project = DEMO\"}").status, 503);
    QCOMPARE(call("POST", "/rest/api/3/search/jql", kCloudAuth, "{\"jql\":\"project = DEMO\"}").status, 503);
    m_jira->clearFaults();
    QCOMPARE(call("POST", "/rest/api/3/search/jql", kCloudAuth, "{\"jql\":\"project = DEMO\"}").status, 200);
}

void TestFakeJira::dropConnection()
{
    startJira(Flavor::DataCenter);
    // QNAM silently resends a request after a connection dies without an answer, so drop
    // every attempt until the client gives up.
    m_jira->injectFault({ .kind = Fault::Kind::Drop, .pathRegex = str("/myself"), .count = -1 });
    const Reply r = call("GET", "/rest/api/2/myself", kDcAuth, {}, {}, 10000);
    QCOMPARE(r.status, 0);
    QVERIFY2(r.error == QNetworkReply::RemoteHostClosedError || r.error == QNetworkReply::ConnectionRefusedError
                 || r.error == QNetworkReply::UnknownNetworkError,
             qPrintable(QString::number(r.error)));
    QVERIFY(r.error != QNetworkReply::TimeoutError);
    m_jira->clearFaults();
    // the server is fine afterwards
    QCOMPARE(call("GET", "/rest/api/2/myself", kDcAuth).status, 200);
    QCOMPARE(m_jira->requestsMatching(str("/myself")).first().status, 0);
}

void TestFakeJira::slowResponse()
{
    startJira(Flavor::DataCenter);
    m_jira->injectFault({ .kind = Fault::Kind::Slow, .delayMs = 400 });
    Reply r = call("GET", "/rest/api/2/myself", kDcAuth);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.elapsedMs >= 380, qPrintable(QString::number(r.elapsedMs)));
    // a fault with a delay: slow *and* failing
    m_jira->injectFault({ .kind = Fault::Kind::ServiceUnavailable, .delayMs = 300 });
    r = call("GET", "/rest/api/2/myself", kDcAuth);
    QCOMPARE(r.status, 503);
    QVERIFY(r.elapsedMs >= 280);
    r = call("GET", "/rest/api/2/myself", kDcAuth);
    QVERIFY(r.elapsedMs < 280);

    // clearing the log while a slow request is in flight is harmless
    m_jira->injectFault({ .kind = Fault::Kind::Slow, .delayMs = 300 });
    m_jira->clearRequestLog();
    QNetworkRequest request(QUrl(m_jira->baseUrl().toString() + "/rest/api/2/myself"));
    request.setRawHeader("Authorization", kDcAuth);
    QNetworkReply *reply = m_nam->get(request);
    QVERIFY(QTest::qWaitFor([&] { return !m_jira->requestLog().isEmpty(); }, 5000));
    m_jira->clearRequestLog();
    QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 5000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(m_jira->requestLog().isEmpty());
    reply->deleteLater();
}

void TestFakeJira::requestLogRecordsWhatWasSent()
{
    startJira(Flavor::DataCenter);
    QSignalSpy handled(m_jira.get(), &FakeJira::requestHandled);
    QCOMPARE(call("GET", "/rest/api/2/search?jql=project%20%3D%20DEMO&maxResults=7", kDcAuth, {},
                  { { "X-Atlassian-Token", "no-check" } })
                 .status,
             200);
    QCOMPARE(handled.size(), 1);
    const LoggedRequest &last = m_jira->requestLog().last();
    QCOMPARE(last.method, QByteArray("GET"));
    QCOMPARE(last.path, QByteArray("/rest/api/2/search"));
    QCOMPARE(last.urlQuery().queryItemValue(str("maxResults")), str("7"));
    QCOMPARE(last.urlQuery().queryItemValue(str("jql"), QUrl::FullyDecoded), str("project = DEMO"));
    QCOMPARE(last.header("authorization"), kDcAuth);
    QCOMPARE(last.header("User-Agent"), QByteArray("tbds-test/1.0"));
    QCOMPARE(last.header("x-atlassian-token"), QByteArray("no-check"));
    QCOMPARE(last.status, 200);
    QCOMPARE(last.authScheme, str("basic"));
    QCOMPARE(m_jira->requestsMatching(str("^/rest/api/2/search$")).size(), 1);
    m_jira->clearRequestLog();
    QVERIFY(m_jira->requestLog().isEmpty());
}

void TestFakeJira::tlsAndContextPath()
{
    QTemporaryDir dir;
    QProcess openssl;
    openssl.setWorkingDirectory(dir.path());
    openssl.start(str("openssl"), { str("req"), str("-x509"), str("-newkey"), str("ec"), str("-pkeyopt"),
                                    str("ec_paramgen_curve:prime256v1"), str("-nodes"), str("-keyout"), str("key.pem"),
                                    str("-out"), str("cert.pem"), str("-days"), str("2"), str("-subj"), str("/CN=localhost"),
                                    str("-addext"), str("subjectAltName=IP:127.0.0.1,DNS:localhost") });
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile certFile(dir.filePath(str("cert.pem")));
    QFile keyFile(dir.filePath(str("key.pem")));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate cert(certFile.readAll(), QSsl::Pem);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(cert);
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);

    FakeJira::Options options;
    options.tls = tls;
    options.contextPath = str("/jira/");
    startJira(Flavor::DataCenter, {}, options);
    QCOMPARE(m_jira->baseUrl().scheme(), str("https"));
    QCOMPARE(m_jira->baseUrl().path(), str("/jira"));

    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setCaCertificates({ cert });
    QNetworkRequest request(QUrl(m_jira->baseUrl().toString() + "/rest/api/2/serverInfo"));
    request.setSslConfiguration(client);
    QNetworkReply *reply = m_nam->get(request);
    QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 15000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QJsonObject info = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(info.value("baseUrl").toString(), m_jira->baseUrl().toString());
    reply->deleteLater();
    // outside the context path: HTML dead link
    QNetworkRequest outside(QUrl(m_jira->baseUrl().toString().replace(str("/jira"), QString()) + "/rest/api/2/serverInfo"));
    outside.setSslConfiguration(client);
    reply = m_nam->get(outside);
    QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 15000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    reply->deleteLater();
}

void TestFakeJira::dataRoundTrip()
{
    const QJsonObject json = demo::build().toJson();
    const auto parsed = FakeJiraData::fromJson(json);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value().toJson(), json);
    QTemporaryDir dir;
    QFile file(dir.filePath(str("data.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QJsonObject small = json;
    QJsonArray issues = json.value("issues").toArray();
    while (issues.size() > 3)
        issues.removeLast();
    small["issues"] = issues;
    file.write(QJsonDocument(small).toJson());
    file.close();
    QVERIFY(m_jira->loadData(file.fileName()).ok());
    startJira(Flavor::DataCenter);
    QCOMPARE(call("GET", "/rest/api/2/search?jql=project%20%3D%20DEMO", kDcAuth).object().value("total").toInt(), 3);
    QVERIFY(!m_jira->loadData(dir.filePath(str("missing.json"))).ok());
    QJsonObject broken = small;
    QJsonArray projects = broken.value("projects").toArray();
    QJsonObject p0 = projects.at(0).toObject();
    p0["workflow"] = "nope";
    projects[0] = p0;
    broken["projects"] = projects;
    QVERIFY(!FakeJiraData::fromJson(broken).ok());
}

void TestFakeJira::executable()
{
    const QString exe = qEnvironmentVariable("TBDS_BINARY_DIR") + "/tests/fakejira/fake-jira";
    if (!QFile::exists(exe))
        QSKIP("fake-jira not built next to the test");
    QProcess process;
    process.start(exe, { str("--flavor"), str("dc"), str("--version"), str("8.3.0"), str("--port"), str("0") });
    QVERIFY(process.waitForStarted());
    QString url;
    QVERIFY(QTest::qWaitFor([&] {
        while (process.canReadLine()) {
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            if (line.startsWith(str("listening on ")))
                url = line.mid(13);
        }
        return !url.isEmpty();
    }, 10000));
    QVERIFY(url.startsWith(str("http://127.0.0.1:")));
    const Reply r = send("GET", QUrl(url + "/rest/api/2/serverInfo"), {}, {}, {}, 10000);
    QCOMPARE(r.object().value("version").toString(), str("8.3.0"));
    process.terminate(); // SIGTERM: a clean exit
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    QTemporaryDir dir;
    QCOMPARE(QProcess::execute(exe, { str("--dump-data"), dir.filePath(str("demo.json")) }), 0);
    QVERIFY(QFile::exists(dir.filePath(str("demo.json"))));
    QCOMPARE(QProcess::execute(exe, { str("--flavor"), str("mainframe") }), 2);
}

QTEST_GUILESS_MAIN(TestFakeJira)
#include "tst_fakejira.moc"
