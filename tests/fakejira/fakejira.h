// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/service/http/httpheaders.h"
#include "core/service/http/httpresponder.h"
#include "tests/fakejira/fakejiradata.h"
#include "tests/fakejira/fakejiraoptions.h"
#include "tests/fakejira/oauth1verifier.h"

#include <QList>
#include <QObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace tbds::service::http {
class HttpServer;
}

namespace tbds::fakejira {

class JiraApi;

/**
 * A fault the next matching request(s) get instead of (or before) the normal answer.
 * Faults are checked before authentication, in the order they were injected.
 */
struct Fault
{
    enum class Kind {
        Unauthorized, ///< 401, X-Seraph-LoginReason: AUTHENTICATED_FAILED, HTML "Unauthorized (401)" page
        Captcha, ///< 403, AUTHENTICATION_DENIED + X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=…
        ExpiredPat, ///< 401 exactly as for an expired personal access token
        TooManyRequests, ///< 429 with X-RateLimit-* headers; Retry-After when retryAfterSeconds >= 0
        ServiceUnavailable, ///< 503; Retry-After when retryAfterSeconds >= 0
        Slow, ///< the normal answer, delayed by delayMs
        Drop, ///< the TCP connection is closed without any response
        InvalidJson, ///< 200 application/json with a truncated, unparsable body
        HtmlError, ///< an HTML error page ("Oops, you've found a dead link") with `status` (default 500)
    };
    Kind kind = Kind::ServiceUnavailable;
    /** Matched (QRegularExpression, unanchored) against the path without query; empty = all. */
    QString pathRegex {};
    QByteArray method {}; ///< only this method when set
    int count = 1; ///< how many matching requests it hits; -1 = until clearFaults()
    int retryAfterSeconds = -1; ///< TooManyRequests / ServiceUnavailable; -1 = no Retry-After
    int delayMs = 0; ///< Slow: the delay; other kinds: wait this long before the fault answer
    int status = 0; ///< HtmlError status; 0 = 500
};

/** One request as the simulator received it, with what it answered. */
struct LoggedRequest
{
    QByteArray method;
    QByteArray path; ///< raw, still percent-encoded, context path included
    QByteArray query; ///< raw, without '?'
    service::http::HttpHeaders headers;
    QByteArray body;
    int status = 0; ///< answered status; 0 = not answered yet or dropped
    QString userKey; ///< who authenticated, empty for anonymous or failed
    QString authScheme; ///< "basic", "bearer", "oauth" or empty
    quint64 sequence = 0; ///< 1-based arrival number, unique per FakeJira

    [[nodiscard]] QByteArray header(QByteArrayView name) const { return headers.value(name); }
    [[nodiscard]] QUrlQuery urlQuery() const;
};

/**
 * A strict Jira Cloud / Data Center simulator over real HTTP(S) on loopback, for tests of the
 * Jira client and for `fake-jira` (manual runs of the GUI without a network).
 *
 * It follows the fidelity checklist of jira-rest.md §12: flavour-specific routes and shapes
 * (Cloud v3+v2 with search/jql and nextPageToken, 410 on the removed /search, Cloud
 * createmeta keys, ADF in v3, accountId users; DC v2 with capped startAt paging, `values`
 * createmeta, name/key users, PATs, OAuth 1.0a RSA-SHA1, the old createmeta below 9.0),
 * the real auth failure headers and bodies, XSRF rules for attachments, and per-project
 * permissions. Everything it received is in requestLog().
 *
 * Usage in a test:
 * @code
 *   FakeJira jira;
 *   jira.loadDemoData();
 *   QVERIFY(jira.start({ .flavor = Flavor::DataCenter }).ok());
 *   // client → jira.baseUrl(), credentials demo::dcUser / demo::dcPassword ...
 *   jira.injectFault({ .kind = Fault::Kind::TooManyRequests, .pathRegex = "/search", .retryAfterSeconds = 2 });
 * @endcode
 * Single-threaded: use it on the thread that created it (the test thread), which must spin
 * its event loop while a client waits (QSignalSpy::wait, QTest::qWaitFor).
 */
class FakeJira : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeJira)

