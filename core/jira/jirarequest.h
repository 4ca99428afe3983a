// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace tbds::jira {

/**
 * One logical HTTP request to Jira, kept as plain data so it can be sent again on a retry and
 * signed again for OAuth 1.0a (every attempt needs a fresh nonce and timestamp).
 */
struct JiraRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QByteArray body;
    QByteArray contentType; ///< empty when there is no body
    /** May the client send it again after 429/503? Defaults to the HTTP method's semantics. */
    bool idempotent = true;
    /**
     * serverInfo is anonymous: a 200 carrying `X-Seraph-LoginReason: AUTHENTICATED_FAILED` is
     * still a usable answer there, while everywhere else it means "Jira ignored your credentials".
     */
    bool anonymousOk = false;
    /** Short name for logs and error messages, e.g. "GET myself". */
    QString operation;
};

} // namespace tbds::jira
