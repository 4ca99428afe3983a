// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <functional>

class QCommandLineParser;
class QTextStream;

namespace tbds::app {

/**
 * The tbds-service command line: parses argv and runs one command.
 * Output goes to the given streams so tests can drive it in-process.
 */
class ServiceCli final
{
    Q_DECLARE_TR_FUNCTIONS(ServiceCli)

public:
    ServiceCli(QTextStream &out, QTextStream &err);

    /** Runs the command named in `arguments` (argv without the program name); returns the exit code. */
    [[nodiscard]] int run(const QStringList &arguments);

    /** `start` needs an event loop and the engine; main() supplies it. */
    void setStartHandler(std::function<int(const QStringList &)> handler);

    [[nodiscard]] static QString usage();

private:
    /** Parses a command's options; false means "return m_exitCode now" (help shown or bad usage). */
    bool parse(QCommandLineParser &parser, const QString &command, const QString &description,
               const QStringList &arguments);
    int checkConfig(const QStringList &arguments);
    int setCredentials(const QStringList &arguments);

    QTextStream &m_out;
    QTextStream &m_err;
    std::function<int(const QStringList &)> m_startHandler;
    int m_exitCode = 0;
};

} // namespace tbds::app
