// SPDX-License-Identifier: Apache-2.0
#include "ui/models/controlfieldsmodel.h"

#include <QBrush>
#include <QJsonArray>

namespace tbds::ui {

namespace {

// createmeta field objects: `fieldId` (new endpoints) or `key` (old DC endpoint).
QString fieldIdOf(const QJsonObject &field)
{
    const QString id = field.value(QLatin1String("fieldId")).toString();
    return id.isEmpty() ? field.value(QLatin1String("key")).toString() : id;
}

QString fieldNameOf(const QJsonObject &field)
{
    return field.value(QLatin1String("name")).toString();
}

QStringList allowedNames(const QJsonObject &field)
{
    QStringList names;
    for (const QJsonValue &value : field.value(QLatin1String("allowedValues")).toArray()) {
        const QJsonObject object = value.toObject();
        QString name = object.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            name = object.value(QLatin1String("value")).toString();
        if (!name.isEmpty() && !names.contains(name))
            names << name;
    }
    return names;
}

} // namespace

ControlFieldsModel::ControlFieldsModel(QObject *parent) : QAbstractTableModel(parent) {}

ControlFieldsModel::~ControlFieldsModel() = default;

int ControlFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ControlFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ControlFieldsModel::stateText(State state)
{
    switch (state) {
    case State::Known:
        return tr("known to Jira");
    case State::Unknown:
        return tr("unknown to Jira");
    case State::NoValues:
        return tr("no fixed values");
    case State::Configured:
        return tr("configured");
    }
    return {};
}

QVariant ControlFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FieldColumn:
            return entry.field;
        case SourceColumn:
            return entry.source;
        case CountColumn:
            return entry.state == State::Unknown ? QString() : QString::number(entry.values.size());
        case ValuesColumn:
            // Said in words too: the colour alone would not tell everybody.
            return entry.state == State::NoValues ? stateText(State::NoValues)
                                                  : entry.values.join(QStringLiteral(", "));
        }
        break;
    case Qt::ToolTipRole:
        if (entry.state == State::Unknown)
            return tr("Jira has no field \"%1\" in this project (neither a field id nor a field name on the create "
                      "screen). TestBench gets no values for it: fix the name in control_fields.")
                .arg(entry.field);
        if (entry.state == State::NoValues)
            return tr("Jira knows the field but has no list of allowed values for it; TestBench accepts free text.");
        return entry.values.join(QLatin1Char('\n'));
    case Qt::ForegroundRole:
        if (entry.state == State::Unknown)
            return QBrush(m_colors.color(StatusColors::Status::Error));
        if (entry.state == State::NoValues)
            return QBrush(m_colors.color(StatusColors::Status::Warning));
        return {};
    case Qt::FontRole:
        return {};
    case StateRole:
        return int(entry.state);
    case ValuesRole:
        return entry.values;
    }
    return {};
}

QVariant ControlFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FieldColumn:
        return tr("Control field");
    case SourceColumn:
        return tr("Values from");
    case CountColumn:
        return tr("Count");
    case ValuesColumn:
        return tr("Allowed values");
    }
    return {};
}

void ControlFieldsModel::setPalette(const QPalette &palette)
{
    m_colors = StatusColors(palette);
    if (!m_entries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), { Qt::ForegroundRole });
}

void ControlFieldsModel::setEntries(const QList<Entry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int ControlFieldsModel::rowOf(const QString &field) const
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).field == field)
            return i;
    return -1;
}

QList<ControlFieldsModel::Entry> ControlFieldsModel::resolve(const QStringList &configured, const JiraMeta &meta)
{
    QList<Entry> entries;
    for (const QString &field : configured) {
        const QString lower = field.toLower();
        if (lower == QLatin1String("status")) {
            entries.append({field, tr("project workflow statuses"), meta.statuses, State::Known});
            continue;
        }
        if (lower == QLatin1String("priority")) {
            entries.append({field, tr("Jira priorities"), meta.priorities, State::Known});
            continue;
        }
        if (lower == QLatin1String("classification")) {
            entries.append({field, tr("project issue types"), meta.issueTypes, State::Known});
            continue;
        }
        // Ids first (exact), then display names (case-insensitive), over all issue types: the
        // service uses the union of the create screens.
        const QJsonObject *match = nullptr;
        for (const QJsonObject &candidate : meta.fields)
            if (fieldIdOf(candidate) == field) {
                match = &candidate;
                break;
            }
        if (!match)
            for (const QJsonObject &candidate : meta.fields)
                if (fieldNameOf(candidate).compare(field, Qt::CaseInsensitive) == 0) {
                    match = &candidate;
                    break;
                }
        if (!match) {
            entries.append({ field, stateText(State::Unknown), {}, State::Unknown });
            continue;
        }
        QStringList values;
        const QString id = fieldIdOf(*match);
        for (const QJsonObject &candidate : meta.fields)
            if (fieldIdOf(candidate) == id)
                for (const QString &value : allowedNames(candidate))
                    if (!values.contains(value))
                        values << value;
        const QString source = tr("create metadata of %1 (%2)").arg(fieldNameOf(*match), id);
        entries.append({field, source, values, values.isEmpty() ? State::NoValues : State::Known});
    }
    return entries;
}

QList<ControlFieldsModel::Entry> ControlFieldsModel::fromJsonl(const QMap<QString, QStringList> &configured)
{
    QList<Entry> entries;
    for (auto it = configured.begin(); it != configured.end(); ++it)
        entries.append({it.key(), tr("config.toml"), it.value(), State::Configured});
    return entries;
}

} // namespace tbds::ui
