// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/httpserver.h"

#include "core/common/logging.h"
#include "core/service/http/httpconnection.h"

#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

namespace tbds::service::http {

namespace {

QString peerOf(const QAbstractSocket *socket)
{
    return ProxyResolver::canonicalPeer(socket->peerAddress()).toString() + QLatin1Char(':')
        + QString::number(socket->peerPort());
}

} // namespace

HttpServer::HttpServer(QObject *parent) : QObject(parent), m_context(std::make_shared<ConnectionContext>())
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        qCInfo(lcHttp) << "shutdown deadline reached;" << m_connections.size() << "connection(s) closed hard";
        const QList<HttpConnection *> all = m_connections + m_rejected;
        for (HttpConnection *c : all) {
            c->disconnect(this);
            c->abort();
        }
        m_connections.clear();
        m_rejected.clear();
        Q_EMIT connectionCountChanged(0);
        finishShutdown();
    });
}

HttpServer::~HttpServer()
{
    // Connections are children; delete them now, without their closed() reaching a
    // half-destroyed server. Their responders see the QPointer go null.
    const QList<HttpConnection *> all = m_connections + m_rejected;
    m_connections.clear();
    m_rejected.clear();
    for (HttpConnection *c : all) {
        c->disconnect(this);
        delete c;
    }
    if (m_listener)
        m_listener->close();
}

void HttpServer::setHandler(HttpHandler handler)
{
    m_context->handler = std::move(handler);
}

void HttpServer::setLimits(const HttpLimits &limits)
{
    m_context->limits = limits;
    if (auto *ssl = qobject_cast<QSslServer *>(m_listener.data()))
        ssl->setHandshakeTimeout(int(limits.tlsHandshakeTimeout.count()));
}

HttpLimits HttpServer::limits() const
{
    return m_context->limits;
}

void HttpServer::setProxyConfig(const ProxyConfig &config)
{
    m_context->proxy = ProxyResolver(config);
}

ProxyConfig HttpServer::proxyConfig() const
{
    return m_context->proxy.config();
}

Result<void> HttpServer::listen(const QHostAddress &address, quint16 port, std::optional<QSslConfiguration> tls)
{
    const QString where = address.toString() + QLatin1Char(':') + QString::number(port);
    if (isListening())
        return Error { tr("The HTTP server is already listening"), where };

    QTcpServer *listener = nullptr;
    if (tls) {
        if (!QSslSocket::supportsSsl())
            return Error { tr("HTTPS is not available"), tr("Qt has no usable TLS backend (OpenSSL missing?)") };
        if (tls->localCertificate().isNull())
            return Error { tr("HTTPS needs a server certificate"), tr("no certificate configured") };
        if (tls->privateKey().isNull())
            return Error { tr("HTTPS needs the private key of the server certificate"), tr("no key configured") };
        // DMProxy speaks HTTP/1.1 only; say so in ALPN like the reference service.
        tls->setAllowedNextProtocols({ QSslConfiguration::NextProtocolHttp1_1 });
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*tls);
        ssl->setHandshakeTimeout(int(m_context->limits.tlsHandshakeTimeout.count()));
        listener = ssl;
    } else {
        listener = new QTcpServer(this);
    }
    if (!listener->listen(address, port)) {
        const QString cause = listener->errorString();
        delete listener;
        return Error { tr("Cannot listen on %1").arg(where), cause };
    }
    m_listener = listener;
    m_secure = tls.has_value();
    m_shuttingDown = false;
    m_drainedEmitted = false;
    connect(listener, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::onPendingConnections);
    if (m_secure)
        connectTlsSignals();
    qCInfo(lcHttp).noquote() << "listening on"
                             << (listener->serverAddress().toString() + QLatin1Char(':')
                                 + QString::number(listener->serverPort()))
                             << (m_secure ? "(HTTPS)" : "(HTTP)");
    return {};
}

void HttpServer::connectTlsSignals()
{
    auto *ssl = qobject_cast<QSslServer *>(m_listener.data());
    if (!ssl)
        return;
    connect(ssl, &QSslServer::sslErrors, this, [this](QSslSocket *socket, const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts.append(e.errorString());
        const QString peer = peerOf(socket);
        const QString message = texts.join(QStringLiteral("; "));
        qCWarning(lcHttp).noquote() << "TLS error from" << peer << ':' << message;
        Q_EMIT tlsError(peer, message);
    });
    connect(ssl, &QSslServer::errorOccurred, this, [this](QSslSocket *socket, QAbstractSocket::SocketError) {
        const QString peer = peerOf(socket);
        const QString message = socket->errorString();
        qCWarning(lcHttp).noquote() << "TLS handshake with" << peer << "failed:" << message;
        Q_EMIT tlsError(peer, message);
    });
}

bool HttpServer::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QHostAddress HttpServer::serverAddress() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

void HttpServer::close()
{
    if (!m_listener)
        return;
    m_listener->close();
    // The listener is replaced on the next listen(); sockets in a TLS handshake die with it.
    m_listener->deleteLater();
    m_listener = nullptr;
}

void HttpServer::onPendingConnections()
{
    QTcpServer *listener = m_listener.data();
    if (!listener)
        return;
    while (listener->hasPendingConnections()) {
        QTcpSocket *socket = listener->nextPendingConnection();
        if (!socket)
            break;
        auto *connection = new HttpConnection(socket, ++m_nextConnectionId, m_context, this);
        connect(connection, &HttpConnection::closed, this, &HttpServer::onConnectionClosed);
        if (m_shuttingDown || m_connections.size() >= qMax(1, m_context->limits.maxConnections)) {
            const QString peer = connection->peerText();
            qCWarning(lcHttp).noquote() << "refusing connection from" << peer << "(limit of"
                                        << m_context->limits.maxConnections << "connections)";
            m_rejected.append(connection);
            Q_EMIT connectionRejected(peer);
            connection->reject(HttpResponse::error(503,
                                                   m_shuttingDown ? QStringLiteral("The service is shutting down.")
                                                                  : QStringLiteral("Too many connections.")));
            continue;
        }
        m_connections.append(connection);
        connection->start();
        Q_EMIT connectionCountChanged(int(m_connections.size()));
    }
}

void HttpServer::onConnectionClosed(HttpConnection *connection)
{
    if (m_rejected.removeOne(connection)) {
        // not counted
    } else if (m_connections.removeOne(connection)) {
        Q_EMIT connectionCountChanged(int(m_connections.size()));
    }
    if (m_shuttingDown && m_connections.isEmpty() && m_rejected.isEmpty())
        finishShutdown();
}

void HttpServer::shutdown(std::chrono::milliseconds deadline)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_drainedEmitted = false;
    close();
    qCInfo(lcHttp) << "shutting down," << m_connections.size() << "connection(s) open";
    m_deadline.start(deadline);
    // Copy: drain() may close a connection synchronously and change the lists.
    const QList<QPointer<HttpConnection>> all = [this] {
        QList<QPointer<HttpConnection>> list;
        for (HttpConnection *c : m_connections + m_rejected)
            list.append(c);
        return list;
    }();
    for (const QPointer<HttpConnection> &c : all) {
        if (c)
            c->drain();
    }
    if (m_connections.isEmpty() && m_rejected.isEmpty())
        finishShutdown();
}

void HttpServer::finishShutdown()
{
    if (m_drainedEmitted)
        return;
    m_drainedEmitted = true;
    m_deadline.stop();
    // Queued: callers connect to drained() after calling shutdown().
    QMetaObject::invokeMethod(
        this, [this] { Q_EMIT drained(); }, Qt::QueuedConnection);
}

} // namespace tbds::service::http
