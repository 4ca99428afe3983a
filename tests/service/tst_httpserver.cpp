// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/httpresponse.h"
#include "core/service/http/httpserver.h"
#include "core/service/http/proxyresolver.h"
#include "tests/support/httptestclient.h"
#include "tests/support/testcerts.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace std::chrono_literals;
using namespace tbds::service::http;
using tbds::test::HttpTestClient;
using tbds::test::RawHttpResponse;

namespace {

QByteArray get(const QByteArray &path, const QByteArray &extra = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void errorJsonShape();
    void simpleGet();
    void requestDetails();
    void postWithContentLength();
    void postChunked();
    void keepAliveReuse();
    void pipelinedAnsweredInOrder();
    void http10Closes();
    void http10KeepAliveHonoured();
    void connectionClose();
    void bodyOverLimitContentLength();
    void bodyOverLimitChunked();
    void bodyOverLimitLargeUploadStillAnswered();
    void slowBody();
    void pipelineLimit();
    void handlerCannotBreakFraming();
    void headerOverLimit();
    void upgradeIsAnsweredAndClosed();
    void urlTooLong();
    void slowHeaders();
    void idleKeepAliveClosed();
    void connectionCap();
    void expectContinue();
    void expectContinueOverLimit();
    void malformedRequest_data();
    void malformedRequest();
    void clientDisconnectsBeforeAsyncAnswer();
    void serverDestroyedWithOutstandingResponder();
    void forgottenResponderAnswers500();
    void abortClosesWithoutAnswer();
    void headHasNoBody();
    void shutdownDrains();
    void shutdownDeadline();
    void https();
    void mtls_data();
    void mtls();
    void proxyResolver_data();
    void proxyResolver();

private:
    std::unique_ptr<HttpServer> startServer(const HttpLimits &limits = {}, std::optional<QSslConfiguration> tls = {});
    void handle(const HttpRequest &request, HttpResponder responder);
    [[nodiscard]] QSslConfiguration serverTls(bool requireClientCert) const;
    [[nodiscard]] QSslConfiguration clientTls(const QString &certName) const;

    QTemporaryDir m_certDir;
    QList<HttpRequest> m_requests;
    QList<HttpResponder> m_held;
};

// --- fixture ----------------------------------------------------------------------------------

void TestHttpServer::initTestCase()
{
    QVERIFY(m_certDir.isValid());
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QVERIFY(tbds::test::makeTestCertificates(m_certDir.path()));
}

void TestHttpServer::cleanup()
{
    m_requests.clear();
    m_held.clear();
}

static QSslCertificate loadCert(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QSslCertificate(f.readAll(), QSsl::Pem) : QSslCertificate();
}

static QSslKey loadKey(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QSslKey(f.readAll(), QSsl::Ec, QSsl::Pem) : QSslKey();
}

QSslConfiguration TestHttpServer::serverTls(bool requireClientCert) const
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(loadCert(m_certDir.filePath(QStringLiteral("server.crt"))));
    conf.setPrivateKey(loadKey(m_certDir.filePath(QStringLiteral("server.key"))));
    if (requireClientCert) {
        conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
        conf.setCaCertificates({ loadCert(m_certDir.filePath(QStringLiteral("ca.crt"))) });
    }
    return conf;
}

QSslConfiguration TestHttpServer::clientTls(const QString &certName) const
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setCaCertificates({ loadCert(m_certDir.filePath(QStringLiteral("ca.crt"))) });
    if (!certName.isEmpty()) {
        conf.setLocalCertificate(loadCert(m_certDir.filePath(certName + QStringLiteral(".crt"))));
        conf.setPrivateKey(loadKey(m_certDir.filePath(certName + QStringLiteral(".key"))));
    }
    return conf;
}

std::unique_ptr<HttpServer> TestHttpServer::startServer(const HttpLimits &limits, std::optional<QSslConfiguration> tls)
{
    auto server = std::make_unique<HttpServer>();
    server->setLimits(limits);
    server->setHandler([this](const HttpRequest &r, HttpResponder resp) { handle(r, std::move(resp)); });
    const tbds::Result<void> ok = server->listen(QHostAddress::LocalHost, 0, std::move(tls));
    if (!ok) {
        qWarning() << ok.error().toString();
        return nullptr;
    }
    return server;
}

/**
 * Test routes: /echo (body and request facts back), /slow (answers after 200 ms),
 * /hold (responder kept in m_held for the test to use), /forget (responder dropped),
 * /abort (connection closed without an answer),
 * /whoami (client certificate CN), anything else: "ok".
 */
