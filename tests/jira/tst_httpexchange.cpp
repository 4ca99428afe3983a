// SPDX-License-Identifier: Apache-2.0
// HttpExchange is exercised through JiraClient: retries, timeouts, aborts, transport errors and
// TLS against the simulator over real sockets.
#include "core/jira/httpexchange.h"
#include "tests/jira/jiratestutil.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace tbds::test::jira;
using tbds::fakejira::Fault;
using tbds::fakejira::FakeJiraOptions;
using tbds::jira::JiraCall;
using tbds::jira::JiraClient;
using tbds::jira::JiraError;
using Kind = tbds::jira::JiraError::Kind;
namespace config = tbds::config;

namespace {

QString describe(const JiraCall *call)
{
    return call->isOk() ? QStringLiteral("ok")
                        : JiraError::kindName(call->error().kind) + QStringLiteral(": ") + call->error().toString();
}

Fault fault(Fault::Kind kind, const char *path, int count = 1, int retryAfter = -1, int delayMs = 0)
{
    Fault f;
    f.kind = kind;
    f.pathRegex = QString::fromLatin1(path);
    f.count = count;
    f.retryAfterSeconds = retryAfter;
    f.delayMs = delayMs;
    return f;
}

/** Detects the server first so later request counts only see the call under test. */
bool detect(Env &env)
{
    JiraCall *info = env.client->detectServer();
    return waitFor(info) && info->isOk();
}

} // namespace

class TstHttpExchange : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void retryHonoursRetryAfter();
    void serviceUnavailableIsRetried();
    void givesUpAfterMaxRetries();
    void zeroRetriesFromConfig();
    void neverRepeatsAPost();
    void timeout();
    void abortIsImmediate();
    void droppedConnection();
    void invalidJson();
    void htmlErrorPage();
    void connectionRefused();
    void unknownHost();
    void https_data();
    void https();

private:
    TestPki m_pki;
    bool m_havePki = false;
};

void TstHttpExchange::initTestCase()
{
    m_havePki = m_pki.create();
    if (!m_havePki)
        qWarning("no test PKI: %s", qPrintable(m_pki.error()));
}

void TstHttpExchange::retryHonoursRetryAfter()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::TooManyRequests, "/myself$", 2, 1));
    AnswerClock clock(*env.jira);
    JiraCall *me = env.client->myself();
    QVERIFY(waitFor(me));
    QVERIFY2(me->isOk(), qPrintable(describe(me)));
    QCOMPARE(clock.times().size(), 3);
    // The retry policy's own backoff is 20 ms here; Retry-After: 1 must win both times.
    QVERIFY2(clock.times().at(1) - clock.times().at(0) >= 950, qPrintable(QString::number(clock.times().at(1))));
    QVERIFY(clock.times().at(2) - clock.times().at(1) >= 950);
    const auto requests = env.jira->requestsMatching(QStringLiteral("/myself$"));
    QCOMPARE(requests.at(0).status, 429);
    QCOMPARE(requests.at(2).status, 200);
}

void TstHttpExchange::serviceUnavailableIsRetried()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::ServiceUnavailable, "/priority$", 1));
    env.jira->injectFault(fault(Fault::Kind::TooManyRequests, "/priority$", 1)); // no Retry-After: backoff only
    AnswerClock clock(*env.jira);
    JiraCall *call = env.client->priorities();
    QVERIFY(waitFor(call));
    QVERIFY2(call->isOk(), qPrintable(describe(call)));
    QCOMPARE(clock.times().size(), 3);
    QVERIFY(clock.times().at(1) - clock.times().at(0) >= 20);
    QVERIFY(clock.times().at(2) - clock.times().at(1) >= 40); // doubled
}

void TstHttpExchange::givesUpAfterMaxRetries()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::TooManyRequests, "/field$", -1, 0));
    JiraCall *call = env.client->fields();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::RateLimited);
    QCOMPARE(call->error().httpStatus, 429);
    QVERIFY2(call->error().message.contains(QLatin1String("3 retries")), qPrintable(call->error().message));
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("/field$")).size(), 4); // 1 + max_retries (3)
}

