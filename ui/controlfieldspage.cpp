// SPDX-License-Identifier: Apache-2.0
#include "ui/controlfieldspage.h"

#include "core/config/projectsettings.h"
#include "core/jira/jiraclient.h"
#include "ui/models/configdocument.h"
#include "ui/models/controlfieldsmodel.h"
#include "ui/models/jiraconnection.h"
#include "ui/projectpicker.h"
#include "ui/statuspalette.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
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
                                "marked “unknown to Jira” (in red) are configured but Jira has no such field. Enter "
                                "the values TestBench sends for a field below the table to see which ones Jira would "
                                "reject."),
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
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(splitter);
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
    m_view->horizontalHeader()->setSectionResizeMode(ControlFieldsModel::TestBenchColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(ControlFieldsModel::CheckColumn, QHeaderView::ResizeToContents);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);

    // TestBench's values for the selected field: one per line (values may contain commas), typed
    // or pasted from TestBench's attribute list; the verdicts follow as you type.
    auto *bottom = new QWidget(splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *panes = new QHBoxLayout;
    auto *editorPane = new QVBoxLayout;
    m_editorLabel = new QLabel(bottom);
    m_testBenchEdit = new QPlainTextEdit(bottom);
    m_testBenchEdit->setObjectName(QStringLiteral("controlFieldsTestBenchEdit"));
    m_testBenchEdit->setAccessibleName(tr("Values TestBench sends, one per line"));
    m_testBenchEdit->setTabChangesFocus(true);
    m_testBenchEdit->setPlaceholderText(tr("One value per line, exactly as TestBench sends it"));
    m_editorLabel->setBuddy(m_testBenchEdit);
    editorPane->addWidget(m_editorLabel);
    editorPane->addWidget(m_testBenchEdit, 1);
    auto *checkPane = new QVBoxLayout;
    auto *checkLabel = new QLabel(tr("&What the service would do with them:"), bottom);
    m_checkText = new QPlainTextEdit(bottom);
    m_checkText->setObjectName(QStringLiteral("controlFieldsCheckText"));
    m_checkText->setReadOnly(true);
    m_checkText->setAccessibleName(tr("What the service would do with the TestBench values"));
    checkLabel->setBuddy(m_checkText);
    checkPane->addWidget(checkLabel);
    checkPane->addWidget(m_checkText, 1);
    panes->addLayout(editorPane, 1);
    panes->addLayout(checkPane, 1);
    bottomLayout->addLayout(panes, 1);
    auto *exportRow = new QHBoxLayout;
    m_copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Co&py report"), bottom);
    m_copy->setObjectName(QStringLiteral("controlFieldsCopyButton"));
    exportRow->addStretch(1);
    exportRow->addWidget(m_copy);
    bottomLayout->addLayout(exportRow);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    // Keyboard: Enter on a field edits its values, Escape goes back to the table.
    connect(m_view, &QTableView::activated, this, [this] { m_testBenchEdit->setFocus(); });
    auto *back = new QShortcut(QKeySequence(Qt::Key_Escape), m_testBenchEdit, nullptr, nullptr, Qt::WidgetShortcut);
    connect(back, &QShortcut::activated, m_view, qOverload<>(&QWidget::setFocus));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ControlFieldsPage::showCurrentRow);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_model->index(0, 0));
        showCurrentRow();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ControlFieldsPage::showChecks);
    connect(m_testBenchEdit, &QPlainTextEdit::textChanged, this, [this] {
        const int row = m_view->currentIndex().row();
        if (row >= 0)
            m_model->setTestBenchValues(row, ControlFieldsModel::parseValues(m_testBenchEdit->toPlainText()));
    });
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(report()); });

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

void ControlFieldsPage::setScope(const QString &project)
{
    const config::ServiceConfig *config = serviceConfig();
    QString server;
    if (config && config->clientKind == config::ClientKind::Jsonl)
        server = QStringLiteral("jsonl");
    else if (config && config->jira)
        server = config->jira->serverUrl;
    m_model->setScope(server, project.isEmpty() ? QString() : JiraConnection::projectKey(project));
}

void ControlFieldsPage::showCurrentRow()
{
    const int row = m_view->currentIndex().row();
    const bool valid = row >= 0 && row < m_model->rowCount();
    const QSignalBlocker blocker(m_testBenchEdit); // showing is not editing
    m_testBenchEdit->setEnabled(valid);
    m_testBenchEdit->setPlainText(valid ? m_model->testBenchValues(row).join(QLatin1Char('\n')) : QString());
    m_editorLabel->setText(valid ? tr("&TestBench values for %1 (one per line):").arg(m_model->entries().at(row).field)
                                 : tr("&TestBench values (choose a field above):"));
    showChecks();
}

void ControlFieldsPage::showChecks()
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount()) {
        m_checkText->clear();
        return;
    }
    const QString details = m_model->checkText(row);
    m_checkText->setPlainText(m_model->summary(row)
                              + (details.isEmpty() ? QString() : QStringLiteral("\n\n") + details));
}

QString ControlFieldsPage::report() const
{
    const config::ServiceConfig *config = serviceConfig();
    const QString server = config && config->clientKind == config::ClientKind::Jsonl
        ? tr("the JSONL client")
        : (config && config->jira ? config->jira->serverUrl : QString());
    return m_model->report(server, m_project.isEmpty() ? m_picker->currentProject() : m_project);
}

void ControlFieldsPage::showJsonl()
{
    const config::ServiceConfig *config = serviceConfig();
    if (!config)
        return;
    const config::ProjectSettings settings(*config, m_picker->currentProject());
    m_project = m_picker->currentProject();
    setScope(m_project);
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
    setScope(m_project);
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
