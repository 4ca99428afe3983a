// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jiraclient.h"

#include "core/common/logging.h"
#include "core/jira/adf.h"
#include "core/jira/httpexchange.h"
#include "core/jira/jiraresponse.h"
#include "core/jira/tlsconfig.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace tbds::jira {

namespace {

using Kind = JiraError::Kind;
using namespace std::chrono_literals;

/** Page size asked for on offset-paged lists; Cloud caps project/search at 100, createmeta at 200. */
constexpr int ListPageSize = 100;

QString seg(const QString &pathSegment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(pathSegment));
}

QJsonValue toValue(const QJsonDocument &doc)
{
    if (doc.isArray())
        return doc.array();
    if (doc.isObject())
        return doc.object();
    return QJsonValue(QJsonValue::Null);
}

/** "GET issue/ABC-1" from the URL, for logs and messages (no query: it may hold JQL). */
QString operationName(const QByteArray &method, const QUrl &url)
{
    QString path = url.path();
    static const QString marker = QStringLiteral("/rest/api/");
    const qsizetype at = path.indexOf(marker);
    if (at >= 0) {
        path = path.mid(at + marker.size());
        const qsizetype slash = path.indexOf(QLatin1Char('/'));
        path = slash >= 0 ? path.mid(slash + 1) : path;
    }
    return QString::fromLatin1(method) + QLatin1Char(' ') + path;
}

QJsonArray sortedByCreated(const QJsonArray &histories)
{
    QList<QJsonValue> list(histories.begin(), histories.end());
    auto created = [](const QJsonValue &v) {
        const QJsonValue c = v.toObject().value(QLatin1String("created"));
        if (c.isDouble())
            return qint64(c.toDouble());
        return QDateTime::fromString(c.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
    };
    std::stable_sort(list.begin(), list.end(), [&](const QJsonValue &a, const QJsonValue &b) {
        return created(a) < created(b);
    });
    QJsonArray out;
    for (const QJsonValue &v : list)
        out.append(v);
    return out;
}

QByteArray multipartBody(const QByteArray &boundary, const QString &fileName, const QByteArray &content,
                         const QByteArray &mimeType)
{
    // Quotes and line breaks would end the header early; RFC 7578 §4.2 allows raw UTF-8 otherwise.
    QByteArray name = fileName.toUtf8();
    name.replace('"', "%22").replace('\r', "").replace('\n', "");
    QByteArray body;
    body += "--" + boundary + "\r\n";
    body += "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n";
    body += "Content-Type: " + (mimeType.isEmpty() ? QByteArrayLiteral("application/octet-stream") : mimeType)
        + "\r\n\r\n";
    body += content;
    body += "\r\n--" + boundary + "--\r\n";
    return body;
}

} // namespace

JiraClient::JiraClient(const config::JiraClientConfig &config, const JiraSecrets &secrets, QObject *parent)
    : QObject(parent), m_config(config), m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<JiraError>();
    QString url = config.serverUrl.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    m_base = QUrl(url, QUrl::StrictMode);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);

    auto settings = std::make_shared<ExchangeSettings>();
    settings->network = m_network;
    settings->retry.maxRetries = std::max(0, config.maxRetries);
    settings->timeout = std::chrono::seconds(std::max(1, config.timeout));
    settings->userAgent = QByteArrayLiteral("tbds/" TBDS_VERSION " (TestBench Defect Service Admin; Qt ")
        + QByteArray(qVersion()) + ')';

    auto configError = [this](const QString &message, const QString &cause) {
        if (!m_configError)
            m_configError = JiraError::make(Kind::Configuration, message, cause);
    };
    if (!m_base.isValid() || m_base.host().isEmpty()
        || (m_base.scheme() != QLatin1String("https") && m_base.scheme() != QLatin1String("http")))
        configError(JiraError::tr("The Jira server_url '%1' is not an http(s) URL").arg(config.serverUrl), {});
    Result<JiraAuth> auth = JiraAuth::create(config, secrets);
    if (auth)
        settings->auth = std::make_shared<const JiraAuth>(auth.value());
    else
        configError(auth.error().message, auth.error().cause);
    Result<QSslConfiguration> tls = TlsConfig::build(config);
    if (tls)
        settings->tls = tls.value();
    else
        configError(tls.error().message, tls.error().cause);
    m_settings = std::move(settings);
    if (m_configError)
        qCWarning(lcJira).noquote() << "Jira client unusable:" << m_configError->toString();
}

