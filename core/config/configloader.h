// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/diagnostic.h"
#include "core/config/serviceconfig.h"

#include <QProcessEnvironment>
#include <QMap>

#include <optional>

namespace tbds::config {

/** What the caller knows beyond the file: environment, CLI overrides, secrets held elsewhere. */
struct LoadOptions
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    /** `start --client-class`; replaces the file's client_class. */
    std::optional<QString> clientClassOverride;
    /** `start --client-config`; replaces client_config_path and the inline table. */
    std::optional<QString> clientConfigOverride;
    /**
     * Jira secrets (by config key: "password", "token", …) the OS keychain holds, with their
     * values when the caller fetched them. They win over the environment and the file (DESIGN.md's
     * order) and satisfy the "must be provided" rules. An empty value means "held there, not
     * fetched": the rule is satisfied but the config carries no value for it.
     */
    QMap<QString, QString> externalSecrets;
    /**
     * Texts to use instead of reading these files, by absolute, cleaned path (QDir::cleanPath): the
     * GUI validates its unsaved edits of a separate client file (client_config_path) this way.
     */
    QMap<QString, QByteArray> fileContents;
};

/** The outcome of loading: a config when there were no errors, and every finding either way. */
struct LoadResult
{
    std::optional<ServiceConfig> config;
    Diagnostics diagnostics;

    [[nodiscard]] bool ok() const { return config.has_value(); }
    /** All findings as `file:line:col: message` lines. */
    [[nodiscard]] QString report() const;
};

/**
 * Reads and validates a config.toml with the reference service's rules (contract §5), reporting
 * every problem with its position instead of stopping at the first one. Unknown keys are warnings:
 * they stay in the file (saving splices text), they just do nothing.
 * Relative paths resolve against the config file's folder (DESIGN.md: the GUI has no meaningful CWD).
 */
class ConfigLoader final
{
public:
    [[nodiscard]] static LoadResult loadFile(const QString &path, const LoadOptions &options = {});
    [[nodiscard]] static LoadResult loadText(const QByteArray &utf8, const QString &path,
                                             const LoadOptions &options = {});

    /** Maps every spelling of the built-in clients (contract §5.4) to the client; nullopt if unknown. */
    [[nodiscard]] static std::optional<ClientKind> parseClientClass(const QString &clientClass);
};

} // namespace tbds::config