void TstHttpExchange::zeroRetriesFromConfig()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    config::JiraClientConfig c = clientConfig(*env.jira);
    c.maxRetries = 0;
    JiraClient client(c);
    QCOMPARE(client.retryPolicy().maxRetries, 0);
    env.jira->injectFault(fault(Fault::Kind::ServiceUnavailable, "/myself$", -1, 0));
    JiraCall *call = client.myself();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::Server);
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("/myself$")).size(), 1);
}

void TstHttpExchange::neverRepeatsAPost()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira && detect(env));
    Fault f = fault(Fault::Kind::TooManyRequests, "/issue$", 1, 0);
    f.method = "POST";
    env.jira->injectFault(f);
    const QJsonObject body{{QStringLiteral("fields"),
                            QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("key"), QStringLiteral("DEMO")}}},
                                        {QStringLiteral("issuetype"), QJsonObject{{QStringLiteral("id"), QStringLiteral("10004")}}},
                                        {QStringLiteral("summary"), QStringLiteral("must not be created twice")}}}};
    JiraCall *call = env.client->createIssue(body);
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::RateLimited);
    QVERIFY(call->error().message.contains(QLatin1String("not repeated")));
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("/issue$")).size(), 1);
}

void TstHttpExchange::timeout()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira && detect(env));
    env.client->setTimeout(std::chrono::milliseconds(400));
    env.jira->injectFault(fault(Fault::Kind::Slow, "/myself$", 1, -1, 3000));
    QElapsedTimer clock;
    clock.start();
    JiraCall *call = env.client->myself();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::Timeout);
    QVERIFY2(clock.elapsed() < 2500, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(call->error().httpStatus, 0);
    // The client is still usable afterwards.
    JiraCall *next = env.client->myself();
    QVERIFY(waitFor(next));
    QVERIFY2(next->isOk(), qPrintable(describe(next)));
}

void TstHttpExchange::abortIsImmediate()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::Slow, "/myself$", 1, -1, 3000));
    JiraCall *call = env.client->myself();
    QSignalSpy finished(call, &JiraCall::finished);
    QTest::qWait(100);
    QVERIFY(!call->isFinished());
    call->abort();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(call->error().kind, Kind::Cancelled);
    QTest::qWait(300);
    QCOMPARE(finished.count(), 1);

    // Aborting during the wait between retries.
    env.jira->injectFault(fault(Fault::Kind::TooManyRequests, "/field$", 1, 5));
    JiraCall *waiting = env.client->fields();
    QSignalSpy waitingFinished(waiting, &JiraCall::finished);
    QVERIFY(QTest::qWaitFor([&] { return !env.jira->requestsMatching(QStringLiteral("/field$")).isEmpty(); }, 5000));
    QTest::qWait(100);
    waiting->abort();
    QCOMPARE(waitingFinished.count(), 1);
    QCOMPARE(waiting->error().kind, Kind::Cancelled);

    // Deleting a running call is a silent cancel.
    env.jira->injectFault(fault(Fault::Kind::Slow, "/myself$", 1, -1, 1000));
    JiraCall *deleted = env.client->myself();
    QTest::qWait(50);
    delete deleted;
    QTest::qWait(100);
}

void TstHttpExchange::droppedConnection()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::Drop, "/myself$", -1));
    JiraCall *call = env.client->myself();
    QVERIFY(waitFor(call));
    QVERIFY(!call->isOk());
    QCOMPARE(call->error().kind, Kind::Other);
    QVERIFY(!call->error().cause.isEmpty());
}

void TstHttpExchange::invalidJson()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::InvalidJson, "/myself$"));
    JiraCall *call = env.client->myself();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::BadResponse);
    QCOMPARE(call->error().httpStatus, 200);
}

void TstHttpExchange::htmlErrorPage()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira && detect(env));
    env.jira->injectFault(fault(Fault::Kind::HtmlError, "/myself$"));
    JiraCall *call = env.client->myself();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::Server);
    QCOMPARE(call->error().httpStatus, 500);
    QVERIFY2(!call->error().jiraMessages.isEmpty(), "the HTML title should be extracted");
    QVERIFY(!call->error().jiraMessages.first().contains(QLatin1Char('<')));
}