JiraClient::~JiraClient() = default;

void JiraClient::setServerInfo(const ServerInfo &info)
{
    m_serverInfo = info;
    emit serverInfoChanged();
}

RetryPolicy JiraClient::retryPolicy() const
{
    return m_settings->retry;
}

void JiraClient::setRetryPolicy(const RetryPolicy &policy)
{
    // Copy on write: running exchanges keep the settings they started with.
    auto copy = std::make_shared<ExchangeSettings>(*m_settings);
    copy->retry = policy;
    m_settings = std::move(copy);
}

std::chrono::milliseconds JiraClient::timeout() const
{
    return m_settings->timeout;
}

void JiraClient::setTimeout(std::chrono::milliseconds timeout)
{
    auto copy = std::make_shared<ExchangeSettings>(*m_settings);
    copy->timeout = timeout;
    m_settings = std::move(copy);
}

QString JiraClient::authDescription() const
{
    return m_settings->auth ? m_settings->auth->describe() : QString();
}

// --- plumbing --------------------------------------------------------------------------------

QUrl JiraClient::apiUrl(const QString &path, const QueryItems &query) const
{
    const int version = m_serverInfo ? m_serverInfo->restVersion() : 2;
    QUrl url = m_base;
    url.setPath(m_base.path(QUrl::FullyEncoded) + QStringLiteral("/rest/api/%1/").arg(version) + path,
                QUrl::TolerantMode);
    if (!query.isEmpty()) {
        // Encoded by hand: QUrlQuery leaves '+' alone, which Jira's servlet container reads as a
        // space. Commas stay literal: they separate list values (fields=a,b) and some servers
        // compare the still-encoded text.
        QByteArray encoded;
        for (const auto &[key, value] : query) {
            if (!encoded.isEmpty())
                encoded += '&';
            encoded += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value, ",");
        }
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    }
    return url;
}

QUrl JiraClient::browseUrl(const QString &issueKey) const
{
    QUrl url = m_base;
    url.setPath(m_base.path(QUrl::FullyEncoded) + QStringLiteral("/browse/") + seg(issueKey), QUrl::TolerantMode);
    return url;
}

JiraRequest JiraClient::jsonRequest(const QByteArray &method, const QUrl &url, const QJsonDocument &body)
{
    JiraRequest r;
    r.method = method;
    r.url = url;
    if (!body.isNull()) {
        r.body = body.toJson(QJsonDocument::Compact);
        r.contentType = QByteArrayLiteral("application/json");
    }
    r.idempotent = RetryPolicy::isIdempotentMethod(method);
    r.operation = operationName(method, url);
    return r;
}

JiraCall *JiraClient::newCall(const QString &operation, QObject *parent)
{
    auto *call = new JiraCall(operation, parent ? parent : this);
    if (m_configError)
        call->failLater(*m_configError);
    return call;
}

JiraErrorContext JiraClient::errorContext(const JiraRequest &request) const
{
    JiraErrorContext ctx;
    ctx.operation = request.operation;
    ctx.host = m_base.host();
    ctx.authType = m_config.authType;
    ctx.flavour = flavour();
    ctx.timeoutSeconds = int((m_settings->timeout.count() + 999) / 1000);
    ctx.idempotent = request.idempotent;
    ctx.anonymousOk = request.anonymousOk;
    ctx.credentialsWorkedBefore = m_credentialsWorked;
    return ctx;
}

