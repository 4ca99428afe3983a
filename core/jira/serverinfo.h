// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace tbds::jira {

enum class Flavour { Unknown, Cloud, DataCenter };

/**
 * The parts of `GET serverInfo` the client decides by (contract §1). Cloud only when
 * `deploymentType == "Cloud"`: real DC answers "Server", mocks say "DataCenter", old instances
 * omit it, and all of those behave like Data Center.
 */
struct ServerInfo
{
    Flavour flavour = Flavour::Unknown;
    QString deploymentType;
    QString version;
    QList<int> versionNumbers;
    QString baseUrl;
    QString serverTitle;
    QJsonObject raw;

    [[nodiscard]] static ServerInfo fromJson(const QJsonObject &json);
    [[nodiscard]] bool isCloud() const { return flavour == Flavour::Cloud; }
    /** REST v3 on Cloud (ADF descriptions), v2 on Data Center. */
    [[nodiscard]] int restVersion() const { return isCloud() ? 3 : 2; }
    /** versionNumbers >= {major, minor, patch}; Cloud's 1001.x passes every check. */
    [[nodiscard]] bool atLeast(int major, int minor = 0, int patch = 0) const;
    /** "Jira Cloud" / "Jira Data Center 9.12.7" for the GUI. */
    [[nodiscard]] QString displayName() const;
};

} // namespace tbds::jira
