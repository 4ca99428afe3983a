// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiracall.h"
#include "ui/jirapage.h"
#include "ui/models/statuscolors.h"

#include <QPointer>

#include <optional>

class QCompleter;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStringListModel;
class QTableView;
class QTimer;

namespace tbds::ui {

class ErrorUnderline;
class JqlResultsModel;
class ProjectPicker;

/**
 * What TestBench will see for a project: the effective defect_jql with `{project}` filled in,
 * editable with Jira's validation and autocomplete, and its issues streamed page by page into a
 * table of mapped defect fields, with sort, filter, raw/mapped JSON of a row, CSV export and a
 * redacted curl command for reproducing the query outside the GUI.
 */
class JqlPreviewPage final : public JiraPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JqlPreviewPage)

public:
    explicit JqlPreviewPage(ConfigDocument *document, QWidget *parent = nullptr);
    ~JqlPreviewPage() override;

    [[nodiscard]] JqlResultsModel *model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel *proxy() const { return m_proxy; }
    [[nodiscard]] ProjectPicker *picker() const { return m_picker; }
    [[nodiscard]] QString jql() const;
    void setJql(const QString &jql);
    /** Starts the search (first page only; more as the table scrolls or loadAll() asks). */
    void run();
    /** Keeps fetching pages until the search ends. */
    void loadAll();
    void cancel();
    void validate();
    /** The red wave under the token Jira's last parse error points at (none when it gave no position). */
    [[nodiscard]] ErrorUnderline *errorUnderline() const { return m_errorUnderline; }
    /** Puts the cursor where Jira's parse error points (the validation message links here). */
    void goToJqlError();
    [[nodiscard]] QString curlCommand();
    bool exportCsv(const QString &path);
    /** The autocomplete words (fields, functions, reserved words) once loaded. */
    [[nodiscard]] QStringList completions() const;

Q_SIGNALS:
    void validated(bool valid);

private:
    void configChanged() override;
    void projectChanged();
    void loadAutocomplete();
    void completeWord();
    void insertCompletion(const QString &word);
    void showDetails();
    void updateCount();
    void updateButtons();
    [[nodiscard]] QStringList searchFields() const;
    void showValidation(const QString &message, std::optional<StatusColors::Status> status);
    void markJqlError(const QStringList &errors, const QString &query);

    JqlResultsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    ProjectPicker *m_picker = nullptr;
    QLabel *m_source = nullptr;
    QLineEdit *m_jql = nullptr;
    QLabel *m_validation = nullptr;
    QString m_validationMessage;
    ErrorUnderline *m_errorUnderline = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_loadAllButton = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_curl = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_raw = nullptr;
    QPlainTextEdit *m_mapped = nullptr;
    QTimer *m_validateTimer = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_words = nullptr;
    QPointer<jira::JiraCall> m_validateCall;
    QPointer<jira::JiraCall> m_autocompleteCall;
    bool m_loadAll = false;
    bool m_autocompleteLoaded = false;
    QString m_state;
};

} // namespace tbds::ui
