// SPDX-License-Identifier: Apache-2.0
#include "core/service/serviceengine.h"

#include "core/common/futurewatch.h"
#include "core/common/logging.h"
#include "core/config/projectsettings.h"
#include "core/defects/defectclient.h"
#include "core/defects/jiradefectclient.h"
#include "core/defects/jsonldefectclient.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/requestbody.h"
#include "core/service/apidocs.h"
#include "core/service/basicauthenticator.h"
#include "core/service/hookrunner.h"
#include "core/service/http/httprequest.h"
#include "core/service/http/httpresponder.h"
#include "core/service/http/httpresponse.h"
#include "core/service/http/httpserver.h"
#include "core/service/router.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUrlQuery>

#include <memory>

namespace tbds::service {

using namespace tbds::defects;
using http::HttpRequest;
using http::HttpResponder;
using http::HttpResponse;

namespace {

/** One request on its way through auth, the client and back; shared by the continuations. */
struct Exchange
{
    HttpRequest request;
    HttpResponder responder;
    QElapsedTimer timer;
    RouteMatch route;
    QString user;
};
using ExchangePtr = std::shared_ptr<Exchange>;

/** `?project=` as Sanic reads it: form-decoded, first value wins, empty means absent. */
std::optional<QString> projectParameter(const QByteArray &rawQuery)
{
    for (const QByteArray &pair : rawQuery.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        if (QUrl::fromPercentEncoding(name.replace('+', ' ')) != QLatin1String("project"))
            continue;
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        const QString decoded = QUrl::fromPercentEncoding(value.replace('+', ' '));
        if (decoded.isEmpty())
            return std::nullopt;
        return decoded;
    }
    return std::nullopt;
}

QByteArray stringListJson(const QStringList &list)
{
    JsonWriter w;
    w.stringList(list);
    return w.take();
}

QByteArray defectSetJson(const ProtocolledDefectSet &set)
{
    JsonWriter w;
    qsizetype estimate = 4096;
    for (const DefectWithID &d : set.value)
        estimate += 512 + 2 * (d.description ? d.description->size() : 0);
    w.reserve(estimate + 128 * set.value.size()); // one protocol entry per defect, as the reference
    set.writeJson(w);
    return w.take();
}

QByteArray controlFieldsJson(const ControlFields &fields)
{
    JsonWriter w;
    w.beginObject();
    for (const auto &[name, values] : fields) {
        w.key(name);
        w.stringList(values);
    }
    w.endObject();
    return w.take();
}

Result<QSslConfiguration> tlsConfiguration(const config::ServiceConfig &c)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(*c.sslCert, QSsl::Pem);
    if (chain.isEmpty())
        return Error{QStringLiteral("Cannot use ssl_cert %1").arg(*c.sslCert),
                     QStringLiteral("no PEM certificate found in the file")};
    QFile keyFile(*c.sslKey);
    if (!keyFile.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("Cannot read ssl_key %1").arg(*c.sslKey), keyFile.errorString()};
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return Error{QStringLiteral("Cannot use ssl_key %1").arg(*c.sslKey),
                     QStringLiteral("not an unencrypted PEM RSA or EC private key")};
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (c.sslCaCert) {
        // Mutual TLS: every client must present a certificate issued by this CA.
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(*c.sslCaCert, QSsl::Pem);
        if (cas.isEmpty())
            return Error{QStringLiteral("Cannot use ssl_ca_cert %1").arg(*c.sslCaCert),
                         QStringLiteral("no PEM certificate found in the file")};
        tls.setCaCertificates(cas);
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return tls;
}

} // namespace

ServiceEngine::ServiceEngine(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tbds::service::RequestLogEntry>();
}

ServiceEngine::~ServiceEngine()
{
    if (m_server)
        m_server->close();
}

void ServiceEngine::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

Result<void> ServiceEngine::start(const config::ServiceConfig &config, const Overrides &overrides)
{
    if (m_state != State::Stopped)
        return Error{QStringLiteral("The service is already running"), m_url.toString()};

    auto cfg = std::make_unique<config::ServiceConfig>(config);
    if (overrides.host)
        cfg->host = *overrides.host;
    if (overrides.port)
        cfg->port = *overrides.port;

    std::unique_ptr<DefectClient> client;
    if (cfg->clientKind == config::ClientKind::Jsonl && cfg->jsonl) {
        client = std::make_unique<JsonlDefectClient>(*cfg);
    } else if (cfg->clientKind == config::ClientKind::Jira && cfg->jira) {
        // Constructed here so its Jira connection lives on the engine's thread.
        client = std::make_unique<JiraDefectClient>(*cfg);
    } else {
        return Error{QStringLiteral("No defect client is configured"),
                     QStringLiteral("client_config is missing for client_class '%1'").arg(cfg->clientClass)};
    }

    QHostAddress address;
    if (cfg->host == QLatin1String("localhost"))
        address = QHostAddress::LocalHost;
    else if (!address.setAddress(cfg->host))
        return Error{QStringLiteral("Cannot listen on host '%1'").arg(cfg->host),
                     QStringLiteral("expected an IP address such as 127.0.0.1, 0.0.0.0 or ::")};

    std::optional<QSslConfiguration> tls;
    if (cfg->tlsEnabled()) {
        Result<QSslConfiguration> t = tlsConfiguration(*cfg);
        if (!t)
            return t.error();
        tls = t.value();
    }

    auto *server = new http::HttpServer(this);
    http::HttpLimits limits;
    limits.maxBodyBytes = m_tuning.maxBodyBytes;
    limits.keepAliveTimeout = std::chrono::seconds(cfg->server.keepAliveTimeout);
    server->setLimits(limits);
    http::ProxyConfig proxy;
    proxy.proxiesCount = cfg->proxiesCount.value_or(0);
    proxy.realIpHeader = cfg->realIpHeader.value_or(QString()).toLatin1();
    proxy.forwardedSecret = cfg->forwardedSecret.value_or(QString()).toUtf8();
    server->setProxyConfig(proxy);
    server->setHandler([this](const HttpRequest &request, HttpResponder responder) { handle(request, std::move(responder)); });
    connect(server, &http::HttpServer::tlsError, this, [](const QString &peer, const QString &message) {
        qCWarning(lcHttp).noquote() << "TLS handshake with" << peer << "failed:" << message;
    });
    const Result<void> listening = server->listen(address, quint16(cfg->port), tls);
    if (!listening) {
        delete server;
        return Error{QStringLiteral("Server could not start on %1:%2").arg(cfg->host).arg(cfg->port),
                     listening.error().toString()};
    }

    m_server = server;
    m_client = std::move(client);
    m_auth = new BasicAuthenticator(cfg->passwordHash, cfg->salt, this);
    m_auth->setThrottle(m_tuning.authMaxFailures, m_tuning.authWindow);
    m_hooks = new HookRunner(this);
    m_hooks->setDeadline(m_tuning.hookDeadline);
    m_config = std::move(cfg);

    QUrl url;
    url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(m_config->host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : m_config->host);
    url.setPort(server->serverPort());
    m_url = url;
    if (!m_config->passwordHash || !m_config->salt)
        qCWarning(lcAuth) << "no password_hash/salt configured: every authenticated request will get 500;"
                             " run 'tbds-service set-credentials'";
    qCInfo(lcService).noquote() << "listening on" << m_url.toString();
    setState(State::Running);
    return {};
}

void ServiceEngine::stop(std::chrono::milliseconds grace)
{
    if (m_state != State::Running || !m_server)
        return;
    setState(State::Stopping);
    connect(m_server, &http::HttpServer::drained, this, [this] {
        m_server->deleteLater();
        m_server = nullptr;
        delete m_auth;
        m_auth = nullptr;
        delete m_hooks;
        m_hooks = nullptr;
        m_client.reset();
        m_config.reset();
        setState(State::Stopped);
        qCInfo(lcService) << "stopped";
        Q_EMIT stopped();
    }, Qt::SingleShotConnection);
    m_server->shutdown(grace);
}

void ServiceEngine::handle(const HttpRequest &request, HttpResponder responder)
{
    auto ex = std::make_shared<Exchange>();
    ex->request = request;
    ex->responder = std::move(responder);
    ex->timer.start();

    // Every answer goes out through here, so every request is logged exactly once.
    auto reply = [this](const ExchangePtr &ex, HttpResponse response) {
        RequestLogEntry entry{ex->request.receivedAt.isValid() ? ex->request.receivedAt : QDateTime::currentDateTimeUtc(),
                              ex->request.clientAddress,
                              QString::fromLatin1(ex->request.method),
                              QString::fromUtf8(ex->request.path),
                              response.status(),
                              response.body().size(),
                              double(ex->timer.nsecsElapsed()) / 1e6,
                              ex->user};
        ex->responder.respond(std::move(response));
        qCInfo(lcService).noquote() << QStringLiteral("%1 %2 %3 %4 %5 %6ms")
                                           .arg(entry.peer, entry.method, entry.path)
                                           .arg(entry.status)
                                           .arg(entry.bytes)
                                           .arg(entry.durationMs, 0, 'f', 1);
        Q_EMIT requestLogged(entry);
    };
    auto json = [reply](const ExchangePtr &ex, int status, const QByteArray &body) {
        reply(ex, HttpResponse::json(status, body));
    };
    auto fail = [json](const ExchangePtr &ex, const HttpError &error) { json(ex, error.status, error.body()); };
    auto unexpected = [json](const ExchangePtr &ex) { json(ex, 500, errorBody(500, errortext::unexpected())); };

    const auto routed = Router::match(request.method, request.path);
    if (const auto *failure = std::get_if<RouteFailure>(&routed)) {
        if (failure->status == 404) {
            json(ex, 404, errorBody(404, QStringLiteral("Requested URL %1 not found").arg(QString::fromUtf8(request.path))));
        } else {
            HttpResponse r = HttpResponse::json(405, errorBody(405, QStringLiteral("Method %1 not allowed for URL %2")
                                                                    .arg(QString::fromLatin1(request.method),
                                                                         QString::fromUtf8(request.path))));
            r.setHeader("Allow", failure->allow);
            reply(ex, std::move(r));
        }
        return;
    }
    ex->route = std::get<RouteMatch>(routed);

    // What each endpoint does once the request may proceed.
    auto dispatch = [this, reply, json, fail, unexpected](const ExchangePtr &ex) {
        if (!m_client) { // stopped while authenticating
            json(ex, 503, errorBody(503, QStringLiteral("The service is shutting down.")));
            return;
        }
        const RouteMatch &route = ex->route;
        if (route.options) {
            HttpResponse r(204);
            r.setHeader("allow", route.allow);
            reply(ex, std::move(r));
            return;
        }
        // Continues a client future on this thread: an HttpError becomes its JSON answer.
        auto deliver = [this, json, fail, unexpected](const ExchangePtr &ex, auto future, auto toBody) {
            using Value = std::variant_alternative_t<0, std::decay_t<decltype(future.result())>>;
            whenFinished(
                this, future,
                [ex, json, fail, toBody](const Outcome<Value> &outcome) {
                    if (const auto *error = std::get_if<HttpError>(&outcome))
                        fail(ex, *error);
                    else
                        json(ex, 200, toBody(std::get<Value>(outcome)));
                },
                [ex, unexpected] {
                    qCCritical(lcService) << "unexpected failure in the defect client";
                    unexpected(ex);
                });
        };
        auto body = [&ex](auto tag, BodyPolicy policy) { return readRequestBody<decltype(tag)>(ex->request.body, policy); };
        const QString &project = route.project;
        const std::optional<QString> projectQuery = projectParameter(ex->request.query);
        DefectClient &client = *m_client;

        switch (route.endpoint) {
        case Endpoint::Root: {
            HttpResponse r(302);
            r.setHeader("Location", "/docs");
            reply(ex, std::move(r));
            return;
        }
        case Endpoint::Docs:
            reply(ex, HttpResponse(200, ApiDocs::html(), "text/html; charset=utf-8"));
            return;
        case Endpoint::OpenApi:
            reply(ex, HttpResponse(200, ApiDocs::openApiJson(), "application/json"));
            return;
        case Endpoint::Settings:
            deliver(ex, client.settings(), [](const Settings &s) { return toJson(s); });
            return;
        case Endpoint::CheckLogin:
            deliver(ex, client.checkLogin(projectQuery), [](bool b) { return b ? QByteArray("true") : QByteArray("false"); });
            return;
        case Endpoint::Projects:
            deliver(ex, client.projects(), [](const QStringList &l) { return stringListJson(l); });
            return;
        case Endpoint::ControlFields:
            deliver(ex, client.controlFields(projectQuery), [](const ControlFields &f) { return controlFieldsJson(f); });
            return;
        case Endpoint::Udfs:
            deliver(ex, client.userDefinedAttributes(projectQuery),
                    [](const QList<UserDefinedAttribute> &l) { return toJson(l); });
            return;
        case Endpoint::SupportsChangesTimestamps:
            json(ex, 200, client.supportsChangesTimestamps() ? QByteArray("true") : QByteArray("false"));
            return;
        case Endpoint::Defects: {
            auto ctx = body(SyncContext(), BodyPolicy::Optional);
            if (!ctx)
                return fail(ex, ctx.error());
            deliver(ex, client.defects(project, ctx.value()), [](const ProtocolledDefectSet &s) { return defectSetJson(s); });
            return;
        }
        case Endpoint::Batch: {
            auto req = body(BatchDefectRequest(), BodyPolicy::Required);
            if (!req)
                return fail(ex, req.error());
            deliver(ex, client.batch(project, req.value()), [](const ProtocolledDefectSet &s) { return defectSetJson(s); });
            return;
        }
        case Endpoint::Create: {
            auto req = body(DefectRequest(), BodyPolicy::Required);
            if (!req)
                return fail(ex, req.error());
            deliver(ex, client.create(project, req.value()), [](const ProtocolledString &s) { return toJson(s); });
            return;
        }
        case Endpoint::Update:
        case Endpoint::Delete: {
            auto req = body(DefectRequest(), BodyPolicy::Required);
            if (!req)
                return fail(ex, req.error());
            auto future = route.endpoint == Endpoint::Update ? client.update(project, route.defectId, req.value())
                                                             : client.remove(project, route.defectId, req.value());
            deliver(ex, future, [](const Protocol &p) { return toJson(p); });
            return;
        }
        case Endpoint::Extended: {
            auto ctx = body(SyncContext(), BodyPolicy::Optional);
            if (!ctx)
                return fail(ex, ctx.error());
            deliver(ex, client.extended(project, route.defectId, ctx.value()),
                    [](const DefectWithAttributes &d) { return toJson(d); });
            return;
        }
        case Endpoint::Correct: {
            // The reference left {project} percent-encoded here; we decode it like every route.
            auto results = body(Results(), BodyPolicy::Optional);
            if (!results)
                return fail(ex, results.error());
            deliver(ex, client.correct(project, results.value()), [](const Results &r) { return toJson(r); });
            return;
        }
        case Endpoint::SyncBefore:
        case Endpoint::SyncAfter: {
            auto req = body(SyncRequest(), BodyPolicy::Required);
            if (!req)
                return fail(ex, req.error());
            const HookRunner::Phase phase =
                route.endpoint == Endpoint::SyncBefore ? HookRunner::Phase::Presync : HookRunner::Phase::Postsync;
            const QString syncType = req.value().syncType;
            // Hooks run only for projects the backend knows, so a typo cannot trigger scripts.
            whenFinished(
                this, client.projects(),
                [this, ex, json, unexpected, phase, project, syncType](const Outcome<QStringList> &projects) {
                    if (isError(projects) || !std::get<QStringList>(projects).contains(project)) {
                        Protocol p;
                        p.addGeneralError(ProtocolCode::ProjectNotFound,
                                          QStringLiteral("Unknown project '%1'; no hook was run.").arg(project));
                        json(ex, 200, toJson(p));
                        return;
                    }
                    const config::ProjectSettings settings(*m_config, project);
                    whenFinished(
                        this, m_hooks->run(phase, project, syncType, settings.commands().value),
                        [ex, json](const Protocol &p) { json(ex, 200, toJson(p)); }, [ex, unexpected] { unexpected(ex); });
                },
                [ex, unexpected] { unexpected(ex); });
            return;
        }
        }
        unexpected(ex);
    };

    if (Router::isAuthExempt(request.path)) {
        dispatch(ex);
        return;
    }
    if (!m_auth) {
        json(ex, 503, errorBody(503, QStringLiteral("The service is shutting down.")));
        return;
    }
    m_auth->authenticate(request.header("Authorization"), request.clientAddress,
                         [ex, reply, json, dispatch](const AuthResult &auth) {
                             switch (auth.kind) {
                             case AuthResult::Kind::Accepted:
                                 ex->user = auth.user;
                                 dispatch(ex);
                                 return;
                             case AuthResult::Kind::Rejected: {
                                 HttpResponse r = HttpResponse::json(401, errorBody(401, auth.message));
                                 r.setHeader("WWW-Authenticate", "Basic realm=\"TestBench Defect Service\"");
                                 reply(ex, std::move(r));
                                 return;
                             }
                             case AuthResult::Kind::Throttled: {
                                 HttpResponse r = HttpResponse::json(429, errorBody(429, auth.message));
                                 r.setHeader("Retry-After", QByteArray::number(auth.retryAfterSeconds));
                                 reply(ex, std::move(r));
                                 return;
                             }
                             case AuthResult::Kind::Misconfigured:
                                 json(ex, 500, errorBody(500, auth.message));
                                 return;
                             }
                         });
}

} // namespace tbds::service
