// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jiraerror.h"

#include "core/jira/jiraresponse.h"
#include "core/jira/retrypolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSslCertificate>

namespace tbds::jira {

namespace {

using Kind = JiraError::Kind;
using config::JiraAuthType;

constexpr qsizetype MaxTextMessage = 300;

QString plainTextOf(const QByteArray &body)
{
    QString text = QString::fromUtf8(body).trimmed();
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                          QRegularExpression::CaseInsensitiveOption
                                              | QRegularExpression::DotMatchesEverythingOption);
    if (text.startsWith(QLatin1Char('<'))) {
        // An HTML error page: its title ("Unauthorized (401)") is the only readable part.
        const QRegularExpressionMatch m = title.match(text);
        if (!m.hasMatch())
            return {};
        text = m.captured(1).simplified();
    }
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        text = text.left(newline).trimmed();
    if (text.size() > MaxTextMessage)
        text = text.left(MaxTextMessage) + QStringLiteral("…");
    return text;
}

/** Describes the first certificate problem in words an admin can act on. */
JiraError tlsError(const JiraResponse &r, const JiraErrorContext &ctx)
{
    JiraError e;
    e.kind = Kind::Tls;
    QStringList details;
    for (const QSslError &error : r.sslErrors) {
        QString detail = error.errorString();
        if (!error.certificate().isNull()) {
            detail += QStringLiteral(" [%1]").arg(
                error.certificate().subjectInfo(QSslCertificate::CommonName).join(QLatin1String(", ")));
        }
        details.append(detail);
    }
    e.cause = details.isEmpty() ? r.networkErrorString : details.join(QLatin1String("; "));
    const QSslError::SslError first = r.sslErrors.isEmpty() ? QSslError::NoError : r.sslErrors.first().error();
    const QSslCertificate cert = r.sslErrors.isEmpty() ? QSslCertificate() : r.sslErrors.first().certificate();
    switch (first) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
        e.message = JiraError::tr("The TLS certificate of %1 is not trusted (self-signed or issued by an unknown "
                                  "certificate authority). Set ssl_ca_cert_path to the CA certificate that issued it, "
                                  "or verify_ssl = false for a test system only.")
                        .arg(ctx.host);
        break;
    case QSslError::CertificateExpired:
        e.message = JiraError::tr("The TLS certificate of %1 expired on %2. The Jira administrator must renew it.")
                        .arg(ctx.host, cert.expiryDate().toString(Qt::ISODate));
        break;
    case QSslError::CertificateNotYetValid:
        e.message = JiraError::tr("The TLS certificate of %1 is not valid before %2. Check this computer's clock.")
                        .arg(ctx.host, cert.effectiveDate().toString(Qt::ISODate));
        break;
    case QSslError::HostNameMismatch: {
        QStringList names = cert.subjectInfo(QSslCertificate::CommonName)
            + cert.subjectAlternativeNames().values(QSsl::DnsEntry);
        names.removeDuplicates();
        e.message = JiraError::tr("The TLS certificate presented by %1 is issued for another host name (%2). Use the "
                                  "host name the certificate names in server_url.")
                        .arg(ctx.host, names.join(QLatin1String(", ")));
        break;
    }
    case QSslError::CertificateRevoked:
        e.message = JiraError::tr("The TLS certificate of %1 has been revoked.").arg(ctx.host);
        break;
    case QSslError::NoError:
        e.message = JiraError::tr("The TLS handshake with %1 failed. The server may require a client certificate "
                                  "(client_cert_path, client_key_path) or speak no TLS version this computer accepts.")
                        .arg(ctx.host);
        break;
    default:
        e.message = JiraError::tr("The TLS certificate of %1 was rejected: %2").arg(ctx.host, r.sslErrors.first().errorString());
        break;
    }
    return e;
}

/** "one retry" / "3 retries": spelled out because no translator (and so no plural rule) may be loaded. */
QString retriesText(int retries)
{
    return retries == 1 ? JiraError::tr("one retry") : JiraError::tr("%1 retries").arg(retries);
}