void JiraClient::run(JiraCall *call, JiraRequest request, JsonHandler onJson, ErrorFilter filter)
{
    if (m_configError || call->isFinished())
        return; // newCall() already scheduled the configuration error
    const JiraErrorContext ctx = errorContext(request);
    auto *exchange = new HttpExchange(m_settings, std::move(request), call);
    call->setExchange(exchange);
    connect(exchange, &HttpExchange::done, call,
            [self = QPointer<JiraClient>(this), call, ctx, onJson = std::move(onJson),
             filter = std::move(filter)](const JiraResponse &r) {
                if (call->isFinished())
                    return;
                std::optional<JiraError> error = JiraError::classify(r, ctx);
                // A non-anonymous success proves the credentials; a later 401 then means they
                // expired or were revoked rather than mistyped.
                if (!error && !ctx.anonymousOk && self)
                    self->m_credentialsWorked = true;
                if (error) {
                    if (!call->isCancelled() && filter && filter(r, *error))
                        return;
                    qCInfo(lcJira).noquote() << ctx.operation << "failed:" << JiraError::kindName(error->kind)
                                             << error->toString()
                                             << (error->requestId.isEmpty() ? QString()
                                                                            : QStringLiteral("(request id %1)").arg(error->requestId));
                    call->fail(std::move(*error));
                    return;
                }
                QJsonDocument doc;
                if (!r.body.trimmed().isEmpty()) {
                    QJsonParseError parseError{};
                    doc = QJsonDocument::fromJson(r.body, &parseError);
                    if (parseError.error != QJsonParseError::NoError) {
                        call->fail(JiraError::notJson(r, ctx));
                        return;
                    }
                }
                onJson(doc, r);
            });
    exchange->start();
}

JiraCall *JiraClient::send(JiraRequest request, QObject *parent)
{
    JiraCall *call = newCall(request.operation, parent);
    run(call, std::move(request), [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(toValue(doc)); });
    return call;
}

void JiraClient::whenReady(JiraCall *call, std::function<void()> ready)
{
    whenReady(call, std::move(ready), [call](const JiraError &error) {
        if (!call->isFinished())
            call->fail(error);
    });
}

void JiraClient::whenReady(QObject *guard, std::function<void()> ready, std::function<void(const JiraError &)> failed)
{
    if (m_configError)
        return;
    if (m_serverInfo) {
        ready();
        return;
    }
    m_waiting.append({QPointer<QObject>(guard), {std::move(ready), std::move(failed)}});
    if (!m_detection) {
        m_detection = detectServer();
        m_detection->onFinished(this, [this](JiraCall *detection) { onServerInfo(detection); });
    }
}

void JiraClient::onServerInfo(JiraCall *detection)
{
    const auto waiting = std::exchange(m_waiting, {});
    m_detection = nullptr;
    detection->deleteLater();
    for (const auto &[guard, handlers] : waiting) {
        if (!guard)
            continue;
        if (detection->isOk() && m_serverInfo)
            handlers.first();
        else
            handlers.second(detection->error());
    }
}

JiraCall *JiraClient::simpleGet(const QString &operation, const QString &path, const QueryItems &query)
{
    JiraCall *call = newCall(operation);
    whenReady(call, [this, call, path, query] {
        run(call, jsonRequest("GET", apiUrl(path, query)),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(toValue(doc)); });
    });
    return call;
}

