// SPDX-License-Identifier: Apache-2.0
// fake-jira: serves the Jira simulator until SIGINT/SIGTERM, for manual runs of the GUI and
// for scripts that need a Jira without a network.
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>
#include <QTextStream>

#include <csignal>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace tbds::fakejira;

namespace {

#ifdef Q_OS_UNIX
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    // Only async-signal-safe work here: wake the event loop through the self-pipe.
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &c, 1);
}
#else
void onSignal(int)
{
    QCoreApplication::quit();
}
#endif

int fail(const QString &message)
{
    QTextStream(stderr) << "fake-jira: " << message << '\n';
    return 2;
}

std::optional<QSslConfiguration> loadTls(const QString &certFile, const QString &keyFile, QString &error)
{
    QFile cert(certFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1 or %2").arg(certFile, keyFile);
        return std::nullopt;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(cert.readAll(), QSsl::Pem);
    const QByteArray keyPem = key.readAll();
    QSslKey privateKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (privateKey.isNull())
        privateKey = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || privateKey.isNull()) {
        error = QStringLiteral("%1 / %2 hold no PEM certificate / EC or RSA key").arg(certFile, keyFile);
        return std::nullopt;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(privateKey);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake-jira"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Strict Jira Cloud / Data Center simulator on loopback (tbds test tool).\n"
        "Demo logins: Cloud %1 / %2; DC %3 / %4, PAT %5 (expired: %6).")
                                         .arg(QLatin1String(demo::kCloudEmail), QLatin1String(demo::kCloudApiToken),
                                              QLatin1String(demo::kDcUser), QLatin1String(demo::kDcPassword),
                                              QLatin1String(demo::kDcPat), QLatin1String(demo::kDcExpiredPat)));
    parser.addHelpOption();
    const QCommandLineOption flavorOpt(QStringLiteral("flavor"), QStringLiteral("cloud or dc (default cloud)."),
                                       QStringLiteral("flavor"), QStringLiteral("cloud"));
    const QCommandLineOption versionOpt(QStringLiteral("version"),
                                        QStringLiteral("DC version, e.g. 9.12.7 (default) or 8.3.0."),
                                        QStringLiteral("version"));
    const QCommandLineOption portOpt(QStringLiteral("port"), QStringLiteral("Port; 0 = a free one (default)."),
                                     QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption tlsOpt(QStringLiteral("tls"),
                                    QStringLiteral("Serve HTTPS with this PEM certificate; the key follows as the next "
                                                   "argument (--tls CERT KEY)."),
                                    QStringLiteral("cert"));
    const QCommandLineOption dataOpt(QStringLiteral("data"),
                                     QStringLiteral("JSON data set (format of --dump-data) instead of the demo set."),
                                     QStringLiteral("file"));
    const QCommandLineOption dumpOpt(QStringLiteral("dump-data"),
                                     QStringLiteral("Write the built-in demo data set as JSON to this file and exit."),
                                     QStringLiteral("file"));
    const QCommandLineOption pageCapOpt(QStringLiteral("dc-page-cap"),
                                        QStringLiteral("Largest DC search page (default 50)."), QStringLiteral("n"),
                                        QStringLiteral("50"));
    const QCommandLineOption contextOpt(QStringLiteral("context-path"),
                                        QStringLiteral("Serve below a context path such as /jira."),
                                        QStringLiteral("path"));
    const QCommandLineOption oauthOpt(QStringLiteral("oauth-consumer"),
                                      QStringLiteral("DC OAuth 1.0a consumer KEY=PUBLIC_KEY_PEM_FILE."),
                                      QStringLiteral("key=file"));
    const QCommandLineOption oauthTokenOpt(QStringLiteral("oauth-token"),
                                           QStringLiteral("An authorised OAuth access token for the service account."),
                                           QStringLiteral("token"));
    const QCommandLineOption credentialOpt(QStringLiteral("credential"),
                                           QStringLiteral("Extra basic-auth login (Cloud e-mail / DC username) and "
                                                          "secret, e.g. for users of a --data file; repeatable."),
                                           QStringLiteral("login=secret"));
    const QCommandLineOption patOpt(QStringLiteral("pat"),
                                    QStringLiteral("Extra DC personal access token for the service account; repeatable."),
                                    QStringLiteral("token"));
    parser.addOptions({ flavorOpt, versionOpt, portOpt, tlsOpt, dataOpt, dumpOpt, pageCapOpt, contextOpt, oauthOpt,
                        oauthTokenOpt, credentialOpt, patOpt });
    parser.process(app);

    if (parser.isSet(dumpOpt)) {
        QFile out(parser.value(dumpOpt));
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(out.errorString());
        out.write(QJsonDocument(demo::build().toJson()).toJson(QJsonDocument::Indented));
        return 0;
    }

    FakeJira::Options options;
    const QString flavor = parser.value(flavorOpt).toLower();
    if (flavor == QLatin1String("cloud"))
        options.flavor = Flavor::Cloud;
    else if (flavor == QLatin1String("dc") || flavor == QLatin1String("datacenter"))
        options.flavor = Flavor::DataCenter;
    else
        return fail(QStringLiteral("--flavor must be cloud or dc"));
    options.version = parser.value(versionOpt);
    if (options.flavor == Flavor::Cloud && !options.version.isEmpty())
        return fail(QStringLiteral("--version applies to --flavor dc only"));
    bool ok = false;
    const uint port = parser.value(portOpt).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port must be 0..65535"));
    options.port = quint16(port);
    options.dcPageCap = parser.value(pageCapOpt).toInt(&ok);
    if (!ok || options.dcPageCap < 1)
        return fail(QStringLiteral("--dc-page-cap must be a positive number"));
    options.contextPath = parser.value(contextOpt);
    if (parser.isSet(tlsOpt)) {
        // QCommandLineParser options take one value: the key is the next positional argument.
        const QStringList rest = parser.positionalArguments();
        if (rest.isEmpty())
            return fail(QStringLiteral("--tls needs CERT and KEY"));
        QString error;
        options.tls = loadTls(parser.value(tlsOpt), rest.first(), error);
        if (!options.tls)
            return fail(error);
    } else if (!parser.positionalArguments().isEmpty()) {
        return fail(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()));
    }

    FakeJira jira;
    jira.loadDemoData(); // credentials and, unless --data replaces it, the data
    if (parser.isSet(dataOpt)) {
        const auto loaded = jira.loadData(parser.value(dataOpt));
        if (!loaded)
            return fail(loaded.error().toString());
    }
    const QStringList credentials = parser.values(credentialOpt);
    for (const QString &credential : credentials) {
        const qsizetype eq = credential.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(QStringLiteral("--credential needs LOGIN=SECRET"));
        jira.setCredential(credential.left(eq), credential.mid(eq + 1));
    }
    const QStringList pats = parser.values(patOpt);
    for (const QString &pat : pats)
        jira.setPat(pat);
    if (parser.isSet(oauthOpt)) {
        const QString spec = parser.value(oauthOpt);
        const qsizetype eq = spec.indexOf(QLatin1Char('='));
        QFile pem(spec.mid(eq + 1));
        if (eq <= 0 || !pem.open(QIODevice::ReadOnly) || !jira.setOAuthConsumer(spec.left(eq), pem.readAll()))
            return fail(QStringLiteral("--oauth-consumer needs KEY=FILE with an RSA public key in PEM"));
    }
    if (parser.isSet(oauthTokenOpt))
        jira.addOAuthAccessToken(parser.value(oauthTokenOpt));

    const auto started = jira.start(options);
    if (!started)
        return fail(started.error().toString());
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return fail(QStringLiteral("socketpair failed"));
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
#endif
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QTextStream(stdout) << "listening on " << jira.baseUrl().toString() << Qt::endl;
    return app.exec();
}
