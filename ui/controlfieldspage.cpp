// SPDX-License-Identifier: Apache-2.0
#include "ui/controlfieldspage.h"

#include "core/config/projectsettings.h"
#include "core/jira/jiraclient.h"
#include "ui/models/configdocument.h"
#include "ui/models/controlfieldsmodel.h"
#include "ui/models/jiraconnection.h"
#include "ui/projectpicker.h"
#include "ui/statuspalette.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace tbds::ui {

namespace {

void addName(QStringList &list, const QJsonValue &value)
{
    const QString name = value.toObject().value(QLatin1String("name")).toString();
    if (!name.isEmpty() && !list.contains(name))
        list << name;
}

} // namespace

ControlFieldsPage::ControlFieldsPage(ConfigDocument *document, QWidget *parent)
    : JiraPage(document, QStringLiteral("controlFields"), parent), m_model(new ControlFieldsModel(this))
{
    setObjectName(QStringLiteral("controlFieldsPage"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The control fields of a project and the values TestBench can choose from. Fields "
                                "marked “unknown to Jira” (in red) are configured but Jira has no such field."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(banner());
    auto *row = new QHBoxLayout;
    m_picker = new ProjectPicker(QStringLiteral("controlFields"), [this] { return client(); }, this);
    m_load = new QPushButton(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Show values"), this);
    m_load->setObjectName(QStringLiteral("controlFieldsLoadButton"));
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("controlFieldsCancelButton"));
    row->addWidget(m_picker, 1);
    row->addWidget(m_load);
    row->addWidget(m_cancel);
    layout->addLayout(row);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("controlFieldsView"));
    m_view->setAccessibleName(tr("Control fields and allowed values"));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    // Row colours for the view's own background, again after a theme switch.
    m_model->setPalette(m_view->palette());
    onPaletteChange(m_view, [this] { m_model->setPalette(m_view->palette()); });
    m_view->setWordWrap(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ControlFieldsModel::FieldColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ControlFieldsModel::SourceColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ControlFieldsModel::CountColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ControlFieldsModel::ValuesColumn, QHeaderView::Stretch);
    layout->addWidget(m_view, 1);

    connect(m_load, &QPushButton::clicked, this, &ControlFieldsPage::load);
    connect(m_cancel, &QPushButton::clicked, this, &ControlFieldsPage::cancel);
    connect(m_picker, &ProjectPicker::loaded, this, [this](const QString &error) {
        if (!error.isEmpty())
            showMessage(error, true);
    });
    connect(m_picker, &ProjectPicker::projectChanged, this, [this] {
        const config::ServiceConfig *config = serviceConfig();
        if (config && config->clientKind == config::ClientKind::Jsonl)
            showJsonl();
    });
    configChanged();
}

ControlFieldsPage::~ControlFieldsPage() = default;

void ControlFieldsPage::showJsonl()
{
    const config::ServiceConfig *config = serviceConfig();
    if (!config)
        return;
    const config::ProjectSettings settings(*config, m_picker->currentProject());
    m_model->setEntries(ControlFieldsModel::fromJsonl(settings.jsonlControlFields().value));
    showMessage(tr("This configuration uses the JSONL client: TestBench offers the lists configured in "
                   "control_fields."));
}

void ControlFieldsPage::load()
{
    const config::ServiceConfig *config = serviceConfig();
    if (config && config->clientKind == config::ClientKind::Jsonl) {
        showJsonl();
        Q_EMIT loadFinished();
        return;
    }
    jira::JiraClient *jira = client();
    if (!jira || isRunning())
        return;
    m_project = m_picker->currentProject();
    if (m_project.isEmpty()) {
        showMessage(tr("Choose or type a project first."), true);
        return;
    }
    m_projectKey = JiraConnection::projectKey(m_project);
    m_configured = config::ProjectSettings(*config, m_project).jiraControlFields().value;
    m_statuses.clear();
    m_statusIssueTypes.clear();
    m_priorities.clear();
    m_issueTypes.clear();
    m_fields.clear();
    m_failed = false;
    m_active = true;
    m_model->setEntries({});
    showMessage(tr("Asking Jira…"));

    // Three independent questions at once; the create-screen fields follow the issue types.
    jira::JiraCall *statuses = jira->projectStatuses(m_projectKey);
    track(statuses);
    statuses->onFinished(this, [this](jira::JiraCall *call) {
        if (call->isOk())
            for (const QJsonValue &type : call->array()) {
                addName(m_statusIssueTypes, type);
                for (const QJsonValue &status : type.toObject().value(QLatin1String("statuses")).toArray())
                    addName(m_statuses, status);
            }
        callDone(call);
    });
    jira::JiraCall *priorities = jira->priorities();
    track(priorities);
    priorities->onFinished(this, [this](jira::JiraCall *call) {
        if (call->isOk())
            for (const QJsonValue &priority : call->array())
                addName(m_priorities, priority);
        callDone(call);
    });
    jira::JiraCall *types = jira->createMetaIssueTypes(m_projectKey);
    track(types);
    types->onFinished(this, [this](jira::JiraCall *call) {
        if (call->isOk()) {
            for (const QJsonValue &type : call->array()) {
                addName(m_issueTypes, type);
                jira::JiraClient *jira = client();
                const QString id = type.toObject().value(QLatin1String("id")).toString();
                if (!jira || id.isEmpty())
                    continue;
                jira::JiraCall *fields = jira->createMetaFields(m_projectKey, id);
                track(fields);
                fields->onFinished(this, [this](jira::JiraCall *fieldsCall) {
                    if (fieldsCall->isOk())
                        for (const QJsonValue &field : fieldsCall->array())
                            m_fields << field.toObject();
                    callDone(fieldsCall);
                });
            }
        }
        callDone(call);
    });
    updateButtons();
}

void ControlFieldsPage::track(jira::JiraCall *call)
{
    m_calls.append(call);
}

void ControlFieldsPage::callDone(jira::JiraCall *call)
{
    call->deleteLater();
    m_calls.removeAll(call);
    if (!call->isOk() && !m_failed) {
        m_failed = true;
        fail(call->error());
    }
    if (m_calls.isEmpty() && m_active)
        finish();
}

void ControlFieldsPage::fail(const jira::JiraError &error)
{
    if (error.kind == jira::JiraError::Kind::Cancelled)
        showMessage(tr("Cancelled."), true);
    else
        showMessage(error.toString(), true);
    // The other calls are pointless now.
    const QList<QPointer<jira::JiraCall>> calls = m_calls;
    for (const QPointer<jira::JiraCall> &call : calls)
        if (call)
            call->abort();
}

void ControlFieldsPage::finish()
{
    m_active = false;
    if (!m_failed) {
        ControlFieldsModel::JiraMeta meta;
        meta.statuses = m_statuses;
        meta.priorities = m_priorities;
        // Without Create Issues createmeta is empty; the workflow grouping still names the types.
        meta.issueTypes = m_issueTypes.isEmpty() ? m_statusIssueTypes : m_issueTypes;
        meta.fields = m_fields;
        m_model->setEntries(ControlFieldsModel::resolve(m_configured, meta));
        int unknown = 0;
        for (const ControlFieldsModel::Entry &entry : m_model->entries())
            unknown += entry.state == ControlFieldsModel::State::Unknown ? 1 : 0;
        showMessage(unknown == 0 ? tr("Jira knows every configured control field of %1.").arg(m_project)
                                 : tr("%n configured control field(s) unknown to Jira in %1.", nullptr, unknown)
                                       .arg(m_project),
                    unknown != 0);
    }
    updateButtons();
    Q_EMIT loadFinished();
}

void ControlFieldsPage::cancel()
{
    if (!isRunning())
        return;
    m_failed = true;
    showMessage(tr("Cancelled."), true);
    const QList<QPointer<jira::JiraCall>> calls = m_calls;
    for (const QPointer<jira::JiraCall> &call : calls)
        if (call)
            call->abort();
}

void ControlFieldsPage::configChanged()
{
    m_calls.clear();
    m_active = false;
    m_model->setEntries({});
    m_picker->setConfiguredProjects(configuredProjects());
    const config::ServiceConfig *config = serviceConfig();
    if (config && config->clientKind == config::ClientKind::Jsonl)
        showJsonl();
    else
        showMessage(unavailableReason(), true);
    updateButtons();
}

void ControlFieldsPage::updateButtons()
{
    const config::ServiceConfig *config = serviceConfig();
    const bool usable = config && (config->clientKind == config::ClientKind::Jsonl || unavailableReason().isEmpty());
    m_load->setEnabled(usable && !isRunning());
    m_cancel->setEnabled(isRunning());
    m_picker->setEnabled(usable);
}

} // namespace tbds::ui