void JiraClient::collectPages(JiraCall *call, const QString &path, std::function<void(QJsonArray)> done, int startAt,
                              QJsonArray collected)
{
    const QueryItems query{{QStringLiteral("startAt"), QString::number(startAt)},
                           {QStringLiteral("maxResults"), QString::number(ListPageSize)}};
    run(call, jsonRequest("GET", apiUrl(path, query)),
        [this, call, path, startAt, collected, done](const QJsonDocument &doc, const JiraResponse &) mutable {
            const QJsonObject page = doc.object();
            QJsonArray items = doc.array();
            // DC pages say "values"; Cloud createmeta says "issueTypes" or "fields" (alias "results").
            for (const char *key : {"values", "issueTypes", "fields", "results"}) {
                if (page.value(QLatin1String(key)).isArray()) {
                    items = page.value(QLatin1String(key)).toArray();
                    break;
                }
            }
            for (const QJsonValue &item : std::as_const(items))
                collected.append(item);
            const int next = startAt + int(items.size());
            const QJsonValue total = page.value(QLatin1String("total"));
            const bool last = items.isEmpty() || page.value(QLatin1String("isLast")).toBool(false)
                || (total.isDouble() && next >= total.toInt()) || doc.isArray();
            if (last)
                done(std::move(collected));
            else
                collectPages(call, path, done, next, std::move(collected));
        });
}

// --- server and account ----------------------------------------------------------------------

JiraCall *JiraClient::detectServer()
{
    JiraRequest request = jsonRequest("GET", QUrl());
    request.url = m_base;
    request.url.setPath(m_base.path(QUrl::FullyEncoded) + QStringLiteral("/rest/api/2/serverInfo"), QUrl::TolerantMode);
    request.operation = QStringLiteral("GET serverInfo");
    request.anonymousOk = true;
    JiraCall *call = newCall(request.operation);
    run(call, std::move(request), [this, call](const QJsonDocument &doc, const JiraResponse &response) {
        if (!doc.isObject()) {
            JiraErrorContext ctx;
            ctx.operation = call->operation();
            call->fail(JiraError::notJson(response, ctx));
            return;
        }
        m_serverInfo = ServerInfo::fromJson(doc.object());
        // Every page and the engine detect the server on their own: say it once per server and answer.
        const QString found
            = m_serverInfo->displayName() + QStringLiteral(" (deploymentType %1)").arg(m_serverInfo->deploymentType);
        static QMutex loggedMutex;
        static QHash<QString, QString> logged;
        bool fresh = false;
        {
            const QMutexLocker lock(&loggedMutex);
            QString &last = logged[m_base.toDisplayString()];
            fresh = last != found;
            last = found;
        }
        if (fresh)
            qCInfo(lcJira).noquote() << "Jira at" << m_base.toDisplayString() << "is" << found;
        else
            qCDebug(lcJira).noquote() << "Jira at" << m_base.toDisplayString() << "is" << found;
        emit serverInfoChanged();
        call->succeed(doc.object());
    });
    return call;
}

JiraCall *JiraClient::myself()
{
    return simpleGet(QStringLiteral("GET myself"), QStringLiteral("myself"));
}

// --- projects and metadata -------------------------------------------------------------------

JiraCall *JiraClient::projects()
{
    JiraCall *call = newCall(QStringLiteral("GET projects"));
    whenReady(call, [this, call] {
        if (flavour() != Flavour::Cloud) {
            // DC has no paged project list; GET project returns every visible project at once.
            run(call, jsonRequest("GET", apiUrl(QStringLiteral("project"))),
                [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(doc.array()); });
            return;
        }
        collectPages(call, QStringLiteral("project/search"), [call](QJsonArray all) { call->succeed(all); });
    });
    return call;
}

