// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/logmodel.h"

#include <QSortFilterProxyModel>

namespace tbds::ui {

/** Shows the LogModel rows at or above a minimum level whose text contains a filter string. */
class LogFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterProxyModel)

public:
    explicit LogFilterProxyModel(QObject *parent = nullptr);
    ~LogFilterProxyModel() override;

    void setMinimumLevel(LogModel::Level level);
    [[nodiscard]] LogModel::Level minimumLevel() const { return m_minimumLevel; }
    /** Case-insensitive substring over category and message. */
    void setTextFilter(const QString &text);

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    LogModel::Level m_minimumLevel = LogModel::Level::Debug;
    QString m_text;
};

} // namespace tbds::ui
