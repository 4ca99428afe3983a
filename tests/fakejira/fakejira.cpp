// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/fakejira.h"

#include "core/service/http/httpserver.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/jiraapi.h"

#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

namespace tbds::fakejira {

using service::http::HttpRequest;
using service::http::HttpResponder;
using service::http::HttpResponse;
using service::http::HttpServer;

namespace {

const QByteArray kUnauthorizedHtml =
    "<html>\n<head>\n<title>Unauthorized (401)</title>\n</head>\n<body>\n<h1>Unauthorized (401)</h1>\n"
    "<p>Encountered a \"401 - Unauthorized\" error while loading this page.</p>\n"
    "<p><a href=\"/secure/MyJiraHome.jspa\">Go to Jira home</a></p>\n</body>\n</html>\n";

const QByteArray kDeadLinkHtml =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Oops, you&#39;ve found a dead link. - Jira</title></head>\n"
    "<body id=\"jira\" class=\"aui-layout aui-theme-default page-type-message\">\n<div class=\"aui-page-panel\">\n"
    "<h1>Oops, you've found a dead link.</h1>\n<p>System error</p>\n</div>\n</body>\n</html>\n";

bool isWrite(const QByteArray &method)
{
    return method == "POST" || method == "PUT" || method == "DELETE" || method == "PATCH";
}

} // namespace

QUrlQuery LoggedRequest::urlQuery() const
{
    QByteArray q = query;
    q.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(q));
}

FakeJira::FakeJira(QObject *parent)
    : QObject(parent), m_data(std::make_unique<FakeJiraData>()),
      m_api(std::make_unique<JiraApi>(m_options, *m_data))
{
    qRegisterMetaType<tbds::fakejira::LoggedRequest>();
}

FakeJira::~FakeJira()
{
    stop();
}

Result<quint16> FakeJira::start(const Options &options)
{
    if (m_server)
        return Error { QStringLiteral("The fake Jira is already running"), baseUrl().toString() };
    m_options = options;
    if (!m_options.contextPath.isEmpty() && !m_options.contextPath.startsWith(QLatin1Char('/')))
        m_options.contextPath.prepend(QLatin1Char('/'));
    while (m_options.contextPath.endsWith(QLatin1Char('/')))
        m_options.contextPath.chop(1);
    m_server = new HttpServer(this);
    // Slow faults hold requests for a while; keep idle keep-alive connections longer than the
    // transport default so clients reuse them the way they would with a real Jira.
    auto limits = m_server->limits();
    limits.keepAliveTimeout = std::chrono::milliseconds(30000);
    limits.maxBodyBytes = 32 * 1024 * 1024;
    m_server->setLimits(limits);
    m_server->setHandler([this](const HttpRequest &request, HttpResponder responder) { handle(request, responder); });
    auto listening = m_server->listen(m_options.address, m_options.port, m_options.tls);
    if (!listening) {
        delete m_server;
        m_server = nullptr;
        return listening.error();
    }
    m_api->setBaseUrl(baseUrl().toString());
    return m_server->serverPort();
}

void FakeJira::stop()
{
    if (!m_server)
        return;
    m_server->close();
    delete m_server; // closes every connection
    m_server = nullptr;
}

bool FakeJira::isRunning() const
{
    return m_server && m_server->isListening();
}

quint16 FakeJira::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl FakeJira::baseUrl() const
{
    QUrl url;
    url.setScheme(m_options.tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_options.address.toString());
    url.setPort(port());
    url.setPath(m_options.contextPath);
    return url;
}

// --- accounts -------------------------------------------------------------------------------

void FakeJira::addUser(const User &user)
{
    if (User *existing = m_data->userByKey(user.key))
        *existing = user;
    else
        m_data->users.append(user);
}

void FakeJira::setCredential(const QString &login, const QString &secret)
{
    const User *u = m_data->userByEmail(login);
    if (!u)
        u = m_data->userByName(login);
    // The user is looked up again at each login (e-mail on Cloud, username on DC), so data
    // loaded later with the same logins keeps working.
    m_credentials.insert(login.toLower(), secret);
    if (m_serviceAccountKey.isEmpty() && u)
        m_serviceAccountKey = u->key;
}

