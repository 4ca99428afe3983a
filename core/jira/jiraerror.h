// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/serviceconfig.h"
#include "core/jira/serverinfo.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace tbds::jira {

struct JiraResponse;

/** What the classifier needs to know about the request besides its response. */
struct JiraErrorContext
{
    QString operation; ///< "GET myself", shown in messages
    QString host;      ///< server host, shown in DNS/refused messages
    config::JiraAuthType authType = config::JiraAuthType::Basic;
    Flavour flavour = Flavour::Unknown;
    int timeoutSeconds = 30;
    bool idempotent = true;
    bool anonymousOk = false; ///< 200 + AUTHENTICATED_FAILED is acceptable (serverInfo)
    /** These credentials were accepted earlier, so a 401 now means "expired or revoked". */
    bool credentialsWorkedBefore = false;
};

/**
 * A failed Jira call, typed so callers can react (re-enter credentials, retry later, fix the URL)
 * and worded so an administrator can act on `message` alone. `cause` holds the technical detail
 * (Qt's error text, the TLS problem, Jira's own messages) and `requestId` the X-AREQUESTID that
 * Atlassian support asks for.
 */
struct JiraError
{
    Q_DECLARE_TR_FUNCTIONS(JiraError)

public:
    enum class Kind {
        Dns,               ///< host name did not resolve
        ConnectionRefused, ///< nothing listens on that port
        Timeout,           ///< no data within `timeout` seconds
        Tls,               ///< handshake or certificate problem
        Proxy,             ///< the HTTP(S) proxy in between refused, was not found, timed out or wants credentials
        Unauthorized,      ///< 401 (or 200 with AUTHENTICATED_FAILED): wrong credentials
        TokenExpired,      ///< 401 saying the token/PAT/OAuth token expired or was revoked
        Captcha,           ///< 403 CAPTCHA_CHALLENGE: log in once in a browser
        Forbidden,         ///< 403: authenticated but not permitted (or XSRF)
        NotFound,          ///< 404: missing or not visible to this account
        Gone,              ///< 410: API removed (old Cloud /search)
        RateLimited,       ///< 429 after the retries allowed
        Server,            ///< 5xx
        BadRequest,        ///< 400/409/413/422: Jira rejected the content (JQL, fields)
        BadResponse,       ///< not JSON, redirect, unexpected shape
        Configuration,     ///< client configuration unusable (missing secret, bad key or CA file)
        Cancelled,         ///< the caller aborted
        Other,             ///< any other transport failure
    };

    Kind kind = Kind::Other;
    int httpStatus = 0;
    QString message;
    QString cause;
    QStringList jiraMessages;
    QString requestId;

    [[nodiscard]] static JiraError make(Kind kind, const QString &message, const QString &cause = {});
    /** "message: cause" (the shape of tbds::Error::toString). */
    [[nodiscard]] QString toString() const;
    [[nodiscard]] Error toError() const { return Error{message, cause}; }
    /** Stable English name of the kind, for logs and tests ("RateLimited"). */
    [[nodiscard]] static QString kindName(Kind kind);
    /** True for kinds that a later retry by the user may fix without changing the config. */
    [[nodiscard]] bool isTransient() const;

    /**
     * Decides whether a response is a failure and which. Returns nothing for a usable 2xx.
     * Pure: everything it looks at is in the arguments.
     */
    [[nodiscard]] static std::optional<JiraError> classify(const JiraResponse &response,
                                                           const JiraErrorContext &context);
    /** A 2xx whose body is not the JSON the operation expects. */
    [[nodiscard]] static JiraError notJson(const JiraResponse &response, const JiraErrorContext &context);
    /**
     * Jira's own messages from an error body, in pycontribs' order: `message`, `errorMessage`,
     * `errorMessages[]`, `errors{}` ("field: text"); for non-JSON bodies the HTML title or the
     * first line of text.
     */
    [[nodiscard]] static QStringList extractMessages(const QByteArray &body, bool json);
};

} // namespace tbds::jira

Q_DECLARE_METATYPE(tbds::jira::JiraError)