void TstHttpExchange::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    config::JiraClientConfig c;
    c.serverUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    c.username = QStringLiteral("u");
    c.password = QStringLiteral("p");
    JiraClient client(c);
    JiraCall *call = client.myself();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, Kind::ConnectionRefused);
    QVERIFY(call->error().message.contains(QLatin1String("127.0.0.1")));
}

void TstHttpExchange::unknownHost()
{
    config::JiraClientConfig c;
    c.serverUrl = QStringLiteral("https://tbds-no-such-host.invalid");
    c.username = QStringLiteral("u");
    c.password = QStringLiteral("p");
    c.timeout = 10;
    JiraClient client(c);
    JiraCall *call = client.detectServer();
    QVERIFY(waitFor(call, 30000));
    QVERIFY2(call->error().kind == Kind::Dns || call->error().kind == Kind::Timeout, qPrintable(describe(call)));
}

void TstHttpExchange::https_data()
{
    QTest::addColumn<bool>("otherHost");
    QTest::addColumn<bool>("verify");
    QTest::addColumn<bool>("withCa");
    QTest::addColumn<bool>("mutual");
    QTest::addColumn<bool>("withClientCert");
    QTest::addColumn<int>("expected"); // -1 = success, -2 = any failure
    QTest::newRow("untrusted CA") << false << true << false << false << false << int(Kind::Tls);
    QTest::newRow("verify_ssl = false") << false << false << false << false << false << -1;
    QTest::newRow("ssl_ca_cert_path") << false << true << true << false << false << -1;
    QTest::newRow("host name mismatch") << true << true << true << false << false << int(Kind::Tls);
    QTest::newRow("mutual TLS") << false << true << true << true << true << -1;
    // TLS 1.3 servers reject a missing client certificate after the handshake: Tls or a dropped connection.
    QTest::newRow("mutual TLS without client cert") << false << true << true << true << false << -2;
}

void TstHttpExchange::https()
{
    if (!m_havePki)
        QSKIP("openssl command unavailable");
    QFETCH(bool, otherHost);
    QFETCH(bool, verify);
    QFETCH(bool, withCa);
    QFETCH(bool, mutual);
    QFETCH(bool, withClientCert);
    QFETCH(int, expected);
    FakeJiraOptions options;
    options.flavor = Flavor::DataCenter;
    options.tls = m_pki.serverTls(otherHost, mutual);
    Env env = startEnv(options);
    QVERIFY(env.jira);
    QCOMPARE(env.jira->baseUrl().scheme(), QStringLiteral("https"));
    config::JiraClientConfig c = clientConfig(*env.jira);
    c.verifySsl = verify;
    if (withCa)
        c.sslCaCertPath = m_pki.caPath();
    if (withClientCert) {
        c.clientCertPath = m_pki.clientCertPath();
        c.clientKeyPath = m_pki.clientKeyPath();
    }
    JiraClient client(c);
    QVERIFY(!client.configurationError());
    JiraCall *call = client.myself();
    QVERIFY(waitFor(call));
    if (expected == -1) {
        QVERIFY2(call->isOk(), qPrintable(describe(call)));
        return;
    }
    if (expected == -2) {
        QVERIFY2(call->error().kind == Kind::Tls || call->error().kind == Kind::Other, qPrintable(describe(call)));
        return;
    }
    QCOMPARE(int(call->error().kind), expected);
    const QString message = call->error().message;
    if (otherHost)
        QVERIFY2(message.contains(QLatin1String("another host name")), qPrintable(message));
    else
        QVERIFY2(message.contains(QLatin1String("not trusted")) && message.contains(QLatin1String("ssl_ca_cert_path")),
                 qPrintable(message));
    QVERIFY(!call->error().cause.isEmpty());
}

QTEST_GUILESS_MAIN(TstHttpExchange)
#include "tst_httpexchange.moc"
