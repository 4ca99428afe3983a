// SPDX-License-Identifier: Apache-2.0
#include "ui/models/permissionsmodel.h"

#include <QBrush>

namespace tbds::ui {

PermissionsModel::PermissionsModel(QObject *parent) : QAbstractTableModel(parent), m_permissions(permissions()) {}

PermissionsModel::~PermissionsModel() = default;

QList<PermissionsModel::Permission> PermissionsModel::permissions()
{
    return {
        {tr("Browse Projects"), {QStringLiteral("BROWSE_PROJECTS")}, false, tr("List and query projects")},
        {tr("Browse Users"), {QStringLiteral("USER_PICKER")}, false, tr("Display assignees and reporters")},
        {tr("Create Issues"), {QStringLiteral("CREATE_ISSUES")}, true, tr("Sync new defects to Jira")},
        {tr("Edit Issues"), {QStringLiteral("EDIT_ISSUES")}, true, tr("Update defect attributes")},
        {tr("Delete Issues"), {QStringLiteral("DELETE_ISSUES")}, true, tr("Delete defects")},
        {tr("Transition Issues"), {QStringLiteral("TRANSITION_ISSUES")}, true, tr("Update defect status")},
        {tr("Create Attachments"), {QStringLiteral("CREATE_ATTACHMENTS")}, true, tr("Sync attachments to defects")},
        // The service deletes attachments it uploaded itself, so "own" is enough.
        {tr("Delete Attachments"),
         {QStringLiteral("DELETE_ALL_ATTACHMENTS"), QStringLiteral("DELETE_OWN_ATTACHMENTS")},
         true,
         tr("Remove attachments")},
    };
}

QStringList PermissionsModel::permissionKeys()
{
    QStringList keys;
    for (const Permission &permission : permissions())
        keys << permission.keys;
    return keys;
}

int PermissionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PermissionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstPermissionColumn + int(m_permissions.size());
}

QString PermissionsModel::cellText(Cell cell)
{
    switch (cell) {
    case Cell::Unknown:
        return tr("…");
    case Cell::Granted:
        return tr("✔ granted");
    case Cell::Missing:
        return tr("✘ missing");
    case Cell::NotRequired:
        return tr("– not needed");
    }
    return {};
}

PermissionsModel::Cell PermissionsModel::cellOf(const Row &row, const Permission &permission) const
{
    if (!row.loaded)
        return Cell::Unknown;
    for (const QString &key : permission.keys)
        if (row.granted.value(key))
            return Cell::Granted;
    return row.readonly && permission.write ? Cell::NotRequired : Cell::Missing;
}

PermissionsModel::Cell PermissionsModel::cell(int row, int permission) const
{
    return cellOf(m_rows.at(row), m_permissions.at(permission));
}

QVariant PermissionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == ProjectKeyRole)
        return row.project;
    if (index.column() == ProjectColumn) {
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return row.project;
        return {};
    }
    if (index.column() == ModeColumn) {
        if (role == Qt::DisplayRole)
            return !row.error.isEmpty() ? tr("error") : row.readonly ? tr("read-only") : tr("read-write");
        if (role == Qt::ToolTipRole)
            return !row.error.isEmpty() ? row.error
                   : row.readonly       ? tr("readonly = true: the service never writes, so write permissions are not needed")
                                        : tr("The service creates, edits and deletes issues in this project");
        return {};
    }
    const Permission &permission = m_permissions.at(index.column() - FirstPermissionColumn);
    const Cell c = cellOf(row, permission);
    switch (role) {
    case Qt::DisplayRole:
        return row.error.isEmpty() ? cellText(c) : QString();
    case CellRole:
        return int(c);
    case Qt::ToolTipRole:
        return tr("%1 (%2): %3").arg(permission.name, permission.purpose, cellText(c));
    case Qt::AccessibleTextRole:
        return tr("%1 in %2: %3").arg(permission.name, row.project, cellText(c));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignCenter);
    case Qt::ForegroundRole:
        // Shades picked for the view's palette (setPalette): fixed RGB is unreadable on one theme or the other.
        if (c == Cell::Granted)
            return QBrush(m_colors.color(StatusColors::Status::Success));
        if (c == Cell::Missing)
            return QBrush(m_colors.color(StatusColors::Status::Error));
        if (c == Cell::NotRequired)
            return QBrush(m_colors.color(StatusColors::Status::Muted));
        return {};
    }
    return {};
}