void TestHttpServer::handle(const HttpRequest &request, HttpResponder responder)
{
    m_requests.append(request);
    if (request.path == "/echo") {
        HttpResponse r(200, request.body, "application/octet-stream");
        r.setHeader("X-Method", request.method);
        r.setHeader("X-Path", request.path);
        r.setHeader("X-Query", request.query);
        responder.respond(r);
    } else if (request.path == "/slow") {
        QTimer::singleShot(200, this, [responder] { responder.respond(HttpResponse(200, "slow")); });
    } else if (request.path == "/hold") {
        m_held.append(responder);
    } else if (request.path == "/forget") {
        // responder goes out of scope unanswered
    } else if (request.path == "/abort") {
        responder.abort();
    } else if (request.path == "/framing") {
        HttpResponse r(request.query == "204" ? 204 : 200, "body");
        r.setHeader("Content-Length", "999");
        r.setHeader("Transfer-Encoding", "chunked");
        r.setHeader("Connection", "keep-alive, upgrade");
        r.setHeader("X-Bad", "a\r\nInjected: b");
        r.setHeader("Bad Name", "x");
        r.setHeader("X-Good", "yes");
        responder.respond(r);
    } else if (request.path == "/whoami") {
        const QString cn = request.peerCertificate.subjectInfo(QSslCertificate::CommonName).join(u',');
        responder.respond(HttpResponse(200, cn.toUtf8()));
    } else {
        responder.respond(HttpResponse(200, "ok:" + request.path, "text/plain"));
    }
}

// --- tests ------------------------------------------------------------------------------------

void TestHttpServer::errorJsonShape()
{
    QCOMPARE(HttpResponse::errorJson(413, QStringLiteral("Too \"big\"")),
             QByteArray(R"({"description":"Payload Too Large","status":413,"message":"Too \"big\""})"));
    const HttpResponse r = HttpResponse::error(404, QStringLiteral("x"));
    QCOMPARE(r.status(), 404);
    QCOMPARE(r.reasonPhrase(), QByteArray("Not Found"));
    QCOMPARE(r.headers().value("content-type"), QByteArray("application/json"));
    QCOMPARE(HttpResponse::defaultReasonPhrase(431), QByteArray("Request Header Fields Too Large"));
}

void TestHttpServer::simpleGet()
{
    auto server = startServer();
    QVERIFY(server);
    QVERIFY(server->serverPort() != 0);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/hello")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->version, QByteArray("HTTP/1.1"));
    QCOMPARE(r->status, 200);
    QCOMPARE(r->reason, QByteArray("OK"));
    QCOMPARE(r->body, QByteArray("ok:/hello"));
    QCOMPARE(r->header("content-length"), QByteArray("9"));
    QCOMPARE(r->header("server"), QByteArray("tbds"));
    QVERIFY(r->header("date").endsWith(" GMT"));
    QVERIFY(!r->hasHeader("connection"));
    QCOMPARE(server->connectionCount(), 1);
}

void TestHttpServer::requestDetails()
{
    auto server = startServer();
    QVERIFY(server);
    server->setProxyConfig(ProxyConfig { 1, {}, {} });
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("GET /projects/A%20B%2FC/x?q=1%202&r HTTP/1.1\r\nHost: localhost\r\n"
                   "X-Multi: one\r\nx-multi: two\r\nX-Forwarded-For: 10.1.1.1, 10.2.2.2\r\n\r\n"));
    QVERIFY(c.readResponse());
    QCOMPARE(m_requests.size(), 1);
    const HttpRequest &q = m_requests.first();
    QCOMPARE(q.method, QByteArray("GET"));
    QCOMPARE(q.target, QByteArray("/projects/A%20B%2FC/x?q=1%202&r"));
    QCOMPARE(q.path, QByteArray("/projects/A%20B%2FC/x"));
    QCOMPARE(q.query, QByteArray("q=1%202&r"));
    QCOMPARE(q.headers.values("X-MULTI"), (QList<QByteArray> { "one", "two" }));
    QCOMPARE(q.header("host"), QByteArray("localhost"));
    QCOMPARE(q.httpVersion(), QByteArray("HTTP/1.1"));
    QCOMPARE(q.peerAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(q.peerPort != 0);
    QCOMPARE(q.clientAddress, QStringLiteral("10.2.2.2"));
    QVERIFY(!q.secure);
    QVERIFY(q.connectionId != 0);
    QCOMPARE(q.sequence, quint64(1));
    QVERIFY(q.receivedAt.isValid());
}

void TestHttpServer::postWithContentLength()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("POST /echo?a=b HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello"));
    QTest::qWait(50); // the body arrives in two pieces
    QVERIFY(c.send(" world"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, QByteArray("hello world"));
    QCOMPARE(r->header("x-method"), QByteArray("POST"));
    QCOMPARE(r->header("x-query"), QByteArray("a=b"));
}

