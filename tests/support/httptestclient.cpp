// SPDX-License-Identifier: Apache-2.0
#include "tests/support/httptestclient.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTest>

namespace tbds::test {

namespace {

bool nameEquals(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

QByteArray RawHttpResponse::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (nameEquals(n, name))
            return v;
    }
    return {};
}

bool RawHttpResponse::hasHeader(QByteArrayView name) const
{
    return headerCount(name) > 0;
}

int RawHttpResponse::headerCount(QByteArrayView name) const
{
    int count = 0;
    for (const auto &entry : headers) {
        if (nameEquals(entry.first, name))
            ++count;
    }
    return count;
}

HttpTestClient::HttpTestClient() = default;

HttpTestClient::~HttpTestClient()
{
    close();
}

void HttpTestClient::attach()
{
    m_socket = std::make_unique<QSslSocket>();
    m_buffer.clear();
    m_disconnected = false;
    m_encrypted = false;
    m_failed = false;
    QSslSocket *s = m_socket.get();
    QObject::connect(s, &QIODevice::readyRead, s, [this, s] { m_buffer += s->readAll(); });
    QObject::connect(s, &QAbstractSocket::disconnected, s, [this, s] {
        m_buffer += s->readAll();
        m_disconnected = true;
    });
    QObject::connect(s, &QAbstractSocket::errorOccurred, s, [this, s](QAbstractSocket::SocketError) {
        m_failed = true;
        m_buffer += s->readAll();
        if (s->state() == QAbstractSocket::UnconnectedState)
            m_disconnected = true;
    });
    QObject::connect(s, &QSslSocket::encrypted, s, [this] { m_encrypted = true; });
}

bool HttpTestClient::connectTo(quint16 port, int timeoutMs)
{
    attach();
    m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    return QTest::qWaitFor([this] { return m_socket->state() == QAbstractSocket::ConnectedState || m_failed; },
                           timeoutMs)
        && !m_failed;
}

bool HttpTestClient::connectEncrypted(quint16 port, const QSslConfiguration &config, const QString &peerName,
                                      int timeoutMs)
{
    attach();
    m_socket->setSslConfiguration(config);
    m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, peerName);
    return QTest::qWaitFor([this] { return m_encrypted || m_failed || m_disconnected; }, timeoutMs) && m_encrypted
        && !m_failed;
}

bool HttpTestClient::send(const QByteArray &bytes)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    return m_socket->write(bytes) == bytes.size();
}

std::optional<RawHttpResponse> HttpTestClient::readResponse(int timeoutMs, bool headRequest)
{
    if (!m_socket)
        return std::nullopt;
    QDeadlineTimer deadline(timeoutMs);
    const auto waitUntil = [&](auto &&condition) {
        while (!condition()) {
            if (deadline.hasExpired() || m_disconnected)
                return condition();
            QTest::qWait(5);
        }
        return true;
    };

    if (!waitUntil([this] { return m_buffer.contains("\r\n\r\n"); }))
        return std::nullopt;
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    RawHttpResponse response;
    const QByteArray statusLine = lines.first().trimmed();
    const qsizetype sp1 = statusLine.indexOf(' ');
    const qsizetype sp2 = statusLine.indexOf(' ', sp1 + 1);
    response.version = statusLine.left(sp1);
    response.status = statusLine.mid(sp1 + 1, sp2 < 0 ? -1 : sp2 - sp1 - 1).toInt();
    response.reason = sp2 < 0 ? QByteArray() : statusLine.mid(sp2 + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
    }
    const qsizetype bodyStart = headerEnd + 4;

    const bool noBody = headRequest || response.status / 100 == 1 || response.status == 204 || response.status == 304;
    if (noBody) {
        m_buffer.remove(0, bodyStart);
        return response;
    }
    if (response.hasHeader("content-length")) {
        const qsizetype length = response.header("content-length").toLongLong();
        if (!waitUntil([&] { return m_buffer.size() - bodyStart >= length; }))
            return std::nullopt;
        response.body = m_buffer.mid(bodyStart, length);
        m_buffer.remove(0, bodyStart + length);
        return response;
    }
    // No length: the body ends when the server closes.
    waitUntil([this] { return m_disconnected; });
    if (!m_disconnected)
        return std::nullopt;
    response.body = m_buffer.mid(bodyStart);
    m_buffer.clear();
    return response;
}

bool HttpTestClient::waitForDisconnected(int timeoutMs)
{
    return m_socket && QTest::qWaitFor([this] { return m_disconnected; }, timeoutMs);
}

QByteArray HttpTestClient::collect(int ms)
{
    QTest::qWait(ms);
    return m_buffer;
}

void HttpTestClient::close()
{
    if (m_socket) {
        m_socket->disconnect();
        m_socket->abort();
        m_socket.reset();
    }
}

QString HttpTestClient::errorString() const
{
    return m_socket ? m_socket->errorString() : QString();
}

} // namespace tbds::test
