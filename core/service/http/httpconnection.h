// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/http/httplimits.h"
#include "core/service/http/httprequest.h"
#include "core/service/http/httpresponder.h"
#include "core/service/http/httpresponse.h"
#include "core/service/http/proxyresolver.h"

#include <QObject>
#include <QTimer>

#include <deque>
#include <http_parser.h>
#include <memory>

class QTcpSocket;
class QSslSocket;

namespace tbds::service::http {

/** Settings the server shares with its connections; the server may change them at any time. */
struct ConnectionContext
{
    HttpLimits limits;
    ProxyResolver proxy;
    HttpHandler handler;
};

/**
 * One accepted client connection: parses requests with http-parser, hands them to the
 * handler, and writes the answers back strictly in request order.
 *
 * Internal to HttpServer. Lifetime: the connection deletes itself (deleteLater) after it
 * emitted closed(); responders only hold QPointers to it.
 *
 * Every request gets a response slot when its header section is complete. Slots are written
 * from the front only, so a pipelined request answered early waits for its predecessors.
 * The connection stops parsing when too many slots are open (TCP back-pressure), after a
 * request that ends the connection, and after an error.
 */
class HttpConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    HttpConnection(QTcpSocket *socket, quint64 id, std::shared_ptr<const ConnectionContext> context,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    /** Starts reading and the timer for the first request. */
    void start();
    /** Answers `response` without reading anything (over the connection cap), then closes. */
    void reject(const HttpResponse &response);
    /** Graceful shutdown: requests already received are answered, then the connection closes. */
    void drain();
    /** Closes at once (RST if data is pending). */
    void abort();

    [[nodiscard]] quint64 id() const { return m_id; }
    [[nodiscard]] QString peerText() const;

    // For HttpResponder.
    [[nodiscard]] bool isWaitingFor(quint64 slot) const;
    bool deliver(quint64 slot, HttpResponse response);
    /** The connection closes without an answer once `slot` reaches the front of the queue. */
    bool abortAt(quint64 slot);

Q_SIGNALS:
    void closed(tbds::service::http::HttpConnection *connection);

private:
    enum class Phase { Open, Closing, Lingering, Finished };
    enum class TimerKind { None, Header, Body, KeepAlive, Close };

    struct Slot
    {
        quint64 id = 0;
        bool isHead = false;
        bool keepAlive = true;
        bool http10 = false;
        bool dispatched = false;
        bool ready = false;
        bool closeAfter = false;
        bool wantsContinue = false;
        bool abort = false; ///< ready, but instead of an answer the connection closes
        HttpResponse response;

        /** Whether the answer carries its body: never for HEAD, 204 and 304 (an invalid status goes out as 500). */
        [[nodiscard]] bool sendsBody() const
        {
            const int s = response.status();
            return !isHead && (s < 200 || s > 999 || (s != 204 && s != 304));
        }
    };

    // http-parser callbacks (C ABI trampolines call these).
    int onMessageBegin();
    int onUrl(const char *at, size_t length);
    int onHeaderField(const char *at, size_t length);
    int onHeaderValue(const char *at, size_t length);
    int onHeadersComplete();
    int onBody(const char *at, size_t length);
    int onMessageComplete();
    void commitHeader();
    static const http_parser_settings &parserSettings();

    void processInput();
    void scheduleProcessInput();
    [[nodiscard]] bool canParse() const;
    void dispatch();
    void parserFailed(http_errno error);
    void failRequest(int status, const QString &message);
    int abortParse(int status, const QString &message);
    void flush();
    [[nodiscard]] QByteArray serialize(const Slot &slot, bool close) const;
    [[nodiscard]] Slot *findSlot(quint64 id);
    [[nodiscard]] const Slot *findSlot(quint64 id) const;

    void beginClose();
    void halfClose();
    void finish();
    [[nodiscard]] bool writesDrained() const;
    void armTimer(TimerKind kind);
    void onTimeout();
    void onReadyRead();
    void onBytesWritten();

    QTcpSocket *m_socket = nullptr;
    QSslSocket *m_ssl = nullptr; // m_socket when TLS, else null
    const quint64 m_id;
    std::shared_ptr<const ConnectionContext> m_context;

    http_parser m_parser {};
    QByteArray m_unparsed; // bytes read from the socket but not yet given to the parser
    HttpRequest m_request; // the request being parsed
    QByteArray m_fieldBuffer; // header name being received (http-parser delivers pieces)
    QByteArray m_valueBuffer;
    qsizetype m_headerBytes = 0;
    int m_headerCount = 0;
    bool m_lastWasValue = false;
    bool m_inMessage = false;
    bool m_headersDone = false;
    bool m_messageComplete = false;
    quint64 m_currentSlot = 0; // slot of the message being parsed, 0 before its headers end
    int m_abortStatus = 0; // set by a callback that stopped the parser
    QString m_abortMessage;

    std::deque<Slot> m_slots;
    quint64 m_nextSlot = 1;
    quint64 m_requestCount = 0;

    Phase m_phase = Phase::Open;
    bool m_stopParsing = false;
    bool m_draining = false;
    bool m_processing = false;
    bool m_processScheduled = false;

    QTimer m_timer;
    TimerKind m_timerKind = TimerKind::None;

    // Fixed per connection, copied into every request.
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QSslCertificate m_peerCertificate;
};

} // namespace tbds::service::http
