// SPDX-License-Identifier: Apache-2.0
#include "app/servicecli.h"
#include "app/startcommand.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tbds-service"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TBDS_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    tbds::app::ServiceCli cli(out, err);
    cli.setStartHandler([&out, &err](const QStringList &arguments) {
        tbds::app::StartCommand start(out, err);
        return start.run(arguments);
    });
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    return cli.run(args);
}