void FakeJira::setPat(const QString &token, bool expired, const QString &userKey)
{
    m_pats.insert(token, Pat { userKey.isEmpty() ? m_serviceAccountKey : userKey, expired });
}

bool FakeJira::setOAuthConsumer(const QString &consumerKey, const QByteArray &publicKeyPem)
{
    return m_oauth.setConsumer(consumerKey, publicKeyPem);
}

void FakeJira::addOAuthAccessToken(const QString &token, const QString &userKey)
{
    m_oauth.addAccessToken(token, userKey.isEmpty() ? m_serviceAccountKey : userKey);
}

// --- data -----------------------------------------------------------------------------------

void FakeJira::loadDemoData()
{
    *m_data = demo::build();
    m_credentials.clear();
    m_pats.clear();
    m_serviceAccountKey = QString::fromLatin1(demo::kServiceAccountKey);
    setCredential(QString::fromLatin1(demo::kCloudEmail), QString::fromLatin1(demo::kCloudApiToken));
    setCredential(QString::fromLatin1(demo::kDcUser), QString::fromLatin1(demo::kDcPassword));
    setPat(QString::fromLatin1(demo::kDcPat), false);
    setPat(QString::fromLatin1(demo::kDcExpiredPat), true);
}

Result<void> FakeJira::loadData(const QString &jsonFile)
{
    QFile file(jsonFile);
    if (!file.open(QIODevice::ReadOnly))
        return Error { QStringLiteral("Cannot read the fake Jira data file %1").arg(jsonFile), file.errorString() };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error { QStringLiteral("The fake Jira data file %1 is not a JSON object").arg(jsonFile), pe.errorString() };
    auto parsed = FakeJiraData::fromJson(doc.object());
    if (!parsed)
        return parsed.error();
    *m_data = std::move(parsed).value();
    return {};
}

// --- faults and log -------------------------------------------------------------------------

void FakeJira::injectFault(const Fault &fault)
{
    m_faults.append(PendingFault { fault, QRegularExpression(fault.pathRegex), fault.count });
}

void FakeJira::clearFaults()
{
    m_faults.clear();
}

QList<LoggedRequest> FakeJira::requestsMatching(const QString &pathRegex) const
{
    const QRegularExpression re(pathRegex);
    QList<LoggedRequest> out;
    for (const LoggedRequest &r : m_log) {
        if (re.match(QString::fromUtf8(r.path)).hasMatch())
            out.append(r);
    }
    return out;
}

std::optional<Fault> FakeJira::takeFault(const HttpRequest &request)
{
    const QString path = QString::fromUtf8(request.path);
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        PendingFault &f = m_faults[i];
        if (!f.fault.method.isEmpty() && f.fault.method != request.method)
            continue;
        if (!f.fault.pathRegex.isEmpty() && !f.regex.match(path).hasMatch())
            continue;
        const Fault fault = f.fault;
        if (f.remaining > 0 && --f.remaining == 0)
            m_faults.removeAt(i);
        return fault;
    }
    return std::nullopt;
}

// --- request pipeline -----------------------------------------------------------------------

void FakeJira::handle(const HttpRequest &request, const HttpResponder &responder)
{
    LoggedRequest entry;
    entry.method = request.method;
    entry.path = request.path;
    entry.query = request.query;
    entry.headers = request.headers;
    entry.body = request.body;
    entry.sequence = ++m_sequence;
    m_log.append(entry);
    const quint64 sequence = entry.sequence;

    if (const auto fault = takeFault(request)) {
        const int delay = fault->delayMs;
        if (delay > 0) {
            QTimer::singleShot(delay, this, [this, f = *fault, request, responder, sequence] {
                if (f.kind == Fault::Kind::Slow)
                    process(request, responder, sequence);
                else
                    applyFault(f, request, responder, sequence);
            });
            return;
        }
        if (fault->kind != Fault::Kind::Slow) {
            applyFault(*fault, request, responder, sequence);
            return;
        }
    }
    process(request, responder, sequence);
}

