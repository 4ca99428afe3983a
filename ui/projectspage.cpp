// SPDX-License-Identifier: Apache-2.0
#include "ui/projectspage.h"

#include "ui/models/configdocument.h"
#include "ui/models/projectoverridesmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace tbds::ui {

ProjectsPage::ProjectsPage(ConfigDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_model(new ProjectOverridesModel(this))
{
    setObjectName(QStringLiteral("projectsPage"));
    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *projectsLabel = new QLabel(tr("&Projects:"), left);
    m_projects = new QListWidget(left);
    m_projects->setObjectName(QStringLiteral("projectList"));
    m_projects->setAccessibleName(tr("Projects"));
    projectsLabel->setBuddy(m_projects);
    leftLayout->addWidget(projectsLabel);
    leftLayout->addWidget(m_projects, 1);
    auto *addRow = new QHBoxLayout;
    m_newProject = new QLineEdit(left);
    m_newProject->setObjectName(QStringLiteral("addProjectEdit"));
    m_newProject->setAccessibleName(tr("Project name to add"));
    m_newProject->setPlaceholderText(tr("Name (KEY)"));
    auto *add = new QPushButton(tr("&Add"), left);
    add->setObjectName(QStringLiteral("addProjectButton"));
    add->setToolTip(tr("Show a project the configuration does not list yet, to give it overrides"));
    addRow->addWidget(m_newProject, 1);
    addRow->addWidget(add);
    leftLayout->addLayout(addRow);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_heading = new QLabel(right);
    m_heading->setObjectName(QStringLiteral("projectHeading"));
    m_heading->setWordWrap(true);
    rightLayout->addWidget(m_heading);
    m_view = new QTableView(right);
    m_view->setObjectName(QStringLiteral("overridesView"));
    m_view->setAccessibleName(tr("Effective settings of the project"));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(ProjectOverridesModel::SettingColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ProjectOverridesModel::ValueColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(ProjectOverridesModel::SourceColumn, QHeaderView::ResizeToContents);
    rightLayout->addWidget(m_view, 1);

    auto *editRow = new QHBoxLayout;
    m_settingLabel = new QLabel(right);
    m_settingLabel->setObjectName(QStringLiteral("overrideSettingLabel"));
    m_value = new QLineEdit(right);
    m_value->setObjectName(QStringLiteral("overrideValueEdit"));
    m_value->setAccessibleName(tr("Override value"));
    m_value->setPlaceholderText(tr("true/false, a, b, c, or field: a, b; other: c"));
    m_settingLabel->setBuddy(m_value);
    m_set = new QPushButton(tr("&Override"), right);
    m_set->setObjectName(QStringLiteral("setOverrideButton"));
    m_set->setToolTip(tr("Write this value as an override for the selected project"));
    m_remove = new QPushButton(tr("&Remove override"), right);
    m_remove->setObjectName(QStringLiteral("removeOverrideButton"));
    m_remove->setToolTip(tr("Remove the override: the global value or the default applies again"));
    editRow->addWidget(m_settingLabel);
    editRow->addWidget(m_value, 1);
    editRow->addWidget(m_set);
    editRow->addWidget(m_remove);
    rightLayout->addLayout(editRow);
    m_message = new QLabel(right);
    m_message->setObjectName(QStringLiteral("overrideMessageLabel"));
    m_message->setWordWrap(true);
    rightLayout->addWidget(m_message);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    connect(m_projects, &QListWidget::currentTextChanged, this, &ProjectsPage::showProject);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ProjectsPage::settingSelected);
    connect(m_set, &QPushButton::clicked, this, &ProjectsPage::setOverride);
    connect(m_value, &QLineEdit::returnPressed, this, &ProjectsPage::setOverride);
    connect(m_remove, &QPushButton::clicked, this, &ProjectsPage::removeOverride);
    auto addProject = [this] {
        const QString name = m_newProject->text().trimmed();
        if (name.isEmpty())
            return;
        m_newProject->clear();
        selectProject(name);
    };
    connect(add, &QPushButton::clicked, this, addProject);
    connect(m_newProject, &QLineEdit::returnPressed, this, addProject);
    connect(m_document, &ConfigDocument::textChanged, this, &ProjectsPage::refresh);
    refresh();
}

ProjectsPage::~ProjectsPage() = default;

void ProjectsPage::refresh()
{
    const QString current = m_projects->currentItem() ? m_projects->currentItem()->text() : QString();
    QStringList names;
    if (const auto &cfg = m_document->validation().config)
        names = ProjectOverridesModel::knownProjects(*cfg);
    for (const QString &extra : std::as_const(m_extraProjects))
        if (!names.contains(extra))
            names.append(extra);
    {
        const QSignalBlocker blocker(m_projects);
        m_projects->clear();
        m_projects->addItems(names);
        const QList<QListWidgetItem *> found = m_projects->findItems(current, Qt::MatchExactly);
        if (!found.isEmpty())
            m_projects->setCurrentItem(found.constFirst());
        else if (m_projects->count() > 0)
            m_projects->setCurrentRow(0);
    }
    showProject();
}

void ProjectsPage::showProject()
{
    const QString key = currentKey();
    const QString project = m_projects->currentItem() ? m_projects->currentItem()->text() : QString();
    const auto &validation = m_document->validation();
    m_model->setProject(validation.config, project);
    if (!validation.ok())
        m_heading->setText(tr("The configuration has errors; effective values appear once it is valid."));
    else if (project.isEmpty())
        m_heading->setText(tr("No projects found. JSONL projects are the folders below defects_path; for "
                              "Jira, add a project by name to give it overrides."));
    else
        m_heading->setText(tr("Effective settings of <b>%1</b> (overrides are read from projects.\"%2\")")
                               .arg(project.toHtmlEscaped(), m_model->overrideKeyForWriting().toHtmlEscaped()));
    selectSetting(key.isEmpty() ? QString() : key);
    settingSelected();
}

void ProjectsPage::selectProject(const QString &project)
{
    if (m_projects->findItems(project, Qt::MatchExactly).isEmpty()) {
        m_extraProjects.append(project);
        refresh();
    }
    const QList<QListWidgetItem *> found = m_projects->findItems(project, Qt::MatchExactly);
    if (!found.isEmpty())
        m_projects->setCurrentItem(found.constFirst());
}

void ProjectsPage::selectSetting(const QString &key)
{
    const int row = key.isEmpty() ? 0 : m_model->rowForKey(key);
    if (row >= 0 && row < m_model->rowCount())
        m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString ProjectsPage::currentKey() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(ProjectOverridesModel::KeyRole).toString() : QString();
}

void ProjectsPage::settingSelected()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const bool valid = current.isValid();
    const bool editable = valid && current.data(ProjectOverridesModel::EditableRole).toBool();
    const bool isOverride = valid && current.data(ProjectOverridesModel::SourceRole).toInt() == int(config::ValueSource::Project);
    m_settingLabel->setText(valid ? current.data(ProjectOverridesModel::KeyRole).toString() + QLatin1Char(':') : QString());
    m_value->setText(valid ? current.data(ProjectOverridesModel::EditTextRole).toString() : QString());
    m_value->setEnabled(editable);
    m_set->setEnabled(editable);
    m_remove->setEnabled(isOverride);
    m_message->setText(valid && !editable ? tr("Edit %1 in the TOML text on the Configuration page.")
                                                .arg(current.data(ProjectOverridesModel::KeyRole).toString())
                                          : QString());
}

