// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jiraerror.h"
#include "core/jira/jiraresponse.h"

#include <QSslCertificate>
#include <QTest>

using tbds::config::JiraAuthType;
using tbds::jira::Flavour;
using tbds::jira::JiraError;
using tbds::jira::JiraErrorContext;
using tbds::jira::JiraResponse;
using Kind = JiraError::Kind;

namespace {

JiraResponse http(int status, QByteArray body = {}, QList<std::pair<QByteArray, QByteArray>> headers = {},
                  QNetworkReply::NetworkError error = QNetworkReply::NoError)
{
    JiraResponse r;
    r.httpStatus = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    r.networkError = error;
    return r;
}

JiraResponse json(int status, const char *body, QList<std::pair<QByteArray, QByteArray>> extra = {})
{
    extra.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json;charset=UTF-8"));
    return http(status, body, extra);
}

JiraResponse transport(QNetworkReply::NetworkError error, const char *text = "boom")
{
    JiraResponse r;
    r.networkError = error;
    r.networkErrorString = QString::fromLatin1(text);
    return r;
}

JiraErrorContext ctx(JiraAuthType auth = JiraAuthType::Basic, Flavour flavour = Flavour::DataCenter)
{
    JiraErrorContext c;
    c.operation = QStringLiteral("GET myself");
    c.host = QStringLiteral("jira.example.com");
    c.authType = auth;
    c.flavour = flavour;
    c.timeoutSeconds = 7;
    return c;
}

Kind kindOf(const JiraResponse &r, const JiraErrorContext &c = ctx())
{
    const std::optional<JiraError> e = JiraError::classify(r, c);
    return e ? e->kind : Kind(-1);
}

} // namespace

class TstJiraError : public QObject
{
    Q_OBJECT

private slots:
    void successIsNoError();
    void transportErrors();
    void timeoutAfterHeaders();
    void tlsCertificateProblems();
    void wrongCredentials();
    void anonymousFallbackTrap();
    void expiredTokens();
    void oauthProblems();
    void captchaVersusPermission();
    void xsrf();
    void notFoundAndGone();
    void rateLimited();
    void serverErrors();
    void badRequestsCarryJiraMessages();
    void redirectIsReported();
    void messageExtraction();
    void notJsonBody();
    void requestIdIsKept();
};

void TstJiraError::successIsNoError()
{
    QVERIFY(!JiraError::classify(json(200, "{}"), ctx()));
    QVERIFY(!JiraError::classify(http(204), ctx()));
}

void TstJiraError::transportErrors()
{
    const auto dns = JiraError::classify(transport(QNetworkReply::HostNotFoundError), ctx());
    QCOMPARE(dns->kind, Kind::Dns);
    QVERIFY(dns->message.contains(QLatin1String("jira.example.com")));
    QCOMPARE(dns->cause, QStringLiteral("boom"));
    QCOMPARE(kindOf(transport(QNetworkReply::ConnectionRefusedError)), Kind::ConnectionRefused);
    const auto timeout = JiraError::classify(transport(QNetworkReply::OperationCanceledError), ctx());
    QCOMPARE(timeout->kind, Kind::Timeout);
    QVERIFY2(timeout->message.contains(QLatin1String("7 seconds")), qPrintable(timeout->message));
    QCOMPARE(kindOf(transport(QNetworkReply::TimeoutError)), Kind::Timeout);
    QCOMPARE(kindOf(transport(QNetworkReply::RemoteHostClosedError)), Kind::Other);
    // A failing proxy is not Jira's refusal: its own kind, so the hint names the proxy.
    for (const auto proxyError : {QNetworkReply::ProxyConnectionRefusedError, QNetworkReply::ProxyConnectionClosedError,
                                  QNetworkReply::ProxyNotFoundError, QNetworkReply::ProxyTimeoutError,
                                  QNetworkReply::ProxyAuthenticationRequiredError})
        QCOMPARE(kindOf(transport(proxyError)), Kind::Proxy);
    JiraResponse cancelled = transport(QNetworkReply::OperationCanceledError);
    cancelled.cancelled = true;
    QCOMPARE(kindOf(cancelled), Kind::Cancelled);
}

