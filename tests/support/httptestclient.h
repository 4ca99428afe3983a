// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

class QSslSocket;

namespace tbds::test {

/** One HTTP response as it came over the wire. */
struct RawHttpResponse
{
    QByteArray version; ///< "HTTP/1.1"
    int status = 0;
    QByteArray reason;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    /** First value of a header (case-insensitive name), null if absent. */
    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] bool hasHeader(QByteArrayView name) const;
    [[nodiscard]] int headerCount(QByteArrayView name) const;
};

/**
 * A raw-socket HTTP/1.x client for transport tests: it sends exactly the bytes a test gives it
 * and parses responses by hand, so malformed, pipelined, slow or half-sent requests can be
 * produced. Waiting spins the event loop (QTest::qWaitFor), so a server on the same thread
 * keeps running; that is only acceptable in tests.
 */
class HttpTestClient
{
public:
    HttpTestClient();
    ~HttpTestClient();
    HttpTestClient(const HttpTestClient &) = delete;
    HttpTestClient &operator=(const HttpTestClient &) = delete;

    /** Plain TCP connect to 127.0.0.1:port. */
    bool connectTo(quint16 port, int timeoutMs = 5000);
    /**
     * TLS connect to 127.0.0.1:port verifying the server as `peerName`. True once the client
     * finished its handshake (with TLS 1.3 the server may still reject a client certificate
     * afterwards; see waitForDisconnected()).
     */
    bool connectEncrypted(quint16 port, const QSslConfiguration &config,
                          const QString &peerName = QStringLiteral("localhost"), int timeoutMs = 5000);

    /** Writes raw bytes; returns false when the socket is not connected. */
    bool send(const QByteArray &bytes);
    /**
     * Waits for one complete response (interim 1xx responses are returned on their own).
     * `headRequest`: the response has no body whatever its Content-Length says.
     * Responses without Content-Length are read until the server closes.
     */
    [[nodiscard]] std::optional<RawHttpResponse> readResponse(int timeoutMs = 5000, bool headRequest = false);
    /** True once the server closed the connection (or it broke). */
    bool waitForDisconnected(int timeoutMs = 5000);
    [[nodiscard]] bool isDisconnected() const { return m_disconnected; }
    /** Received bytes not consumed by readResponse() yet. */
    [[nodiscard]] QByteArray pending() const { return m_buffer; }
    /** Spins the event loop for `ms` and returns what arrived meanwhile (not consumed). */
    QByteArray collect(int ms);
    void close();
    [[nodiscard]] QString errorString() const;
    [[nodiscard]] QSslSocket *socket() const { return m_socket.get(); }

private:
    void attach();

    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    bool m_disconnected = false;
    bool m_encrypted = false;
    bool m_failed = false;
};

} // namespace tbds::test
