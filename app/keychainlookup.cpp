// SPDX-License-Identifier: Apache-2.0
#include "app/keychainlookup.h"

#include "core/secrets/jiraconfigsecrets.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/secrets/secretoperation.h"

#include <QEventLoop>
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
    keychain.setTimeout(std::chrono::seconds(10));
    QStringList problems;
    for (const QString &name : JiraConfigSecrets::namesFor(jira->authType)) {
        secrets::SecretOperation *op = keychain.read(JiraConfigSecrets::keyFor(*jira, name).toString());
        // The command cannot go on without the answer, and nothing else runs yet (no engine, no
        // sockets), so waiting here in a local loop cannot re-enter anything.
        secrets::SecretResult result;
        QEventLoop loop;
        QObject::connect(op, &secrets::SecretOperation::finished, &loop, [&](const secrets::SecretResult &r) {
            result = r;
            loop.quit();
        });
        loop.exec();
        if (result.ok()) {
            options.externalSecrets.insert(name, result.secret);
        } else if (result.error != secrets::SecretError::NotFound) {
            problems.append(result.message);
            break; // no keyring, locked or slow: the same for the other secrets, do not wait again
        }
    }
    if (!problems.isEmpty())
        err << tr("%1: note: the OS keychain could not be read (%2); using the environment and the file.")
                   .arg(command, problems.join(QLatin1Char(' ')))
            << Qt::endl;
}

} // namespace tbds::app
