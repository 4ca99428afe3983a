// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

#include <chrono>

namespace tbds::service::http {

/**
 * Resource limits of the HTTP transport. Every limit has a definite answer on the wire, so a
 * misbehaving or hostile client costs bounded memory and time:
 *
 * | limit | exceeded ⇒ |
 * |---|---|
 * | maxBodyBytes | 413, decided from Content-Length before the body is read (no 100 Continue), or as a chunked body
 * streams; then close | | maxHeaderBytes | 431 and close (field names + values + 4 bytes per line) | | maxHeaderCount |
 * 431 and close (many tiny fields cost far more memory than their bytes) | | maxUrlBytes | 414 and close | |
 * headerTimeout | 408 and close when a request has started but its header section is incomplete; a connection that
 * never sent a byte is closed silently | | bodyTimeout | 408 and close when a body does not arrive completely in time |
 * | keepAliveTimeout | idle persistent connection closed silently |
 * | maxConnections | the extra connection is accepted, answered 503 with `Connection: close` and closed |
 * | maxPipelinedRequests | the connection stops reading (TCP back-pressure) until answers drain |
 * | tlsHandshakeTimeout | handshake aborted (QSslServer::setHandshakeTimeout) |
 * | lingerTimeout | after a closing response the write side is shut down and input is discarded this long, so the
 * client reads the answer instead of a TCP reset |
 */
struct HttpLimits
{
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    /// http-parser itself stops at 80 KiB for request line + headers (then 431 as well).
    qsizetype maxHeaderBytes = 64 * 1024;
    int maxHeaderCount = 200;
    qsizetype maxUrlBytes = 8 * 1024;
    std::chrono::milliseconds headerTimeout { 15000 };
    std::chrono::milliseconds bodyTimeout { 60000 };
    std::chrono::milliseconds keepAliveTimeout { 5000 };
    std::chrono::milliseconds tlsHandshakeTimeout { 10000 };
    std::chrono::milliseconds lingerTimeout { 2000 };
    int maxConnections = 256;
    int maxPipelinedRequests = 16;
};

} // namespace tbds::service::http
