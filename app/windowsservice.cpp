// SPDX-License-Identifier: Apache-2.0
#include "app/windowsservice.h"

#include "app/startcommand.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <iterator>
#include <mutex>
#include <string>
#include <thread>

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

namespace tbds::app {

namespace {

// Event IDs of installer/windows/tbds-messages.mc as mc.exe numbers them (severity bits plus
// message id). That message table is compiled into tbds-service.exe, which install-service
// registers as the Event Log source; every message is just "%1", so Event Viewer shows our text.
constexpr DWORD EventInfo = 0x40000001;
constexpr DWORD EventWarning = 0x80000002;
constexpr DWORD EventError = 0xC0000003;

// The SCM gives a starting service about 30 s; loading the configuration and binding take far
// less, but a Jira configuration on a slow network share should not be cut off early.
constexpr DWORD StartWaitHintMs = 30000;
// StartCommand gives requests in progress 10 s, and notices the stop request within 100 ms.
constexpr DWORD StopWaitHintMs = 20000;

const wchar_t *const EventLogKey = L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\";

QString windowsError(DWORD code)
{
    return qt_error_string(static_cast<int>(code));
}

/** Closes a Service Control Manager handle when it goes out of scope. */
class ScHandle final
{
public:
    explicit ScHandle(SC_HANDLE handle) : m_handle(handle) {}
    ~ScHandle()
    {
        if (m_handle)
            CloseServiceHandle(m_handle);
    }
    ScHandle(const ScHandle &) = delete;
    ScHandle &operator=(const ScHandle &) = delete;
    operator SC_HANDLE() const { return m_handle; }

private:
    SC_HANDLE m_handle;
};

/** Quotes one argument so that CommandLineToArgvW (and so QCoreApplication) reads it back unchanged. */
QString quoteArgument(const QString &argument)
{
    if (!argument.isEmpty() && !argument.contains(QLatin1Char(' ')) && !argument.contains(QLatin1Char('\t'))
        && !argument.contains(QLatin1Char('"')))
        return argument;
    QString quoted(QLatin1Char('"'));
    qsizetype backslashes = 0;
    for (const QChar c : argument) {
        if (c == QLatin1Char('\\')) {
            ++backslashes;
            continue;
        }
        // Backslashes are literal unless a quote follows them: then they and the quote are escaped.
        quoted += QString(c == QLatin1Char('"') ? backslashes * 2 + 1 : backslashes, QLatin1Char('\\'));
        quoted += c;
        backslashes = 0;
    }
    quoted += QString(backslashes * 2, QLatin1Char('\\'));
    quoted += QLatin1Char('"');
    return quoted;
}

/**
 * What the main thread (Qt, the engine), the dispatcher thread, ServiceMain and the SCM's
 * control handler share while tbds-service runs as a service.
 */
struct ServiceRuntime
{
    std::wstring name{WindowsService::DefaultName};
    QStringList startArguments;
    SERVICE_STATUS_HANDLE statusHandle = nullptr;
    HANDLE eventSource = nullptr;
    HANDLE entered = nullptr;  // set when ServiceMain is ready, or when connecting to the SCM failed
    HANDLE finished = nullptr; // set by the main thread when the engine is gone
    bool dispatcherFailed = false;
    DWORD error = ERROR_SUCCESS;
    int exitCode = 0;

    std::mutex statusMutex; // SetServiceStatus is called from the main and the SCM's threads
    SERVICE_STATUS status{};
    DWORD checkPoint = 0;

    void setStatus(DWORD state, DWORD waitHint = 0)
    {
        const std::lock_guard lock(statusMutex);
        if (!statusHandle)
            return;
        status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
        status.dwCurrentState = state;
        // Stop requests are only accepted once the engine runs; the SCM refuses them before.
        status.dwControlsAccepted = state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
        status.dwWaitHint = waitHint;
        // A growing check point tells the SCM a pending start or stop is still making progress.
        status.dwCheckPoint = (state == SERVICE_START_PENDING || state == SERVICE_STOP_PENDING) ? ++checkPoint : 0;
        if (state == SERVICE_STOPPED) {
            status.dwWin32ExitCode = exitCode == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR;
            status.dwServiceSpecificExitCode = static_cast<DWORD>(exitCode);
        }
        SetServiceStatus(statusHandle, &status);
    }