QVariant PermissionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section == ProjectColumn)
        return role == Qt::DisplayRole ? QVariant(tr("Project")) : QVariant();
    if (section == ModeColumn)
        return role == Qt::DisplayRole ? QVariant(tr("Mode")) : QVariant();
    if (section < FirstPermissionColumn || section >= columnCount())
        return {};
    const Permission &permission = m_permissions.at(section - FirstPermissionColumn);
    if (role == Qt::DisplayRole) {
        // On two lines, broken at the space nearest the middle: all eight columns side by side in
        // a normal window, without cutting "Create Attachments" to "reate Attachmen".
        QString name = permission.name;
        qsizetype best = -1;
        for (qsizetype i = name.indexOf(QLatin1Char(' ')); i >= 0; i = name.indexOf(QLatin1Char(' '), i + 1))
            if (best < 0 || qAbs(i - name.size() / 2) < qAbs(best - name.size() / 2))
                best = i;
        if (best >= 0)
            name[best] = QLatin1Char('\n');
        return name;
    }
    if (role == Qt::ToolTipRole)
        return tr("%1 — %2 (Jira key %3)").arg(permission.name, permission.purpose, permission.keys.join(tr(" or ")));
    return {};
}

void PermissionsModel::setPalette(const QPalette &palette)
{
    m_colors = StatusColors(palette);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), { Qt::ForegroundRole });
}

void PermissionsModel::setProjects(const QStringList &projects, const QList<bool> &readonly)
{
    beginResetModel();
    m_rows.clear();
    for (int i = 0; i < projects.size(); ++i)
        m_rows.append(Row{projects.at(i), readonly.value(i), false, {}, {}});
    endResetModel();
}

int PermissionsModel::rowOf(const QString &project) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).project == project)
            return i;
    return -1;
}

void PermissionsModel::setPermissions(const QString &project, const QHash<QString, bool> &granted)
{
    const int row = rowOf(project);
    if (row < 0)
        return;
    m_rows[row].granted = granted;
    m_rows[row].loaded = true;
    m_rows[row].error.clear();
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void PermissionsModel::setError(const QString &project, const QString &message)
{
    const int row = rowOf(project);
    if (row < 0)
        return;
    m_rows[row].error = message;
    m_rows[row].loaded = false;
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void PermissionsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

QStringList PermissionsModel::missing(int row) const
{
    QStringList names;
    for (const Permission &permission : m_permissions)
        if (cellOf(m_rows.at(row), permission) == Cell::Missing)
            names << permission.name;
    return names;
}

QString PermissionsModel::adminRequest(const QString &account) const
{
    QStringList paragraphs;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QStringList names = missing(row);
        if (names.isEmpty())
            continue;
        paragraphs << tr("In project %1, please grant %2 these project permissions (Project settings → "
                         "Permissions, via a role or directly): %3.")
                          .arg(m_rows.at(row).project, account, names.join(QStringLiteral(", ")));
    }
    return paragraphs.join(QLatin1Char('\n'));
}

QString PermissionsModel::report(const QString &server, const QString &account) const
{
    QStringList lines;
    lines << tr("Jira permissions of %1 on %2").arg(account, server);
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &r = m_rows.at(row);
        lines << QString();
        lines << QStringLiteral("%1 (%2)").arg(r.project, r.readonly ? tr("read-only") : tr("read-write"));
        if (!r.error.isEmpty()) {
            lines << QStringLiteral("  ") + tr("Not checked: %1").arg(r.error);
            continue;
        }
        for (int p = 0; p < m_permissions.size(); ++p)
            lines << QStringLiteral("  %1: %2").arg(m_permissions.at(p).name, cellText(cellOf(r, m_permissions.at(p))));
    }
    const QString request = adminRequest(account);
    lines << QString();
    lines << (request.isEmpty() ? tr("Nothing is missing.") : tr("What to ask the Jira administrator for:\n%1").arg(request));
    return lines.join(QLatin1Char('\n'));
}

} // namespace tbds::ui
