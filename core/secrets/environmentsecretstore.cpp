// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/environmentsecretstore.h"

#include "core/secrets/jirasecretkey.h"

namespace tbds::secrets {

namespace {

struct Mapping
{
    const char *secretName;
    const char *variable;
};

// Same variables as the reference service (clients/jira/config.py) and our config loader.
constexpr Mapping kMappings[] = {
    {"username", "JIRA_USERNAME"},
    {"password", "JIRA_PASSWORD"},
    {"token", "JIRA_BEARER_TOKEN"},
    {"oauth1_access_token", "JIRA_OAUTH1_ACCESS_TOKEN"},
    {"oauth1_access_token_secret", "JIRA_OAUTH1_ACCESS_TOKEN_SECRET"},
    {"oauth1_consumer_key", "JIRA_OAUTH1_CONSUMER_KEY"},
    {"oauth1_key_cert", "JIRA_OAUTH1_KEY_CERT"},
};

} // namespace

EnvironmentSecretStore::EnvironmentSecretStore(QObject *parent)
    : SecretStore(parent), m_useSystemEnvironment(true)
{
}

EnvironmentSecretStore::EnvironmentSecretStore(const QProcessEnvironment &environment, QObject *parent)
    : SecretStore(parent), m_useSystemEnvironment(false), m_environment(environment)
{
}

EnvironmentSecretStore::~EnvironmentSecretStore() = default;

QString EnvironmentSecretStore::variableFor(const QString &keyOrSecretName)
{
    const std::optional<JiraSecretKey> jiraKey = JiraSecretKey::parse(keyOrSecretName);
    const QString name = jiraKey ? jiraKey->secretName : keyOrSecretName.trimmed().toLower();
    for (const Mapping &m : kMappings) {
        if (name == QLatin1String(m.secretName))
            return QString::fromLatin1(m.variable);
    }
    return {};
}

void EnvironmentSecretStore::startRead(SecretOperation *op)
{
    const QString variable = variableFor(op->key());
    if (variable.isEmpty()) {
        op->finish(SecretResult::failure(SecretError::NotFound, {},
                                         tr("No environment variable is defined for this secret")));
        return;
    }
    // Looked up now, not at construction: a service may be given its environment late (tests, systemd).
    const QProcessEnvironment env = m_useSystemEnvironment ? QProcessEnvironment::systemEnvironment()
                                                           : m_environment;
    const QString value = env.value(variable);
    if (value.isEmpty()) {
        op->finish(SecretResult::failure(SecretError::NotFound, {}, tr("%1 is not set").arg(variable)));
        return;
    }
    op->finish(SecretResult::success(SecretSource::Environment, variable, value));
}

void EnvironmentSecretStore::refuse(SecretOperation *op)
{
    const QString variable = variableFor(op->key());
    const QString what = variable.isEmpty() ? tr("the environment variable") : variable;
    op->finish(SecretResult::failure(
        SecretError::ReadOnly, {},
        tr("Environment variables are read-only here: set %1 in the environment the service is "
           "started with, or store the secret in the keychain")
            .arg(what)));
}

void EnvironmentSecretStore::startWrite(SecretOperation *op, const QString &secret)
{
    Q_UNUSED(secret)
    refuse(op);
}

void EnvironmentSecretStore::startRemove(SecretOperation *op)
{
    refuse(op);
}

} // namespace tbds::secrets