JiraCall *JiraClient::createMetaIssueTypes(const QString &projectKey)
{
    JiraCall *call = newCall(QStringLiteral("GET createmeta issue types"));
    whenReady(call, [this, call, projectKey] {
        if (flavour() == Flavour::DataCenter && !m_serverInfo->atLeast(8, 4)) {
            // Before 8.4 only the old createmeta exists (removed in 9.0): one call, nested shape.
            run(call, jsonRequest("GET", apiUrl(QStringLiteral("issue/createmeta"), {{QStringLiteral("projectKeys"), projectKey}})),
                [call, projectKey](const QJsonDocument &doc, const JiraResponse &) {
                    const QJsonArray projects = doc.object().value(QLatin1String("projects")).toArray();
                    if (projects.isEmpty()) {
                        call->fail(JiraError::make(Kind::NotFound,
                                                   JiraError::tr("Jira lists no issue types to create in project %1: it "
                                                                 "does not exist or the account lacks Create Issues.")
                                                       .arg(projectKey)));
                        return;
                    }
                    call->succeed(projects.first().toObject().value(QLatin1String("issuetypes")).toArray());
                });
            return;
        }
        const QString path = QStringLiteral("issue/createmeta/%1/issuetypes").arg(seg(projectKey));
        collectPages(call, path, [call](QJsonArray all) { call->succeed(all); });
    });
    return call;
}

JiraCall *JiraClient::createMetaFields(const QString &projectKey, const QString &issueTypeId)
{
    JiraCall *call = newCall(QStringLiteral("GET createmeta fields"));
    whenReady(call, [this, call, projectKey, issueTypeId] {
        if (flavour() == Flavour::DataCenter && !m_serverInfo->atLeast(8, 4)) {
            const QueryItems query{{QStringLiteral("projectKeys"), projectKey},
                                   {QStringLiteral("issuetypeIds"), issueTypeId},
                                   {QStringLiteral("expand"), QStringLiteral("projects.issuetypes.fields")}};
            run(call, jsonRequest("GET", apiUrl(QStringLiteral("issue/createmeta"), query)),
                [call, projectKey, issueTypeId](const QJsonDocument &doc, const JiraResponse &) {
                    const QJsonArray projects = doc.object().value(QLatin1String("projects")).toArray();
                    const QJsonArray types = projects.isEmpty()
                        ? QJsonArray()
                        : projects.first().toObject().value(QLatin1String("issuetypes")).toArray();
                    if (types.isEmpty()) {
                        call->fail(JiraError::make(Kind::NotFound,
                                                   JiraError::tr("Jira has no create screen for issue type %1 in "
                                                                 "project %2.")
                                                       .arg(issueTypeId, projectKey)));
                        return;
                    }
                    // The old shape is a map keyed by field id; normalise to the new array shape.
                    const QJsonObject fields = types.first().toObject().value(QLatin1String("fields")).toObject();
                    QJsonArray out;
                    for (auto it = fields.begin(); it != fields.end(); ++it) {
                        QJsonObject field = it.value().toObject();
                        field.insert(QStringLiteral("fieldId"), it.key());
                        out.append(field);
                    }
                    call->succeed(out);
                });
            return;
        }
        const QString path = QStringLiteral("issue/createmeta/%1/issuetypes/%2").arg(seg(projectKey), seg(issueTypeId));
        collectPages(call, path, [call](QJsonArray all) {
            // Cloud items carry both "fieldId" and "key"; make sure "fieldId" is always there.
            for (qsizetype i = 0; i < all.size(); ++i) {
                QJsonObject field = all.at(i).toObject();
                if (!field.contains(QLatin1String("fieldId")) && field.contains(QLatin1String("key"))) {
                    field.insert(QStringLiteral("fieldId"), field.value(QLatin1String("key")));
                    all.replace(i, field);
                }
            }
            call->succeed(all);
        });
    });
    return call;
}

JiraCall *JiraClient::fields()
{
    return simpleGet(QStringLiteral("GET field"), QStringLiteral("field"));
}

JiraCall *JiraClient::priorities()
{
    return simpleGet(QStringLiteral("GET priority"), QStringLiteral("priority"));
}

JiraCall *JiraClient::issueTypes()
{
    return simpleGet(QStringLiteral("GET issuetype"), QStringLiteral("issuetype"));
}

JiraCall *JiraClient::projectStatuses(const QString &projectKey)
{
    return simpleGet(QStringLiteral("GET project statuses"), QStringLiteral("project/%1/statuses").arg(seg(projectKey)));
}

