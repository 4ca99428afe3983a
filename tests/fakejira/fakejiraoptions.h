// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace tbds::fakejira {

enum class Flavor { Cloud, DataCenter };

/** What serverInfo says in `deploymentType` (jira-rest.md §12.2 asks for the odd variants). */
enum class DeploymentTypeField {
    Default, ///< "Cloud" for Cloud, "Server" for Data Center (what real DC 8–10 send)
    DataCenter, ///< "DataCenter" (seen only in third-party mocks)
    Missing, ///< field absent
};

/** How a FakeJira instance behaves; fixed for the lifetime of one start(). */
struct FakeJiraOptions
{
    Flavor flavor = Flavor::Cloud;
    /** Empty: "1001.0.0-SNAPSHOT" (Cloud) / "9.12.7" (DC). DC "8.3.0" exercises the pre-8.4 paths. */
    QString version {};
    /** TLS (certificate + key set) → https; plain http otherwise. */
    std::optional<QSslConfiguration> tls {};
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; ///< 0 = a free port
    /** DC `/search` (and DC createmeta) serve at most this many items per page, whatever was asked. */
    int dcPageCap = 50;
    /** Context path such as "/jira" (DC installs often have one); empty = none. */
    QString contextPath {};
    DeploymentTypeField deploymentType = DeploymentTypeField::Default;
    /** Offset of every emitted datetime; default -07:00 (Cloud) / +02:00 (DC): never +0000. */
    std::optional<int> utcOffsetSeconds {};
    /**
     * Reject POST/PUT/DELETE whose User-Agent starts with "Mozilla" unless they carry
     * `X-Atlassian-Token: no-check` (403 "XSRF check failed"), as Jira's XSRF filter does for
     * browser-looking callers; catches Qt's default UA (jira-rest.md §6.7, §12.14).
     */
    bool xsrfCheckBrowserUserAgent = true;
    /** After this many consecutive failed basic logins every basic login gets the CAPTCHA 403; 0 = off. */
    int captchaAfterFailures = 0;
};

} // namespace tbds::fakejira
