// SPDX-License-Identifier: Apache-2.0
#include "ui/models/projectoverridesmodel.h"

#include "core/config/tomleditor.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>

namespace tbds::ui {

namespace {

const QString ReadonlyKey = QStringLiteral("readonly");
const QString AttributesKey = QStringLiteral("attributes");
const QString ControlFieldsKey = QStringLiteral("control_fields");
const QString CommandsKey = QStringLiteral("commands");
const QString DefectJqlKey = QStringLiteral("defect_jql");
const QString ShowChangeHistoryKey = QStringLiteral("show_change_history");
const QString EnableSharedAuthKey = QStringLiteral("enable_shared_auth");
const QString SupportsTimestampsKey = QStringLiteral("supports_changes_timestamps");

QStringList projectPath(const QString &overrideKey)
{
    return {QStringLiteral("testbench-defect-service"), QStringLiteral("client_config"), QStringLiteral("projects"),
            overrideKey};
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

QString listText(const QStringList &list)
{
    return list.join(QStringLiteral(", "));
}

QString mapText(const QMap<QString, QStringList> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts.append(it.key() + QStringLiteral(": ") + listText(it.value()));
    return parts.join(QStringLiteral("; "));
}

QString hooksText(const QString &phase, const std::optional<config::HookCommands> &hooks)
{
    if (!hooks)
        return {};
    QStringList parts;
    if (hooks->scheduled)
        parts.append(phase + QStringLiteral(".scheduled = ") + *hooks->scheduled);
    if (hooks->manual)
        parts.append(phase + QStringLiteral(".manual = ") + *hooks->manual);
    if (hooks->partial)
        parts.append(phase + QStringLiteral(".partial = ") + *hooks->partial);
    return parts.join(QStringLiteral("; "));
}

QStringList splitList(const QString &text)
{
    QStringList out;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &p : parts) {
        const QString trimmed = p.trimmed();
        if (!trimmed.isEmpty())
            out.append(trimmed);
    }
    return out;
}

template<typename T>
config::ValueSource sourceOf(const config::Sourced<T> &s)
{
    return s.source;
}

} // namespace

ProjectOverridesModel::ProjectOverridesModel(QObject *parent) : QAbstractTableModel(parent) {}

ProjectOverridesModel::~ProjectOverridesModel() = default;

int ProjectOverridesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProjectOverridesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProjectOverridesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SettingColumn:
            return row.key;
        case ValueColumn:
            return row.display;
        case SourceColumn:
            switch (row.source) {
            case config::ValueSource::Default:
                return tr("default");
            case config::ValueSource::Global:
                return tr("global");
            case config::ValueSource::Project:
                return tr("override (%1)").arg(row.overrideKey);
            }
            return {};
        default:
            return {};
        }
    case Qt::FontRole:
        if (row.source == config::ValueSource::Project) {
            QFont f;
            f.setBold(true); // overrides are what admins look for first
            return f;
        }
        return {};
    case KeyRole:
        return row.key;
    case SourceRole:
        return int(row.source);
    case OverrideKeyRole:
        return row.overrideKey;
    case EditTextRole:
        return row.editText;
    case EditableRole:
        return row.editable;
    default:
        return {};
    }
}

QVariant ProjectOverridesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SettingColumn:
        return tr("Setting");
    case ValueColumn:
        return tr("Effective value");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

void ProjectOverridesModel::setProject(const std::optional<config::ServiceConfig> &config, const QString &project)
{
    beginResetModel();
    m_config = config;
    m_project = project;
    m_rows = computeRows();
    endResetModel();
}

QString ProjectOverridesModel::overrideKeyForWriting() const
{
    if (m_config && !m_project.isEmpty()) {
        const config::ProjectSettings settings(*m_config, m_project);
        if (const std::optional<QString> key = settings.overrideKey())
            return *key;
    }
    // The full "Name (KEY)" is what the reference looks up, so new overrides use it.
    return m_project;
}

int ProjectOverridesModel::rowForKey(const QString &key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key)
            return int(i);
    return -1;
}

QStringList ProjectOverridesModel::settingKeys(config::ClientKind kind)
{
    if (kind == config::ClientKind::Jira)
        return {DefectJqlKey, AttributesKey, ControlFieldsKey, ReadonlyKey, CommandsKey, ShowChangeHistoryKey,
                EnableSharedAuthKey};
    return {AttributesKey, ControlFieldsKey, ReadonlyKey, CommandsKey, SupportsTimestampsKey};
}

QStringList ProjectOverridesModel::knownProjects(const config::ServiceConfig &config)
{
    if (config.jira)
        return config.jira->projects.keys();
    if (!config.jsonl)
        return {};
    // The JSONL client's projects are the folders below defects_path (hidden ones are skipped
    // here: they are editor or VCS folders, not projects an admin would configure).
    QStringList names;
    const QFileInfoList entries
        = QDir(config.jsonl->defectsPath).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries)
        names.append(entry.fileName());
    return names;
}

