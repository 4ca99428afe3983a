// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace tbds::service {

/** One answered request, for the access log and the GUI's request log. Never holds secrets. */
struct RequestLogEntry
{
    QDateTime time; // UTC, when the request arrived
    QString peer;   // client address (after trusted-proxy resolution)
    QString method;
    QString path; // raw path without the query (queries may carry tokens)
    int status = 0;
    qint64 bytes = 0;      // response body size
    double durationMs = 0; // arrival to answer
    QString user;          // authenticated user, empty otherwise
};

} // namespace tbds::service

Q_DECLARE_METATYPE(tbds::service::RequestLogEntry)