void TstJiraError::timeoutAfterHeaders()
{
    // Headers arrived, then the body stalled: the 200 must not pass as a (truncated) success.
    JiraResponse r = json(200, "{\"issues\":[");
    r.networkError = QNetworkReply::OperationCanceledError;
    r.timedOut = true;
    QCOMPARE(kindOf(r), Kind::Timeout);
}

void TstJiraError::tlsCertificateProblems()
{
    JiraResponse r = transport(QNetworkReply::SslHandshakeFailedError, "SSL handshake failed");
    r.sslErrors = {QSslError(QSslError::SelfSignedCertificate)};
    auto e = JiraError::classify(r, ctx());
    QCOMPARE(e->kind, Kind::Tls);
    QVERIFY(e->message.contains(QLatin1String("ssl_ca_cert_path")));
    QVERIFY(e->message.contains(QLatin1String("not trusted")));
    r.sslErrors = {QSslError(QSslError::CertificateExpired)};
    QVERIFY(JiraError::classify(r, ctx())->message.contains(QLatin1String("expired")));
    r.sslErrors = {QSslError(QSslError::HostNameMismatch)};
    QVERIFY(JiraError::classify(r, ctx())->message.contains(QLatin1String("another host name")));
    r.sslErrors.clear();
    e = JiraError::classify(r, ctx());
    QCOMPARE(e->kind, Kind::Tls);
    QVERIFY(e->message.contains(QLatin1String("client certificate")));
}

void TstJiraError::wrongCredentials()
{
    const QList<std::pair<QByteArray, QByteArray>> failed{{"X-Seraph-LoginReason", "AUTHENTICATED_FAILED"},
                                                          {"Content-Type", "text/html"}};
    auto e = JiraError::classify(http(401, "<html><head><title>Unauthorized (401)</title></head></html>", failed,
                                      QNetworkReply::AuthenticationRequiredError),
                                 ctx());
    QCOMPARE(e->kind, Kind::Unauthorized);
    QCOMPARE(e->httpStatus, 401);
    QCOMPARE(e->jiraMessages, QStringList{QStringLiteral("Unauthorized (401)")});
    QVERIFY(e->message.contains(QLatin1String("username or password")));
    // Cloud: the hint is about e-mail + API token.
    e = JiraError::classify(json(401, "{\"message\":\"Client must be authenticated to access this resource.\","
                                      "\"status-code\":401}"),
                            ctx(JiraAuthType::Basic, Flavour::Cloud));
    QCOMPARE(e->kind, Kind::Unauthorized);
    QVERIFY(e->message.contains(QLatin1String("API token")));
    QCOMPARE(e->jiraMessages.first(), QStringLiteral("Client must be authenticated to access this resource."));
    // A PAT that is merely wrong.
    e = JiraError::classify(http(401), ctx(JiraAuthType::Token));
    QCOMPARE(e->kind, Kind::Unauthorized);
    QVERIFY(e->message.contains(QLatin1String("personal access token")));
}

void TstJiraError::anonymousFallbackTrap()
{
    const JiraResponse r = json(200, "{\"baseUrl\":\"x\"}", {{"X-Seraph-LoginReason", "AUTHENTICATED_FAILED"}});
    QCOMPARE(kindOf(r), Kind::Unauthorized);
    JiraErrorContext serverInfo = ctx();
    serverInfo.anonymousOk = true;
    QVERIFY(!JiraError::classify(r, serverInfo));
    // An OK login reason is fine.
    QVERIFY(!JiraError::classify(json(200, "{}", {{"X-Seraph-LoginReason", "OK"}}), ctx()));
}

