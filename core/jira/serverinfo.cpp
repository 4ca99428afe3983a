// SPDX-License-Identifier: Apache-2.0
#include "core/jira/serverinfo.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace tbds::jira {

ServerInfo ServerInfo::fromJson(const QJsonObject &json)
{
    ServerInfo info;
    info.raw = json;
    info.deploymentType = json.value(QLatin1String("deploymentType")).toString();
    info.flavour = info.deploymentType == QLatin1String("Cloud") ? Flavour::Cloud : Flavour::DataCenter;
    info.version = json.value(QLatin1String("version")).toString();
    info.baseUrl = json.value(QLatin1String("baseUrl")).toString();
    info.serverTitle = json.value(QLatin1String("serverTitle")).toString();
    for (const QJsonValue &n : json.value(QLatin1String("versionNumbers")).toArray())
        info.versionNumbers.append(n.toInt());
    if (info.versionNumbers.isEmpty()) {
        // Fall back to parsing "9.12.7" when versionNumbers is missing.
        for (const QString &part : info.version.split(QLatin1Char('.'))) {
            bool ok = false;
            const int n = part.toInt(&ok);
            if (!ok)
                break;
            info.versionNumbers.append(n);
        }
    }
    return info;
}

bool ServerInfo::atLeast(int major, int minor, int patch) const
{
    const int wanted[3] = {major, minor, patch};
    for (int i = 0; i < 3; ++i) {
        const int have = i < versionNumbers.size() ? versionNumbers.at(i) : 0;
        if (have != wanted[i])
            return have > wanted[i];
    }
    return true;
}

QString ServerInfo::displayName() const
{
    if (isCloud())
        return QCoreApplication::translate("tbds::jira::ServerInfo", "Jira Cloud");
    return QCoreApplication::translate("tbds::jira::ServerInfo", "Jira Data Center %1").arg(version).trimmed();
}

} // namespace tbds::jira
