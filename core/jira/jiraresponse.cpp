// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jiraresponse.h"

namespace tbds::jira {

QByteArray JiraResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString JiraResponse::requestId() const
{
    QByteArray id = header("X-AREQUESTID");
    if (id.isEmpty())
        id = header("ATL-TraceId");
    return QString::fromLatin1(id);
}

bool JiraResponse::isJson() const
{
    const QByteArray type = header("Content-Type").toLower();
    return type.contains("json");
}

} // namespace tbds::jira
