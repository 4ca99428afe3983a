// SPDX-License-Identifier: Apache-2.0
#include "app/servicecli.h"

#include <QTextStream>

namespace tbds::app {

ServiceCli::ServiceCli(QTextStream &out, QTextStream &err) : m_out(out), m_err(err) {}

int ServiceCli::run(const QStringList &arguments)
{
    if (arguments.contains(QStringLiteral("--version"))) {
        m_out << "tbds-service " << TBDS_VERSION << Qt::endl;
        return 0;
    }
    m_err << "usage: tbds-service --version" << Qt::endl;
    return 2;
}

} // namespace tbds::app
