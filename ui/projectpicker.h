// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiracall.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QToolButton;

namespace tbds::jira {
class JiraClient;
}

namespace tbds::ui {

/**
 * The project chooser of the Jira pages: an editable combo box ("Name (KEY)" or a bare key)
 * offering the projects configured as overrides at once and, after "Load from Jira", every
 * project the account can browse. Loading is asynchronous; the previous choice survives it.
 */
class ProjectPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProjectPicker)

public:
    using ClientProvider = std::function<jira::JiraClient *()>;

    /** `prefix` makes the object names unique per page ("<prefix>ProjectCombo"). */
    ProjectPicker(const QString &prefix, ClientProvider client, QWidget *parent = nullptr);
    ~ProjectPicker() override;

    [[nodiscard]] QString currentProject() const;
    void setCurrentProject(const QString &project);
    /** Every project in the list. */
    [[nodiscard]] QStringList projects() const;
    /** Replaces the configured part of the list (projects with overrides). */
    void setConfiguredProjects(const QStringList &projects);
    /** Fetches the visible projects from Jira. */
    void load();
    [[nodiscard]] bool isLoading() const { return m_call != nullptr; }

Q_SIGNALS:
    void projectChanged(const QString &project);
    /** After load(): empty `error` on success. */
    void loaded(const QString &error);

private:
    void fill();

    ClientProvider m_client;
    QComboBox *m_combo = nullptr;
    QToolButton *m_load = nullptr;
    QStringList m_configured;
    QStringList m_fromJira;
    QPointer<jira::JiraCall> m_call;
};

} // namespace tbds::ui
