// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace tbds::app {

/**
 * tbds-service as a native Windows service (compiled on Windows only).
 *
 * - `install-service` registers the service with the Service Control Manager (SCM) so that it
 *   runs `tbds-service.exe --service --config <file>`, and registers the executable as the
 *   Event Log source of the same name.
 * - `--service` is what the SCM starts: it connects to the SCM, reports START_PENDING, runs the
 *   very same `start` command as a console user gets, reports RUNNING once the engine listens,
 *   and on STOP or system shutdown stops the engine gracefully (requests in progress get 10 s).
 *   Start, stop and failures (with the configuration diagnostics) go to the Event Log, since a
 *   service has no console.
 * - `uninstall-service` stops and removes the service and its Event Log source.
 *
 * The reference Python service documents `TestBenchDefectService` as the service name; that is
 * the default here too, so existing runbooks keep working.
 */
class WindowsService final
{
    Q_DECLARE_TR_FUNCTIONS(WindowsService)

public:
    WindowsService(QTextStream &out, QTextStream &err);

    /** `tbds-service install-service [options] [-- start options]`; returns the exit code. */
    [[nodiscard]] int install(const QStringList &arguments);
    /** `tbds-service uninstall-service [--name N]`; returns the exit code. */
    [[nodiscard]] int uninstall(const QStringList &arguments);
    /** `tbds-service --service [start options]`, run by the SCM; returns when the service stopped. */
    [[nodiscard]] int runAsService(const QStringList &arguments);

    /** The lines ServiceCli::usage() adds on Windows. */
    [[nodiscard]] static QString usage();

    static constexpr const wchar_t *DefaultName = L"TestBenchDefectService";

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace tbds::app