QStringList JiraClient::defectServicePermissions()
{
    return {QStringLiteral("BROWSE_PROJECTS"),    QStringLiteral("USER_PICKER"),
            QStringLiteral("CREATE_ISSUES"),      QStringLiteral("EDIT_ISSUES"),
            QStringLiteral("DELETE_ISSUES"),      QStringLiteral("TRANSITION_ISSUES"),
            QStringLiteral("CREATE_ATTACHMENTS"), QStringLiteral("DELETE_ALL_ATTACHMENTS"),
            QStringLiteral("DELETE_OWN_ATTACHMENTS"), QStringLiteral("MODIFY_REPORTER")};
}

JiraCall *JiraClient::myPermissions(const QString &projectKey, const QStringList &permissions)
{
    QueryItems query;
    if (!projectKey.isEmpty())
        query.append({QStringLiteral("projectKey"), projectKey});
    // Required on Cloud, harmless on DC (which returns everything anyway).
    query.append({QStringLiteral("permissions"),
                  (permissions.isEmpty() ? defectServicePermissions() : permissions).join(QLatin1Char(','))});
    return simpleGet(QStringLiteral("GET mypermissions"), QStringLiteral("mypermissions"), query);
}

QHash<QString, bool> JiraClient::permissionMap(const QJsonObject &myPermissionsResult)
{
    QHash<QString, bool> map;
    const QJsonObject permissions = myPermissionsResult.value(QLatin1String("permissions")).toObject();
    for (auto it = permissions.begin(); it != permissions.end(); ++it)
        map.insert(it.key(), it.value().toObject().value(QLatin1String("havePermission")).toBool());
    return map;
}

JiraCall *JiraClient::searchUsers(const QString &query, int maxResults)
{
    JiraCall *call = newCall(QStringLiteral("GET user/search"));
    whenReady(call, [this, call, query, maxResults] {
        const QString param = flavour() == Flavour::Cloud ? QStringLiteral("query") : QStringLiteral("username");
        run(call,
            jsonRequest("GET", apiUrl(QStringLiteral("user/search"),
                                      {{param, query}, {QStringLiteral("maxResults"), QString::number(maxResults)}})),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(doc.array()); });
    });
    return call;
}

// --- JQL -------------------------------------------------------------------------------------

JqlSearch *JiraClient::searchJql(const JqlSearch::Options &options, QObject *parent)
{
    auto *search = new JqlSearch(this, options, parent ? parent : this);
    if (m_configError) {
        QTimer::singleShot(0, search, [search, error = *m_configError] { search->fail(error); });
        return search;
    }
    whenReady(
        search, [this, search] { search->begin(flavour()); }, [search](const JiraError &error) { search->fail(error); });
    return search;
}

