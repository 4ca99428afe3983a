// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/service/http/httplimits.h"
#include "core/service/http/httpresponder.h"
#include "core/service/http/proxyresolver.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

class QTcpServer;

namespace tbds::service::http {

class HttpConnection;
struct ConnectionContext;

/**
 * The engine's HTTP/1.1 server (plain or TLS, optionally mutual TLS).
 *
 * Single-threaded: everything runs on the event loop of the thread that owns the object,
 * without nested event loops. Every complete request is passed to the handler together with
 * an HttpResponder, which may answer at once or later; answers on one connection go out in
 * request order. Limits and their answers: see HttpLimits.
 *
 * Connections over HttpLimits::maxConnections are accepted, answered
 * `503 Service Unavailable` with `Connection: close`, and closed (a client then sees a clear
 * answer instead of a hanging connect). With TLS that answer follows the handshake, so TLS
 * handshakes in progress are bounded by the handshake timeout rather than by the cap.
 */
class HttpServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    /** Replaces the request handler; requests parsed afterwards use the new one. */
    void setHandler(HttpHandler handler);
    /** New limits apply to new connections and to every timer armed from now on. */
    void setLimits(const HttpLimits &limits);
    [[nodiscard]] HttpLimits limits() const;
    void setProxyConfig(const ProxyConfig &config);
    [[nodiscard]] ProxyConfig proxyConfig() const;

    /**
     * Starts listening. Port 0 picks a free port (see serverPort()). With `tls`, which must
     * hold a local certificate and private key, connections are TLS only; set
     * `peerVerifyMode(VerifyPeer)` and CA certificates there for mutual TLS.
     */
    [[nodiscard]] Result<void> listen(const QHostAddress &address, quint16 port,
                                      std::optional<QSslConfiguration> tls = {});
    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 serverPort() const;
    [[nodiscard]] QHostAddress serverAddress() const;
    [[nodiscard]] bool isSecure() const { return m_secure; }

    /** Stops accepting new connections; existing ones carry on. */
    void close();
    /**
     * Graceful stop: stop accepting, close idle connections, let requests already received
     * be answered (their answers carry `Connection: close`), then emit drained(). Whatever is
     * still open at `deadline` is closed hard and drained() follows. drained() is always
     * emitted asynchronously, exactly once per shutdown().
     */
    void shutdown(std::chrono::milliseconds deadline);
    [[nodiscard]] bool isShuttingDown() const { return m_shuttingDown; }

    /** Admitted connections currently open (those answered 503 are not counted). */
    [[nodiscard]] int connectionCount() const { return int(m_connections.size()); }

Q_SIGNALS:
    void drained();
    void connectionCountChanged(int count);
    /** A connection was refused because of maxConnections. */
    void connectionRejected(const QString &peer);
    /** TLS handshake or certificate problem; text for logs (never key material). */
    void tlsError(const QString &peer, const QString &message);

private:
    void onPendingConnections();
    void onConnectionClosed(HttpConnection *connection);
    void finishShutdown();
    void connectTlsSignals();

    std::shared_ptr<ConnectionContext> m_context;
    QPointer<QTcpServer> m_listener;
    bool m_secure = false;
    QList<HttpConnection *> m_connections; // admitted
    QList<HttpConnection *> m_rejected; // being answered 503
    quint64 m_nextConnectionId = 0;
    bool m_shuttingDown = false;
    bool m_drainedEmitted = false;
    QTimer m_deadline;
};

} // namespace tbds::service::http