void TestHttpServer::postChunked()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "5\r\nhello\r\n"));
    QVERIFY(c.send("6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, QByteArray("hello world"));
    QCOMPARE(m_requests.size(), 1);
    QVERIFY(!m_requests.first().headers.contains("x-trailer")); // trailers are not headers
}

void TestHttpServer::keepAliveReuse()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(c.send(get("/n" + QByteArray::number(i))));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->body, "ok:/n" + QByteArray::number(i));
    }
    QCOMPARE(m_requests.size(), 3);
    QCOMPARE(m_requests.at(0).connectionId, m_requests.at(2).connectionId);
    QCOMPARE(m_requests.at(2).sequence, quint64(3));
    QCOMPARE(server->connectionCount(), 1);
    QVERIFY(!c.isDisconnected());
}

void TestHttpServer::pipelinedAnsweredInOrder()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    // One write: the slow request first, then two that are answered at once.
    QVERIFY(c.send(get("/slow") + get("/fast")
                   + "POST /echo HTTP/1.1\r\nHost: x\r\n"
                     "Content-Length: 3\r\n\r\nabc"));
    const auto r1 = c.readResponse();
    const auto r2 = c.readResponse();
    const auto r3 = c.readResponse();
    QVERIFY(r1 && r2 && r3);
    QCOMPARE(r1->body, QByteArray("slow"));
    QCOMPARE(r2->body, QByteArray("ok:/fast"));
    QCOMPARE(r3->body, QByteArray("abc"));
    QCOMPARE(m_requests.size(), 3);
    QVERIFY(c.pending().isEmpty());
}

void TestHttpServer::http10Closes()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("GET /old HTTP/1.0\r\n\r\n"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
    QCOMPARE(m_requests.first().httpVersion(), QByteArray("HTTP/1.0"));
}

void TestHttpServer::http10KeepAliveHonoured()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->header("connection"), QByteArray("keep-alive"));
    QVERIFY(c.send("GET /b HTTP/1.0\r\n\r\n"));
    r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("ok:/b"));
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
}

void TestHttpServer::connectionClose()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    // The request after "Connection: close" must not be processed.
    QVERIFY(c.send(get("/last", "Connection: close\r\n") + get("/never")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("ok:/last"));
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
    QCOMPARE(m_requests.size(), 1);
    QVERIFY(c.pending().isEmpty());
    QTRY_COMPARE(server->connectionCount(), 0);
}

void TestHttpServer::bodyOverLimitContentLength()
{
    HttpLimits limits;
    limits.maxBodyBytes = 1024;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    // Only the header and a first slice of the body are sent: the answer must come anyway,
    // i.e. the server decided from Content-Length and did not wait for (or buffer) the rest.
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + QByteArray(100, 'a')));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QCOMPARE(r->header("content-type"), QByteArray("application/json"));
    QVERIFY(r->body.startsWith(R"({"description":"Payload Too Large","status":413,"message":")"));
    QVERIFY(c.waitForDisconnected());
    QVERIFY(m_requests.isEmpty());

    // Exactly at the limit is fine.
    HttpTestClient ok;
    QVERIFY(ok.connectTo(server->serverPort()));
    QVERIFY(ok.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1024\r\n\r\n" + QByteArray(1024, 'b')));
    const auto r2 = ok.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->status, 200);
    QCOMPARE(r2->body.size(), 1024);
}

void TestHttpServer::bodyOverLimitChunked()
{
    HttpLimits limits;
    limits.maxBodyBytes = 1024;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "400\r\n"
                   + QByteArray(1024, 'a') + "\r\n"));
    QVERIFY(c.collect(50).isEmpty()); // 1024 bytes are within the limit
    QVERIFY(c.send("1\r\nb\r\n"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
    QVERIFY(m_requests.isEmpty());
}

void TestHttpServer::bodyOverLimitLargeUploadStillAnswered()
{
    // The client pushes a big body in one go and only then reads. The server answers 413 while
    // most of the body is unread; the lingering close must keep that answer from being
    // destroyed by a TCP reset.
    HttpLimits limits;
    limits.maxBodyBytes = 1024;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    const QByteArray body(4 * 1024 * 1024, 'z');
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                   + body));
    const auto r = c.readResponse(10000);
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QVERIFY(c.waitForDisconnected(10000));
    QVERIFY(m_requests.isEmpty());
}

void TestHttpServer::slowBody()
{
    HttpLimits limits;
    limits.bodyTimeout = 300ms;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 408);
    QVERIFY(c.waitForDisconnected());
    QVERIFY(m_requests.isEmpty());
}

