// SPDX-License-Identifier: Apache-2.0
#include "ui/projectpicker.h"

#include "core/jira/jiraclient.h"
#include "ui/models/jiraconnection.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace tbds::ui {

ProjectPicker::ProjectPicker(const QString &prefix, ClientProvider client, QWidget *parent)
    : QWidget(parent), m_client(std::move(client))
{
    setObjectName(prefix + QStringLiteral("ProjectPicker"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("P&roject:"), this);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(prefix + QStringLiteral("ProjectCombo"));
    m_combo->setEditable(true);
    m_combo->setInsertPolicy(QComboBox::NoInsert);
    m_combo->setMinimumContentsLength(24);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setAccessibleName(tr("Project"));
    m_combo->lineEdit()->setPlaceholderText(tr("Name (KEY) or KEY"));
    label->setBuddy(m_combo);
    m_load = new QToolButton(this);
    m_load->setObjectName(prefix + QStringLiteral("LoadProjectsButton"));
    m_load->setText(tr("Load from Jira"));
    m_load->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_load->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_load->setToolTip(tr("List every project the service account can browse"));
    layout->addWidget(label);
    layout->addWidget(m_combo, 1);
    layout->addWidget(m_load);
    connect(m_load, &QToolButton::clicked, this, &ProjectPicker::load);
    // Editable: the edit text is the choice, whether picked from the list or typed.
    connect(m_combo, &QComboBox::editTextChanged, this, &ProjectPicker::projectChanged);
}

ProjectPicker::~ProjectPicker() = default;

QString ProjectPicker::currentProject() const
{
    return m_combo->currentText().trimmed();
}

void ProjectPicker::setCurrentProject(const QString &project)
{
    const QSignalBlocker blocker(m_combo);
    const int index = m_combo->findText(project);
    if (index >= 0)
        m_combo->setCurrentIndex(index);
    else
        m_combo->setEditText(project);
    // Programmatic changes do not reliably signal through an editable combo box; say it once.
    Q_EMIT projectChanged(currentProject());
}

QStringList ProjectPicker::projects() const
{
    QStringList all;
    for (int i = 0; i < m_combo->count(); ++i)
        all << m_combo->itemText(i);
    return all;
}

void ProjectPicker::setConfiguredProjects(const QStringList &projects)
{
    m_configured = projects;
    fill();
}

void ProjectPicker::fill()
{
    const QString current = currentProject();
    QStringList all = m_fromJira;
    // A configured "KEY" and Jira's "Name (KEY)" are the same project: show it once.
    QStringList keys;
    for (const QString &project : std::as_const(all))
        keys << JiraConnection::projectKey(project);
    for (const QString &project : std::as_const(m_configured))
        if (!keys.contains(JiraConnection::projectKey(project)))
            all << project;
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_combo->addItems(all);
    if (!current.isEmpty()) {
        const int index = m_combo->findText(current);
        if (index >= 0)
            m_combo->setCurrentIndex(index);
        else
            m_combo->setEditText(current);
    } else if (!all.isEmpty()) {
        m_combo->setCurrentIndex(0);
    }
    if (currentProject() != current)
        Q_EMIT projectChanged(currentProject());
}

void ProjectPicker::load()
{
    if (m_call)
        return;
    jira::JiraClient *client = m_client();
    if (!client) {
        Q_EMIT loaded(tr("No Jira configured."));
        return;
    }
    m_load->setEnabled(false);
    m_call = client->projects();
    m_call->onFinished(this, [this](jira::JiraCall *call) {
        call->deleteLater();
        m_call = nullptr;
        m_load->setEnabled(true);
        if (!call->isOk()) {
            Q_EMIT loaded(call->error().toString());
            return;
        }
        m_fromJira.clear();
        for (const QJsonValue &value : call->array()) {
            const QJsonObject project = value.toObject();
            m_fromJira << QStringLiteral("%1 (%2)").arg(project.value(QLatin1String("name")).toString(),
                                                        project.value(QLatin1String("key")).toString());
        }
        fill();
        Q_EMIT loaded(QString());
    });
}

} // namespace tbds::ui
