// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace tbds::app {

/**
 * `tbds-service start`: loads the configuration (CLI options win over the file), sets up
 * logging, binds, prints `listening on URL`, and serves until SIGINT/SIGTERM (Ctrl+C on
 * Windows), after which in-flight requests get up to 10 s before the process exits 0.
 */
class StartCommand final
{
    Q_DECLARE_TR_FUNCTIONS(StartCommand)

public:
    StartCommand(QTextStream &out, QTextStream &err);
    [[nodiscard]] int run(const QStringList &arguments);

private:
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace tbds::app