    void report(WORD type, DWORD eventId, const QString &text) const
    {
        if (!eventSource)
            return;
        const std::wstring wide = text.toStdWString();
        const wchar_t *strings[] = {wide.c_str()};
        ReportEventW(eventSource, type, 0, eventId, nullptr, 1, 0, strings, nullptr);
    }
};

// ServiceMain gets no context pointer, so it finds the runtime here (one service per process).
ServiceRuntime *currentRuntime = nullptr;

/**
 * Asks the engine to stop gracefully. On Windows StartCommand polls the application object's
 * "tbdsStop" property (its Ctrl+C handler sets the same) and then stops the engine with its
 * 10 s grace period, after which exec() returns. The property is written on the main thread.
 */
void requestEngineStop()
{
    if (QCoreApplication *app = QCoreApplication::instance())
        QMetaObject::invokeMethod(app, [app] { app->setProperty("tbdsStop", true); }, Qt::QueuedConnection);
}

DWORD WINAPI controlHandler(DWORD control, DWORD /*eventType*/, LPVOID /*eventData*/, LPVOID context)
{
    auto *runtime = static_cast<ServiceRuntime *>(context);
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        runtime->setStatus(SERVICE_STOP_PENDING, StopWaitHintMs);
        requestEngineStop();
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

/** Runs on a thread of the SCM dispatcher; the engine itself runs on the main thread. */
void WINAPI serviceMain(DWORD argc, LPWSTR *argv)
{
    ServiceRuntime &runtime = *currentRuntime;
    // argv[0] is the name the service was installed under; `sc start <name> <args>` adds the rest.
    if (argc > 0 && argv[0] && *argv[0])
        runtime.name = argv[0];
    for (DWORD i = 1; i < argc; ++i)
        runtime.startArguments << QString::fromWCharArray(argv[i]);
    runtime.eventSource = RegisterEventSourceW(nullptr, runtime.name.c_str());
    runtime.statusHandle = RegisterServiceCtrlHandlerExW(runtime.name.c_str(), controlHandler, &runtime);
    if (!runtime.statusHandle) {
        runtime.error = GetLastError();
        SetEvent(runtime.entered);
        return;
    }
    runtime.setStatus(SERVICE_START_PENDING, StartWaitHintMs);
    SetEvent(runtime.entered);
    WaitForSingleObject(runtime.finished, INFINITE);
    // After SERVICE_STOPPED the SCM may end the process at any time: nothing may follow it.
    runtime.setStatus(SERVICE_STOPPED);
}

} // namespace

WindowsService::WindowsService(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

QString WindowsService::usage()
{
    return tr("\n"
              "Windows service:\n"
              "  install-service   Register tbds-service as a Windows service (run as administrator).\n"
              "  uninstall-service Stop and remove that service.\n");
}

int WindowsService::runAsService(const QStringList &arguments)
{
    ServiceRuntime runtime;
    runtime.startArguments = arguments;
    runtime.entered = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    runtime.finished = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    if (!runtime.entered || !runtime.finished) {
        m_err << tr("tbds-service --service: %1").arg(windowsError(GetLastError())) << Qt::endl;
        return 1;
    }
    currentRuntime = &runtime;

    // StartServiceCtrlDispatcher blocks its thread until the service has stopped, and the SCM
    // waits only about 30 s for it. It gets a thread of its own, so the main thread, where
    // QCoreApplication lives, can run the engine's event loop.
    std::thread dispatcher([&runtime] {
        wchar_t ownProcess[] = L""; // the name is ignored for SERVICE_WIN32_OWN_PROCESS, but must not be null
        SERVICE_TABLE_ENTRYW table[] = {{ownProcess, serviceMain}, {nullptr, nullptr}};
        if (!StartServiceCtrlDispatcherW(table)) {
            runtime.error = GetLastError();
            runtime.dispatcherFailed = true;
            SetEvent(runtime.entered);
        }
    });
    WaitForSingleObject(runtime.entered, INFINITE);

    const auto cleanUp = [&runtime] {
        if (runtime.eventSource)
            DeregisterEventSource(runtime.eventSource);
        CloseHandle(runtime.entered);
        CloseHandle(runtime.finished);
        currentRuntime = nullptr;
    };
    if (runtime.dispatcherFailed) {
        dispatcher.join();
        cleanUp();
        if (runtime.error == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
            m_err << tr("tbds-service: --service is for the Windows Service Control Manager. Register the service with "
                        "'tbds-service install-service', or run the engine in this console with 'tbds-service start'.")
                  << Qt::endl;
            return 2;
        }
        m_err << tr("tbds-service: cannot connect to the Service Control Manager: %1").arg(windowsError(runtime.error))
              << Qt::endl;
        return 1;
    }
    const QString name = QString::fromStdWString(runtime.name);
    if (!runtime.statusHandle) {
        runtime.report(EVENTLOG_ERROR_TYPE, EventError,
                       tr("%1 cannot register with the Service Control Manager: %2").arg(name, windowsError(runtime.error)));
        // ServiceMain has returned without a status handle, so the dispatcher never returns.
        dispatcher.detach();
        return 1;
    }

    // A service has no console: collect what `start` prints and hand it to the Event Log.
    QString outText;
    QString errText;
    QTextStream out(&outText);
    QTextStream err(&errText);
    qsizetype errReported = 0;
    // The timer fires once the event loop runs, which StartCommand enters only after the engine
    // has bound its port: that is the moment the service is RUNNING.
    QTimer running;
    running.setSingleShot(true);
    QObject::connect(&running, &QTimer::timeout, &running, [&] {
        runtime.setStatus(SERVICE_RUNNING);
        out.flush();
        err.flush();
        runtime.report(EVENTLOG_INFORMATION_TYPE, EventInfo, tr("%1 started: %2").arg(name, outText.trimmed()));
        if (!errText.trimmed().isEmpty())
            runtime.report(EVENTLOG_WARNING_TYPE, EventWarning,
                           tr("%1 configuration warnings:\n%2").arg(name, errText.trimmed()));
        errReported = errText.size();
    });
    running.start(0);

    StartCommand start(out, err);
    const int exitCode = start.run(runtime.startArguments);
    running.stop();
    out.flush();
    err.flush();
    if (exitCode == 0)
        runtime.report(EVENTLOG_INFORMATION_TYPE, EventInfo, tr("%1 stopped.").arg(name));
    else
        runtime.report(EVENTLOG_ERROR_TYPE, EventError,
                       tr("%1 stopped with exit code %2:\n%3").arg(name).arg(exitCode).arg(errText.mid(errReported).trimmed()));

    runtime.exitCode = exitCode;
    SetEvent(runtime.finished);
    dispatcher.join();
    cleanUp();
    return exitCode;
}

int WindowsService::install(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Register tbds-service as a Windows service that runs 'tbds-service start' with the given configuration. "
           "Run it as administrator. Options after -- are passed on to 'start'."));
    parser.addHelpOption();
    const QString programData = qEnvironmentVariable("ProgramData", QStringLiteral("C:\\ProgramData"));
    const QCommandLineOption config(QStringLiteral("config"), tr("The config.toml the service reads."), tr("file"),
                                    QDir(programData).filePath(QStringLiteral("tbds/config.toml")));
    const QCommandLineOption name(QStringLiteral("name"), tr("The service name."), tr("name"),
                                  QString::fromWCharArray(DefaultName));
    // A product name, shown as is in the Services console, like the reference service's.
    const QCommandLineOption displayName(QStringLiteral("display-name"), tr("The name shown in the Services console."),
                                         tr("text"), QStringLiteral("TestBench Defect Service"));
    const QCommandLineOption account(QStringLiteral("account"),
                                     tr("The account the service runs as (an account with a password needs "
                                        "--password-stdin)."),
                                     tr("account"), QStringLiteral("NT AUTHORITY\\LocalService"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), tr("Read the account's password from standard input."));
    const QCommandLineOption startType(QStringLiteral("start"), tr("When the service starts: auto, delayed or demand."),
                                       tr("type"), QStringLiteral("auto"));
    parser.addOptions({config, name, displayName, account, passwordStdin, startType});
    if (!parser.parse(QStringList{QStringLiteral("tbds-service install-service")} + arguments)) {
        m_err << "tbds-service install-service: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_out.flush();
        return 0;
    }
    const QString start = parser.value(startType);
    DWORD scmStartType = SERVICE_AUTO_START;
    if (start == QLatin1String("demand")) {
        scmStartType = SERVICE_DEMAND_START;
    } else if (start != QLatin1String("auto") && start != QLatin1String("delayed")) {
        m_err << tr("tbds-service install-service: --start must be auto, delayed or demand, got '%1'").arg(start)
              << Qt::endl;
        return 2;
    }