void TestHttpServer::pipelineLimit()
{
    HttpLimits limits;
    limits.maxPipelinedRequests = 2;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/hold?1") + get("/hold?2") + get("/hold?3") + get("/hold?4")));
    QTRY_COMPARE(m_held.size(), 2);
    QTest::qWait(50);
    QCOMPARE(m_held.size(), 2); // the rest waits in the socket
    m_held.at(1).respond(HttpResponse(200, "2"));
    QTest::qWait(50);
    QCOMPARE(m_held.size(), 2); // the 2nd answer is queued behind the 1st: still two open
    m_held.at(0).respond(HttpResponse(200, "1"));
    QTRY_COMPARE(m_held.size(), 4);
    m_held.at(3).respond(HttpResponse(200, "4"));
    m_held.at(2).respond(HttpResponse(200, "3"));
    for (const char *expected : { "1", "2", "3", "4" }) {
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->body, QByteArray(expected));
    }
    QCOMPARE(m_requests.at(3).query, QByteArray("4"));
}

void TestHttpServer::handlerCannotBreakFraming()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/framing")));
    auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("body"));
    QCOMPARE(r->header("content-length"), QByteArray("4"));
    QCOMPARE(r->headerCount("content-length"), 1);
    QVERIFY(!r->hasHeader("transfer-encoding"));
    QVERIFY(!r->hasHeader("connection"));
    QVERIFY(!r->hasHeader("x-bad"));
    QVERIFY(!r->hasHeader("injected"));
    QCOMPARE(r->header("x-good"), QByteArray("yes"));
    QCOMPARE(r->headerCount("server"), 1);

    QVERIFY(c.send(get("/framing?204")));
    r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 204);
    QVERIFY(!r->hasHeader("content-length"));
    QVERIFY(c.send(get("/after")));
    r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("ok:/after")); // no stray body bytes after the 204
}

void TestHttpServer::headerOverLimit()
{
    auto server = startServer(); // default 64 KiB
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/h", "X-Big: " + QByteArray(70 * 1024, 'x') + "\r\n")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 431);
    QVERIFY(r->body.contains(R"("description":"Request Header Fields Too Large","status":431)"));
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
    QVERIFY(m_requests.isEmpty());

    // Many small fields add up as well.
    HttpLimits small;
    small.maxHeaderBytes = 1024;
    server->setLimits(small);
    HttpTestClient c2;
    QVERIFY(c2.connectTo(server->serverPort()));
    QByteArray many;
    for (int i = 0; i < 100; ++i)
        many += "X-H" + QByteArray::number(i) + ": 0123456789\r\n";
    QVERIFY(c2.send(get("/h", many)));
    const auto r2 = c2.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->status, 431);

    // Field count: Host + 199 fields is the default maximum of 200, one more is refused.
    server->setLimits({});
    const auto fields = [](int n) {
        QByteArray h;
        for (int i = 0; i < n; ++i)
            h += "X-" + QByteArray::number(i) + ": v\r\n";
        return h;
    };
    HttpTestClient c3;
    QVERIFY(c3.connectTo(server->serverPort()));
    QVERIFY(c3.send(get("/h", fields(199))));
    const auto r3 = c3.readResponse();
    QVERIFY(r3);
    QCOMPARE(r3->status, 200);
    QVERIFY(c3.send(get("/h", fields(200))));
    const auto r4 = c3.readResponse();
    QVERIFY(r4);
    QCOMPARE(r4->status, 431);
    QVERIFY(r4->body.contains("too many header fields"));
}

void TestHttpServer::upgradeIsAnsweredAndClosed()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/ws", "Connection: Upgrade\r\nUpgrade: websocket\r\n") + get("/never")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("ok:/ws"));
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());
    QCOMPARE(m_requests.size(), 1);
}

void TestHttpServer::urlTooLong()
{
    auto server = startServer(); // default 8 KiB
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/" + QByteArray(9000, 'u'))));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 414);
    QVERIFY(r->body.contains(R"("description":"URI Too Long","status":414)"));
    QVERIFY(c.waitForDisconnected());

    HttpTestClient ok; // 8000 is within the limit
    QVERIFY(ok.connectTo(server->serverPort()));
    QVERIFY(ok.send(get("/" + QByteArray(8000, 'u'))));
    const auto r2 = ok.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->status, 200);
}

void TestHttpServer::slowHeaders()
{
    HttpLimits limits;
    limits.headerTimeout = 300ms;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("GET /slowloris HTTP/1.1\r\nHost: x\r\n")); // never finished
    const auto r = c.readResponse(5000);
    QVERIFY(r);
    QCOMPARE(r->status, 408);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(c.waitForDisconnected());

    // A connection that never sends anything is closed without an answer.
    HttpTestClient silent;
    QVERIFY(silent.connectTo(server->serverPort()));
    QVERIFY(silent.waitForDisconnected());
    QVERIFY(silent.pending().isEmpty());
    QVERIFY(m_requests.isEmpty());
}

