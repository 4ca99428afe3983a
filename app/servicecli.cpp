// SPDX-License-Identifier: Apache-2.0
#include "app/servicecli.h"

#include "app/keychainlookup.h"
#if defined(Q_OS_WIN)
#include "app/windowsservice.h"
#endif

#include "core/config/atomicfile.h"
#include "core/config/configloader.h"
#include "core/config/configreport.h"
#include "core/config/passwordhasher.h"
#include "core/config/tomleditor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace tbds::app {

namespace {

/** Reads one line from stdin; with `hidden`, the terminal does not echo it (password prompts). */
QString readLine(bool hidden)
{
#if defined(Q_OS_UNIX)
    termios old{};
    const bool tty = hidden && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
#elif defined(Q_OS_WIN)
    // Named apart from the QTextStream below, which reads the same standard input.
    HANDLE console = GetStdHandle(STD_INPUT_HANDLE);
    DWORD oldMode = 0;
    const bool tty = hidden && GetConsoleMode(console, &oldMode);
    if (tty)
        SetConsoleMode(console, oldMode & ~DWORD(ENABLE_ECHO_INPUT));
#else
    const bool tty = false;
#endif
    QTextStream in(stdin);
    const QString line = in.readLine();
#if defined(Q_OS_UNIX)
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputc('\n', stderr);
    }
#elif defined(Q_OS_WIN)
    if (tty) {
        SetConsoleMode(console, oldMode);
        std::fputc('\n', stderr);
    }
#endif
    return line;
}

bool stdinIsTerminal()
{
#if defined(Q_OS_UNIX)
    return isatty(STDIN_FILENO);
#elif defined(Q_OS_WIN)
    DWORD mode = 0;
    return GetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), &mode);
#else
    return false;
#endif
}

} // namespace

ServiceCli::ServiceCli(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

QString ServiceCli::usage()
{
    QString text = tr("Usage: tbds-service <command> [options]\n"
                      "\n"
                      "The TestBench Defect Service engine and its administration commands.\n"
                      "\n"
                      "Commands:\n"
                      "  start             Serve the defect service API (see 'tbds-service start --help').\n"
                      "  check-config      Validate a config.toml and print the effective settings, secrets masked.\n"
                      "  set-credentials   Set the Basic-auth user TestBench's DMProxy logs in with.\n"
                      "\n"
                      "Options:\n"
                      "  -h, --help        Show this help (or a command's help after the command).\n"
                      "  -v, --version     Show the version.\n");
#if defined(Q_OS_WIN)
    text += WindowsService::usage();
#endif
    return text;
}

int ServiceCli::run(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")
        || arguments.first() == QLatin1String("help")) {
        m_out << usage();
        m_out.flush();
        return arguments.isEmpty() ? 2 : 0;
    }
    const QString command = arguments.first();
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        m_out << "tbds-service " << TBDS_VERSION << Qt::endl;
        return 0;
    }
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("check-config"))
        return checkConfig(rest);
    if (command == QLatin1String("set-credentials"))
        return setCredentials(rest);
    if (command == QLatin1String("start") && m_startHandler)
        return m_startHandler(rest);
#if defined(Q_OS_WIN)
    // --service is the run mode the Service Control Manager starts (see install-service).
    if (command == QLatin1String("install-service"))
        return WindowsService(m_out, m_err).install(rest);
    if (command == QLatin1String("uninstall-service"))
        return WindowsService(m_out, m_err).uninstall(rest);
    if (command == QLatin1String("--service"))
        return WindowsService(m_out, m_err).runAsService(rest);
#endif
    m_err << tr("tbds-service: unknown command '%1'").arg(command) << Qt::endl << Qt::endl << usage();
    m_err.flush();
    return 2;
}

void ServiceCli::setStartHandler(std::function<int(const QStringList &)> handler)
{
    m_startHandler = std::move(handler);
}

bool ServiceCli::parse(QCommandLineParser &parser, const QString &command, const QString &description,
                       const QStringList &arguments)
{
    parser.addHelpOption();
    parser.setApplicationDescription(description);
    if (!parser.parse(QStringList{QStringLiteral("tbds-service ") + command} + arguments)) {
        m_err << "tbds-service " << command << ": " << parser.errorText() << Qt::endl;
        m_exitCode = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_out.flush();
        m_exitCode = 0;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        m_err << tr("tbds-service %1: unexpected argument '%2'").arg(command, parser.positionalArguments().first())
              << Qt::endl;
        m_exitCode = 2;
        return false;
    }
    return true;
}

