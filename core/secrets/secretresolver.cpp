// SPDX-License-Identifier: Apache-2.0
#include "core/secrets/secretresolver.h"

#include "core/secrets/environmentsecretstore.h"
#include "core/secrets/secretstore.h"

#include <memory>

namespace tbds::secrets {

struct SecretResolver::Resolution
{
    QString key;
    QString secretName;
    std::optional<QString> configValue;
    QStringList warnings;
};

namespace {

enum Stage { KeychainStage = 0, EnvironmentStage = 1 };

} // namespace

SecretResolver::SecretResolver(SecretStore *keychain, SecretStore *environment, QObject *parent)
    : QObject(parent), m_keychain(keychain), m_environment(environment)
{
}

SecretResolver::~SecretResolver() = default;

SecretOperation *SecretResolver::resolve(const JiraSecretKey &key, const std::optional<QString> &configValue)
{
    auto state = std::make_shared<Resolution>();
    state->key = key.toString();
    state->secretName = key.secretName.trimmed().toLower();
    state->configValue = configValue;
    auto *outer = new SecretOperation(SecretOperation::Kind::Resolve, state->key);
    tryStore(outer, state, KeychainStage);
    return outer;
}

void SecretResolver::tryStore(SecretOperation *outer, const std::shared_ptr<Resolution> &state, int stage)
{
    SecretStore *store = stage == KeychainStage ? m_keychain.data() : m_environment.data();
    if (!store) {
        if (stage == KeychainStage)
            tryStore(outer, state, EnvironmentStage);
        else
            finishWithConfig(outer, state);
        return;
    }
    SecretOperation *inner = store->read(state->key);
    // Whenever the resolution ends first (cancel), stop waiting for the store too.
    connect(outer, &SecretOperation::finished, inner, &SecretOperation::cancel);
    connect(inner, &SecretOperation::finished, outer, [self = QPointer(this), outer, state, stage](const SecretResult &r) {
        if (outer->isFinished())
            return; // cancelled meanwhile
        if (!self) {
            outer->finish(SecretResult::failure(SecretError::Cancelled));
            return;
        }
        if (r.ok()) {
            SecretResult found = r;
            found.warnings = state->warnings;
            outer->finish(std::move(found));
            return;
        }
        if (r.error != SecretError::NotFound) {
            // Missing, locked or slow keychain: note it and carry on to the next source.
            const QString where = stage == KeychainStage ? tr("The keychain could not be used")
                                                         : tr("The environment could not be read");
            state->warnings.append(where + QStringLiteral(": ") + r.toError().toString());
        }
        if (stage == KeychainStage)
            self->tryStore(outer, state, EnvironmentStage);
        else
            self->finishWithConfig(outer, state);
    });
}

void SecretResolver::finishWithConfig(SecretOperation *outer, const std::shared_ptr<Resolution> &state)
{
    if (state->configValue && !state->configValue->isEmpty()) {
        SecretResult found = SecretResult::success(SecretSource::ConfigFile, m_configFileName, *state->configValue);
        found.warnings = state->warnings;
        outer->finish(std::move(found));
        return;
    }
    QString variable = EnvironmentSecretStore::variableFor(state->secretName);
    if (variable.isEmpty())
        variable = tr("the environment");
    SecretResult missing = SecretResult::failure(
        SecretError::NotFound, state->warnings.join(QStringLiteral("; ")),
        tr("No %1 is set: not in the keychain, not in %2 and not in %3")
            .arg(state->secretName, variable, m_configFileName));
    missing.warnings = state->warnings;
    outer->finish(std::move(missing));
}

} // namespace tbds::secrets
