// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

class QTextStream;

namespace tbds::app {

/**
 * The tbds-service command line: parses argv and runs one command.
 * Output goes to the given streams so tests can drive it in-process.
 */
class ServiceCli final
{
public:
    ServiceCli(QTextStream &out, QTextStream &err);
    /** Runs the command named in `arguments` (argv without the program name); returns the exit code. */
    [[nodiscard]] int run(const QStringList &arguments);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace tbds::app