int ServiceCli::checkConfig(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption config(QStringLiteral("config"), tr("The config.toml to check."), tr("file"),
                                    QStringLiteral("config.toml"));
    const QCommandLineOption clientClass(QStringLiteral("client-class"), tr("Use this client class instead of the file's."),
                                         tr("class"));
    const QCommandLineOption clientConfig(QStringLiteral("client-config"), tr("Read the client configuration from this file."),
                                          tr("file"));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
                                        tr("Do not read Jira secrets from the OS keychain (environment and file only)."));
    parser.addOptions({config, clientClass, clientConfig, noKeychain});
    if (!parse(parser, QStringLiteral("check-config"), tr("Validate a config.toml and print the effective configuration, secrets masked."), arguments))
        return m_exitCode;

    config::LoadOptions options;
    if (parser.isSet(clientClass))
        options.clientClassOverride = parser.value(clientClass);
    if (parser.isSet(clientConfig))
        options.clientConfigOverride = parser.value(clientConfig);
    if (!parser.isSet(noKeychain))
        KeychainLookup::addTo(options, parser.value(config), QStringLiteral("tbds-service check-config"), m_err);
    const config::LoadResult result = config::ConfigLoader::loadFile(parser.value(config), options);
    for (const config::Diagnostic &d : result.diagnostics)
        m_err << d.toString() << Qt::endl;
    if (!result.ok()) {
        int errors = 0;
        for (const config::Diagnostic &d : result.diagnostics)
            errors += d.isError() ? 1 : 0;
        m_err << tr("%n error(s); the configuration cannot be used.", nullptr, errors) << Qt::endl;
        return 1;
    }
    m_out << "# " << tr("Effective configuration of %1").arg(result.config->configPath) << Qt::endl;
    m_out << config::ConfigReport::describe(*result.config);
    m_out.flush();
    return 0;
}

int ServiceCli::setCredentials(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption config(QStringLiteral("config"), tr("The config.toml to change."), tr("file"),
                                    QStringLiteral("config.toml"));
    const QCommandLineOption username(QStringLiteral("username"), tr("The user name DMProxy sends."), tr("name"));
    const QCommandLineOption password(QStringLiteral("password"),
                                      tr("The password (visible in the process list; prefer --password-stdin)."),
                                      tr("password"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), tr("Read the password from standard input."));
    parser.addOptions({config, username, password, passwordStdin});
    if (!parse(parser, QStringLiteral("set-credentials"), tr("Set password_hash and salt for the service's Basic authentication; nothing else in the "
                          "file changes."),
               arguments))
        return m_exitCode;

    if (parser.isSet(password) && parser.isSet(passwordStdin)) {
        m_err << tr("tbds-service set-credentials: use either --password or --password-stdin, not both") << Qt::endl;
        return 2;
    }
    QString user = parser.value(username);
    if (!parser.isSet(username)) {
        if (!stdinIsTerminal() || parser.isSet(passwordStdin)) {
            m_err << tr("tbds-service set-credentials: --username is required") << Qt::endl;
            return 2;
        }
        m_err << tr("Username [admin]: ");
        m_err.flush();
        user = readLine(false).trimmed();
        if (user.isEmpty())
            user = QStringLiteral("admin");
    }
    QString secret;
    if (parser.isSet(password)) {
        secret = parser.value(password);
    } else if (parser.isSet(passwordStdin) || !stdinIsTerminal()) {
        secret = readLine(false);
    } else {
        m_err << tr("Password: ");
        m_err.flush();
        secret = readLine(true);
        m_err << tr("Repeat password: ");
        m_err.flush();
        if (readLine(true) != secret) {
            m_err << tr("tbds-service set-credentials: the passwords do not match; nothing was changed") << Qt::endl;
            return 1;
        }
    }
    if (secret.isEmpty()) {
        m_err << tr("tbds-service set-credentials: the password must not be empty; nothing was changed") << Qt::endl;
        return 1;
    }

    const QString path = parser.value(config);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_err << tr("tbds-service set-credentials: cannot read %1: %2").arg(path, file.errorString()) << Qt::endl;
        return 1;
    }
    const QByteArray original = file.readAll();
    file.close();

    // Other problems in the file (say, a Jira password kept in the keychain) must not stop an
    // admin from fixing the login; only a file we cannot edit safely does.
    Result<config::TomlEditor> editor = config::TomlEditor::fromText(original, path);
    if (!editor) {
        m_err << tr("tbds-service set-credentials: %1; nothing was changed").arg(editor.error().toString()) << Qt::endl;
        return 1;
    }
    const QString section = QStringLiteral("testbench-defect-service");
    if (!editor.value().contains({section})) {
        m_err << tr("tbds-service set-credentials: %1 has no [testbench-defect-service] table; nothing was changed")
                     .arg(path)
              << Qt::endl;
        return 1;
    }
    const Result<QByteArray> pepper = config::PasswordHasher::pepperFrom(QProcessEnvironment::systemEnvironment());
    if (!pepper) {
        m_err << tr("tbds-service set-credentials: %1; nothing was changed").arg(pepper.error().toString()) << Qt::endl;
        return 1;
    }
    const QString salt = config::PasswordHasher::generateSalt();
    const Result<QString> hash = config::PasswordHasher::hash(user, secret, salt, pepper.value());
    if (!hash) {
        m_err << tr("tbds-service set-credentials: %1").arg(hash.error().toString()) << Qt::endl;
        return 1;
    }
    for (const auto &[key, value] : {std::pair{QStringLiteral("password_hash"), hash.value()}, std::pair{QStringLiteral("salt"), salt}}) {
        const Result<void> set = editor.value().setValue({section, key}, value);
        if (!set) {
            m_err << tr("tbds-service set-credentials: %1; nothing was changed").arg(set.error().toString()) << Qt::endl;
            return 1;
        }
    }
    const Result<void> written = config::writeFileAtomically(path, editor.value().text());
    if (!written) {
        m_err << tr("tbds-service set-credentials: %1").arg(written.error().toString()) << Qt::endl;
        return 1;
    }
    m_out << tr("Service credentials for user '%1' written to %2 (previous file kept as %2.bak).")
                 .arg(user, QFileInfo(path).absoluteFilePath())
          << Qt::endl;
    return 0;
}

} // namespace tbds::app
