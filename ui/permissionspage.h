// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiracall.h"
#include "ui/jirapage.h"

#include <QPointer>
#include <QStringList>

class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace tbds::ui {

class PermissionsModel;
class ProjectPicker;

/**
 * "Why can't TestBench create defects in project X?": the service account's permissions per
 * project as a grid, readonly-aware, with the request to send to the Jira administrator and a
 * plain-text report to copy or save for a support ticket.
 */
class PermissionsPage final : public JiraPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PermissionsPage)

public:
    explicit PermissionsPage(ConfigDocument *document, QWidget *parent = nullptr);
    ~PermissionsPage() override;

    [[nodiscard]] PermissionsModel *model() const { return m_model; }
    [[nodiscard]] ProjectPicker *picker() const { return m_picker; }
    /** Checks the picked project. */
    void checkProject();
    /** Lists every visible project, then checks them one after another. */
    void checkAll();
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_call != nullptr; }
    [[nodiscard]] QString report() const;
    /** Writes report() to `path`; false with a message in the banner on failure. */
    bool saveReport(const QString &path);

Q_SIGNALS:
    void checkFinished();

private:
    void configChanged() override;
    void start(const QStringList &projects);
    void next();
    void done();
    void updateRequest();
    void updateButtons();
    [[nodiscard]] QString account() const;

    PermissionsModel *m_model;
    ProjectPicker *m_picker = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPushButton *m_check = nullptr;
    QPushButton *m_checkAll = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_save = nullptr;
    QStringList m_queue;
    QPointer<jira::JiraCall> m_call;
};

} // namespace tbds::ui
