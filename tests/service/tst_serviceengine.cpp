// SPDX-License-Identifier: Apache-2.0
#include "core/config/configloader.h"
#include "core/service/serviceengine.h"
#include "tests/support/httptestclient.h"
#include "tests/support/testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace tbds;
using service::ServiceEngine;

namespace {

struct Reply
{
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers;
    QJsonValue json() const
    {
        QJsonParseError e;
        const QJsonDocument d = QJsonDocument::fromJson("[" + body + "]", &e);
        return d.array().first();
    }
};

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString src = it.next();
        const QString dst = to + src.mid(from.size());
        QDir().mkpath(QFileInfo(dst).absolutePath());
        QFile::copy(src, dst);
    }
}

const QByteArray AdminAuth = "Basic " + QByteArray("admin:admin").toBase64();

QByteArray defectJson(const QString &title)
{
    return QStringLiteral("{\"defect\": {\"title\": \"%1\", \"status\": \"open\", \"classification\": \"minor\", "
                          "\"priority\": \"low\", \"lastEdited\": \"2026-01-07T07:45:00.441Z\", "
                          "\"principal\": {\"username\": \"tb\", \"password\": \"tb-secret\"}}, \"syncContext\": {}}")
        .arg(title)
        .toUtf8();
}

} // namespace

class TestServiceEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_configPath;
    std::unique_ptr<ServiceEngine> m_engine;
    QNetworkAccessManager m_nam;
    QList<service::RequestLogEntry> m_log;

    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QByteArray &auth = AdminAuth, QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        QNetworkReply *r = send(method, path, body, auth, headers);
        QSignalSpy done(r, &QNetworkReply::finished);
        if (!r->isFinished())
            done.wait(20000);
        return collect(r);
    }
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body,
                        const QByteArray &auth = AdminAuth, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest req(QUrl(m_engine->url().toString() + path));
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!auth.isEmpty())
            req.setRawHeader("Authorization", auth);
        for (const auto &[k, v] : headers)
            req.setRawHeader(k, v);
        // A custom "HEAD" verb would make QNAM wait for a body; use its real HEAD operation.
        if (method == "HEAD")
            return m_nam.head(req);
        return m_nam.sendCustomRequest(req, method, body);
    }
    static Reply collect(QNetworkReply *r)
    {
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->readAll();
        for (const auto &[k, v] : r->rawHeaderPairs())
            out.headers.insert(k.toLower(), v);
        r->deleteLater();
        return out;
    }

    void startEngine(const QByteArray &extraConfig = {}, ServiceEngine::Tuning tuning = {})
    {
        m_engine.reset();
        QByteArray text = tbds::test::readFile(m_configPath);
        text += extraConfig;
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("run.toml"), text);
        config::LoadOptions options;
        options.environment = QProcessEnvironment();
        const config::LoadResult loaded = config::ConfigLoader::loadFile(path, options);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        m_engine = std::make_unique<ServiceEngine>();
        m_engine->setTuning(tuning);
        connect(m_engine.get(), &ServiceEngine::requestLogged, this,
                [this](const service::RequestLogEntry &e) { m_log.append(e); });
        ServiceEngine::Overrides o;
        o.port = 0;
        const Result<void> started = m_engine->start(*loaded.config, o);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().toString()));
        QCOMPARE(m_engine->state(), ServiceEngine::State::Running);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        copyTree(QStringLiteral(TBDS_SOURCE_DIR "/resources/samples/jsonl"), m_dir.path());
        m_configPath = m_dir.filePath(QStringLiteral("config.toml"));
        QVERIFY(QFile::exists(m_configPath));
    }

    void init()
    {
        m_log.clear();
        startEngine();
    }

    void cleanup()
    {
        if (m_engine && m_engine->state() == ServiceEngine::State::Running) {
            QSignalSpy stopped(m_engine.get(), &ServiceEngine::stopped);
            m_engine->stop(std::chrono::seconds(2));
            QVERIFY(stopped.wait(5000));
        }
        m_engine.reset();
    }

    void settingsNeedsNoAuth()
    {
        const Reply r = call("GET", QStringLiteral("/settings"), {}, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{\"name\":\"JSONL sample\",\"description\":\"JSONL client for managing defect "
                                    "records stored in a File.\",\"readonly\":false}"));
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
    }

    void rootRedirectsToDocs()
    {
        Reply r = call("GET", QStringLiteral("/"), {}, {});
        QCOMPARE(r.status, 302);
        QCOMPARE(r.headers.value("location"), QByteArray("/docs"));
        r = call("GET", QStringLiteral("/docs"), {}, {});
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("TestBench Defect Service API"));
        r = call("GET", QStringLiteral("/docs/openapi.json"), {}, {});
        QCOMPARE(r.status, 200);
        const QJsonObject doc = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(doc.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.0.3"));
        QCOMPARE(doc.value(QStringLiteral("paths")).toObject().size(), 15);
    }

    void routingComesBeforeAuth()
    {
        Reply r = call("GET", QStringLiteral("/nope"), {}, {});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QByteArray("{\"description\":\"Not Found\",\"status\":404,\"message\":\"Requested URL /nope not found\"}"));
        r = call("DELETE", QStringLiteral("/projects"), {}, {});
        QCOMPARE(r.status, 405);
        QCOMPARE(r.body, QByteArray("{\"description\":\"Method Not Allowed\",\"status\":405,\"message\":\"Method DELETE not "
                                    "allowed for URL /projects\"}"));
        QCOMPARE(r.headers.value("allow"), QByteArray("GET,HEAD,OPTIONS"));
    }

    void authFailures_data()
    {
        QTest::addColumn<QByteArray>("auth");
        QTest::addColumn<QString>("message");
        QTest::newRow("none") << QByteArray() << QStringLiteral("Missing or invalid Authorization header");
        QTest::newRow("bearer") << QByteArray("Bearer abc") << QStringLiteral("Missing or invalid Authorization header");
        QTest::newRow("lower-case basic") << ("basic " + QByteArray("admin:admin").toBase64())
                                         << QStringLiteral("Missing or invalid Authorization header");
        QTest::newRow("garbage") << QByteArray("Basic !!!!") << QStringLiteral("Invalid Authorization header format");
        QTest::newRow("no colon") << ("Basic " + QByteArray("admin").toBase64()) << QStringLiteral("Invalid Authorization header format");
        QTest::newRow("two spaces") << ("Basic  " + QByteArray("admin:admin").toBase64()) << QStringLiteral("Invalid Authorization header format");
        QTest::newRow("wrong password") << ("Basic " + QByteArray("admin:nope").toBase64()) << QStringLiteral("Invalid credentials");
    }
    void authFailures()
    {
        QFETCH(QByteArray, auth);
        QFETCH(QString, message);
        const Reply r = call("GET", QStringLiteral("/projects"), {}, auth);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().toObject().value(QStringLiteral("message")).toString(), message);
        QCOMPARE(r.headers.value("www-authenticate"), QByteArray("Basic realm=\"TestBench Defect Service\""));
    }

    void repeatedFailuresAreThrottled()
    {
        ServiceEngine::Tuning t;
        t.authMaxFailures = 3;
        startEngine({}, t);
        const QByteArray bad = "Basic " + QByteArray("admin:wrong").toBase64();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(call("GET", QStringLiteral("/projects"), {}, bad).status, 401);
        const Reply r = call("GET", QStringLiteral("/projects"), {}, AdminAuth);
        QCOMPARE(r.status, 429);
        QVERIFY(r.headers.value("retry-after").toInt() > 0);
    }

    void missingCredentialsConfigIs500()
    {
        QByteArray text = tbds::test::readFile(m_configPath);
        text.replace("password_hash", "#password_hash").replace("salt =", "#salt =");
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("nohash.toml"), text);
        config::LoadOptions options;
        options.environment = QProcessEnvironment();
        const config::LoadResult loaded = config::ConfigLoader::loadFile(path, options);
        QVERIFY(loaded.ok());
        m_engine = std::make_unique<ServiceEngine>();
        QVERIFY(m_engine->start(*loaded.config, {std::nullopt, 0}).ok());
        Reply r = call("GET", QStringLiteral("/projects"));
        QCOMPARE(r.status, 500);
        QCOMPARE(r.json().toObject().value(QStringLiteral("message")).toString(), QStringLiteral("Invalid server configuration."));
        r = call("GET", QStringLiteral("/projects"), {}, {});
        QCOMPARE(r.status, 401); // header checks come first
    }

    void readRoutes()
    {
        Reply r = call("GET", QStringLiteral("/projects"));
        QCOMPARE(r.status, 200);
        QStringList projects;
        for (const QJsonValue &v : r.json().toArray())
            projects << v.toString();
        projects.sort();
        QCOMPARE(projects, QStringList({QStringLiteral("Web Shop (WS)"), QStringLiteral("car_configurator")}));
        QCOMPARE(call("GET", QStringLiteral("/check-login")).body, QByteArray("true"));
        QCOMPARE(call("GET", QStringLiteral("/check-login?project=car_configurator")).body, QByteArray("true"));
        QCOMPARE(call("GET", QStringLiteral("/check-login?project=Web+Shop+%28WS%29")).body, QByteArray("true"));
        QCOMPARE(call("GET", QStringLiteral("/check-login?project=nope")).body, QByteArray("false"));
        QCOMPARE(call("GET", QStringLiteral("/supports-changes-timestamps")).body, QByteArray("true"));
        r = call("GET", QStringLiteral("/projects/control-fields"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().toObject().value(QStringLiteral("priority")).toArray().size(), 3);
        r = call("GET", QStringLiteral("/projects/udfs?project=car_configurator"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("[{\"name\":\"Sprint\",\"valueType\":\"STRING\",\"mustField\":true,\"lastEdited\":null,"
                                    "\"stringValue\":\"Production\",\"booleanValue\":null}]"));
    }

    void defectsOfAPercentEncodedProject()
    {
        const Reply r = call("POST", QStringLiteral("/projects/Web%20Shop%20(WS)/defects"));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json().toObject();
        QCOMPARE(o.value(QStringLiteral("value")).toArray().size(), 2);
        QVERIFY(o.value(QStringLiteral("protocol")).toObject().contains(QStringLiteral("generalErrors")));
    }

    void headAndOptions()
    {
        Reply r = call("HEAD", QStringLiteral("/projects"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        r = call("OPTIONS", QStringLiteral("/projects/car_configurator/defects"));
        QCOMPARE(r.status, 204);
        QCOMPARE(r.headers.value("allow"), QByteArray("POST,OPTIONS"));
        QCOMPARE(call("OPTIONS", QStringLiteral("/projects/car_configurator/defects"), {}, {}).status, 401);
    }

    void badBodies_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        const QString create = QStringLiteral("/projects/car_configurator/defects/create");
        QTest::newRow("malformed json") << create << QByteArray("{\"defect\":") << 400 << QStringLiteral("Failed when parsing body as json");
        QTest::newRow("missing body") << create << QByteArray() << 400 << QStringLiteral("Missing request body. Request body must be valid JSON.");
        QTest::newRow("null body") << create << QByteArray("null") << 400 << QStringLiteral("Missing request body. Request body must be valid JSON.");
        QTest::newRow("invalid utf-8") << create << QByteArray("{\"defect\": \"\xff\xfe\"}") << 400 << QStringLiteral("Failed when parsing body as json");
        QTest::newRow("wrong types") << create << QByteArray("{\"defect\": {\"status\": 5}, \"syncContext\": {}}") << 400 << QStringLiteral("Validation error");
        QTest::newRow("optional truthy non-object") << QStringLiteral("/projects/car_configurator/defects") << QByteArray("[1]") << 400 << QStringLiteral("Validation error");
        QTest::newRow("bad enum") << QStringLiteral("/projects/car_configurator/defects") << QByteArray("{\"syncOption\": \"NOPE\"}") << 400 << QStringLiteral("Validation error");
        QTest::newRow("path traversal") << QStringLiteral("/projects/..%2F..%2Fetc/defects") << QByteArray() << 400 << QStringLiteral("Invalid project name: ../../etc");
        QTest::newRow("unknown project create") << QStringLiteral("/projects/nope/defects/create") << defectJson(QStringLiteral("x")) << 404 << QStringLiteral("No defect files found for project nope.");
        QTest::newRow("readonly override") << QStringLiteral("/projects/Web%20Shop%20(WS)/defects/create") << defectJson(QStringLiteral("x")) << 400 << QStringLiteral("Cannot modify defects when the JSONL client is in read-only mode.");
    }
    void badBodies()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const Reply r = call("POST", path, body);
        QCOMPARE(r.status, status);
        QVERIFY2(r.json().toObject().value(QStringLiteral("message")).toString().startsWith(message), r.body.constData());
    }

    void rawDotDotProjectIsRejected()
    {
        // QNetworkAccessManager normalises "..", so speak HTTP by hand.
        tbds::test::HttpTestClient client;
        QVERIFY(client.connectTo(quint16(m_engine->url().port())));
        QVERIFY(client.send("POST /projects/%2E%2E/defects HTTP/1.1\r\nHost: x\r\nAuthorization: " + AdminAuth
                            + "\r\nContent-Length: 0\r\n\r\n"));
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QVERIFY2(response->body.contains("Invalid project name: .."), response->body.constData());
    }

    void hugeBodyIs413()
    {
        ServiceEngine::Tuning t;
        t.maxBodyBytes = 1024;
        startEngine({}, t);
        const Reply r = call("POST", QStringLiteral("/projects/car_configurator/defects/create"), QByteArray(4096, ' '));
        QCOMPARE(r.status, 413);
    }

    void writeCycle()
    {
        Reply r = call("POST", QStringLiteral("/projects/car_configurator/defects/create"), defectJson(QStringLiteral("Neu")));
        QCOMPARE(r.status, 200);
        const QString id = r.json().toObject().value(QStringLiteral("value")).toString();
        QVERIFY(id.startsWith(QStringLiteral("BUG-")));
        // The TestBench user's password is never stored.
        QVERIFY(!tbds::test::readFile(m_dir.filePath(QStringLiteral("defects/car_configurator/defects.jsonl"))).contains("tb-secret"));

        r = call("PUT", QStringLiteral("/projects/car_configurator/defects/%1/update").arg(id), defectJson(QStringLiteral("Geändert")));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().toObject().value(QStringLiteral("successes")).toObject().contains(QStringLiteral("car_configurator")));
        r = call("POST", QStringLiteral("/projects/car_configurator/defects/%1/extended").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().toObject().value(QStringLiteral("attributes")).toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Geändert"));
        r = call("POST", QStringLiteral("/projects/car_configurator/defects/batch"),
                 QStringLiteral("{\"defectIds\": [\"%1\", \"BUG-999\"], \"syncContext\": {}}").arg(id).toUtf8());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().toObject().value(QStringLiteral("value")).toArray().size(), 1);
        r = call("POST", QStringLiteral("/projects/car_configurator/defects/%1/delete").arg(id), defectJson(QStringLiteral("x")));
        QCOMPARE(r.status, 200);
        r = call("POST", QStringLiteral("/projects/car_configurator/defects/%1/extended").arg(id));
        QCOMPARE(r.status, 404);
        r = call("POST", QStringLiteral("/projects/car_configurator/defects/correct"), "{}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("{\"local\":null,\"remote\":null}"));
    }

    void parallelCreatesGetDistinctIds()
    {
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 32; ++i)
            replies << send("POST", QStringLiteral("/projects/car_configurator/defects/create"),
                            defectJson(QStringLiteral("parallel %1").arg(i)));
        QSet<QString> ids;
        for (QNetworkReply *r : replies) {
            if (!r->isFinished())
                QSignalSpy(r, &QNetworkReply::finished).wait(20000);
            const Reply out = collect(r);
            QCOMPARE(out.status, 200);
            ids.insert(out.json().toObject().value(QStringLiteral("value")).toString());
        }
        QCOMPARE(ids.size(), 32);
        // The file is still one valid JSON object per line.
        const QList<QByteArray> lines = tbds::test::readFile(m_dir.filePath(QStringLiteral("defects/car_configurator/defects.jsonl"))).trimmed().split('\n');
        for (const QByteArray &line : lines)
            QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
    }

    void burstOfAsyncRequests()
    {
        // Many pool-thread completions racing the engine's event loop (Qt 6.4's
        // QFuture::then(context) crashed under such load; see core/common/futurewatch.h).
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 200; ++i)
            replies << send("POST", QStringLiteral("/projects/car_configurator/defects/batch"),
                            "{\"defectIds\": [\"BUG-1\"], \"syncContext\": {}}");
        int ok = 0;
        for (QNetworkReply *r : replies) {
            if (!r->isFinished())
                QSignalSpy(r, &QNetworkReply::finished).wait(20000);
            ok += collect(r).status == 200 ? 1 : 0;
        }
        QCOMPARE(ok, 200);
    }

    void hooks()
    {
#ifdef Q_OS_UNIX
        const QString ok = tbds::test::writeFile(m_dir.path(), QStringLiteral("hooks/ok.sh"), "#!/bin/sh\necho \"$1 $2\" > \"$(dirname \"$0\")/ran.txt\"\n");
        const QString fail = tbds::test::writeFile(m_dir.path(), QStringLiteral("hooks/fail.sh"), "#!/bin/sh\nexit 3\n");
        const QString slow = tbds::test::writeFile(m_dir.path(), QStringLiteral("hooks/slow.sh"),
                                                   "#!/bin/sh\nsleep 30 &\necho $! > \"$(dirname \"$0\")/sleep.pid\"\nwait\n");
        for (const QString &f : {ok, fail, slow})
            QFile::setPermissions(f, QFile::permissions(f) | QFile::ExeUser);
        ServiceEngine::Tuning t;
        t.hookDeadline = std::chrono::milliseconds(500);
        startEngine("[testbench-defect-service.client_config.commands.presync]\nmanual = \"hooks/ok.sh\"\nscheduled = \"hooks/fail.sh\"\n"
                    "[testbench-defect-service.client_config.commands.postsync]\nmanual = \"hooks/slow.sh\"\n",
                    t);
        auto sync = [this](const QString &phase, const QString &type, const QString &project = QStringLiteral("car_configurator")) {
            return call("POST", QStringLiteral("/projects/%1/sync/%2").arg(project, phase),
                        QStringLiteral("{\"syncType\": \"%1\", \"syncContext\": {}}").arg(type).toUtf8());
        };
        Reply r = sync(QStringLiteral("before"), QStringLiteral("manual"));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("Presync hook 'ok.sh' executed successfully."), r.body.constData());
        QCOMPARE(tbds::test::readFile(m_dir.filePath(QStringLiteral("hooks/ran.txt"))), QByteArray("car_configurator manual\n"));
        r = sync(QStringLiteral("before"), QStringLiteral("scheduled"));
        QVERIFY2(r.body.contains("Presync hook 'fail.sh' failed with return code 3."), r.body.constData());
        r = sync(QStringLiteral("before"), QStringLiteral("partial"));
        QVERIFY(r.body.contains("Presync hook acknowledged; no command configured."));
        r = sync(QStringLiteral("after"), QStringLiteral("manual"));
        QVERIFY2(r.body.contains("Postsync hook 'slow.sh' did not finish within 0.5 seconds and was stopped."), r.body.constData());
        // The timeout also stopped what the script had started.
        const pid_t sleeper = pid_t(tbds::test::readFile(m_dir.filePath(QStringLiteral("hooks/sleep.pid"))).trimmed().toInt());
        QVERIFY(sleeper > 0);
        QTRY_VERIFY(::kill(sleeper, 0) != 0);
        r = sync(QStringLiteral("before"), QStringLiteral("manual"), QStringLiteral("unknown"));
        QVERIFY(r.body.contains("PROJECT_NOT_FOUND"));
        r = call("POST", QStringLiteral("/projects/car_configurator/sync/before"), "{\"syncType\": null, \"syncContext\": {}}");
        QCOMPARE(r.status, 400);
#endif
    }

    void requestsAreLoggedWithoutSecrets()
    {
        QCOMPARE(call("GET", QStringLiteral("/projects?token=abc")).status, 200);
        QTRY_VERIFY(!m_log.isEmpty());
        const service::RequestLogEntry &e = m_log.constLast();
        QCOMPARE(e.method, QStringLiteral("GET"));
        QCOMPARE(e.path, QStringLiteral("/projects"));
        QCOMPARE(e.status, 200);
        QCOMPARE(e.user, QStringLiteral("admin"));
        QCOMPARE(e.peer, QStringLiteral("127.0.0.1"));
    }

    void portInUseIsAClearError()
    {
        config::LoadOptions options;
        options.environment = QProcessEnvironment();
        const config::LoadResult loaded = config::ConfigLoader::loadFile(m_configPath, options);
        ServiceEngine second;
        const Result<void> r = second.start(*loaded.config, {std::nullopt, m_engine->url().port()});
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("could not start")));
        QCOMPARE(second.state(), ServiceEngine::State::Stopped);
    }
};

QTEST_GUILESS_MAIN(TestServiceEngine)
#include "tst_serviceengine.moc"
