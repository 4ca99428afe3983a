// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"

#include <optional>

namespace tbds::config {

/** Where an effective value came from: built-in default, the global client_config, or a project override. */
enum class ValueSource { Default, Global, Project };

template<typename T>
struct Sourced
{
    T value;
    ValueSource source = ValueSource::Default;
    /** The `projects.<key>` table that supplied the value (only for ValueSource::Project). */
    QString overrideKey;
};

/**
 * Effective per-project settings: a project override over the global value over the default.
 * Overrides are looked up by the full project name "Name (KEY)" (what the reference does) and by
 * the bare KEY (what its docs say); the full name wins (DESIGN.md).
 */
class ProjectSettings final
{
public:
    ProjectSettings(const ServiceConfig &config, QString project);

    /** The `projects.<key>` that applies to this project, if any. */
    [[nodiscard]] std::optional<QString> overrideKey() const { return m_overrideKey; }
    /** "KEY" from "Name (KEY)", or empty when the name has no key suffix. */
    [[nodiscard]] static QString bareKey(const QString &project);
    /** The override key for a project among the configured ones (full name first, then bare key). */
    [[nodiscard]] static std::optional<QString> findOverrideKey(const QStringList &configured, const QString &project);

    [[nodiscard]] Sourced<bool> readonly() const;
    [[nodiscard]] Sourced<QStringList> attributes() const;
    [[nodiscard]] Sourced<std::optional<CommandsConfig>> commands() const;
    /** JSONL: field → allowed values. */
    [[nodiscard]] Sourced<QMap<QString, QStringList>> jsonlControlFields() const;
    /** Jira: names of the control fields. */
    [[nodiscard]] Sourced<QStringList> jiraControlFields() const;
    /** Jira: the JQL template, `{project}` not yet substituted. Honoured per project (a reference fix). */
    [[nodiscard]] Sourced<QString> defectJql() const;
    [[nodiscard]] Sourced<bool> showChangeHistory() const;
    /** Jira shared-auth flag; nullopt means "not set anywhere" (writes use per-user auth then). */
    [[nodiscard]] Sourced<std::optional<bool>> enableSharedAuth() const;
    [[nodiscard]] Sourced<bool> supportsChangesTimestamps() const;
    /** Jira: the folder local attachment files must be inside; nullopt = no local uploads. */
    [[nodiscard]] Sourced<std::optional<QString>> attachmentsRoot() const;

private:
    template<typename T, typename ProjectGetter, typename GlobalGetter>
    Sourced<T> resolve(const char *key, ProjectGetter fromProject, GlobalGetter fromGlobal) const;

    const ServiceConfig &m_config;
    QString m_project;
    std::optional<QString> m_overrideKey;
};

} // namespace tbds::config
