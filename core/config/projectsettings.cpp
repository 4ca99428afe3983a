// SPDX-License-Identifier: Apache-2.0
#include "core/config/projectsettings.h"

#include <QRegularExpression>

namespace tbds::config {

ProjectSettings::ProjectSettings(const ServiceConfig &config, QString project)
    : m_config(config), m_project(std::move(project))
{
    QStringList keys;
    if (m_config.jira)
        keys = m_config.jira->projects.keys();
    else if (m_config.jsonl)
        keys = m_config.jsonl->projects.keys();
    m_overrideKey = findOverrideKey(keys, m_project);
}

QString ProjectSettings::bareKey(const QString &project)
{
    static const QRegularExpression re(QStringLiteral("^.*\\(([^()]+)\\)\\s*$"));
    const QRegularExpressionMatch m = re.match(project);
    return m.hasMatch() ? m.captured(1).trimmed() : QString();
}

std::optional<QString> ProjectSettings::findOverrideKey(const QStringList &configured, const QString &project)
{
    if (project.isEmpty())
        return std::nullopt;
    if (configured.contains(project))
        return project;
    const QString key = bareKey(project);
    if (!key.isEmpty() && configured.contains(key))
        return key;
    return std::nullopt;
}

template<typename T, typename ProjectGetter, typename GlobalGetter>
Sourced<T> ProjectSettings::resolve(const char *key, ProjectGetter fromProject, GlobalGetter fromGlobal) const
{
    if (m_overrideKey) {
        std::optional<T> value;
        if (m_config.jira)
            value = fromProject(m_config.jira->projects.value(*m_overrideKey));
        else if (m_config.jsonl)
            value = fromProject(m_config.jsonl->projects.value(*m_overrideKey));
        if (value)
            return {*value, ValueSource::Project, *m_overrideKey};
    }
    const bool explicitGlobal = m_config.jira ? m_config.jira->explicitKeys.contains(QLatin1String(key))
                                              : (m_config.jsonl && m_config.jsonl->explicitKeys.contains(QLatin1String(key)));
    return {fromGlobal(), explicitGlobal ? ValueSource::Global : ValueSource::Default, {}};
}


Sourced<bool> ProjectSettings::readonly() const
{
    auto project = [](const auto &p) { return p.readonly; };
    auto global = [this] { return m_config.jira ? m_config.jira->readonly : m_config.jsonl && m_config.jsonl->readonly; };
    return resolve<bool>("readonly", project, global);
}

Sourced<QStringList> ProjectSettings::attributes() const
{
    auto project = [](const auto &p) { return p.attributes; };
    auto global = [this] {
        return m_config.jira ? m_config.jira->attributes : (m_config.jsonl ? m_config.jsonl->attributes : QStringList());
    };
    return resolve<QStringList>("attributes", project, global);
}

Sourced<std::optional<CommandsConfig>> ProjectSettings::commands() const
{
    auto project = [](const auto &p) -> std::optional<std::optional<CommandsConfig>> {
        if (p.commands)
            return p.commands;
        return std::nullopt;
    };
    auto global = [this] {
        return m_config.jira ? m_config.jira->commands : (m_config.jsonl ? m_config.jsonl->commands : std::nullopt);
    };
    return resolve<std::optional<CommandsConfig>>("commands", project, global);
}

Sourced<QMap<QString, QStringList>> ProjectSettings::jsonlControlFields() const
{
    if (!m_config.jsonl)
        return {};
    auto project = [](const auto &p) -> std::optional<QMap<QString, QStringList>> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JsonlProjectConfig>)
            return p.controlFields;
        else
            return std::nullopt;
    };
    auto global = [this] { return m_config.jsonl->controlFields; };
    return resolve<QMap<QString, QStringList>>("control_fields", project, global);
}

Sourced<QStringList> ProjectSettings::jiraControlFields() const
{
    if (!m_config.jira)
        return {};
    auto project = [](const auto &p) -> std::optional<QStringList> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JiraProjectConfig>)
            return p.controlFields;
        else
            return std::nullopt;
    };
    auto global = [this] { return m_config.jira->controlFields; };
    return resolve<QStringList>("control_fields", project, global);
}

Sourced<QString> ProjectSettings::defectJql() const
{
    if (!m_config.jira)
        return {};
    auto project = [](const auto &p) -> std::optional<QString> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JiraProjectConfig>)
            return p.defectJql;
        else
            return std::nullopt;
    };
    auto global = [this] { return m_config.jira->defectJql; };
    return resolve<QString>("defect_jql", project, global);
}

Sourced<bool> ProjectSettings::showChangeHistory() const
{
    if (!m_config.jira)
        return {false, ValueSource::Default, {}};
    auto project = [](const auto &p) -> std::optional<bool> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JiraProjectConfig>)
            return p.showChangeHistory;
        else
            return std::nullopt;
    };
    auto global = [this] { return m_config.jira->showChangeHistory.value_or(false); };
    return resolve<bool>("show_change_history", project, global);
}

Sourced<std::optional<bool>> ProjectSettings::enableSharedAuth() const
{
    if (!m_config.jira)
        return {};
    auto project = [](const auto &p) -> std::optional<std::optional<bool>> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JiraProjectConfig>) {
            if (p.enableSharedAuth)
                return p.enableSharedAuth;
        }
        return std::nullopt;
    };
    auto global = [this] { return m_config.jira->enableSharedAuth; };
    return resolve<std::optional<bool>>("enable_shared_auth", project, global);
}

Sourced<std::optional<QString>> ProjectSettings::attachmentsRoot() const
{
    if (!m_config.jira)
        return {};
    auto project = [](const auto &p) -> std::optional<std::optional<QString>> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JiraProjectConfig>) {
            if (p.attachmentsRoot)
                return p.attachmentsRoot;
        }
        return std::nullopt;
    };
    auto global = [this] { return m_config.jira->attachmentsRoot; };
    return resolve<std::optional<QString>>("attachments_root", project, global);
}

Sourced<bool> ProjectSettings::supportsChangesTimestamps() const
{
    auto project = [](const auto &p) -> std::optional<bool> {
        if constexpr (std::is_same_v<std::decay_t<decltype(p)>, JsonlProjectConfig>)
            return p.supportsChangesTimestamps;
        else
            return std::nullopt;
    };
    auto global = [this] {
        return m_config.jira ? m_config.jira->supportsChangesTimestamps
                             : (!m_config.jsonl || m_config.jsonl->supportsChangesTimestamps);
    };
    return resolve<bool>("supports_changes_timestamps", project, global);
}

} // namespace tbds::config
