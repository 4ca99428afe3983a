// SPDX-License-Identifier: Apache-2.0
#include "ui/models/requestlogmodel.h"

#include <QFont>
#include <QLocale>

namespace tbds::ui {

namespace {
bool isError(const service::RequestLogEntry &e)
{
    return e.status >= 400;
}
} // namespace

RequestLogModel::RequestLogModel(QObject *parent) : QAbstractTableModel(parent) {}

RequestLogModel::~RequestLogModel() = default;

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const service::RequestLogEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            // Local time: the admin compares it with the clock on the wall, not with UTC.
            return role == Qt::ToolTipRole ? e.time.toLocalTime().toString(Qt::ISODateWithMs)
                                           : e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case PeerColumn:
            return e.peer;
        case MethodColumn:
            return e.method;
        case PathColumn:
            return e.path;
        case StatusColumn:
            return e.status;
        case DurationColumn:
            return tr("%1 ms").arg(QLocale().toString(e.durationMs, 'f', 1));
        case UserColumn:
            return e.user;
        default:
            return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time;
        case PeerColumn:
            return e.peer;
        case MethodColumn:
            return e.method;
        case PathColumn:
            return e.path;
        case StatusColumn:
            return e.status;
        case DurationColumn:
            return e.durationMs;
        case UserColumn:
            return e.user;
        default:
            return {};
        }
    case IsErrorRole:
        return isError(e);
    case Qt::TextAlignmentRole:
        if (index.column() == StatusColumn || index.column() == DurationColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        // Bold rather than a colour (hard-coded colours break dark palettes), and only the
        // status, so columns sized to their contents keep fitting.
        if (isError(e) && index.column() == StatusColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    default:
        return {};
    }
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case PeerColumn:
        return tr("Peer");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case UserColumn:
        return tr("User");
    default:
        return {};
    }
}

void RequestLogModel::setMaxEntries(int maxEntries)
{
    m_maxEntries = qMax(1, maxEntries);
    trim();
}

void RequestLogModel::append(const service::RequestLogEntry &entry)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
    ++m_requests;
    if (isError(entry))
        ++m_errors;
    trim();
    Q_EMIT countersChanged();
}

void RequestLogModel::clear()
{
    if (!m_entries.isEmpty()) {
        beginResetModel();
        m_entries.clear();
        endResetModel();
    }
    m_requests = 0;
    m_errors = 0;
    Q_EMIT countersChanged();
}

void RequestLogModel::trim()
{
    const qsizetype excess = m_entries.size() - m_maxEntries;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, int(excess - 1));
    m_entries.remove(0, excess);
    endRemoveRows();
}

} // namespace tbds::ui
