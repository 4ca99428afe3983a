// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiracall.h"
#include "ui/jirapage.h"

#include <QList>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace tbds::ui {

class ControlFieldsModel;
class ProjectPicker;

/**
 * The control fields of a project and the values TestBench may offer for them: what Jira allows
 * (for the Jira client) or what the config lists (JSONL). Configured fields Jira does not know
 * are marked, since TestBench would silently get no values for them. Below the table the admin
 * lists the values TestBench sends for the selected field, one per line, and sees which of them
 * the service would reject.
 */
class ControlFieldsPage final : public JiraPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlFieldsPage)

public:
    explicit ControlFieldsPage(ConfigDocument *document, QWidget *parent = nullptr);
    ~ControlFieldsPage() override;

    [[nodiscard]] ControlFieldsModel *model() const { return m_model; }
    [[nodiscard]] ProjectPicker *picker() const { return m_picker; }
    /** Fetches Jira's values for the picked project (JSONL: shows the configured lists). */
    void load();
    void cancel();
    [[nodiscard]] bool isRunning() const { return !m_calls.isEmpty(); }
    /** The rows and TestBench verdicts as plain text (what "Copy report" copies). */
    [[nodiscard]] QString report() const;

Q_SIGNALS:
    void loadFinished();

private:
    void configChanged() override;
    void showJsonl();
    void track(jira::JiraCall *call);
    void callDone(jira::JiraCall *call);
    void fail(const jira::JiraError &error);
    void finish();
    void updateButtons();
    /** Where TestBench values are kept: this server (or "jsonl") and project. */
    void setScope(const QString &project);
    /** Shows the current row's TestBench values and verdicts below the table. */
    void showCurrentRow();
    void showChecks();

    ControlFieldsModel *m_model;
    ProjectPicker *m_picker = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_load = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_editorLabel = nullptr;
    QPlainTextEdit *m_testBenchEdit = nullptr;
    QPlainTextEdit *m_checkText = nullptr;
    QPushButton *m_copy = nullptr;
    QList<QPointer<jira::JiraCall>> m_calls;
    QString m_project;
    QString m_projectKey;
    QStringList m_configured;
    QStringList m_statuses;
    QStringList m_statusIssueTypes;
    QStringList m_priorities;
    QStringList m_issueTypes;
    QList<QJsonObject> m_fields;
    bool m_failed = false;
    bool m_active = false; ///< between load() and finish()
};

} // namespace tbds::ui