public:
    using Options = FakeJiraOptions;

    explicit FakeJira(QObject *parent = nullptr);
    ~FakeJira() override;

    /** Starts serving; returns the port. Fails when already started or the port is taken. */
    [[nodiscard]] Result<quint16> start(const Options &options = {});
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] const Options &options() const { return m_options; }
    /** e.g. `https://127.0.0.1:43123/jira` (with the context path, no trailing slash). */
    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] quint16 port() const;

    // --- accounts ------------------------------------------------------------------------
    /** Adds or replaces (by key) a user. */
    void addUser(const User &user);
    /**
     * Lets `login` sign in with basic auth using `secret`: on Cloud the login is the e-mail
     * and the secret an API token, on DC the username and password. The user must exist
     * (see addUser / demo data); the first account set this way is the "service account".
     */
    void setCredential(const QString &login, const QString &secret);
    /** setCredential() for the service account (same thing; reads better in tests). */
    void setServiceAccount(const QString &login, const QString &secret) { setCredential(login, secret); }
    /** DC personal access token for the user with `userKey` (default: the service account). */
    void setPat(const QString &token, bool expired = false, const QString &userKey = {});
    /** DC OAuth 1.0a consumer (application link). False when the PEM is no RSA public key. */
    bool setOAuthConsumer(const QString &consumerKey, const QByteArray &publicKeyPem);
    /** An authorised OAuth access token acting as `userKey` (default: the service account). */
    void addOAuthAccessToken(const QString &token, const QString &userKey = {});
    /** The user key basic/PAT/OAuth defaults refer to. */
    [[nodiscard]] QString serviceAccountKey() const { return m_serviceAccountKey; }

    // --- data ----------------------------------------------------------------------------
    [[nodiscard]] FakeJiraData &data() { return *m_data; }
    /** Replaces the data (and credentials) with the built-in demo set, see demodata.h. */
    void loadDemoData();
    /** Replaces the data with a JSON file in FakeJiraData::toJson() format. */
    [[nodiscard]] Result<void> loadData(const QString &jsonFile);

    // --- faults and log ------------------------------------------------------------------
    void injectFault(const Fault &fault);
    void clearFaults();
    [[nodiscard]] const QList<LoggedRequest> &requestLog() const { return m_log; }
    /** Requests whose path matches `pathRegex` (unanchored). */
    [[nodiscard]] QList<LoggedRequest> requestsMatching(const QString &pathRegex) const;
    void clearRequestLog() { m_log.clear(); }

Q_SIGNALS:
    /** Emitted after each answer (and after a dropped connection, with status 0). */
    void requestHandled(const tbds::fakejira::LoggedRequest &request);

private:
    struct PendingFault
    {
        Fault fault;
        QRegularExpression regex;
        int remaining = 0;
    };
    struct Pat
    {
        QString userKey;
        bool expired = false;
    };

    void handle(const service::http::HttpRequest &request, const service::http::HttpResponder &responder);
    void process(const service::http::HttpRequest &request, const service::http::HttpResponder &responder,
                 quint64 sequence);
    void applyFault(const Fault &fault, const service::http::HttpRequest &request,
                    const service::http::HttpResponder &responder, quint64 sequence);
    void answer(const service::http::HttpResponder &responder, service::http::HttpResponse response,
                quint64 sequence);
    void dropConnection(const service::http::HttpResponder &responder, quint64 sequence);
    /** The log entry of a request still in flight; null when the log was cleared meanwhile. */
    [[nodiscard]] LoggedRequest *logEntry(quint64 sequence);
    [[nodiscard]] std::optional<Fault> takeFault(const service::http::HttpRequest &request);
    void addCommonHeaders(service::http::HttpResponse &response) const;
    [[nodiscard]] service::http::HttpResponse unauthorizedHtml() const;
    [[nodiscard]] service::http::HttpResponse captchaDenied() const;
    [[nodiscard]] service::http::HttpResponse expiredPat() const;

    Options m_options;
    std::unique_ptr<FakeJiraData> m_data;
    std::unique_ptr<JiraApi> m_api;
    service::http::HttpServer *m_server = nullptr;
    QHash<QString, QString> m_credentials; // login (lower-cased) -> secret
    QHash<QString, Pat> m_pats;
    OAuth1Verifier m_oauth;
    QString m_serviceAccountKey;
    QList<PendingFault> m_faults;
    QList<LoggedRequest> m_log;
    int m_failedLogins = 0;
    quint64 m_requestCounter = 0; // answers, for DC-style X-AREQUESTIDs
    quint64 m_sequence = 0; // arrivals
};

} // namespace tbds::fakejira

Q_DECLARE_METATYPE(tbds::fakejira::LoggedRequest)
