// SPDX-License-Identifier: Apache-2.0
#include "tests/support/testcerts.h"
#include "tests/support/testutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// `tbds-service start` as an admin runs it: a real process, real sockets, real signals.
class TestStartCommand : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QNetworkAccessManager m_nam;

    static QString bin() { return qEnvironmentVariable("TBDS_SERVICE_BIN"); }

    /** Starts the service and returns its URL once it printed "listening on". */
    QUrl start(QProcess &p, const QStringList &args)
    {
        p.setWorkingDirectory(m_dir.path());
        p.start(bin(), QStringList{QStringLiteral("start")} + args);
        QByteArray out;
        QRegularExpression re(QStringLiteral("^listening on (\\S+)$"), QRegularExpression::MultilineOption);
        for (int i = 0; i < 100; ++i) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
            const auto m = re.match(QString::fromUtf8(out));
            if (m.hasMatch())
                return QUrl(m.captured(1));
            if (p.state() == QProcess::NotRunning)
                break;
        }
        qWarning("no 'listening on' line; stdout: %s stderr: %s", out.constData(), p.readAllStandardError().constData());
        return {};
    }

    QNetworkReply *get(const QUrl &url, const QSslConfiguration &tls = QSslConfiguration())
    {
        QNetworkRequest req(url);
        req.setRawHeader("Authorization", "Basic " + QByteArray("admin:admin").toBase64());
        if (!tls.isNull())
            req.setSslConfiguration(tls);
        QNetworkReply *r = m_nam.get(req);
        QSignalSpy(r, &QNetworkReply::finished).wait(10000);
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!bin().isEmpty());
        QDirIterator it(QStringLiteral(TBDS_SOURCE_DIR "/resources/samples/jsonl"), QDir::Files, QDirIterator::Subdirectories);
        const QString from = QStringLiteral(TBDS_SOURCE_DIR "/resources/samples/jsonl");
        while (it.hasNext()) {
            const QString src = it.next();
            const QString dst = m_dir.path() + src.mid(from.size());
            QDir().mkpath(QFileInfo(dst).absolutePath());
            QVERIFY(QFile::copy(src, dst));
        }
    }

    void servesTheSampleAndStopsOnSigterm()
    {
        QProcess p;
        const QUrl url = start(p, {QStringLiteral("--config"), m_dir.filePath(QStringLiteral("config.toml")),
                                   QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(url.isValid());
        QCOMPARE(url.scheme(), QStringLiteral("http"));
        QVERIFY(url.port() > 0);
        QNetworkReply *r = get(url.resolved(QUrl(QStringLiteral("/projects"))));
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(r->readAll().contains("car_configurator"));
        r->deleteLater();
#ifdef Q_OS_UNIX
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(15000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        // The log file of the sample config was written, without secrets.
        const QByteArray log = tbds::test::readFile(m_dir.filePath(QStringLiteral("tbds-sample.log")));
        QVERIFY(log.contains("GET /projects 200"));
        QVERIFY(!log.contains(QByteArray("admin:admin").toBase64()));
#else
        p.kill();
        p.waitForFinished();
#endif
    }

    void badConfigStopsBeforeBinding()
    {
        const QString path = tbds::test::writeFile(m_dir.path(), QStringLiteral("bad.toml"),
                                                   "[testbench-defect-service]\nport = \"x\"\n");
        QProcess p;
        p.start(bin(), {QStringLiteral("start"), QStringLiteral("--config"), path});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(path + QStringLiteral(":2:8: Invalid value for 'port'")), qPrintable(err));
        QVERIFY(!p.readAllStandardOutput().contains("listening"));
    }

    void badOptionsAreUsageErrors()
    {
        QProcess p;
        p.start(bin(), {QStringLiteral("start"), QStringLiteral("--port"), QStringLiteral("99999")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        p.start(bin(), {QStringLiteral("start"), QStringLiteral("--ssl-cert"), QStringLiteral("/nonexistent.pem")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("file not found"));
    }

    void unsupportedClientClassIsRefused()
    {
        QProcess p;
        p.start(bin(), {QStringLiteral("start"), QStringLiteral("--config"), m_dir.filePath(QStringLiteral("config.toml")),
                        QStringLiteral("--client-class"), QStringLiteral("my_client.py")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("Unsupported client_class 'my_client.py'"));
    }

    void wizardConfigServes()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("defects/ProjectA")));
        tbds::test::writeFile(dir.path(), QStringLiteral("defects/ProjectA/defects.jsonl"), "");
        const QString cfg = tbds::test::writeFile(dir.path(), QStringLiteral("config.toml"),
                                                  tbds::test::readFile(tbds::test::dataPath(QStringLiteral("config/wizard_jsonl.toml"))));
        QProcess p;
        p.setWorkingDirectory(dir.path());
        const QUrl url = start(p, {QStringLiteral("--config"), cfg, QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(url.isValid());
        QNetworkReply *r = get(url.resolved(QUrl(QStringLiteral("/projects"))));
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(r->readAll(), QByteArray("[\"ProjectA\"]"));
        r->deleteLater();
        p.terminate();
        QVERIFY(p.waitForFinished(15000));
    }

    void mutualTls()
    {
        QTemporaryDir certs;
        QVERIFY(tbds::test::makeTestCertificates(certs.path()));
        QProcess p;
        const QUrl url = start(p, {QStringLiteral("--config"), m_dir.filePath(QStringLiteral("config.toml")),
                                   QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--ssl-cert"),
                                   certs.filePath(QStringLiteral("server.crt")), QStringLiteral("--ssl-key"),
                                   certs.filePath(QStringLiteral("server.key")), QStringLiteral("--ssl-ca-cert"),
                                   certs.filePath(QStringLiteral("ca.crt"))});
        QVERIFY(url.isValid());
        QCOMPARE(url.scheme(), QStringLiteral("https"));
        const QUrl projects(QStringLiteral("https://localhost:%1/projects").arg(url.port()));

        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(certs.filePath(QStringLiteral("ca.crt"))));
        // Without a client certificate the handshake is refused.
        QNetworkReply *r = get(projects, tls);
        QVERIFY(r->error() != QNetworkReply::NoError);
        r->deleteLater();

        auto withClient = [&](const QString &name) {
            QSslConfiguration c = tls;
            c.setLocalCertificate(QSslCertificate::fromPath(certs.filePath(name + QStringLiteral(".crt"))).value(0));
            QFile key(certs.filePath(name + QStringLiteral(".key")));
            if (key.open(QIODevice::ReadOnly))
                c.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
            return c;
        };
        m_nam.clearConnectionCache();
        r = get(projects, withClient(QStringLiteral("rogue")));
        QVERIFY(r->error() != QNetworkReply::NoError);
        r->deleteLater();
        m_nam.clearConnectionCache();
        r = get(projects, withClient(QStringLiteral("client")));
        QCOMPARE(r->error(), QNetworkReply::NoError);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        r->deleteLater();
        p.terminate();
        QVERIFY(p.waitForFinished(15000));
    }
};

QTEST_GUILESS_MAIN(TestStartCommand)
#include "tst_startcommand.moc"