JiraCall *JiraClient::validateJql(const QString &jql)
{
    JiraCall *call = newCall(QStringLiteral("validate JQL"));
    whenReady(call, [this, call, jql] {
        if (flavour() == Flavour::Cloud) {
            const QJsonObject body{{QStringLiteral("queries"), QJsonArray{jql}}};
            JiraRequest request = jsonRequest("POST", apiUrl(QStringLiteral("jql/parse"), {{QStringLiteral("validation"), QStringLiteral("strict")}}),
                                              QJsonDocument(body));
            request.idempotent = true; // parsing changes nothing
            run(call, std::move(request), [call](const QJsonDocument &doc, const JiraResponse &) {
                const QJsonObject parsed = doc.object().value(QLatin1String("queries")).toArray().first().toObject();
                const QJsonArray errors = parsed.value(QLatin1String("errors")).toArray();
                call->succeed(QJsonObject{{QStringLiteral("valid"), errors.isEmpty()},
                                          {QStringLiteral("errors"), errors},
                                          {QStringLiteral("warnings"), parsed.value(QLatin1String("warnings")).toArray()}});
            });
            return;
        }
        // DC has no parse endpoint: a count-only search with validateQuery answers 400 for bad JQL.
        const QueryItems query{{QStringLiteral("jql"), jql},
                               {QStringLiteral("maxResults"), QStringLiteral("0")},
                               {QStringLiteral("validateQuery"), QStringLiteral("true")},
                               {QStringLiteral("fields"), QStringLiteral("id")}};
        run(
            call, jsonRequest("GET", apiUrl(QStringLiteral("search"), query)),
            [call](const QJsonDocument &doc, const JiraResponse &) {
                call->succeed(QJsonObject{{QStringLiteral("valid"), true},
                                          {QStringLiteral("errors"), QJsonArray()},
                                          {QStringLiteral("warnings"), doc.object().value(QLatin1String("warningMessages")).toArray()}});
            },
            [call](const JiraResponse &response, const JiraError &error) {
                if (response.httpStatus != 400)
                    return false;
                call->succeed(QJsonObject{{QStringLiteral("valid"), false},
                                          {QStringLiteral("errors"), QJsonArray::fromStringList(error.jiraMessages)},
                                          {QStringLiteral("warnings"), QJsonArray()}});
                return true;
            });
    });
    return call;
}

JiraCall *JiraClient::jqlAutocompleteData()
{
    return simpleGet(QStringLiteral("GET jql/autocompletedata"), QStringLiteral("jql/autocompletedata"));
}

// --- issues ----------------------------------------------------------------------------------

JiraCall *JiraClient::issue(const QString &key, const QStringList &fields, const QStringList &expand)
{
    QueryItems query;
    if (!fields.isEmpty())
        query.append({QStringLiteral("fields"), fields.join(QLatin1Char(','))});
    if (!expand.isEmpty())
        query.append({QStringLiteral("expand"), expand.join(QLatin1Char(','))});
    return simpleGet(QStringLiteral("GET issue %1").arg(key), QStringLiteral("issue/%1").arg(seg(key)), query);
}

JiraCall *JiraClient::createIssue(const QJsonObject &body)
{
    JiraCall *call = newCall(QStringLiteral("create issue"));
    whenReady(call, [this, call, body] {
        run(call, jsonRequest("POST", apiUrl(QStringLiteral("issue")), QJsonDocument(body)),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(doc.object()); });
    });
    return call;
}

JiraCall *JiraClient::updateIssue(const QString &key, const QJsonObject &body, bool notifyUsers)
{
    JiraCall *call = newCall(QStringLiteral("update issue %1").arg(key));
    whenReady(call, [this, call, key, body, notifyUsers] {
        QueryItems query;
        if (!notifyUsers)
            query.append({QStringLiteral("notifyUsers"), QStringLiteral("false")});
        run(call, jsonRequest("PUT", apiUrl(QStringLiteral("issue/%1").arg(seg(key)), query), QJsonDocument(body)),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(toValue(doc)); });
    });
    return call;
}

JiraCall *JiraClient::deleteIssue(const QString &key, bool deleteSubtasks)
{
    JiraCall *call = newCall(QStringLiteral("delete issue %1").arg(key));
    whenReady(call, [this, call, key, deleteSubtasks] {
        const QueryItems query{{QStringLiteral("deleteSubtasks"), deleteSubtasks ? QStringLiteral("true") : QStringLiteral("false")}};
        run(call, jsonRequest("DELETE", apiUrl(QStringLiteral("issue/%1").arg(seg(key)), query)),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(toValue(doc)); });
    });
    return call;
}

JiraCall *JiraClient::transitions(const QString &key)
{
    JiraCall *call = newCall(QStringLiteral("GET transitions %1").arg(key));
    whenReady(call, [this, call, key] {
        run(call,
            jsonRequest("GET", apiUrl(QStringLiteral("issue/%1/transitions").arg(seg(key)),
                                      {{QStringLiteral("expand"), QStringLiteral("transitions.fields")}})),
            [call](const QJsonDocument &doc, const JiraResponse &) {
                call->succeed(doc.object().value(QLatin1String("transitions")).toArray());
            });
    });
    return call;
}