void TestHttpServer::idleKeepAliveClosed()
{
    HttpLimits limits;
    limits.keepAliveTimeout = 300ms;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/once")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QVERIFY(!r->hasHeader("connection"));
    QVERIFY(c.waitForDisconnected());
    QVERIFY(c.pending().isEmpty()); // closed silently
    QTRY_COMPARE(server->connectionCount(), 0);
}

void TestHttpServer::connectionCap()
{
    HttpLimits limits;
    limits.maxConnections = 2;
    auto server = startServer(limits);
    QVERIFY(server);
    QSignalSpy rejected(server.get(), &HttpServer::connectionRejected);
    HttpTestClient a;
    HttpTestClient b;
    for (HttpTestClient *c : { &a, &b }) {
        QVERIFY(c->connectTo(server->serverPort()));
        QVERIFY(c->send(get("/in")));
        QVERIFY(c->readResponse());
    }
    QCOMPARE(server->connectionCount(), 2);

    HttpTestClient third;
    QVERIFY(third.connectTo(server->serverPort()));
    const auto r = third.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 503);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(third.waitForDisconnected());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(server->connectionCount(), 2);

    a.close();
    QTRY_COMPARE(server->connectionCount(), 1);
    HttpTestClient fourth;
    QVERIFY(fourth.connectTo(server->serverPort()));
    QVERIFY(fourth.send(get("/again")));
    const auto r4 = fourth.readResponse();
    QVERIFY(r4);
    QCOMPARE(r4->status, 200);
}

void TestHttpServer::expectContinue()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                   "Expect: 100-continue\r\n\r\n"));
    const auto interim = c.readResponse();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QCOMPARE(interim->reason, QByteArray("Continue"));
    QVERIFY(m_requests.isEmpty());
    QVERIFY(c.send("hello"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->body, QByteArray("hello"));
}

void TestHttpServer::expectContinueOverLimit()
{
    HttpLimits limits;
    limits.maxBodyBytes = 10;
    auto server = startServer(limits);
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n"
                   "Expect: 100-continue\r\n\r\n"));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 413); // no 100 Continue first
    QVERIFY(c.waitForDisconnected());
    QVERIFY(!c.pending().contains("100 Continue"));
}

void TestHttpServer::malformedRequest_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::newRow("space in path") << QByteArray("GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n") << 400;
    QTest::newRow("bad content-length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n")
                                        << 400;
    QTest::newRow("two content-lengths") << QByteArray(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                                         << 400;
    QTest::newRow("chunked and content-length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                                                              "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                                << 400;
    QTest::newRow("bad chunk size") << QByteArray(
        "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                    << 400;
    QTest::newRow("transfer-encoding not chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nab") << 400;
    QTest::newRow("no host in 1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
    QTest::newRow("http/2 version") << QByteArray("GET / HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
}

void TestHttpServer::malformedRequest()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(raw));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(r->body.startsWith("{\"description\":"));
    QVERIFY(c.waitForDisconnected());
    QVERIFY(m_requests.isEmpty());
}

void TestHttpServer::clientDisconnectsBeforeAsyncAnswer()
{
    auto server = startServer();
    QVERIFY(server);
    {
        HttpTestClient c;
        QVERIFY(c.connectTo(server->serverPort()));
        QVERIFY(c.send(get("/hold")));
        QTRY_COMPARE(m_held.size(), 1);
        QVERIFY(m_held.first().isWaiting());
    } // client gone
    QTRY_COMPARE(server->connectionCount(), 0);
    QVERIFY(!m_held.first().isWaiting());
    QVERIFY(!m_held.first().respond(HttpResponse(200, "late"))); // harmless no-op
    QVERIFY(m_held.first().isAnswered());
    QVERIFY(!m_held.first().respond(HttpResponse(200, "again")));

    // The /slow timer fires after its client left: no crash, nothing written.
    {
        HttpTestClient c;
        QVERIFY(c.connectTo(server->serverPort()));
        QVERIFY(c.send(get("/slow")));
        QTRY_COMPARE(m_requests.size(), 2);
    }
    QTest::qWait(300);
    QCOMPARE(server->connectionCount(), 0);
}

void TestHttpServer::serverDestroyedWithOutstandingResponder()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/hold")));
    QTRY_COMPARE(m_held.size(), 1);
    QVERIFY(m_held.first().isWaiting());
    server.reset();
    QVERIFY(!m_held.first().isWaiting());
    QVERIFY(!m_held.first().respond(HttpResponse(200, "too late")));
    QVERIFY(c.waitForDisconnected());
    m_held.clear(); // destroying the last handle after the server must be safe too
}

void TestHttpServer::forgottenResponderAnswers500()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/forget") + get("/after")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 500);
    const auto r2 = c.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("ok:/after")); // the pipeline did not stall
}

