// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDockWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace tbds::ui {

class LogFilterProxyModel;
class LogModel;

/** The application log: a LogModel with a level and text filter, and copy of selected rows. */
class LogDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDock)

public:
    explicit LogDock(LogModel *model, QWidget *parent = nullptr);
    ~LogDock() override;

    /** Copies the selected rows (all visible rows when none is selected) to the clipboard. */
    void copyRows();

private:
    LogModel *m_model;
    LogFilterProxyModel *m_proxy;
    QComboBox *m_level;
    QLineEdit *m_filter;
    QTableView *m_view;
};

} // namespace tbds::ui