bool mentionsExpiry(const JiraResponse &r, const QStringList &messages)
{
    static const QRegularExpression expired(QStringLiteral("expired|token_rejected|token_revoked|revoked"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (expired.match(QString::fromUtf8(r.header("WWW-Authenticate"))).hasMatch())
        return true;
    for (const QString &m : messages) {
        if (expired.match(m).hasMatch())
            return true;
    }
    return false;
}

QString oauthProblem(const JiraResponse &r)
{
    static const QRegularExpression problem(QStringLiteral("oauth_problem=\"?([A-Za-z_]+)"));
    QRegularExpressionMatch m = problem.match(QString::fromUtf8(r.body));
    if (!m.hasMatch())
        m = problem.match(QString::fromUtf8(r.header("WWW-Authenticate")));
    return m.hasMatch() ? m.captured(1) : QString();
}

JiraError unauthorized(const JiraResponse &r, const JiraErrorContext &ctx, const QStringList &messages)
{
    JiraError e;
    e.kind = Kind::Unauthorized;
    if (ctx.authType == JiraAuthType::OAuth1) {
        const QString problem = oauthProblem(r);
        e.cause = problem;
        if (problem == QLatin1String("token_expired") || problem == QLatin1String("token_rejected")
            || problem == QLatin1String("token_revoked") || problem == QLatin1String("permission_unknown")) {
            e.kind = Kind::TokenExpired;
            e.message = JiraError::tr("Jira no longer accepts the OAuth access token (%1): it expired or was revoked. "
                                      "Authorize the application link again to get a new access token.")
                            .arg(problem);
        } else if (problem == QLatin1String("signature_invalid")) {
            e.message = JiraError::tr("Jira rejected the OAuth signature: the private key does not match the public "
                                      "key of the application link, or a proxy changed the request URL.");
        } else if (problem == QLatin1String("consumer_key_unknown") || problem == QLatin1String("consumer_key_rejected")) {
            e.message = JiraError::tr("Jira does not know the OAuth consumer key. Check oauth1_consumer_key against "
                                      "the incoming authentication of the application link.");
        } else if (problem == QLatin1String("timestamp_refused")) {
            e.message = JiraError::tr("Jira refused the OAuth timestamp: this computer's clock differs too much from "
                                      "the server's. Synchronise the clock (NTP).");
        } else if (problem == QLatin1String("nonce_used")) {
            e.message = JiraError::tr("Jira saw the OAuth nonce before (a replayed request). Try again.");
        } else {
            e.message = JiraError::tr("Jira rejected the OAuth 1.0a credentials (HTTP 401). Check the consumer key, "
                                      "access token and private key.");
        }
        return e;
    }
    // Jira does not say "expired" reliably (contract §2.2), so two signals count: the answer says
    // so, or the same token worked earlier in this session. Passwords do not expire that way.
    const bool tokenAuth = ctx.authType == JiraAuthType::Token
        || (ctx.authType == JiraAuthType::Basic && ctx.flavour == Flavour::Cloud);
    if (mentionsExpiry(r, messages) || (tokenAuth && ctx.credentialsWorkedBefore)) {
        e.kind = Kind::TokenExpired;
        e.message = ctx.authType == JiraAuthType::Token
            ? JiraError::tr("The Jira personal access token has expired or was revoked. Create a new one in your Jira "
                            "profile (Personal Access Tokens) and update the configuration.")
            : JiraError::tr("The Jira API token has expired or was revoked. Create a new one at "
                            "id.atlassian.com (Security, API tokens) and update the configuration.");
        return e;
    }
    if (ctx.authType == JiraAuthType::Basic && ctx.credentialsWorkedBefore) {
        e.message = JiraError::tr("Jira no longer accepts the username and password that worked before (HTTP 401): "
                                  "the password was probably changed or the account disabled.");
        return e;
    }
    if (ctx.authType == JiraAuthType::Token) {
        e.message = JiraError::tr("Jira rejected the personal access token (HTTP 401): it is wrong, revoked or "
                                  "expired. Personal access tokens work on Jira Data Center only.");
    } else if (ctx.flavour == Flavour::Cloud) {
        e.message = JiraError::tr("Jira Cloud rejected the credentials (HTTP 401). Use your Atlassian account e-mail "
                                  "as username and an API token (not your password) as password; API tokens expire, "
                                  "so create a new one if this worked before.");
    } else {
        e.message = JiraError::tr("Jira rejected the username or password (HTTP 401). Several failed logins in a row "
                                  "make Jira demand a CAPTCHA, so check the credentials before trying again.");
    }
    return e;
}

} // namespace

JiraError JiraError::make(Kind kind, const QString &message, const QString &cause)
{
    JiraError e;
    e.kind = kind;
    e.message = message;
    e.cause = cause;
    return e;
}

QString JiraError::toString() const
{
    return toError().toString();
}

QString JiraError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Dns: return QStringLiteral("Dns");
    case Kind::ConnectionRefused: return QStringLiteral("ConnectionRefused");
    case Kind::Timeout: return QStringLiteral("Timeout");
    case Kind::Tls: return QStringLiteral("Tls");
    case Kind::Proxy: return QStringLiteral("Proxy");
    case Kind::Unauthorized: return QStringLiteral("Unauthorized");
    case Kind::TokenExpired: return QStringLiteral("TokenExpired");
    case Kind::Captcha: return QStringLiteral("Captcha");
    case Kind::Forbidden: return QStringLiteral("Forbidden");
    case Kind::NotFound: return QStringLiteral("NotFound");
    case Kind::Gone: return QStringLiteral("Gone");
    case Kind::RateLimited: return QStringLiteral("RateLimited");
    case Kind::Server: return QStringLiteral("Server");
    case Kind::BadRequest: return QStringLiteral("BadRequest");
    case Kind::BadResponse: return QStringLiteral("BadResponse");
    case Kind::Configuration: return QStringLiteral("Configuration");
    case Kind::Cancelled: return QStringLiteral("Cancelled");
    case Kind::Other: return QStringLiteral("Other");
    }
    return QStringLiteral("Other");
}

