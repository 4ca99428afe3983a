// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/projectsettings.h"
#include "core/config/serviceconfig.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>

namespace tbds::config {
class TomlEditor;
}

namespace tbds::ui {

/**
 * Every overridable setting of one project: its effective value and where that value comes
 * from (built-in default, the global client_config, or a `projects.<key>` override), computed by
 * config::ProjectSettings exactly as the engine will. Also writes and removes overrides in the
 * TOML text (through config::TomlEditor), so the rules live next to the model that shows them.
 */
class ProjectOverridesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectOverridesModel)

public:
    enum Column { SettingColumn, ValueColumn, SourceColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        /** The TOML key of the row's setting, e.g. "defect_jql". */
        KeyRole = Qt::UserRole + 1,
        /** config::ValueSource as int. */
        SourceRole,
        /** The `projects.<key>` table supplying the value, if it is an override. */
        OverrideKeyRole,
        /** The effective value as text in the form writeOverride() reads. */
        EditTextRole,
        /** Whether writeOverride() can write this setting (commands cannot: edit them as TOML). */
        EditableRole,
    };

    explicit ProjectOverridesModel(QObject *parent = nullptr);
    ~ProjectOverridesModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /** Shows `project` under `config`; an empty project or no config shows nothing. */
    void setProject(const std::optional<config::ServiceConfig> &config, const QString &project);
    [[nodiscard]] QString project() const { return m_project; }
    /** The override table key that applies (existing one, else the name a new one would get). */
    [[nodiscard]] QString overrideKeyForWriting() const;
    [[nodiscard]] int rowForKey(const QString &key) const;

    /** The overridable settings of a client, in display order. */
    [[nodiscard]] static QStringList settingKeys(config::ClientKind kind);
    /**
     * The projects a config knows without asking Jira: the folders below the JSONL defects_path,
     * or the keys of the Jira client's `projects.*` overrides.
     */
    [[nodiscard]] static QStringList knownProjects(const config::ServiceConfig &config);

    /**
     * Writes `projects.<overrideKey>.<setting>` from `text` (booleans `true`/`false`, lists
     * comma separated, JSONL control fields as `field: a, b; other: c`).
     */
    [[nodiscard]] static Result<void> writeOverride(config::TomlEditor &editor, config::ClientKind kind,
                                                    const QString &overrideKey, const QString &setting,
                                                    const QString &text);
    /** Removes `projects.<overrideKey>.<setting>`; nothing happens when it is absent. */
    [[nodiscard]] static Result<void> removeOverride(config::TomlEditor &editor, const QString &overrideKey,
                                                     const QString &setting);

private:
    struct Row
    {
        QString key;
        QString display;
        QString editText;
        config::ValueSource source = config::ValueSource::Default;
        QString overrideKey;
        bool editable = true;
    };
    [[nodiscard]] QList<Row> computeRows() const;

    std::optional<config::ServiceConfig> m_config;
    QString m_project;
    QList<Row> m_rows;
};

} // namespace tbds::ui