void TestHttpServer::abortClosesWithoutAnswer()
{
    auto server = startServer();
    QVERIFY(server);
    QVERIFY(!HttpResponder().abort()); // an empty handle does nothing

    // Aborted behind a slow request: the earlier answer still goes out first, then the
    // connection ends with no answer for /abort, and /after is never even handed over.
    {
        HttpTestClient c;
        QVERIFY(c.connectTo(server->serverPort()));
        QVERIFY(c.send(get("/slow") + get("/abort") + get("/after")));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->body, QByteArray("slow"));
        QVERIFY(!r->hasHeader("connection")); // the answer itself did not announce the close
        QVERIFY(c.waitForDisconnected());
        QVERIFY(c.pending().isEmpty());
        QCOMPARE(m_requests.size(), 2);
        QCOMPARE(m_requests.at(1).path, QByteArray("/abort"));
    }
    QTRY_COMPARE(server->connectionCount(), 0);

    // Aborted later, from a held responder: settled, so no 500 follows and nothing else counts.
    {
        HttpTestClient c;
        QVERIFY(c.connectTo(server->serverPort()));
        QVERIFY(c.send(get("/hold")));
        QTRY_COMPARE(m_held.size(), 1);
        HttpResponder held = m_held.takeFirst();
        QVERIFY(held.isWaiting());
        QVERIFY(held.abort());
        QVERIFY(held.isAnswered());
        QVERIFY(!held.isWaiting());
        QVERIFY(!held.abort());
        QVERIFY(!held.respond(HttpResponse(200, "late")));
        QVERIFY(c.waitForDisconnected());
        QVERIFY(c.pending().isEmpty());
    } // `held` destroyed here: must not answer 500 on a closed connection
    QTRY_COMPARE(server->connectionCount(), 0);

    // The connection is already gone: a harmless no-op.
    {
        HttpTestClient c;
        QVERIFY(c.connectTo(server->serverPort()));
        QVERIFY(c.send(get("/hold")));
        QTRY_COMPARE(m_held.size(), 1);
    }
    QTRY_COMPARE(server->connectionCount(), 0);
    QVERIFY(!m_held.first().abort());
    m_held.clear();

    // Answered first: abort() is too late and leaves the keep-alive connection alone.
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/hold")));
    QTRY_COMPARE(m_held.size(), 1);
    QVERIFY(m_held.first().respond(HttpResponse(200, "answered")));
    QVERIFY(!m_held.first().abort());
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("answered"));
    QVERIFY(c.send(get("/again")));
    const auto r2 = c.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->body, QByteArray("ok:/again"));
    QVERIFY(!c.isDisconnected());
}

void TestHttpServer::headHasNoBody()
{
    auto server = startServer();
    QVERIFY(server);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send("HEAD /thing HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto r = c.readResponse(5000, true);
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(r->header("content-length"), QByteArray("9")); // length of "ok:/thing"
    // A follow-up request on the same connection proves no body bytes were sent.
    QVERIFY(c.send(get("/next")));
    const auto r2 = c.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->status, 200);
    QCOMPARE(r2->body, QByteArray("ok:/next"));
    QCOMPARE(m_requests.first().method, QByteArray("HEAD"));
}

void TestHttpServer::shutdownDrains()
{
    auto server = startServer();
    QVERIFY(server);
    QSignalSpy drained(server.get(), &HttpServer::drained);
    HttpTestClient busy;
    HttpTestClient idle;
    QVERIFY(busy.connectTo(server->serverPort()));
    QVERIFY(idle.connectTo(server->serverPort()));
    QVERIFY(idle.send(get("/x")));
    QVERIFY(idle.readResponse());
    QVERIFY(busy.send(get("/hold")));
    QTRY_COMPARE(m_held.size(), 1);

    server->shutdown(10s);
    QVERIFY(!server->isListening());
    QVERIFY(idle.waitForDisconnected()); // idle connections go at once
    QCOMPARE(drained.size(), 0);
    HttpTestClient late;
    QVERIFY(!late.connectTo(server->serverPort(), 1000)); // not accepting any more

    QVERIFY(m_held.first().respond(HttpResponse(200, "finished")));
    const auto r = busy.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("finished"));
    QCOMPARE(r->header("connection"), QByteArray("close"));
    QVERIFY(busy.waitForDisconnected());
    QTRY_COMPARE(drained.size(), 1);
    QCOMPARE(server->connectionCount(), 0);
}