bool JiraError::isTransient() const
{
    switch (kind) {
    case Kind::Timeout:
    case Kind::RateLimited:
    case Kind::Server:
    case Kind::ConnectionRefused:
    case Kind::Other:
        return true;
    default:
        return false;
    }
}

QStringList JiraError::extractMessages(const QByteArray &body, bool json)
{
    QStringList out;
    if (body.trimmed().isEmpty())
        return out;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        for (const char *key : {"message", "errorMessage"}) {
            const QString text = o.value(QLatin1String(key)).toString();
            if (!text.isEmpty())
                out.append(text);
        }
        for (const QJsonValue &m : o.value(QLatin1String("errorMessages")).toArray()) {
            if (!m.toString().isEmpty())
                out.append(m.toString());
        }
        const QJsonObject errors = o.value(QLatin1String("errors")).toObject();
        for (auto it = errors.begin(); it != errors.end(); ++it)
            out.append(it.key() + QStringLiteral(": ") + it.value().toString());
        return out;
    }
    if (json && parseError.error != QJsonParseError::NoError)
        return {QString::fromUtf8(body.left(MaxTextMessage)).trimmed()};
    const QString text = plainTextOf(body);
    if (!text.isEmpty())
        out.append(text);
    return out;
}

JiraError JiraError::notJson(const JiraResponse &r, const JiraErrorContext &ctx)
{
    JiraError e = make(Kind::BadResponse,
                       tr("Jira's answer to %1 is not the expected JSON (HTTP %2, Content-Type '%3'). server_url may "
                          "point at a proxy or login page rather than Jira.")
                           .arg(ctx.operation)
                           .arg(r.httpStatus)
                           .arg(QString::fromLatin1(r.header("Content-Type"))));
    e.httpStatus = r.httpStatus;
    e.requestId = r.requestId();
    e.cause = plainTextOf(r.body);
    return e;
}

