// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/jirapage.h"

class QPushButton;
class QTableView;

namespace tbds::ui {

class ConnectionTestModel;

/**
 * One click from "is Jira reachable?" to "who are we signed in as?": the steps of a
 * ConnectionTestModel with a status each and, for a failure, what probably caused it and how
 * to fix it. The report can be copied for a support ticket (it never contains secrets).
 */
class ConnectionTestPage final : public JiraPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTestPage)

public:
    explicit ConnectionTestPage(ConfigDocument *document, QWidget *parent = nullptr);
    ~ConnectionTestPage() override;

    [[nodiscard]] ConnectionTestModel *model() const { return m_model; }
    void runTest();
    void cancel();

private:
    void configChanged() override;
    void updateButtons();

    ConnectionTestModel *m_model;
    QTableView *m_view = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_copy = nullptr;
};

} // namespace tbds::ui
