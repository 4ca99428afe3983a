// SPDX-License-Identifier: Apache-2.0
#include "ui/models/jirasecrets.h"

#include "core/config/configloader.h"
#include "core/secrets/jiraconfigsecrets.h"
#include "core/secrets/secretoperation.h"
#include "core/secrets/secretstore.h"
#include "ui/models/configdocument.h"

#include <QLoggingCategory>

namespace {
Q_LOGGING_CATEGORY(lcUiSecrets, "tbds.ui.secrets")
}

namespace tbds::ui {

using secrets::SecretError;
using secrets::SecretResult;

JiraSecrets::JiraSecrets(ConfigDocument *document, secrets::SecretStore *keychain, QObject *parent)
    : QObject(parent), m_document(document), m_keychain(keychain)
{
    connect(m_document, &ConfigDocument::textChanged, this, &JiraSecrets::documentChanged);
    connect(m_document, &ConfigDocument::pathChanged, this, &JiraSecrets::documentChanged);
    documentChanged();
}

JiraSecrets::~JiraSecrets()
{
    if (m_current) {
        disconnect(m_current, nullptr, this, nullptr);
        m_current->cancel();
    }
}

bool JiraSecrets::isJira(const ConfigDocument &document)
{
    if (const auto &config = document.validation().config)
        return config->clientKind == config::ClientKind::Jira;
    if (document.jiraSettings())
        return true;
    const QString clientClass = document.stringValue(ConfigDocument::serviceRoot() << QStringLiteral("client_class"));
    return config::ConfigLoader::parseClientClass(clientClass) == config::ClientKind::Jira;
}

QString JiraSecrets::jiraSetting(const ConfigDocument &document, const QString &key)
{
    if (const std::optional<config::JiraClientConfig> &jira = document.jiraSettings()) {
        if (key == QLatin1String("server_url"))
            return jira->serverUrl;
        if (key == QLatin1String("auth_type"))
            return secrets::JiraConfigSecrets::authTypeName(jira->authType);
        if (key == QLatin1String("username"))
            return jira->username.value_or(QString());
    }
    // The text as a last resort (other errors in the file), read in the loader's order.
    const QString value = document.stringValue(ConfigDocument::clientRoot() << key);
    if (key == QLatin1String("auth_type") && value.isEmpty())
        return QStringLiteral("basic");
    if (key == QLatin1String("username") && qEnvironmentVariableIsSet("JIRA_USERNAME")
        && !qEnvironmentVariable("JIRA_USERNAME").isEmpty())
        return qEnvironmentVariable("JIRA_USERNAME");
    return value;
}

QStringList JiraSecrets::secretNames(const ConfigDocument &document)
{
    if (!isJira(document))
        return {};
    const QString auth = jiraSetting(document, QStringLiteral("auth_type")).trimmed().toLower();
    if (auth == QLatin1String("token"))
        return secrets::JiraConfigSecrets::namesFor(config::JiraAuthType::Token);
    if (auth == QLatin1String("oauth1"))
        return secrets::JiraConfigSecrets::namesFor(config::JiraAuthType::OAuth1);
    return secrets::JiraConfigSecrets::namesFor(config::JiraAuthType::Basic);
}

std::optional<secrets::JiraSecretKey> JiraSecrets::keyFor(const ConfigDocument &document, const QString &secretName)
{
    const QString server = jiraSetting(document, QStringLiteral("server_url")).trimmed();
    if (!isJira(document) || server.isEmpty())
        return std::nullopt;
    return secrets::JiraSecretKey { server, jiraSetting(document, QStringLiteral("auth_type")),
                                    jiraSetting(document, QStringLiteral("username")), secretName };
}

QString JiraSecrets::profile() const
{
    const QStringList names = secretNames(*m_document);
    if (names.isEmpty())
        return {};
    const std::optional<secrets::JiraSecretKey> key = keyFor(*m_document, names.first());
    if (!key)
        return {};
    // The key without its last segment names the profile; the names say which secrets it needs.
    return m_document->path() + QLatin1Char('\n') + key->toString() + QLatin1Char('\n') + names.join(QLatin1Char(','));
}

void JiraSecrets::documentChanged()
{
    const QString now = profile();
    if (now == m_profile)
        return;
    m_profile = now;
    const bool wasBusy = m_round;
    // Values of another server, user or auth type must not leak into this one.
    m_values.clear();
    m_problem.clear();
    if (m_current) {
        disconnect(m_current, nullptr, this, nullptr);
        m_current->cancel();
        m_current = nullptr;
    }
    m_pending.clear();
    m_round = false;
    publish();
    if (wasBusy)
        Q_EMIT busyChanged(false);
    if (!m_profile.isEmpty())
        refresh();
}

void JiraSecrets::refresh()
{
    if (m_profile.isEmpty() || !m_keychain)
        return;
    const bool wasBusy = isBusy();
    m_pending = secretNames(*m_document);
    m_roundProblems.clear();
    if (!wasBusy) {
        m_round = true;
        Q_EMIT busyChanged(true);
        lookUpNext();
    }
}

void JiraSecrets::lookUpNext()
{
    while (!m_pending.isEmpty()) {
        const QString name = m_pending.takeFirst();
        const std::optional<secrets::JiraSecretKey> key = keyFor(*m_document, name);
        if (!key || !m_keychain)
            continue;
        m_current = m_keychain->read(key->toString());
        connect(m_current, &secrets::SecretOperation::finished, this, [this, name](const SecretResult &result) {
            m_current = nullptr;
            if (result.error == SecretError::Cancelled)
                return; // a newer profile took over
            take(name, result);
            lookUpNext();
        });
        return;
    }
    m_round = false;
    m_problem = m_roundProblems.join(QLatin1Char(' '));
    if (!m_problem.isEmpty())
        qCInfo(lcUiSecrets) << "keychain lookup had trouble:" << m_problem; // messages never hold a secret
    publish();
    Q_EMIT busyChanged(false);
    Q_EMIT finished();
}

void JiraSecrets::take(const QString &secretName, const SecretResult &result)
{
    // "The keychain" is whatever store this was given (the OS keychain; a memory store in tests).
    const secrets::SecretSource keychain = m_keychain ? m_keychain->source() : secrets::SecretSource::Keychain;
    if (result.ok() && result.source == keychain) {
        m_values.insert(secretName, result.secret);
    } else if (result.ok() || result.error == SecretError::NotFound) {
        // Found elsewhere (environment, file) or not at all: the keychain holds nothing.
        m_values.remove(secretName);
    } else if (result.error != SecretError::Cancelled) {
        // Trouble says nothing about what the keychain holds; keep what we knew.
        if (!m_roundProblems.contains(result.message))
            m_roundProblems.append(result.message);
    }
    // Resolver results carry the keychain's trouble as warnings while falling back.
    for (const QString &warning : result.warnings) {
        if (!m_roundProblems.contains(warning))
            m_roundProblems.append(warning);
    }
    if (!m_round) {
        // An answer from outside a round (the Credentials page): apply it now.
        m_problem = m_roundProblems.join(QLatin1Char(' '));
        m_roundProblems.clear();
        publish();
    }
}

void JiraSecrets::publish()
{
    if (m_document->externalSecrets() != m_values)
        m_document->setExternalSecrets(m_values);
}

} // namespace tbds::ui