JiraCall *JiraClient::transitionIssue(const QString &key, const QString &transitionId, const QJsonObject &fields)
{
    JiraCall *call = newCall(QStringLiteral("transition issue %1").arg(key));
    whenReady(call, [this, call, key, transitionId, fields] {
        QJsonObject body{{QStringLiteral("transition"), QJsonObject{{QStringLiteral("id"), transitionId}}}};
        if (!fields.isEmpty())
            body.insert(QStringLiteral("fields"), fields);
        run(call, jsonRequest("POST", apiUrl(QStringLiteral("issue/%1/transitions").arg(seg(key))), QJsonDocument(body)),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(toValue(doc)); });
    });
    return call;
}

JiraCall *JiraClient::addAttachment(const QString &key, const QString &fileName, const QByteArray &content,
                                    const QByteArray &mimeType)
{
    JiraCall *call = newCall(QStringLiteral("add attachment to %1").arg(key));
    whenReady(call, [this, call, key, fileName, content, mimeType] {
        const QByteArray boundary = QByteArrayLiteral("tbds-")
            + QByteArray::number(QRandomGenerator::global()->generate64(), 16)
            + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
        JiraRequest request;
        request.method = "POST";
        request.url = apiUrl(QStringLiteral("issue/%1/attachments").arg(seg(key)));
        request.body = multipartBody(boundary, fileName, content, mimeType);
        request.contentType = "multipart/form-data; boundary=" + boundary;
        request.idempotent = false;
        request.operation = call->operation();
        run(call, std::move(request),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(doc.array()); });
    });
    return call;
}

JiraCall *JiraClient::deleteAttachment(const QString &attachmentId)
{
    JiraCall *call = newCall(QStringLiteral("delete attachment %1").arg(attachmentId));
    whenReady(call, [this, call, attachmentId] {
        run(call, jsonRequest("DELETE", apiUrl(QStringLiteral("attachment/%1").arg(seg(attachmentId)))),
            [call](const QJsonDocument &doc, const JiraResponse &) { call->succeed(toValue(doc)); });
    });
    return call;
}

JiraCall *JiraClient::changelog(const QString &key)
{
    JiraCall *call = newCall(QStringLiteral("GET changelog %1").arg(key));
    whenReady(call, [this, call, key] {
        if (flavour() == Flavour::Cloud) {
            const QString path = QStringLiteral("issue/%1/changelog").arg(seg(key));
            collectPages(call, path, [call](QJsonArray all) { call->succeed(sortedByCreated(all)); });
            return;
        }
        // DC has no changelog endpoint; the expansion holds all histories in an unstated order.
        run(call,
            jsonRequest("GET", apiUrl(QStringLiteral("issue/%1").arg(seg(key)),
                                      {{QStringLiteral("expand"), QStringLiteral("changelog")},
                                       {QStringLiteral("fields"), QStringLiteral("created")}})),
            [call](const QJsonDocument &doc, const JiraResponse &) {
                const QJsonObject changelog = doc.object().value(QLatin1String("changelog")).toObject();
                call->succeed(sortedByCreated(changelog.value(QLatin1String("histories")).toArray()));
            });
    });
    return call;
}

// --- flavour-dependent values ----------------------------------------------------------------

QJsonValue JiraClient::textFieldValue(const QString &text) const
{
    if (flavour() == Flavour::Cloud)
        return Adf::fromPlainText(text);
    return text;
}

QJsonObject JiraClient::userReference(const QString &accountIdOrName) const
{
    if (flavour() == Flavour::Cloud)
        return {{QStringLiteral("accountId"), accountIdOrName}};
    return {{QStringLiteral("name"), accountIdOrName}};
}

} // namespace tbds::jira