void TestHttpServer::shutdownDeadline()
{
    auto server = startServer();
    QVERIFY(server);
    QSignalSpy drained(server.get(), &HttpServer::drained);
    HttpTestClient c;
    QVERIFY(c.connectTo(server->serverPort()));
    QVERIFY(c.send(get("/hold")));
    QTRY_COMPARE(m_held.size(), 1);
    server->shutdown(200ms);
    QTRY_COMPARE(drained.size(), 1);
    QVERIFY(c.waitForDisconnected());
    QVERIFY(!m_held.first().respond(HttpResponse(200, "late")));
    QTest::qWait(50);
    QCOMPARE(drained.size(), 1);
}

void TestHttpServer::https()
{
    auto server = startServer({}, serverTls(false));
    QVERIFY(server);
    QVERIFY(server->isSecure());
    HttpTestClient c;
    QVERIFY2(c.connectEncrypted(server->serverPort(), clientTls({})), qPrintable(c.errorString()));
    QVERIFY(c.send(get("/secure")));
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->body, QByteArray("ok:/secure"));
    QVERIFY(m_requests.first().secure);
    QVERIFY(m_requests.first().peerCertificate.isNull());

    // Plain HTTP to the TLS port gets no HTTP answer.
    HttpTestClient plain;
    QVERIFY(plain.connectTo(server->serverPort()));
    QVERIFY(plain.send(get("/plain")));
    QVERIFY(plain.waitForDisconnected());
    QVERIFY(!plain.pending().startsWith("HTTP/"));
    QCOMPARE(m_requests.size(), 1);

    // A key-less configuration is refused up front.
    HttpServer bad;
    QSslConfiguration noKey = serverTls(false);
    noKey.setPrivateKey({});
    const tbds::Result<void> res = bad.listen(QHostAddress::LocalHost, 0, noKey);
    QVERIFY(!res.ok());
    QVERIFY(!bad.isListening());
}

void TestHttpServer::mtls_data()
{
    QTest::addColumn<QString>("clientCert");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("no client certificate") << QString() << false;
    QTest::newRow("rogue self-signed certificate") << QStringLiteral("rogue") << false;
    QTest::newRow("CA-signed certificate") << QStringLiteral("client") << true;
}

void TestHttpServer::mtls()
{
    QFETCH(QString, clientCert);
    QFETCH(bool, accepted);
    auto server = startServer({}, serverTls(true));
    QVERIFY(server);
    QSignalSpy tlsErrors(server.get(), &HttpServer::tlsError);
    HttpTestClient c;
    const bool handshake = c.connectEncrypted(server->serverPort(), clientTls(clientCert));
    if (accepted) {
        QVERIFY2(handshake, qPrintable(c.errorString()));
        QVERIFY(c.send(get("/whoami")));
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, QByteArray("alice-client"));
        QCOMPARE(m_requests.size(), 1);
        QCOMPARE(m_requests.first().peerCertificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList { QStringLiteral("alice-client") });
        QCOMPARE(tlsErrors.size(), 0);
    } else {
        // With TLS 1.3 the client may finish its side before the server rejects it.
        if (handshake)
            c.send(get("/whoami"));
        QVERIFY(c.waitForDisconnected());
        QVERIFY(!c.pending().startsWith("HTTP/"));
        QVERIFY(m_requests.isEmpty());
        QTRY_VERIFY(tlsErrors.size() > 0);
        QCOMPARE(server->connectionCount(), 0);
    }
}

