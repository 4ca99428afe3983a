// SPDX-License-Identifier: Apache-2.0
#include "tests/jira/jiratestutil.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>
#include <QStandardPaths>
#include <QTest>

namespace tbds::test::jira {

namespace demo = fakejira::demo;

config::JiraClientConfig clientConfig(const FakeJira &jira)
{
    config::JiraClientConfig c;
    c.serverUrl = jira.baseUrl().toString();
    c.authType = config::JiraAuthType::Basic;
    if (jira.options().flavor == Flavor::Cloud) {
        c.username = QString::fromLatin1(demo::kCloudEmail);
        c.password = QString::fromLatin1(demo::kCloudApiToken);
    } else {
        c.username = QString::fromLatin1(demo::kDcUser);
        c.password = QString::fromLatin1(demo::kDcPassword);
    }
    c.timeout = 10;
    c.maxRetries = 3;
    return c;
}

Env startEnv(const fakejira::FakeJiraOptions &options)
{
    Env env;
    auto jira = std::make_unique<FakeJira>();
    jira->loadDemoData();
    const Result<quint16> port = jira->start(options);
    if (!port) {
        qWarning("fake Jira did not start: %s", qPrintable(port.error().toString()));
        return env;
    }
    env.client = std::make_unique<tbds::jira::JiraClient>(clientConfig(*jira));
    // Short waits keep retry tests fast; Retry-After still sets the floor.
    tbds::jira::RetryPolicy policy = env.client->retryPolicy();
    policy.baseDelay = std::chrono::milliseconds(20);
    policy.maxDelay = std::chrono::milliseconds(200);
    env.client->setRetryPolicy(policy);
    env.jira = std::move(jira);
    return env;
}

Env startEnv(Flavor flavor)
{
    fakejira::FakeJiraOptions options;
    options.flavor = flavor;
    return startEnv(options);
}

bool waitFor(const tbds::jira::JiraCall *call, int timeoutMs)
{
    return QTest::qWaitFor([call] { return call->isFinished(); }, timeoutMs);
}

AnswerClock::AnswerClock(FakeJira &jira)
{
    m_clock.start();
    QObject::connect(&jira, &FakeJira::requestHandled, &jira,
                     [this](const fakejira::LoggedRequest &) { m_times.append(m_clock.elapsed()); });
}

bool TestPki::run(const QStringList &args)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        m_error = QStringLiteral("openssl command not installed");
        return false;
    }
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(openssl, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2").arg(args.join(QLatin1Char(' ')),
                                                                QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestPki::create()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    auto write = [this](const char *name, const QByteArray &text) {
        QFile f(m_dir.filePath(QLatin1String(name)));
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    };
    if (!write("server.ext", "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                             "subjectAltName=DNS:localhost,IP:127.0.0.1\n")
        || !write("other.ext", "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                               "subjectAltName=DNS:other.example\n")
        || !write("client.ext", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n"))
        return false;
    const auto s = [](const char *text) { return QString::fromLatin1(text); };
    return run({s("req"), s("-x509"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"), s("ca.key"), s("-out"),
                s("ca.pem"), s("-days"), s("2"), s("-subj"), s("/CN=tbds test CA"), s("-addext"),
                s("basicConstraints=critical,CA:TRUE"), s("-addext"), s("keyUsage=critical,keyCertSign,cRLSign")})
        && run({s("req"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"), s("server.key"), s("-out"),
                s("server.csr"), s("-subj"), s("/CN=localhost")})
        && run({s("x509"), s("-req"), s("-in"), s("server.csr"), s("-CA"), s("ca.pem"), s("-CAkey"), s("ca.key"),
                s("-CAcreateserial"), s("-out"), s("server.pem"), s("-days"), s("2"), s("-extfile"), s("server.ext")})
        && run({s("req"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"), s("other.key"), s("-out"),
                s("other.csr"), s("-subj"), s("/CN=other.example")})
        && run({s("x509"), s("-req"), s("-in"), s("other.csr"), s("-CA"), s("ca.pem"), s("-CAkey"), s("ca.key"),
                s("-CAcreateserial"), s("-out"), s("other.pem"), s("-days"), s("2"), s("-extfile"), s("other.ext")})
        && run({s("req"), s("-newkey"), s("rsa:2048"), s("-nodes"), s("-keyout"), s("client.key"), s("-out"),
                s("client.csr"), s("-subj"), s("/CN=tbds client")})
        && run({s("x509"), s("-req"), s("-in"), s("client.csr"), s("-CA"), s("ca.pem"), s("-CAkey"), s("ca.key"),
                s("-CAcreateserial"), s("-out"), s("client.pem"), s("-days"), s("2"), s("-extfile"), s("client.ext")});
}

QSslConfiguration TestPki::serverTls(bool otherHost, bool requireClientCert) const
{
    auto read = [this](const QString &name) {
        QFile f(m_dir.filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QString base = otherHost ? QStringLiteral("other") : QStringLiteral("server");
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(read(base + QStringLiteral(".pem"))));
    tls.setPrivateKey(QSslKey(read(base + QStringLiteral(".key")), QSsl::Rsa));
    if (requireClientCert) {
        tls.setCaCertificates(QSslCertificate::fromData(read(QStringLiteral("ca.pem"))));
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    return tls;
}

} // namespace tbds::test::jira
