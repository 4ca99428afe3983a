// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/httpconnection.h"

#include "core/common/logging.h"

#include <QDateTime>
#include <QLocale>
#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

#include <chrono>

using namespace std::chrono_literals;

namespace tbds::service::http {

namespace {

// Bytes taken from the socket per parser run; also bounds Qt's read buffer, so a client that
// keeps sending while we do not parse (pipeline full, closing) is held back by TCP instead of
// filling our memory.
constexpr qint64 kReadChunk = 64 * 1024;
constexpr qint64 kSocketReadBuffer = 256 * 1024;
// How long a closing connection may take to hand its last response to the kernel; a client
// that stops reading cannot keep the connection (and a shutdown) alive forever.
constexpr std::chrono::milliseconds kCloseFlushTimeout = 30s;
// Returned from parser callbacks to stop the parser. Not 1 or 2: on_headers_complete gives
// those a meaning ("skip body", "upgrade").
constexpr int kStop = -1;

HttpConnection *self(http_parser *parser)
{
    return static_cast<HttpConnection *>(parser->data);
}

/** Half-closes the TCP connection: our FIN goes out, reading stays possible. */
bool shutdownWrite(qintptr descriptor)
{
    if (descriptor < 0)
        return false;
#ifdef Q_OS_WIN
    return ::shutdown(static_cast<SOCKET>(descriptor), SD_SEND) == 0;
#else
    return ::shutdown(static_cast<int>(descriptor), SHUT_WR) == 0;
#endif
}

bool isValidHeaderName(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        // RFC 9110 token characters.
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool isSafeHeaderValue(QByteArrayView value)
{
    // No CR, LF or NUL: a handler must never be able to split the response.
    for (const char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

QByteArray httpDate()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace

// ---------------------------------------------------------------------------------------------

HttpConnection::HttpConnection(QTcpSocket *socket, quint64 id, std::shared_ptr<const ConnectionContext> context,
                               QObject *parent)
    : QObject(parent), m_socket(socket), m_ssl(qobject_cast<QSslSocket *>(socket)), m_id(id),
      m_context(std::move(context))
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    m_peerAddress = ProxyResolver::canonicalPeer(m_socket->peerAddress());
    m_peerPort = m_socket->peerPort();
    if (m_ssl)
        m_peerCertificate = m_ssl->peerCertificate();

    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &HttpConnection::onBytesWritten);
    if (m_ssl)
        connect(m_ssl, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        qCDebug(lcHttp) << "connection" << m_id << "socket error" << e;
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            finish();
    });
}

HttpConnection::~HttpConnection()
{
    m_timer.stop();
    if (m_socket) {
        // Nothing may call back into a half-destroyed connection.
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString HttpConnection::peerText() const
{
    return m_peerAddress.toString() + QLatin1Char(':') + QString::number(m_peerPort);
}

void HttpConnection::start()
{
    qCDebug(lcHttp) << "connection" << m_id << "opened from" << peerText() << (m_ssl ? "(TLS)" : "");
    armTimer(TimerKind::Header);
    scheduleProcessInput(); // TLS sockets may already hold data received with the handshake
}

void HttpConnection::reject(const HttpResponse &response)
{
    m_stopParsing = true;
    Slot slot;
    slot.id = m_nextSlot++;
    slot.ready = true;
    slot.closeAfter = true;
    slot.response = response;
    m_slots.push_back(std::move(slot));
    flush();
}

void HttpConnection::drain()
{
    if (m_draining || m_phase != Phase::Open)
        return;
    m_draining = true;
    if (!m_headersDone) {
        // A request whose header section is still arriving has not been accepted yet: drop it.
        m_stopParsing = true;
        m_inMessage = false;
        m_unparsed.clear();
    }
    flush(); // closes right away when nothing is outstanding
}

void HttpConnection::abort()
{
    finish();
}

// --- http-parser glue -------------------------------------------------------------------------

const http_parser_settings &HttpConnection::parserSettings()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = [](http_parser *p) { return self(p)->onMessageBegin(); };
        s.on_url = [](http_parser *p, const char *at, size_t n) { return self(p)->onUrl(at, n); };
        s.on_header_field = [](http_parser *p, const char *at, size_t n) { return self(p)->onHeaderField(at, n); };
        s.on_header_value = [](http_parser *p, const char *at, size_t n) { return self(p)->onHeaderValue(at, n); };
        s.on_headers_complete = [](http_parser *p) { return self(p)->onHeadersComplete(); };
        s.on_body = [](http_parser *p, const char *at, size_t n) { return self(p)->onBody(at, n); };
        s.on_message_complete = [](http_parser *p) { return self(p)->onMessageComplete(); };
        return s;
    }();
    return settings;
}

int HttpConnection::abortParse(int status, const QString &message)
{
    m_abortStatus = status;
    m_abortMessage = message;
    return kStop;
}

int HttpConnection::onMessageBegin()
{
    m_request = HttpRequest {};
    m_request.receivedAt = QDateTime::currentDateTimeUtc();
    m_fieldBuffer.clear();
    m_valueBuffer.clear();
    m_headerBytes = 0;
    m_headerCount = 1; // the field being received
    m_lastWasValue = false;
    m_abortStatus = 0;
    m_abortMessage.clear();
    m_inMessage = true;
    m_headersDone = false;
    m_currentSlot = 0;
    // The header clock starts with the first byte of a request (or at accept for the first).
    if (m_timerKind != TimerKind::Header)
        armTimer(TimerKind::Header);
    return 0;
}

int HttpConnection::onUrl(const char *at, size_t length)
{
    m_request.target.append(at, qsizetype(length));
    if (m_request.target.size() > m_context->limits.maxUrlBytes)
        return abortParse(414, QStringLiteral("The request URL exceeds the size limit."));
    return 0;
}

int HttpConnection::onHeaderField(const char *at, size_t length)
{
    if (m_lastWasValue) {
        commitHeader();
        m_headerBytes += 4; // ": " and CRLF of the previous line
        if (++m_headerCount > m_context->limits.maxHeaderCount)
            return abortParse(431, QStringLiteral("The request has too many header fields."));
    }
    m_lastWasValue = false;
    m_fieldBuffer.append(at, qsizetype(length));
    m_headerBytes += qsizetype(length);
    if (m_headerBytes > m_context->limits.maxHeaderBytes)
        return abortParse(431, QStringLiteral("The request header section exceeds the size limit."));
    return 0;
}

int HttpConnection::onHeaderValue(const char *at, size_t length)
{
    m_lastWasValue = true;
    m_valueBuffer.append(at, qsizetype(length));
    m_headerBytes += qsizetype(length);
    if (m_headerBytes > m_context->limits.maxHeaderBytes)
        return abortParse(431, QStringLiteral("The request header section exceeds the size limit."));
    return 0;
}

void HttpConnection::commitHeader()
{
    // Trailer fields of a chunked body arrive after the header section: counted, not kept, so
    // nothing a client appends after the body can change what the handler saw as headers.
    if (!m_headersDone && !m_fieldBuffer.isEmpty())
        m_request.headers.add(std::exchange(m_fieldBuffer, {}), m_valueBuffer.trimmed());
    m_fieldBuffer.clear();
    m_valueBuffer.clear();
}

int HttpConnection::onHeadersComplete()
{
    if (m_lastWasValue || !m_fieldBuffer.isEmpty())
        commitHeader();
    m_lastWasValue = false;
    m_headersDone = true;

    m_request.method = http_method_str(static_cast<http_method>(m_parser.method));
    m_request.httpMajor = m_parser.http_major;
    m_request.httpMinor = m_parser.http_minor;
    if (m_parser.http_major != 1)
        return abortParse(505, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are supported."));
    if (m_parser.method == HTTP_CONNECT)
        return abortParse(405, QStringLiteral("CONNECT is not supported."));

    // Split the request-target into raw path and raw query (no decoding, see HttpRequest).
    const QByteArray &target = m_request.target;
    if (target.startsWith('/') || target == "*") {
        QByteArray pathAndQuery = target.left(target.indexOf('#') < 0 ? target.size() : target.indexOf('#'));
        const qsizetype q = pathAndQuery.indexOf('?');
        m_request.path = q < 0 ? pathAndQuery : pathAndQuery.left(q);
        m_request.query = q < 0 ? QByteArray() : pathAndQuery.mid(q + 1);
    } else {
        // absolute-form (RFC 9112 §3.2.2), as sent to proxies
        http_parser_url url;
        http_parser_url_init(&url);
        if (http_parser_parse_url(target.constData(), size_t(target.size()), 0, &url) != 0)
            return abortParse(400, QStringLiteral("The request target is malformed."));
        const auto field = [&](http_parser_url_fields f) {
            return (url.field_set & (1 << f)) ? target.mid(url.field_data[f].off, url.field_data[f].len) : QByteArray();
        };
        m_request.path = field(UF_PATH);
        if (m_request.path.isEmpty())
            m_request.path = QByteArrayLiteral("/");
        m_request.query = field(UF_QUERY);
    }

    // RFC 9112 §3.2: exactly one Host in HTTP/1.1 requests.
    const qsizetype hosts = m_request.headers.values("host").size();
    if (hosts > 1 || (hosts == 0 && m_parser.http_minor >= 1))
        return abortParse(400, QStringLiteral("The request must carry exactly one Host header."));

    const bool chunked = (m_parser.flags & F_CHUNKED) != 0;
    const bool hasLength = (m_parser.flags & F_CONTENTLENGTH) != 0;
    const qint64 maxBody = m_context->limits.maxBodyBytes;
    // Decide on the declared size before reading any of the body (and before 100 Continue).
    if (hasLength && m_parser.content_length > quint64(maxBody))
        return abortParse(413, QStringLiteral("Request body exceeds the size limit of %1 bytes.").arg(maxBody));
    const bool expectsBody = chunked || (hasLength && m_parser.content_length > 0);
    if (hasLength && m_parser.content_length > 0)
        m_request.body.reserve(qsizetype(qMin<quint64>(m_parser.content_length, 1024 * 1024)));

    Slot slot;
    slot.id = m_nextSlot++;
    slot.isHead = m_parser.method == HTTP_HEAD;
    slot.http10 = m_parser.http_minor == 0;
    // http_should_keep_alive covers HTTP/1.0 (+keep-alive) and "Connection: close".
    slot.keepAlive = http_should_keep_alive(&m_parser) != 0 && !m_parser.upgrade;
    slot.wantsContinue
        = expectsBody && m_parser.http_minor >= 1 && m_request.headers.containsToken("expect", "100-continue");
    m_currentSlot = slot.id;
    m_slots.push_back(std::move(slot));

    if (expectsBody)
        armTimer(TimerKind::Body);
    else
        armTimer(TimerKind::None);
    return 0;
}

int HttpConnection::onBody(const char *at, size_t length)
{
    const qint64 maxBody = m_context->limits.maxBodyBytes;
    if (m_request.body.size() + qint64(length) > maxBody)
        return abortParse(413, QStringLiteral("Request body exceeds the size limit of %1 bytes.").arg(maxBody));
    m_request.body.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onMessageComplete()
{
    m_inMessage = false;
    m_messageComplete = true;
    armTimer(TimerKind::None);
    // One message per parser run: the caller dispatches it and then decides whether to go on.
    http_parser_pause(&m_parser, 1);
    return 0;
}

// --- input ------------------------------------------------------------------------------------

bool HttpConnection::canParse() const
{
    return m_phase == Phase::Open && !m_stopParsing
        && qsizetype(m_slots.size()) < qMax(1, m_context->limits.maxPipelinedRequests);
}

void HttpConnection::onReadyRead()
{
    if (m_phase == Phase::Closing || m_phase == Phase::Lingering) {
        // The answer that ends this connection is decided; what the client still sends is
        // discarded (read, never stored) so closing does not turn into a TCP reset.
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    processInput();
}

void HttpConnection::scheduleProcessInput()
{
    if (m_processScheduled)
        return;
    m_processScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_processScheduled = false;
            if (m_phase == Phase::Closing || m_phase == Phase::Lingering)
                onReadyRead();
            else
                processInput();
        },
        Qt::QueuedConnection);
}

void HttpConnection::processInput()
{
    if (m_processing)
        return; // re-entered from a handler; the running loop continues by itself
    m_processing = true;
    const QPointer<HttpConnection> guard(this);

    while (canParse()) {
        if (m_unparsed.isEmpty()) {
            if (m_socket->bytesAvailable() <= 0)
                break;
            m_unparsed = m_socket->read(kReadChunk);
            if (m_unparsed.isEmpty())
                break;
        }
        const size_t consumed
            = http_parser_execute(&m_parser, &parserSettings(), m_unparsed.constData(), size_t(m_unparsed.size()));
        const auto error = HTTP_PARSER_ERRNO(&m_parser);
        if (error == HPE_PAUSED) {
            http_parser_pause(&m_parser, 0);
            m_unparsed.remove(0, qsizetype(consumed));
        } else if (error != HPE_OK) {
            m_unparsed.clear();
            parserFailed(error);
            break;
        } else {
            m_unparsed.remove(0, qsizetype(consumed));
            if (m_parser.upgrade) {
                // Upgrade/CONNECT: the parser stops here; we answer the request and close.
                m_unparsed.clear();
                m_stopParsing = true;
            }
        }
        if (m_messageComplete) {
            m_messageComplete = false;
            dispatch();
            if (!guard)
                return; // the handler destroyed the server (and with it this connection)
        }
        flush(); // sends a pending 100 Continue
    }
    m_processing = false;
}

void HttpConnection::dispatch()
{
    Slot *slot = findSlot(m_currentSlot);
    m_currentSlot = 0;
    m_headersDone = false;
    if (!slot)
        return; // cannot happen: every message that completes got a slot in onHeadersComplete
    slot->dispatched = true;
    slot->wantsContinue = false;
    if (!slot->keepAlive || m_draining)
        m_stopParsing = true;

    HttpRequest request = std::exchange(m_request, HttpRequest {});
    request.peerAddress = m_peerAddress;
    request.peerPort = m_peerPort;
    request.secure = m_ssl != nullptr;
    request.peerCertificate = m_peerCertificate;
    request.connectionId = m_id;
    request.sequence = ++m_requestCount;
    request.clientAddress = m_context->proxy.clientAddress(request.headers, m_peerAddress);

    // Copy: the handler may replace the server's handler while it runs.
    const HttpHandler handler = m_context->handler;
    HttpResponder responder = HttpResponder::create(this, slot->id, m_id);
    if (!handler) {
        responder.respond(HttpResponse::error(503, QStringLiteral("No request handler is installed.")));
        return;
    }
    handler(request, std::move(responder));
}

void HttpConnection::parserFailed(http_errno error)
{
    if (m_abortStatus != 0) {
        failRequest(m_abortStatus, m_abortMessage);
        return;
    }
    if (error == HPE_HEADER_OVERFLOW) {
        failRequest(431, QStringLiteral("The request header section exceeds the size limit."));
        return;
    }
    qCDebug(lcHttp) << "connection" << m_id << "malformed request:" << http_errno_name(error);
    failRequest(400, QStringLiteral("Malformed request: %1.").arg(QString::fromLatin1(http_errno_description(error))));
}

void HttpConnection::failRequest(int status, const QString &message)
{
    if (m_phase != Phase::Open)
        return;
    qCDebug(lcHttp) << "connection" << m_id << "answers" << status << "and closes:" << message;
    m_stopParsing = true;
    m_unparsed.clear();
    armTimer(TimerKind::None);

    Slot *current = m_currentSlot != 0 ? findSlot(m_currentSlot) : nullptr;
    if (current && !current->dispatched) {
        current->wantsContinue = false; // never invite a body we refuse
        current->response = HttpResponse::error(status, message);
        current->ready = true;
        current->closeAfter = true;
    } else {
        Slot slot;
        slot.id = m_nextSlot++;
        slot.ready = true;
        slot.closeAfter = true;
        slot.response = HttpResponse::error(status, message);
        m_slots.push_back(std::move(slot));
    }
    m_currentSlot = 0;
    m_inMessage = false;
    m_headersDone = false;
    flush();
}

// --- output -----------------------------------------------------------------------------------

HttpConnection::Slot *HttpConnection::findSlot(quint64 id)
{
    for (Slot &s : m_slots) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const HttpConnection::Slot *HttpConnection::findSlot(quint64 id) const
{
    for (const Slot &s : m_slots) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

bool HttpConnection::isWaitingFor(quint64 slot) const
{
    if (m_phase != Phase::Open)
        return false;
    const Slot *s = findSlot(slot);
    return s && s->dispatched && !s->ready;
}

bool HttpConnection::deliver(quint64 slotId, HttpResponse response)
{
    if (m_phase != Phase::Open)
        return false;
    Slot *slot = findSlot(slotId);
    if (!slot || slot->ready || !slot->dispatched)
        return false;
    slot->response = std::move(response);
    slot->ready = true;
    flush();
    return true;
}

bool HttpConnection::abortAt(quint64 slotId)
{
    if (m_phase != Phase::Open)
        return false;
    Slot *slot = findSlot(slotId);
    if (!slot || slot->ready || !slot->dispatched)
        return false;
    slot->ready = true;
    slot->abort = true;
    // What arrives behind it would be dropped unanswered anyway: do not hand it to the handler.
    m_stopParsing = true;
    flush();
    return true;
}

void HttpConnection::flush()
{
    if (m_phase != Phase::Open)
        return;
    while (!m_slots.empty()) {
        Slot &head = m_slots.front();
        if (!head.ready) {
            if (head.wantsContinue) {
                // Only the request at the front may be invited to send its body; otherwise the
                // interim answer would overtake the final answers of its predecessors.
                m_socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                head.wantsContinue = false;
            }
            break;
        }
        if (head.abort) {
            // Everything before it is written; it and its successors get nothing. Closing goes
            // the ordinary lingering way, so the answers already written still reach the
            // client (a reset could destroy them in its receive buffer).
            qCDebug(lcHttp) << "connection" << m_id << "aborted by its handler";
            beginClose();
            return;
        }
        const bool last = m_slots.size() == 1;
        const bool close = head.closeAfter || !head.keepAlive
            || head.response.headers().containsToken("connection", "close") || (m_draining && last && !m_inMessage);
        // Head and body go out as two writes: concatenating them would copy a large body once more.
        m_socket->write(serialize(head, close));
        if (head.sendsBody())
            m_socket->write(head.response.body());
        m_slots.pop_front();
        if (close) {
            beginClose();
            return;
        }
    }
    if (m_slots.empty() && !m_inMessage) {
        if (m_draining) {
            beginClose();
            return;
        }
        if (!m_stopParsing)
            armTimer(TimerKind::KeepAlive);
    }
    // Room for more pipelined requests again, or bytes left over from the last run.
    if (canParse() && (!m_unparsed.isEmpty() || m_socket->bytesAvailable() > 0))
        scheduleProcessInput();
}

QByteArray HttpConnection::serialize(const Slot &slot, bool close) const
{
    const HttpResponse &r = slot.response;
    int status = r.status();
    QByteArray reason = r.reasonPhrase();
    if (status < 200 || status > 999) {
        // 1xx cannot be a final answer and codes must have three digits.
        qCWarning(lcHttp) << "handler answered with invalid status" << status << "- sending 500";
        status = 500;
        reason = HttpResponse::defaultReasonPhrase(500);
    }
    if (!isSafeHeaderValue(reason))
        reason = HttpResponse::defaultReasonPhrase(status);
    QByteArray out;
    out.reserve(512);
    out += QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) + ' ' + reason + "\r\n";

    QByteArray explicitLength;
    for (const auto &[name, value] : r.headers()) {
        if (HttpHeaders::nameEquals(name, "content-length")) {
            explicitLength = value.trimmed();
            continue;
        }
        // Framing and connection management belong to the transport.
        if (HttpHeaders::nameEquals(name, "transfer-encoding") || HttpHeaders::nameEquals(name, "connection")
            || HttpHeaders::nameEquals(name, "keep-alive") || HttpHeaders::nameEquals(name, "date")
            || HttpHeaders::nameEquals(name, "server"))
            continue;
        if (!isValidHeaderName(name) || !isSafeHeaderValue(value)) {
            qCWarning(lcHttp) << "dropping response header with invalid name or value";
            continue;
        }
        out += name + ": " + value + "\r\n";
    }
    out += QByteArrayLiteral("Date: ") + httpDate() + "\r\n";
    out += QByteArrayLiteral("Server: tbds\r\n");
    bool lengthOk = false;
    explicitLength.toULongLong(&lengthOk);
    if (status == 204) {
        // RFC 9110 §8.6: no Content-Length in 204.
    } else if (status == 304 || slot.isHead) {
        // The length the GET would have had: the handler's explicit value, else the body size.
        out += QByteArrayLiteral("Content-Length: ") + (lengthOk ? explicitLength : QByteArray::number(r.body().size()))
            + "\r\n";
    } else {
        out += QByteArrayLiteral("Content-Length: ") + QByteArray::number(r.body().size()) + "\r\n";
    }
    if (close)
        out += QByteArrayLiteral("Connection: close\r\n");
    else if (slot.http10)
        out += QByteArrayLiteral("Connection: keep-alive\r\n");
    out += "\r\n";
    return out;
}

// --- closing ----------------------------------------------------------------------------------

bool HttpConnection::writesDrained() const
{
    return m_socket->bytesToWrite() == 0 && (!m_ssl || m_ssl->encryptedBytesToWrite() == 0);
}

void HttpConnection::beginClose()
{
    if (m_phase != Phase::Open)
        return;
    m_phase = Phase::Closing;
    m_slots.clear();
    m_unparsed.clear();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        finish();
        return;
    }
    armTimer(TimerKind::Close);
    m_timer.start(kCloseFlushTimeout);
    if (writesDrained())
        halfClose();
    // else onBytesWritten() continues once the kernel has the last bytes
    scheduleProcessInput(); // discard what is already buffered
}

void HttpConnection::onBytesWritten()
{
    if (m_phase == Phase::Closing && writesDrained())
        halfClose();
}

void HttpConnection::halfClose()
{
    if (m_phase != Phase::Closing)
        return;
    m_phase = Phase::Lingering;
    // Lingering close (as Apache/nginx do): send FIN, keep reading and discarding until the
    // client closes or the linger time ends. Closing with unread input would send a TCP reset,
    // which can destroy our last response in the client's receive buffer.
    if (!shutdownWrite(m_socket->socketDescriptor())) {
        m_socket->disconnectFromHost();
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            finish();
            return;
        }
    }
    armTimer(TimerKind::Close);
    m_timer.start(m_context->limits.lingerTimeout);
    m_socket->skip(m_socket->bytesAvailable());
}

void HttpConnection::finish()
{
    if (m_phase == Phase::Finished)
        return;
    m_phase = Phase::Finished;
    m_timer.stop();
    m_timerKind = TimerKind::None;
    m_slots.clear();
    m_unparsed.clear();
    m_socket->disconnect(this); // m_ssl is the same object
    m_socket->abort();
    qCDebug(lcHttp) << "connection" << m_id << "closed";
    deleteLater();
    Q_EMIT closed(this); // last: a receiver may destroy the server, and with it this object
}

// --- timers -----------------------------------------------------------------------------------

void HttpConnection::armTimer(TimerKind kind)
{
    m_timerKind = kind;
    const HttpLimits &limits = m_context->limits;
    switch (kind) {
    case TimerKind::None:
        m_timer.stop();
        break;
    case TimerKind::Header:
        m_timer.start(limits.headerTimeout);
        break;
    case TimerKind::Body:
        m_timer.start(limits.bodyTimeout);
        break;
    case TimerKind::KeepAlive:
        m_timer.start(limits.keepAliveTimeout);
        break;
    case TimerKind::Close:
        m_timer.stop(); // the caller starts it with the right duration
        break;
    }
}

void HttpConnection::onTimeout()
{
    switch (m_timerKind) {
    case TimerKind::None:
        break;
    case TimerKind::Header:
        if (m_inMessage) {
            failRequest(408, QStringLiteral("The request header section did not arrive in time."));
        } else {
            // Connected but never started a request: nothing to answer.
            qCDebug(lcHttp) << "connection" << m_id << "idle before its first request; closing";
            beginClose();
        }
        break;
    case TimerKind::Body:
        failRequest(408, QStringLiteral("The request body did not arrive in time."));
        break;
    case TimerKind::KeepAlive:
        qCDebug(lcHttp) << "connection" << m_id << "keep-alive timeout; closing";
        beginClose();
        break;
    case TimerKind::Close:
        finish();
        break;
    }
}

} // namespace tbds::service::http