QList<ProjectOverridesModel::Row> ProjectOverridesModel::computeRows() const
{
    QList<Row> rows;
    if (!m_config || m_project.isEmpty())
        return rows;
    const config::ServiceConfig &cfg = *m_config;
    const config::ProjectSettings s(cfg, m_project);
    const bool jira = cfg.jira.has_value();

    auto add = [&rows](const QString &key, const QString &text, const auto &sourced, bool editable = true,
                       QString display = {}) {
        rows.append({key, display.isEmpty() ? text : display, text, sourceOf(sourced), sourced.overrideKey, editable});
    };
    auto commandsText = [](const std::optional<config::CommandsConfig> &c) {
        if (!c)
            return QString();
        QStringList parts;
        for (const QString &p : {hooksText(QStringLiteral("presync"), c->presync),
                                 hooksText(QStringLiteral("postsync"), c->postsync)})
            if (!p.isEmpty())
                parts.append(p);
        return parts.join(QStringLiteral("; "));
    };

    for (const QString &key : settingKeys(jira ? config::ClientKind::Jira : config::ClientKind::Jsonl)) {
        if (key == DefectJqlKey) {
            const auto v = s.defectJql();
            add(key, v.value, v);
        } else if (key == AttributesKey) {
            const auto v = s.attributes();
            add(key, listText(v.value), v);
        } else if (key == ControlFieldsKey) {
            if (jira) {
                const auto v = s.jiraControlFields();
                add(key, listText(v.value), v);
            } else {
                const auto v = s.jsonlControlFields();
                add(key, mapText(v.value), v);
            }
        } else if (key == ReadonlyKey) {
            const auto v = s.readonly();
            add(key, boolText(v.value), v);
        } else if (key == CommandsKey) {
            const auto v = s.commands();
            const QString text = commandsText(v.value);
            add(key, text, v, false, text.isEmpty() ? tr("(none)") : text);
        } else if (key == ShowChangeHistoryKey) {
            const auto v = s.showChangeHistory();
            add(key, boolText(v.value), v);
        } else if (key == EnableSharedAuthKey) {
            const auto v = s.enableSharedAuth();
            add(key, v.value ? boolText(*v.value) : QString(), v, true, v.value ? QString() : tr("(not set)"));
        } else if (key == SupportsTimestampsKey) {
            const auto v = s.supportsChangesTimestamps();
            add(key, boolText(v.value), v);
        }
    }
    return rows;
}

Result<void> ProjectOverridesModel::writeOverride(config::TomlEditor &editor, config::ClientKind kind,
                                                  const QString &overrideKey, const QString &setting,
                                                  const QString &text)
{
    if (overrideKey.isEmpty())
        return Error{tr("No project selected"), {}};
    QStringList path = projectPath(overrideKey);
    const QString trimmed = text.trimmed();
    const bool isBool = setting == ReadonlyKey || setting == ShowChangeHistoryKey || setting == EnableSharedAuthKey
        || setting == SupportsTimestampsKey;
    if (isBool) {
        if (trimmed != QLatin1String("true") && trimmed != QLatin1String("false"))
            return Error{tr("%1 takes true or false").arg(setting), trimmed};
        return editor.setValue(path << setting, trimmed == QLatin1String("true"));
    }
    if (setting == DefectJqlKey) {
        if (trimmed.isEmpty())
            return Error{tr("The JQL must not be empty"), {}};
        return editor.setValue(path << setting, trimmed);
    }
    if (setting == AttributesKey || (setting == ControlFieldsKey && kind == config::ClientKind::Jira))
        return editor.setValue(path << setting, splitList(trimmed));
    if (setting == ControlFieldsKey) {
        // JSONL: a table of field -> allowed values, written as `field: a, b; other: c`.
        QMap<QString, QStringList> fields;
        const QStringList groups = trimmed.split(QLatin1Char(';'));
        for (const QString &group : groups) {
            if (group.trimmed().isEmpty())
                continue;
            const qsizetype colon = group.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return Error{tr("Write control fields as 'field: value, value; other: value'"), group.trimmed()};
            fields.insert(group.left(colon).trimmed(), splitList(group.mid(colon + 1)));
        }
        path << setting;
        if (Result<void> removed = editor.remove(path); !removed)
            return removed;
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            if (Result<void> set = editor.setValue(QStringList(path) << it.key(), it.value()); !set)
                return set;
        return {};
    }
    return Error{tr("%1 cannot be edited here; edit it in the TOML text").arg(setting), {}};
}

Result<void> ProjectOverridesModel::removeOverride(config::TomlEditor &editor, const QString &overrideKey,
                                                   const QString &setting)
{
    if (overrideKey.isEmpty())
        return {};
    return editor.remove(projectPath(overrideKey) << setting);
}

} // namespace tbds::ui