void TstJiraError::expiredTokens()
{
    auto e = JiraError::classify(json(401, "{\"errorMessages\":[\"Personal access token has expired\"]}"),
                                 ctx(JiraAuthType::Token));
    QCOMPARE(e->kind, Kind::TokenExpired);
    QVERIFY(e->message.contains(QLatin1String("Personal Access Tokens")));
    e = JiraError::classify(http(401, {}, {{"WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"expired\""}}),
                            ctx(JiraAuthType::Token));
    QCOMPARE(e->kind, Kind::TokenExpired);
    e = JiraError::classify(json(401, "{\"message\":\"API token expired\"}"), ctx(JiraAuthType::Basic, Flavour::Cloud));
    QCOMPARE(e->kind, Kind::TokenExpired);
    QVERIFY(e->message.contains(QLatin1String("API token")));
}

void TstJiraError::oauthProblems()
{
    const auto problem = [](const char *body) {
        return JiraError::classify(http(401, body, {{"Content-Type", "text/plain"}}), ctx(JiraAuthType::OAuth1));
    };
    QCOMPARE(problem("oauth_problem=token_rejected")->kind, Kind::TokenExpired);
    auto e = problem("oauth_problem=signature_invalid&oauth_signature_base_string=...");
    QCOMPARE(e->kind, Kind::Unauthorized);
    QVERIFY(e->message.contains(QLatin1String("signature")));
    QCOMPARE(e->cause, QStringLiteral("signature_invalid"));
    QVERIFY(problem("oauth_problem=timestamp_refused")->message.contains(QLatin1String("clock")));
    QVERIFY(problem("oauth_problem=consumer_key_unknown")->message.contains(QLatin1String("consumer key")));
}

void TstJiraError::captchaVersusPermission()
{
    auto e = JiraError::classify(
        http(403, "<html/>",
             {{"X-Seraph-LoginReason", "AUTHENTICATION_DENIED"},
              {"X-Authentication-Denied-Reason", "CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp"}}),
        ctx());
    QCOMPARE(e->kind, Kind::Captcha);
    QVERIFY(e->message.contains(QLatin1String("https://jira.example.com/login.jsp")));
    QVERIFY(e->cause.contains(QLatin1String("CAPTCHA_CHALLENGE")));
    // Old instances: 200 + AUTHENTICATION_DENIED is the same situation.
    QCOMPARE(kindOf(json(200, "{}", {{"X-Seraph-LoginReason", "AUTHENTICATION_DENIED"}})), Kind::Captcha);
    // A plain 403 is a missing permission.
    e = JiraError::classify(json(403, "{\"errorMessages\":[\"You do not have permission to create issues in this "
                                      "project.\"],\"errors\":{}}"),
                            ctx());
    QCOMPARE(e->kind, Kind::Forbidden);
    QVERIFY(e->message.contains(QLatin1String("permission")));
    QCOMPARE(e->cause, QStringLiteral("You do not have permission to create issues in this project."));
}

void TstJiraError::xsrf()
{
    const auto e = JiraError::classify(http(403, "XSRF check failed", {{"Content-Type", "text/plain"}}), ctx());
    QCOMPARE(e->kind, Kind::Forbidden);
    QVERIFY(e->message.contains(QLatin1String("XSRF")));
}

void TstJiraError::notFoundAndGone()
{
    auto e = JiraError::classify(json(404, "{\"errorMessages\":[\"Issue Does Not Exist\"],\"errors\":{}}"), ctx());
    QCOMPARE(e->kind, Kind::NotFound);
    QCOMPARE(e->jiraMessages, QStringList{QStringLiteral("Issue Does Not Exist")});
    // An HTML 404 means the URL does not reach the REST API at all.
    e = JiraError::classify(http(404, "<html><title>Oops, you've found a dead link.</title></html>",
                                 {{"Content-Type", "text/html"}}),
                            ctx());
    QCOMPARE(e->kind, Kind::NotFound);
    QVERIFY(e->message.contains(QLatin1String("server_url")));
    e = JiraError::classify(json(410, "{\"errorMessages\":[\"The requested API has been removed. Please migrate to "
                                      "the /rest/api/3/search/jql API.\"],\"errors\":{}}"),
                            ctx());
    QCOMPARE(e->kind, Kind::Gone);
    QVERIFY(e->cause.contains(QLatin1String("search/jql")));
}

