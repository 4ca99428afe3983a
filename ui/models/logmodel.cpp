// SPDX-License-Identifier: Apache-2.0
#include "ui/models/logmodel.h"

namespace tbds::ui {

LogModel::LogModel(QObject *parent) : QAbstractTableModel(parent) {}

LogModel::~LogModel() = default;

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

LogModel::Level LogModel::levelFor(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return Level::Debug;
    case QtInfoMsg:
        return Level::Info;
    case QtWarningMsg:
        return Level::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return Level::Critical;
    }
    return Level::Info;
}

QString LogModel::levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return tr("Debug");
    case Level::Info:
        return tr("Info");
    case Level::Warning:
        return tr("Warning");
    case Level::Critical:
        return tr("Error");
    }
    return {};
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time.toString(QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn:
            return levelName(e.level);
        case CategoryColumn:
            return e.category;
        case MessageColumn:
            return e.text;
        default:
            return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn:
            return e.time;
        case LevelColumn:
            return int(e.level);
        case CategoryColumn:
            return e.category;
        case MessageColumn:
            return e.text;
        default:
            return {};
        }
    case LevelRole:
        return int(e.level);
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Category");
    case MessageColumn:
        return tr("Message");
    default:
        return {};
    }
}

void LogModel::setMaxEntries(int maxEntries)
{
    m_maxEntries = qMax(1, maxEntries);
    const qsizetype excess = m_entries.size() - m_maxEntries;
    if (excess > 0) {
        beginRemoveRows({}, 0, int(excess - 1));
        m_entries.remove(0, excess);
        endRemoveRows();
    }
}

QString LogModel::lineForRow(int row) const
{
    const Entry &e = m_entries.at(row);
    QString line = e.time.toString(Qt::ISODateWithMs) + QLatin1Char(' ') + levelName(e.level);
    if (!e.category.isEmpty())
        line += QStringLiteral(" [%1]").arg(e.category);
    return line + QLatin1Char(' ') + e.text;
}

void LogModel::append(Level level, const QString &category, const QString &text)
{
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append({QDateTime::currentDateTime(), level, category, text});
    endInsertRows();
    setMaxEntries(m_maxEntries);
}

void LogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

} // namespace tbds::ui
