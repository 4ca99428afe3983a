// SPDX-License-Identifier: Apache-2.0
#include "app/startcommand.h"

#include "app/keychainlookup.h"

#include "core/config/configloader.h"
#include "core/service/servicelog.h"
#include "core/service/serviceengine.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace tbds::app {

namespace {

#if defined(Q_OS_UNIX)
int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: wake the event loop through the socket.
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}
#elif defined(Q_OS_WIN)
BOOL WINAPI onConsoleControl(DWORD type)
{
    if (type == CTRL_C_EVENT || type == CTRL_BREAK_EVENT || type == CTRL_CLOSE_EVENT || type == CTRL_SHUTDOWN_EVENT) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [] { QCoreApplication::instance()->setProperty("tbdsStop", true); },
                                  Qt::QueuedConnection);
        return TRUE;
    }
    return FALSE;
}
#endif

/** Calls `stop` once when the process is asked to terminate. */
void onTermination(QObject *context, std::function<void()> stop)
{
#if defined(Q_OS_UNIX)
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, context);
        QObject::connect(notifier, &QSocketNotifier::activated, context, [notifier, stop] {
            char byte = 0;
            [[maybe_unused]] const auto r = ::read(signalPipe[1], &byte, 1);
            notifier->setEnabled(false);
            stop();
        });
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGINT, &sa, nullptr);
        sigaction(SIGTERM, &sa, nullptr);
    }
#elif defined(Q_OS_WIN)
    SetConsoleCtrlHandler(onConsoleControl, TRUE);
    auto *poll = new QTimer(context);
    QObject::connect(poll, &QTimer::timeout, context, [poll, stop] {
        if (QCoreApplication::instance()->property("tbdsStop").toBool()) {
            poll->stop();
            stop();
        }
    });
    poll->start(100);
#else
    Q_UNUSED(context);
    Q_UNUSED(stop);
#endif
}

} // namespace

StartCommand::StartCommand(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

int StartCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Serve the TestBench defect service API."));
    parser.addHelpOption();
    const QCommandLineOption config(QStringLiteral("config"), tr("The config.toml to serve."), tr("file"),
                                    QStringLiteral("config.toml"));
    const QCommandLineOption clientClass(QStringLiteral("client-class"), tr("Client class instead of the file's."), tr("class"));
    const QCommandLineOption clientConfig(QStringLiteral("client-config"), tr("Client configuration file."), tr("file"));
    const QCommandLineOption host(QStringLiteral("host"), tr("Address to listen on (default from the file, else 127.0.0.1)."),
                                  tr("host"));
    const QCommandLineOption port(QStringLiteral("port"), tr("Port to listen on; 0 picks a free port."), tr("port"));
    const QCommandLineOption sslCert(QStringLiteral("ssl-cert"), tr("TLS certificate (PEM)."), tr("file"));
    const QCommandLineOption sslKey(QStringLiteral("ssl-key"), tr("TLS private key (PEM)."), tr("file"));
    const QCommandLineOption sslCa(QStringLiteral("ssl-ca-cert"), tr("CA for client certificates (enables mutual TLS)."),
                                   tr("file"));
    const QCommandLineOption dev(QStringLiteral("dev"), tr("Debug logging."));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
                                        tr("Do not read Jira secrets from the OS keychain (environment and file only)."));
    parser.addOptions({config, clientClass, clientConfig, host, port, sslCert, sslKey, sslCa, dev, noKeychain});
    if (!parser.parse(QStringList{QStringLiteral("tbds-service start")} + arguments)) {
        m_err << "tbds-service start: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_out.flush();
        return 0;
    }
    std::optional<int> portValue;
    if (parser.isSet(port)) {
        bool ok = false;
        const int p = parser.value(port).toInt(&ok);
        if (!ok || p < 0 || p > 65535) {
            m_err << tr("tbds-service start: --port must be a number from 0 to 65535, got '%1'").arg(parser.value(port))
                  << Qt::endl;
            return 2;
        }
        portValue = p;
    }
    for (const QCommandLineOption *o : {&sslCert, &sslKey, &sslCa}) {
        if (parser.isSet(*o) && !QFileInfo::exists(parser.value(*o))) {
            m_err << tr("tbds-service start: --%1: file not found: '%2'").arg(o->names().first(), parser.value(*o))
                  << Qt::endl;
            return 2;
        }
    }

    config::LoadOptions options;
    if (parser.isSet(clientClass))
        options.clientClassOverride = parser.value(clientClass);
    if (parser.isSet(clientConfig))
        options.clientConfigOverride = parser.value(clientConfig);
    if (!parser.isSet(noKeychain))
        KeychainLookup::addTo(options, parser.value(config), QStringLiteral("tbds-service start"), m_err);
    const config::LoadResult loaded = config::ConfigLoader::loadFile(parser.value(config), options);
    for (const config::Diagnostic &d : loaded.diagnostics)
        m_err << d.toString() << Qt::endl;
    if (!loaded.ok()) {
        m_err << tr("tbds-service start: the configuration has errors; not starting.") << Qt::endl;
        return 1;
    }
    config::ServiceConfig cfg = *loaded.config;
    // Paths given on the command line are relative to the working directory, as a shell user expects.
    if (parser.isSet(sslCert))
        cfg.sslCert = QFileInfo(parser.value(sslCert)).absoluteFilePath();
    if (parser.isSet(sslKey))
        cfg.sslKey = QFileInfo(parser.value(sslKey)).absoluteFilePath();
    if (parser.isSet(sslCa))
        cfg.sslCaCert = QFileInfo(parser.value(sslCa)).absoluteFilePath();

    const bool debug = parser.isSet(dev);
    if (const Result<void> logging = service::ServiceLog::install(cfg, debug); !logging) {
        m_err << tr("tbds-service start: %1").arg(logging.error().toString()) << Qt::endl;
        return 1;
    }

    service::ServiceEngine engine;
    service::ServiceEngine::Overrides overrides;
    if (parser.isSet(host))
        overrides.host = parser.value(host);
    overrides.port = portValue;
    const Result<void> started = engine.start(cfg, overrides);
    if (!started) {
        service::ServiceLog::uninstall();
        m_err << tr("Error: %1").arg(started.error().toString()) << Qt::endl;
        return 1;
    }
    m_out << "listening on " << engine.url().toString() << Qt::endl;

    int exitCode = 0;
    QObject::connect(&engine, &service::ServiceEngine::stopped, QCoreApplication::instance(),
                     [] { QCoreApplication::exit(0); });
    onTermination(&engine, [&engine] {
        qInfo("shutting down: finishing requests in progress (at most 10 s)");
        engine.stop(std::chrono::seconds(10));
    });
    exitCode = QCoreApplication::exec();
    service::ServiceLog::uninstall();
    return exitCode;
}

} // namespace tbds::app