    const QString configPath = QDir::toNativeSeparators(QFileInfo(parser.value(config)).absoluteFilePath());
    if (!QFileInfo::exists(configPath))
        m_err << tr("Note: %1 does not exist yet; the service cannot start until it does.").arg(configPath) << Qt::endl;
    QString password;
    if (parser.isSet(passwordStdin))
        password = QTextStream(stdin).readLine();

    // Always quoted: an unquoted path with spaces lets Windows try C:\Program.exe first.
    const QString exe = QDir::toNativeSeparators(QCoreApplication::applicationFilePath());
    QString commandLine = QLatin1Char('"') + exe + QLatin1Char('"');
    for (const QString &argument : QStringList{QStringLiteral("--service"), QStringLiteral("--config"), configPath}
                                       + parser.positionalArguments())
        commandLine += QLatin1Char(' ') + quoteArgument(argument);

    const ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT | SC_MANAGER_CREATE_SERVICE));
    if (!scm) {
        const DWORD error = GetLastError();
        m_err << (error == ERROR_ACCESS_DENIED
                      ? tr("tbds-service install-service: access denied; run it from an administrator prompt")
                      : tr("tbds-service install-service: cannot open the Service Control Manager: %1").arg(windowsError(error)))
              << Qt::endl;
        return 1;
    }
    const std::wstring wName = parser.value(name).toStdWString();
    const std::wstring wDisplayName = parser.value(displayName).toStdWString();
    const std::wstring wCommandLine = commandLine.toStdWString();
    const std::wstring wAccount = parser.value(account).toStdWString();
    // LocalService and NetworkService take an empty password, which is what CreateService expects.
    std::wstring wPassword = password.toStdWString();
    const ScHandle service(CreateServiceW(scm, wName.c_str(), wDisplayName.c_str(),
                                          SERVICE_CHANGE_CONFIG | SERVICE_START | SERVICE_QUERY_STATUS,
                                          SERVICE_WIN32_OWN_PROCESS, scmStartType, SERVICE_ERROR_NORMAL,
                                          wCommandLine.c_str(), nullptr, nullptr, nullptr, wAccount.c_str(),
                                          wPassword.c_str()));
    const DWORD createError = GetLastError();
    SecureZeroMemory(wPassword.data(), wPassword.size() * sizeof(wchar_t));
    if (!service) {
        if (createError == ERROR_SERVICE_EXISTS)
            m_err << tr("tbds-service install-service: a service named '%1' exists already; remove it first with "
                        "'tbds-service uninstall-service --name %1'")
                         .arg(parser.value(name))
                  << Qt::endl;
        else
            m_err << tr("tbds-service install-service: %1").arg(windowsError(createError)) << Qt::endl;
        return 1;
    }

    // Optional settings: a failure leaves a working service behind, so they only warn.
    const auto warnIfFailed = [this](BOOL ok, const QString &what) {
        if (!ok)
            m_err << tr("Warning: could not set the %1: %2").arg(what, windowsError(GetLastError())) << Qt::endl;
    };
    std::wstring description =
        tr("Serves the TestBench defect service API (DMProxy) with the settings in %1.").arg(configPath).toStdWString();
    SERVICE_DESCRIPTIONW serviceDescription{description.data()};
    warnIfFailed(ChangeServiceConfig2W(service, SERVICE_CONFIG_DESCRIPTION, &serviceDescription), tr("description"));
    // Restart after a crash (5 s, then 30 s), give up after that; the counter resets after a day.
    // A clean exit with an error code (a broken configuration) is not retried: it would fail again.
    SC_ACTION actions[] = {{SC_ACTION_RESTART, 5000}, {SC_ACTION_RESTART, 30000}, {SC_ACTION_NONE, 0}};
    SERVICE_FAILURE_ACTIONSW failureActions{};
    failureActions.dwResetPeriod = 24 * 60 * 60;
    failureActions.cActions = static_cast<DWORD>(std::size(actions));
    failureActions.lpsaActions = actions;
    warnIfFailed(ChangeServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS, &failureActions), tr("recovery actions"));
    if (start == QLatin1String("delayed")) {
        SERVICE_DELAYED_AUTO_START_INFO delayed{TRUE};
        warnIfFailed(ChangeServiceConfig2W(service, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, &delayed),
                     tr("delayed start"));
    }

    // The executable carries the Event Log message table (installer/windows/tbds-messages.mc).
    const std::wstring key = std::wstring(EventLogKey) + wName;
    HKEY eventLog = nullptr;
    LSTATUS status = RegCreateKeyExW(HKEY_LOCAL_MACHINE, key.c_str(), 0, nullptr, REG_OPTION_NON_VOLATILE, KEY_SET_VALUE,
                                     nullptr, &eventLog, nullptr);
    if (status == ERROR_SUCCESS) {
        const std::wstring messageFile = exe.toStdWString();
        const DWORD types = EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE;
        status = RegSetValueExW(eventLog, L"EventMessageFile", 0, REG_EXPAND_SZ,
                                reinterpret_cast<const BYTE *>(messageFile.c_str()),
                                static_cast<DWORD>((messageFile.size() + 1) * sizeof(wchar_t)));
        if (status == ERROR_SUCCESS)
            status = RegSetValueExW(eventLog, L"TypesSupported", 0, REG_DWORD, reinterpret_cast<const BYTE *>(&types),
                                    sizeof(types));
        RegCloseKey(eventLog);
    }
    if (status != ERROR_SUCCESS)
        m_err << tr("Warning: could not register the Event Log source: %1").arg(windowsError(static_cast<DWORD>(status)))
              << Qt::endl;

    m_out << tr("Installed the Windows service '%1' (%2), running as %3:\n  %4\nStart it with: sc start %1")
                 .arg(parser.value(name), parser.value(displayName), parser.value(account), commandLine)
          << Qt::endl;
    return 0;
}