void FakeJira::applyFault(const Fault &fault, const HttpRequest &request, const HttpResponder &responder,
                          quint64 sequence)
{
    HttpResponse r;
    switch (fault.kind) {
    case Fault::Kind::Unauthorized: r = unauthorizedHtml(); break;
    case Fault::Kind::Captcha: r = captchaDenied(); break;
    case Fault::Kind::ExpiredPat: r = expiredPat(); break;
    case Fault::Kind::TooManyRequests:
        r = HttpResponse::json(429, QJsonObject { { QStringLiteral("errorMessages"),
                                                    QJsonArray { QStringLiteral("Rate limit exceeded.") } },
                                                  { QStringLiteral("errors"), QJsonObject() } });
        if (fault.retryAfterSeconds >= 0)
            r.setHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
        r.setHeader("X-RateLimit-Limit", "100");
        r.setHeader("X-RateLimit-Remaining", "0");
        r.setHeader("X-RateLimit-Interval-Seconds", "1");
        r.setHeader("X-RateLimit-FillRate", "10");
        if (m_options.flavor == Flavor::Cloud) {
            r.setHeader("RateLimit-Reason", "jira-burst-based");
            r.setHeader("X-RateLimit-Reset",
                        QDateTime::currentDateTimeUtc().addSecs(60).toString(QStringLiteral("yyyy-MM-dd'T'HH:mm'Z'")).toLatin1());
        }
        break;
    case Fault::Kind::ServiceUnavailable:
        // pycontribs knows this body shape ("errorMessage", singular) from real 503s.
        r = HttpResponse::json(503, QJsonObject { { QStringLiteral("errorMessage"),
                                                    QStringLiteral("Service temporary unavailable") } });
        if (fault.retryAfterSeconds >= 0)
            r.setHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
        break;
    case Fault::Kind::InvalidJson:
        r = HttpResponse(200, QByteArrayLiteral("{\"issues\":[{\"id\":\"10001\",\"key\":"), "application/json;charset=UTF-8");
        break;
    case Fault::Kind::HtmlError:
        r = HttpResponse(fault.status > 0 ? fault.status : 500, kDeadLinkHtml, "text/html;charset=UTF-8");
        break;
    case Fault::Kind::Drop:
        dropConnection(responder, sequence);
        return;
    case Fault::Kind::Slow: process(request, responder, sequence); return;
    }
    answer(responder, std::move(r), sequence);
}

void FakeJira::dropConnection(const HttpResponder &responder, quint64 sequence)
{
    // The client sees the connection end without a response; the transport closes it the
    // ordinary way, so nothing here depends on how the server keeps its sockets.
    responder.abort();
    if (const LoggedRequest *entry = logEntry(sequence))
        Q_EMIT requestHandled(*entry);
}

LoggedRequest *FakeJira::logEntry(quint64 sequence)
{
    for (qsizetype i = m_log.size() - 1; i >= 0; --i) {
        if (m_log.at(i).sequence == sequence)
            return &m_log[i];
        if (m_log.at(i).sequence < sequence)
            break;
    }
    return nullptr;
}

void FakeJira::answer(const HttpResponder &responder, HttpResponse response, quint64 sequence)
{
    addCommonHeaders(response);
    const int status = response.status();
    responder.respond(std::move(response));
    if (LoggedRequest *entry = logEntry(sequence)) {
        entry->status = status;
        Q_EMIT requestHandled(*entry);
    }
}