void TstJiraError::rateLimited()
{
    JiraResponse r = json(429, "{\"errorMessages\":[\"Rate limit exceeded.\"]}", {{"Retry-After", "30"}});
    r.retries = 3;
    auto e = JiraError::classify(r, ctx());
    QCOMPARE(e->kind, Kind::RateLimited);
    QVERIFY2(e->message.contains(QLatin1String("3 retries")), qPrintable(e->message));
    QVERIFY(e->message.contains(QLatin1String("30 s")));
    JiraErrorContext post = ctx();
    post.idempotent = false;
    post.operation = QStringLiteral("create issue");
    e = JiraError::classify(r, post);
    QCOMPARE(e->kind, Kind::RateLimited);
    QVERIFY(e->message.contains(QLatin1String("not repeated")));
}

void TstJiraError::serverErrors()
{
    QCOMPARE(kindOf(http(500, "oops")), Kind::Server);
    QCOMPARE(kindOf(http(502)), Kind::Server);
    JiraResponse r = http(503);
    r.retries = 2;
    const auto e = JiraError::classify(r, ctx());
    QCOMPARE(e->kind, Kind::Server);
    QVERIFY(e->message.contains(QLatin1String("2 retries")));
}

void TstJiraError::badRequestsCarryJiraMessages()
{
    const auto e = JiraError::classify(
        json(400, "{\"errorMessages\":[\"Error in the JQL Query: 'INT' is a reserved JQL word.\"],"
                  "\"errors\":{\"reporter\":\"Field 'reporter' cannot be set.\"}}"),
        ctx());
    QCOMPARE(e->kind, Kind::BadRequest);
    QCOMPARE(e->jiraMessages,
             (QStringList{QStringLiteral("Error in the JQL Query: 'INT' is a reserved JQL word."),
                          QStringLiteral("reporter: Field 'reporter' cannot be set.")}));
    QVERIFY(e->toString().contains(QLatin1String("reserved JQL word")));
    QCOMPARE(kindOf(http(413)), Kind::BadRequest);
    QCOMPARE(kindOf(http(409)), Kind::BadRequest);
}

void TstJiraError::redirectIsReported()
{
    const auto e = JiraError::classify(http(302, {}, {{"Location", "https://sso.example.com/login"}}), ctx());
    QCOMPARE(e->kind, Kind::BadResponse);
    QVERIFY(e->message.contains(QLatin1String("https://sso.example.com/login")));
}

void TstJiraError::messageExtraction()
{
    QCOMPARE(JiraError::extractMessages("{\"errorMessage\":\"Service temporary unavailable\"}", true),
             QStringList{QStringLiteral("Service temporary unavailable")});
    QCOMPARE(JiraError::extractMessages("oauth_problem=nonce_used", false),
             QStringList{QStringLiteral("oauth_problem=nonce_used")});
    QCOMPARE(JiraError::extractMessages("<html><body>no title</body></html>", false), QStringList());
    QCOMPARE(JiraError::extractMessages("", true), QStringList());
    QCOMPARE(JiraError::extractMessages("{broken", true), QStringList{QStringLiteral("{broken")});
}

void TstJiraError::notJsonBody()
{
    JiraResponse r = http(200, "<html><title>Log in</title></html>", {{"Content-Type", "text/html"}});
    const JiraError e = JiraError::notJson(r, ctx());
    QCOMPARE(e.kind, Kind::BadResponse);
    QVERIFY(e.message.contains(QLatin1String("text/html")));
    QCOMPARE(e.cause, QStringLiteral("Log in"));
}

void TstJiraError::requestIdIsKept()
{
    auto e = JiraError::classify(json(500, "{}", {{"X-AREQUESTID", "945x62874x1"}}), ctx());
    QCOMPARE(e->requestId, QStringLiteral("945x62874x1"));
    e = JiraError::classify(json(500, "{}", {{"ATL-TraceId", "abc123"}}), ctx());
    QCOMPARE(e->requestId, QStringLiteral("abc123"));
    QCOMPARE(JiraError::kindName(Kind::RateLimited), QStringLiteral("RateLimited"));
}

QTEST_GUILESS_MAIN(TstJiraError)
#include "tst_jiraerror.moc"