void TestHttpServer::proxyResolver_data()
{
    QTest::addColumn<int>("proxiesCount");
    QTest::addColumn<QByteArray>("realIpHeader");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QList<QByteArray>>("headerLines"); // "Name: value"
    QTest::addColumn<QString>("expected");

    using L = QList<QByteArray>;
    const QString peer = QStringLiteral("192.0.2.1");
    QTest::newRow("nothing configured ignores headers")
        << 0 << QByteArray() << QByteArray()
        << L { "X-Forwarded-For: 10.0.0.1", "X-Real-IP: 10.0.0.2", "Forwarded: for=10.0.0.3" } << peer;
    QTest::newRow("xff count 1 takes rightmost")
        << 1 << QByteArray() << QByteArray() << L { "X-Forwarded-For: 10.0.0.1, 10.0.0.2" }
        << QStringLiteral("10.0.0.2");
    QTest::newRow("xff count 2 across repeated fields")
        << 2 << QByteArray() << QByteArray() << L { "X-Forwarded-For: 10.0.0.1, 10.0.0.2", "X-Forwarded-For: 10.0.0.3" }
        << QStringLiteral("10.0.0.2");
    QTest::newRow("xff blanks dropped") << 2 << QByteArray() << QByteArray()
                                        << L { "X-Forwarded-For: 10.0.0.1, , 10.0.0.2," } << QStringLiteral("10.0.0.1");
    QTest::newRow("xff shorter than count")
        << 3 << QByteArray() << QByteArray() << L { "X-Forwarded-For: 10.0.0.1, 10.0.0.2" } << peer;
    QTest::newRow("xff ipv6 bracketed") << 1 << QByteArray() << QByteArray() << L { "X-Forwarded-For: 2001:DB8::1" }
                                        << QStringLiteral("[2001:db8::1]");
    QTest::newRow("xff unknown ignored") << 1 << QByteArray() << QByteArray() << L { "X-Forwarded-For: unknown" }
                                         << peer;
    QTest::newRow("real ip header") << 0 << QByteArray("X-Real-IP") << QByteArray() << L { "x-real-ip: 10.9.9.9" }
                                    << QStringLiteral("10.9.9.9");
    QTest::newRow("real ip header wins over xff")
        << 1 << QByteArray("X-Real-IP") << QByteArray() << L { "X-Real-IP: 10.9.9.9", "X-Forwarded-For: 10.0.0.1" }
        << QStringLiteral("10.9.9.9");
    QTest::newRow("real ip header absent falls back to xff")
        << 1 << QByteArray("X-Real-IP") << QByteArray() << L { "X-Forwarded-For: 10.0.0.1" }
        << QStringLiteral("10.0.0.1");
    QTest::newRow("forwarded with secret")
        << 0 << QByteArray() << QByteArray("s3cr3t") << L { "Forwarded: for=10.0.0.1;secret=s3cr3t, for=10.6.6.6" }
        << QStringLiteral("10.0.0.1");
    QTest::newRow("forwarded rightmost matching element")
        << 0 << QByteArray() << QByteArray("s3cr3t")
        << L { "Forwarded: for=10.0.0.1;secret=s3cr3t", "Forwarded: for=\"10.0.0.2\";by=s3cr3t" }
        << QStringLiteral("10.0.0.2");
    QTest::newRow("forwarded quoted ipv6 with port")
        << 0 << QByteArray() << QByteArray("s3cr3t")
        << L { "Forwarded: for=\"[2001:db8::1]:4711\";proto=https;secret=s3cr3t" }
        << QStringLiteral("[2001:db8::1]:4711");
    QTest::newRow("forwarded obfuscated kept")
        << 0 << QByteArray() << QByteArray("s3cr3t") << L { "Forwarded: for=_Hidden;secret=s3cr3t" }
        << QStringLiteral("_Hidden");
    QTest::newRow("forwarded wrong secret")
        << 0 << QByteArray() << QByteArray("s3cr3t") << L { "Forwarded: for=10.0.0.1;secret=other" } << peer;
    QTest::newRow("forwarded secret beats real ip (Sanic order)")
        << 1 << QByteArray("X-Real-IP") << QByteArray("s3cr3t")
        << L { "X-Real-IP: 10.9.9.9", "Forwarded: for=10.0.0.1;secret=s3cr3t" } << QStringLiteral("10.0.0.1");
    QTest::newRow("forwarded without secret falls back to real ip")
        << 1 << QByteArray("X-Real-IP") << QByteArray("s3cr3t")
        << L { "X-Real-IP: 10.9.9.9", "Forwarded: for=10.0.0.1" } << QStringLiteral("10.9.9.9");
    QTest::newRow("matching element without for: peer, no xff fallback")
        << 1 << QByteArray() << QByteArray("s3cr3t")
        << L { "Forwarded: proto=https;secret=s3cr3t", "X-Forwarded-For: 10.0.0.1" } << peer;
}

void TestHttpServer::proxyResolver()
{
    QFETCH(int, proxiesCount);
    QFETCH(QByteArray, realIpHeader);
    QFETCH(QByteArray, secret);
    QFETCH(QList<QByteArray>, headerLines);
    QFETCH(QString, expected);
    HttpHeaders headers;
    for (const QByteArray &line : headerLines) {
        const qsizetype colon = line.indexOf(':');
        headers.add(line.left(colon), line.mid(colon + 1).trimmed());
    }
    const ProxyResolver resolver(ProxyConfig { proxiesCount, realIpHeader, secret });
    QCOMPARE(resolver.clientAddress(headers, QHostAddress(QStringLiteral("192.0.2.1"))), expected);
    // IPv4-mapped peers are shown as IPv4.
    QCOMPARE(ProxyResolver().clientAddress(HttpHeaders(), QHostAddress(QStringLiteral("::ffff:192.0.2.7"))),
             QStringLiteral("192.0.2.7"));
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
