// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace tbds::ui {

class ConfigDocument;
class ProjectOverridesModel;

/**
 * Projects and their overrides: for the selected project, each overridable setting with its
 * effective value and its source, and add/remove of a `projects.<key>` override (undoable).
 */
class ProjectsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectsPage)

public:
    explicit ProjectsPage(ConfigDocument *document, QWidget *parent = nullptr);
    ~ProjectsPage() override;

    [[nodiscard]] ProjectOverridesModel *model() const { return m_model; }
    /** Selects a project by name (adds it to the list when the config does not know it yet). */
    void selectProject(const QString &project);
    /** Selects the row of a setting, e.g. "readonly". */
    void selectSetting(const QString &key);
    /** Writes the value field as an override of the selected setting. */
    void setOverride();
    /** Removes the selected setting's override. */
    void removeOverride();

private:
    void refresh();
    void showProject();
    void settingSelected();
    [[nodiscard]] QString currentKey() const;

    ConfigDocument *m_document;
    ProjectOverridesModel *m_model;
    QListWidget *m_projects = nullptr;
    QLineEdit *m_newProject = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_settingLabel = nullptr;
    QLineEdit *m_value = nullptr;
    QPushButton *m_set = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_message = nullptr;
    QStringList m_extraProjects; // typed in by the user, not yet in the config
};

} // namespace tbds::ui