int WindowsService::uninstall(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Stop and remove the Windows service. Run it as administrator."));
    parser.addHelpOption();
    const QCommandLineOption name(QStringLiteral("name"), tr("The service name."), tr("name"),
                                  QString::fromWCharArray(DefaultName));
    parser.addOption(name);
    if (!parser.parse(QStringList{QStringLiteral("tbds-service uninstall-service")} + arguments)) {
        m_err << "tbds-service uninstall-service: " << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_out.flush();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        m_err << tr("tbds-service uninstall-service: unexpected argument '%1'").arg(parser.positionalArguments().first())
              << Qt::endl;
        return 2;
    }

    const std::wstring wName = parser.value(name).toStdWString();
    const ScHandle scm(OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT));
    if (!scm) {
        m_err << tr("tbds-service uninstall-service: cannot open the Service Control Manager: %1")
                     .arg(windowsError(GetLastError()))
              << Qt::endl;
        return 1;
    }
    const ScHandle service(OpenServiceW(scm, wName.c_str(), SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE));
    if (!service) {
        const DWORD error = GetLastError();
        if (error == ERROR_SERVICE_DOES_NOT_EXIST)
            m_err << tr("tbds-service uninstall-service: there is no service named '%1'").arg(parser.value(name)) << Qt::endl;
        else if (error == ERROR_ACCESS_DENIED)
            m_err << tr("tbds-service uninstall-service: access denied; run it from an administrator prompt") << Qt::endl;
        else
            m_err << tr("tbds-service uninstall-service: %1").arg(windowsError(error)) << Qt::endl;
        return 1;
    }

    SERVICE_STATUS status{};
    if (ControlService(service, SERVICE_CONTROL_STOP, &status)) {
        m_out << tr("Stopping '%1' ...").arg(parser.value(name)) << Qt::endl;
        // The engine finishes requests in progress for up to 10 s; wait a little longer than that.
        for (int i = 0; i < 300; ++i) {
            SERVICE_STATUS_PROCESS process{};
            DWORD needed = 0;
            if (!QueryServiceStatusEx(service, SC_STATUS_PROCESS_INFO, reinterpret_cast<LPBYTE>(&process), sizeof(process),
                                      &needed)
                || process.dwCurrentState == SERVICE_STOPPED)
                break;
            Sleep(100);
        }
    } else if (const DWORD error = GetLastError(); error != ERROR_SERVICE_NOT_ACTIVE) {
        m_err << tr("Warning: could not stop '%1': %2").arg(parser.value(name), windowsError(error)) << Qt::endl;
    }
    if (!DeleteService(service)) {
        const DWORD error = GetLastError();
        if (error != ERROR_SERVICE_MARKED_FOR_DELETE) {
            m_err << tr("tbds-service uninstall-service: %1").arg(windowsError(error)) << Qt::endl;
            return 1;
        }
    }
    const std::wstring key = std::wstring(EventLogKey) + wName;
    RegDeleteKeyW(HKEY_LOCAL_MACHINE, key.c_str());
    m_out << tr("Removed the Windows service '%1'.").arg(parser.value(name)) << Qt::endl;
    return 0;
}

} // namespace tbds::app
