// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/http/httpheaders.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QSslCertificate>
#include <QString>

namespace tbds::service::http {

/**
 * One complete HTTP/1.x request as the transport received it.
 *
 * A plain value type with public members, so routers and their tests can build requests
 * without a socket. Everything is kept raw (path still percent-encoded, query undecoded)
 * because decoding is a routing decision: `%2F` inside a project name must not turn into a
 * path separator before the router has split the path.
 */
struct HttpRequest
{
    QByteArray method; ///< as sent, e.g. "GET" (http-parser only accepts known methods)
    QByteArray target; ///< raw request-target, e.g. "/projects/A%20B/defects?x=1"
    QByteArray path; ///< raw path of the target, still percent-encoded
    QByteArray query; ///< raw query without the '?', still percent-encoded
    HttpHeaders headers; ///< case-insensitive lookup, repeated fields kept
    QByteArray body; ///< de-chunked body bytes
    int httpMajor = 1;
    int httpMinor = 1;

    QHostAddress peerAddress; ///< socket peer (IPv4-mapped IPv6 turned into IPv4)
    quint16 peerPort = 0;
    /**
     * The client as the proxy configuration lets us believe it (see ProxyResolver): a
     * forwarded address when trusted proxies say so, otherwise the socket peer.
     */
    QString clientAddress;
    bool secure = false; ///< arrived over TLS
    /// client certificate (mTLS), null otherwise. Explicit initialiser: the default constructor
    /// of QSslCertificate is explicit, which would make `HttpRequest{}` ill-formed.
    QSslCertificate peerCertificate = QSslCertificate();

    quint64 connectionId = 0; ///< unique per server instance
    quint64 sequence = 0; ///< 1-based index of this request on its connection
    QDateTime receivedAt; ///< UTC time the first byte of the request was parsed

    [[nodiscard]] QByteArray header(QByteArrayView name) const { return headers.value(name); }
    [[nodiscard]] bool isHead() const { return method == QByteArrayLiteral("HEAD"); }
    /** "HTTP/1.1" or "HTTP/1.0". */
    [[nodiscard]] QByteArray httpVersion() const
    {
        return QByteArrayLiteral("HTTP/") + QByteArray::number(httpMajor) + '.' + QByteArray::number(httpMinor);
    }
};

} // namespace tbds::service::http
