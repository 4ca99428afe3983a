// SPDX-License-Identifier: Apache-2.0
#include "core/service/apidocs.h"

#include <QFile>

namespace tbds::service {

namespace {
QByteArray resource(const char *path)
{
    QFile f(QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

QByteArray ApiDocs::html()
{
    static const QByteArray page = resource(":/tbds/service/docs/index.html");
    return page;
}

QByteArray ApiDocs::openApiJson()
{
    static const QByteArray doc = resource(":/tbds/service/docs/openapi.json");
    return doc;
}

} // namespace tbds::service
