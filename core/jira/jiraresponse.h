// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QSslError>
#include <QString>

#include <utility>

namespace tbds::jira {

/**
 * What one HTTP exchange produced, copied out of the QNetworkReply so that classification and
 * parsing are pure functions (unit-testable without sockets) and the reply can be deleted early.
 */
struct JiraResponse
{
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorString;
    int httpStatus = 0; ///< 0 when no HTTP response arrived
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QSslError> sslErrors;
    bool timedOut = false;  ///< our transfer timeout fired
    bool cancelled = false; ///< the caller aborted
    int retries = 0;        ///< how many times the request was sent again (429/503)

    /** First value of a header, compared case-insensitively; null when absent. */
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    /** `X-AREQUESTID`, else `ATL-TraceId`: the ids Atlassian support asks for. */
    [[nodiscard]] QString requestId() const;
    [[nodiscard]] bool isHttpSuccess() const { return httpStatus >= 200 && httpStatus < 300; }
    /** True when the Content-Type says JSON (Jira error pages are often HTML or plain text). */
    [[nodiscard]] bool isJson() const;
};

} // namespace tbds::jira
