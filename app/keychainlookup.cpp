// SPDX-License-Identifier: Apache-2.0
#include "app/keychainlookup.h"

#include "core/secrets/jiraconfigsecrets.h"
#include "core/secrets/keychainsecretstore.h"

#include <QTextStream>

namespace tbds::app {

void KeychainLookup::addTo(config::LoadOptions &options, const QString &configPath, const QString &command,
                           QTextStream &err)
{
    using secrets::JiraConfigSecrets;
    const config::LoadResult probe
        = config::ConfigLoader::loadFile(configPath, JiraConfigSecrets::probeOptions(options));
    const std::optional<config::JiraClientConfig> jira = JiraConfigSecrets::profile(probe);
    if (!jira || jira->serverUrl.isEmpty())
        return;
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // libsecret/KWallet live on the session bus; without one there is no keychain to ask, and
    // trying could start D-Bus autolaunch on a server.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return;
#endif
    secrets::KeychainSecretStore keychain;
    QStringList problems;
    const QMap<QString, QString> found = JiraConfigSecrets::fetch(keychain, *jira, std::chrono::seconds(10), &problems);
    for (auto it = found.cbegin(); it != found.cend(); ++it)
        options.externalSecrets.insert(it.key(), it.value());
    if (!problems.isEmpty())
        err << tr("%1: note: the OS keychain could not be read (%2); using the environment and the file.")
                   .arg(command, problems.join(QLatin1Char(' ')))
            << Qt::endl;
}

} // namespace tbds::app