void FakeJira::addCommonHeaders(HttpResponse &response) const
{
    ++const_cast<FakeJira *>(this)->m_requestCounter;
    if (m_options.flavor == Flavor::Cloud) {
        response.setHeader("X-AREQUESTID", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
        response.setHeader("ATL-TraceId", QByteArray::number(QRandomGenerator::global()->generate64(), 16));
    } else {
        const QTime now = QTime::currentTime();
        response.setHeader("X-AREQUESTID", QByteArray::number(now.hour() * 60 + now.minute()) + 'x'
                                               + QByteArray::number(m_requestCounter) + "x1");
    }
}

HttpResponse FakeJira::unauthorizedHtml() const
{
    HttpResponse r(401, kUnauthorizedHtml, "text/html;charset=UTF-8");
    // No WWW-Authenticate: Basic challenge, like real Jira (jira-rest.md §2.3, §12.13).
    r.setHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
    return r;
}

HttpResponse FakeJira::captchaDenied() const
{
    HttpResponse r(403, kUnauthorizedHtml, "text/html;charset=UTF-8");
    r.setHeader("X-Seraph-LoginReason", "AUTHENTICATION_DENIED");
    r.setHeader("X-Authentication-Denied-Reason",
                "CAPTCHA_CHALLENGE; login-url=" + baseUrl().toString().toUtf8() + "/login.jsp");
    return r;
}

HttpResponse FakeJira::expiredPat() const
{
    // Real body/headers for an expired PAT are unconfirmed (jira-rest.md §2.2): a 401 that a
    // client can only treat as "credentials invalid or expired", like every other 401.
    HttpResponse r = HttpResponse::json(
        401, QJsonObject { { QStringLiteral("errorMessages"),
                             QJsonArray { QStringLiteral("You are not authenticated. Authentication required to perform this operation.") } },
                           { QStringLiteral("errors"), QJsonObject() } });
    r.setHeader("Content-Type", "application/json;charset=UTF-8");
    r.setHeader("X-Seraph-LoginReason", "AUTHENTICATED_FAILED");
    return r;
}

void FakeJira::process(const HttpRequest &request, const HttpResponder &responder, quint64 sequence)
{
    const bool cloud = m_options.flavor == Flavor::Cloud;
    QByteArray path = request.path;
    const QByteArray context = m_options.contextPath.toUtf8();
    if (!context.isEmpty()) {
        if (path != context && !path.startsWith(context + '/')) {
            answer(responder, HttpResponse(404, kDeadLinkHtml, "text/html;charset=UTF-8"), sequence);
            return;
        }
        path = path.mid(context.size());
    }

    // route kind
    QStringList segments;
    const QList<QByteArray> raw = path.split('/');
    for (const QByteArray &s : raw) {
        if (!s.isEmpty())
            segments.append(QString::fromUtf8(QByteArray::fromPercentEncoding(s)));
    }
    const bool rest = segments.size() >= 3 && segments.at(0) == QLatin1String("rest") && segments.at(1) == QLatin1String("api");
    const bool content = segments.size() == 4 && segments.at(0) == QLatin1String("secure") && segments.at(1) == QLatin1String("attachment");
    if (!rest && !content) {
        answer(responder, HttpResponse(404, kDeadLinkHtml, "text/html;charset=UTF-8"), sequence);
        return;
    }
    int version = 2;
    if (rest) {
        const QString v = segments.at(2);
        if (v == QLatin1String("3") && cloud)
            version = 3;
        else if (v != QLatin1String("2") && v != QLatin1String("latest")) {
            // DC has no v3 (jira-rest.md §12.1)
            answer(responder, JiraApi::nullForUri(baseUrl().toString() + QString::fromUtf8(request.target.mid(context.size()))),
                   sequence);
            return;
        }
    }
    const bool anonymousAllowed = rest && segments.size() == 4 && segments.at(3) == QLatin1String("serverInfo");

    // --- authentication ---
    QString userKey;
    QString scheme;
    QList<std::pair<QByteArray, QByteArray>> authHeaders;
    const QByteArray authorization = request.header("authorization").trimmed();
    const QByteArray authLower = authorization.toLower();
    auto reject = [&](HttpResponse r) { answer(responder, std::move(r), sequence); };
    if (authLower.startsWith("basic ")) {
        scheme = QStringLiteral("basic");
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        const QString login = QString::fromUtf8(decoded.left(colon));
        const QString secret = QString::fromUtf8(decoded.mid(colon + 1));
        if (m_options.captchaAfterFailures > 0 && m_failedLogins >= m_options.captchaAfterFailures) {
            // CAPTCHA: the password is not even checked any more (jira-rest.md §2.4)
            reject(captchaDenied());
            return;
        }
        const User *user = cloud ? m_data->userByEmail(login) : m_data->userByName(login);
        const auto cred = m_credentials.constFind(login.toLower());
        const bool ok = colon > 0 && user && user->active && cred != m_credentials.cend() && *cred == secret;
        if (ok) {
            m_failedLogins = 0;
            userKey = user->key;
        } else {
            ++m_failedLogins;
            if (!anonymousAllowed) {
                reject(unauthorizedHtml());
                return;
            }
            // anonymous-capable resource: 200 with anonymous data plus the failure header (§2.4)
            authHeaders.append(std::pair<QByteArray, QByteArray>("X-Seraph-LoginReason", "AUTHENTICATED_FAILED"));
        }
    } else if (authLower.startsWith("bearer ")) {
        scheme = QStringLiteral("bearer");
        if (cloud) {
            // Cloud has no personal access tokens for REST (API tokens go through Basic).
            HttpResponse r = HttpResponse::json(
                401, QJsonObject { { QStringLiteral("message"), QStringLiteral("Client must be authenticated to access this resource.") },
                                   { QStringLiteral("status-code"), 401 } });
            reject(std::move(r));
            return;
        }
        const QString token = QString::fromUtf8(authorization.mid(7).trimmed());
        const auto pat = m_pats.constFind(token);
        if (pat == m_pats.cend()) {
            reject(unauthorizedHtml());
            return;
        }
        if (pat->expired) {
            reject(expiredPat());
            return;
        }
        userKey = pat->userKey;
    } else if (authLower.startsWith("oauth ")) {
        scheme = QStringLiteral("oauth");
        OAuth1Verifier::Outcome outcome;
        if (cloud)
            outcome.problem = "consumer_key_unknown"; // OAuth 1.0a for REST is gone on Cloud
        else
            outcome = m_oauth.verify(request.method, request.secure ? "https" : "http", request.header("host"),
                                     request.path, request.query, request.header("content-type"), request.body,
                                     authorization);
        if (!outcome.ok) {
            HttpResponse r(401, "oauth_problem=" + outcome.problem, "text/plain;charset=UTF-8");
            r.setHeader("WWW-Authenticate",
                        "OAuth realm=\"" + baseUrl().toString().toUtf8() + "\", oauth_problem=\"" + outcome.problem + "\"");
            reject(std::move(r));
            return;
        }
        userKey = outcome.userKey;
    }
    if (userKey.isEmpty() && !anonymousAllowed) {
        HttpResponse r = HttpResponse::json(
            401, QJsonObject { { QStringLiteral("errorMessages"),
                                 QJsonArray { QStringLiteral("You are not authenticated. Authentication required to perform this operation.") } },
                               { QStringLiteral("errors"), QJsonObject() } });
        r.setHeader("Content-Type", "application/json;charset=UTF-8");
        reject(std::move(r));
        return;
    }
    if (LoggedRequest *entry = logEntry(sequence)) {
        entry->userKey = userKey;
        entry->authScheme = scheme;
    }

    // --- XSRF (jira-rest.md §6.7, §12.14) ---
    const bool noCheck = request.header("x-atlassian-token").trimmed().toLower() == "no-check";
    const bool upload = rest && request.method == "POST" && segments.size() == 6 && segments.at(3) == QLatin1String("issue")
        && segments.at(5) == QLatin1String("attachments");
    const bool browserUa = request.header("user-agent").startsWith("Mozilla");
    if (!noCheck && (upload || (m_options.xsrfCheckBrowserUserAgent && browserUa && isWrite(request.method)))) {
        reject(HttpResponse(403, "XSRF check failed", "text/plain;charset=UTF-8"));
        return;
    }

    HttpResponse response;
    if (content) {
        response = m_api->attachmentContent(segments.at(2), userKey);
    } else {
        ApiRequest api;
        api.method = request.method;
        api.version = version;
        api.segments = segments.mid(3);
        QByteArray q = request.query;
        q.replace('+', "%20"); // form-style spaces, as requests/pycontribs send them
        api.query = QUrlQuery(QString::fromUtf8(q));
        api.http = &request;
        api.userKey = userKey;
        response = m_api->handle(api);
    }
    for (const auto &[name, value] : authHeaders)
        response.setHeader(name, value);
    if (!userKey.isEmpty()) {
        response.setHeader("X-Seraph-LoginReason", "OK");
        if (const User *u = m_data->userByKey(userKey)) {
            if (cloud)
                response.setHeader("X-AACCOUNTID", u->accountId.toUtf8());
            else
                response.setHeader("X-AUSERNAME", u->name.toUtf8());
        }
    } else if (!cloud) {
        response.setHeader("X-AUSERNAME", "anonymous");
    }
    if (cloud && rest && segments.value(3) == QLatin1String("search")) {
        response.setHeader("X-RateLimit-Limit", "350");
        response.setHeader("X-RateLimit-Remaining", "349");
        response.setHeader("X-RateLimit-NearLimit", "false");
    }
    answer(responder, std::move(response), sequence);
}

} // namespace tbds::fakejira
