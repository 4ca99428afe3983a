// SPDX-License-Identifier: Apache-2.0
#include "app/servicecli.h"
#include "app/startcommand.h"

#include <QCoreApplication>
#include <QTextStream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char *argv[])
{
#if defined(__GLIBC__)
    // glibc gives every thread its own heap arena and keeps freed memory in it, so a few large
    // JSONL reads on different pool threads add up to several copies of the file in RSS. Two
    // arenas keep the peak close to one request's working set.
    mallopt(M_ARENA_MAX, 2);
#endif
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