std::optional<JiraError> JiraError::classify(const JiraResponse &r, const JiraErrorContext &ctx)
{
    const QStringList messages = r.httpStatus > 0 ? extractMessages(r.body, r.isJson()) : QStringList();
    auto finish = [&](JiraError e) {
        e.httpStatus = r.httpStatus;
        e.jiraMessages = messages;
        e.requestId = r.requestId();
        if (e.cause.isEmpty())
            e.cause = messages.join(QLatin1String("; "));
        return std::optional<JiraError>(std::move(e));
    };

    if (r.cancelled)
        return finish(make(Kind::Cancelled, tr("The Jira request was cancelled (%1).").arg(ctx.operation)));

    // Qt's transport errors are below 200; above are HTTP-level ones (401 → 204 and so on).
    // A transport error with a status means the body broke off (e.g. the timeout hit mid-body).
    const bool transportFailure = r.networkError != QNetworkReply::NoError && int(r.networkError) < 200;
    if (r.timedOut || r.httpStatus == 0 || transportFailure) {
        switch (r.timedOut ? QNetworkReply::TimeoutError : r.networkError) {
        case QNetworkReply::HostNotFoundError:
            return finish(make(Kind::Dns,
                               tr("The Jira server %1 could not be found (DNS lookup failed). Check server_url and "
                                  "this computer's network and proxy settings.")
                                   .arg(ctx.host),
                               r.networkErrorString));
        case QNetworkReply::ConnectionRefusedError:
            return finish(make(Kind::ConnectionRefused,
                               tr("The Jira server %1 refused the connection. Check the port in server_url and that "
                                  "Jira is running.")
                                   .arg(ctx.host),
                               r.networkErrorString));
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError: // what a transfer timeout looks like in Qt 6.4
            return finish(make(Kind::Timeout,
                               tr("Jira did not answer within %1 seconds (%2). The server may be overloaded or "
                                  "unreachable; raise 'timeout' if it is merely slow.")
                                   .arg(ctx.timeoutSeconds)
                                   .arg(ctx.operation),
                               r.networkErrorString));
        case QNetworkReply::SslHandshakeFailedError:
            return finish(tlsError(r, ctx));
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::ProxyAuthenticationRequiredError:
            // Jira itself was never reached: saying "Jira refused" would send the admin the wrong way.
            return finish(make(Kind::Proxy,
                               tr("The proxy this computer uses to reach %1 failed, so Jira was never asked (%2).")
                                   .arg(ctx.host, ctx.operation),
                               r.networkErrorString));
        case QNetworkReply::NoError:
            return finish(make(Kind::BadResponse, tr("Jira sent no HTTP response (%1).").arg(ctx.operation)));
        default:
            if (!r.sslErrors.isEmpty())
                return finish(tlsError(r, ctx));
            return finish(make(Kind::Other,
                               tr("The connection to the Jira server %1 failed (%2).").arg(ctx.host, ctx.operation),
                               r.networkErrorString));
        }
    }

    const int s = r.httpStatus;
    const QByteArray loginReason = r.header("X-Seraph-LoginReason").toUpper();
    const QByteArray deniedReason = r.header("X-Authentication-Denied-Reason");
    if (deniedReason.toUpper().contains("CAPTCHA")
        || (loginReason.contains("AUTHENTICATION_DENIED") && (s == 403 || s == 401 || (s >= 200 && s < 300)))) {
        static const QRegularExpression loginUrl(QStringLiteral("login-url=([^;\\s]+)"));
        const QRegularExpressionMatch m = loginUrl.match(QString::fromLatin1(deniedReason));
        const QString where = m.hasMatch() ? m.captured(1) : tr("the Jira web page");
        JiraError e = make(Kind::Captcha,
                           tr("Jira demands a CAPTCHA after too many failed logins, so it refuses the REST login "
                              "without checking the password. Log in once in a web browser at %1 to clear it, and "
                              "check the credentials first.")
                               .arg(where),
                           QString::fromLatin1(deniedReason.isEmpty() ? loginReason : deniedReason));
        return finish(std::move(e));
    }

    if (s >= 200 && s < 300) {
        if (loginReason.contains("AUTHENTICATED_FAILED") && !ctx.anonymousOk) {
            // The anonymous-fallback trap: Jira ignored the credentials and answered as anonymous.
            JiraError e = unauthorized(r, ctx, messages);
            e.cause = QStringLiteral("HTTP %1 with X-Seraph-LoginReason: AUTHENTICATED_FAILED").arg(s);
            return finish(std::move(e));
        }
        return std::nullopt;
    }

    if (s >= 300 && s < 400) {
        const QString location = QString::fromUtf8(r.header("Location"));
        return finish(make(Kind::BadResponse,
                           tr("Jira answered with a redirect (HTTP %1) to %2. Check server_url (http or https, the "
                              "context path such as /jira) or whether a single sign-on proxy is in the way.")
                               .arg(s)
                               .arg(location.isEmpty() ? tr("an unknown location") : location)));
    }

    switch (s) {
    case 400:
    case 409:
    case 413:
    case 422: {
        QString what;
        if (s == 409)
            what = tr("Jira rejected the request because of a conflicting update (HTTP 409).");
        else if (s == 413)
            what = tr("Jira rejected the request as too large (HTTP 413): an attachment exceeds the size or count "
                      "limit.");
        else if (s == 422)
            what = tr("Jira could not process the request because of its configuration (HTTP 422).");
        else
            what = tr("Jira rejected the request (HTTP 400, %1).").arg(ctx.operation);
        return finish(make(Kind::BadRequest, what));
    }
    case 401:
        return finish(unauthorized(r, ctx, messages));
    case 403: {
        if (r.body.toLower().contains("xsrf check failed")) {
            return finish(make(Kind::Forbidden,
                               tr("Jira blocked the request as cross-site request forgery (XSRF check failed). A "
                                  "proxy may strip the X-Atlassian-Token header.")));
        }
        return finish(make(Kind::Forbidden,
                           tr("Jira refused %1 (HTTP 403): the account is signed in but lacks the permission for it. "
                              "Ask a Jira administrator to grant it in the project's permission scheme.")
                               .arg(ctx.operation)));
    }
    case 404:
        return finish(make(Kind::NotFound,
                           r.isJson() ? tr("Jira could not find what %1 asked for (HTTP 404): it does not exist or "
                                           "this account may not see it.")
                                            .arg(ctx.operation)
                                      : tr("The address does not lead to the Jira REST API (HTTP 404, %1). Check "
                                           "server_url, including a context path such as /jira.")
                                            .arg(ctx.operation)));
    case 410:
        return finish(make(Kind::Gone, tr("Jira has removed this REST API (HTTP 410, %1). This client version uses an "
                                          "endpoint Atlassian retired; please report it.")
                                           .arg(ctx.operation)));
    case 429: {
        const QByteArray retryAfter = r.header("Retry-After");
        const QString wait = retryAfter.isEmpty() ? QString() : tr(" Jira asked to wait %1 s.").arg(QString::fromLatin1(retryAfter));
        if (!ctx.idempotent) {
            return finish(make(Kind::RateLimited,
                               tr("Jira is rate-limiting requests (HTTP 429). %1 was not repeated automatically "
                                  "because repeating it could do the change twice; try again in a moment.%2")
                                   .arg(ctx.operation, wait)));
        }
        return finish(make(Kind::RateLimited,
                           tr("Jira is rate-limiting requests (HTTP 429) and still was after %1. Wait a moment and "
                              "try again.")
                                   .arg(retriesText(r.retries))
                               + wait));
    }
    default:
        break;
    }
    if (s >= 500) {
        if (s == 503 && r.retries > 0)
            return finish(make(Kind::Server, tr("Jira is unavailable (HTTP 503) and still was after %1.")
                                                 .arg(retriesText(r.retries))));
        return finish(make(Kind::Server, tr("Jira reported a server error (HTTP %1, %2). This is a problem on the "
                                            "Jira side; try again later or ask its administrator.")
                                             .arg(s)
                                             .arg(ctx.operation)));
    }
    return finish(make(Kind::Other, tr("Jira answered %1 with HTTP %2.").arg(ctx.operation).arg(s)));
}

} // namespace tbds::jira