void ProjectsPage::setOverride()
{
    const QString key = currentKey();
    const auto &cfg = m_document->validation().config;
    if (key.isEmpty() || !cfg || m_model->project().isEmpty())
        return;
    const config::ClientKind kind = cfg->clientKind;
    const QString overrideKey = m_model->overrideKeyForWriting();
    const QString text = m_value->text();
    const Result<void> result
        = m_document->edit(
            tr("Override %1 for %2").arg(key, m_model->project()),
            [&](config::TomlEditor &editor) {
                return ProjectOverridesModel::writeOverride(editor, kind, overrideKey, key, text);
            },
            ConfigDocument::clientRoot()); // overrides live with the client settings, wherever those are
    m_message->setText(result ? QString() : tr("Not changed: %1").arg(result.error().toString()));
}

void ProjectsPage::removeOverride()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const QString key = current.data(ProjectOverridesModel::KeyRole).toString();
    const QString overrideKey = current.data(ProjectOverridesModel::OverrideKeyRole).toString();
    const Result<void> result
        = m_document->edit(tr("Remove override of %1 for %2").arg(key, m_model->project()),
                           [&](config::TomlEditor &editor) {
                               return ProjectOverridesModel::removeOverride(editor, overrideKey, key);
                           },
                           ConfigDocument::clientRoot());
    m_message->setText(result ? QString() : tr("Not changed: %1").arg(result.error().toString()));
}

} // namespace tbds::ui
