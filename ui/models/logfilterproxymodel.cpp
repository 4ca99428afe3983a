// SPDX-License-Identifier: Apache-2.0
#include "ui/models/logfilterproxymodel.h"

namespace tbds::ui {

LogFilterProxyModel::LogFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent) {}

LogFilterProxyModel::~LogFilterProxyModel() = default;

void LogFilterProxyModel::setMinimumLevel(LogModel::Level level)
{
    if (m_minimumLevel == level)
        return;
    m_minimumLevel = level;
    invalidateFilter();
}

void LogFilterProxyModel::setTextFilter(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    invalidateFilter();
}

bool LogFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    const QModelIndex first = model->index(sourceRow, 0, sourceParent);
    if (model->data(first, LogModel::LevelRole).toInt() < int(m_minimumLevel))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int column : {int(LogModel::CategoryColumn), int(LogModel::MessageColumn)}) {
        if (model->data(model->index(sourceRow, column, sourceParent)).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace tbds::ui
