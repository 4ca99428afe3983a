// SPDX-License-Identifier: Apache-2.0
#include "ui/permissionspage.h"

#include "core/config/projectsettings.h"
#include "core/jira/jiraclient.h"
#include "ui/models/configdocument.h"
#include "ui/models/jiraconnection.h"
#include "ui/models/permissionsmodel.h"
#include "ui/projectpicker.h"
#include "ui/statuspalette.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace tbds::ui {

PermissionsPage::PermissionsPage(ConfigDocument *document, QWidget *parent)
    : JiraPage(document, QStringLiteral("permissions"), parent), m_model(new PermissionsModel(this))
{
    setObjectName(QStringLiteral("permissionsPage"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The Jira project permissions the service account has, per project. In read-only "
                                "projects only Browse Projects and Browse Users are needed."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(banner());

    auto *row = new QHBoxLayout;
    m_picker = new ProjectPicker(QStringLiteral("permissions"), [this] { return client(); }, this);
    m_check = new QPushButton(tr("&Check project"), this);
    m_check->setObjectName(QStringLiteral("permissionsCheckButton"));
    m_checkAll = new QPushButton(tr("Check &all projects"), this);
    m_checkAll->setObjectName(QStringLiteral("permissionsCheckAllButton"));
    m_cancel = new QPushButton(QIcon::fromTheme(QStringLiteral("process-stop")), tr("Ca&ncel"), this);
    m_cancel->setObjectName(QStringLiteral("permissionsCancelButton"));
    row->addWidget(m_picker, 1);
    row->addWidget(m_check);
    row->addWidget(m_checkAll);
    row->addWidget(m_cancel);
    layout->addLayout(row);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(splitter);
    m_view->setObjectName(QStringLiteral("permissionsView"));
    m_view->setAccessibleName(tr("Permissions per project"));
    m_view->setModel(m_model);
    m_view->setTabKeyNavigation(false); // arrows move between cells; Tab goes on to the next control
    // Cell colours for the view's own background, again after a theme switch.
    m_model->setPalette(m_view->palette());
    onPaletteChange(m_view, [this] { m_model->setPalette(m_view->palette()); });
    m_view->verticalHeader()->hide();
    // All eight permissions in view at once: the gaps are what support staff look for.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(PermissionsModel::ProjectColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(PermissionsModel::ModeColumn, QHeaderView::ResizeToContents);

    auto *bottom = new QWidget(splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *requestLabel = new QLabel(tr("&What to ask the Jira administrator for:"), bottom);
    m_request = new QPlainTextEdit(bottom);
    m_request->setObjectName(QStringLiteral("permissionsRequestText"));
    m_request->setReadOnly(true);
    m_request->setAccessibleName(tr("What to ask the Jira administrator for"));
    requestLabel->setBuddy(m_request);
    auto *exportRow = new QHBoxLayout;
    m_copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Co&py report"), bottom);
    m_copy->setObjectName(QStringLiteral("permissionsCopyButton"));
    m_save = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save-as")), tr("&Save report…"), bottom);
    m_save->setObjectName(QStringLiteral("permissionsSaveButton"));
    exportRow->addStretch(1);
    exportRow->addWidget(m_copy);
    exportRow->addWidget(m_save);
    bottomLayout->addWidget(requestLabel);
    bottomLayout->addWidget(m_request, 1);
    bottomLayout->addLayout(exportRow);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_check, &QPushButton::clicked, this, &PermissionsPage::checkProject);
    connect(m_checkAll, &QPushButton::clicked, this, &PermissionsPage::checkAll);
    connect(m_cancel, &QPushButton::clicked, this, &PermissionsPage::cancel);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(report()); });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save permissions report"),
                                                          QDir::homePath() + QStringLiteral("/jira-permissions.txt"),
                                                          tr("Text files (*.txt);;All files (*)"));
        if (!path.isEmpty())
            saveReport(path);
    });
    connect(m_picker, &ProjectPicker::loaded, this, [this](const QString &error) {
        if (!error.isEmpty())
            showMessage(error, true);
    });
    configChanged();
}

PermissionsPage::~PermissionsPage() = default;

QString PermissionsPage::account() const
{
    const config::ServiceConfig *config = serviceConfig();
    if (config && config->jira && config->jira->username && !config->jira->username->isEmpty())
        return *config->jira->username;
    return tr("the service account");
}

QString PermissionsPage::report() const
{
    const config::ServiceConfig *config = serviceConfig();
    return m_model->report(config && config->jira ? config->jira->serverUrl : QString(), account());
}

bool PermissionsPage::saveReport(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(report().toUtf8()) < 0 || !file.commit()) {
        showMessage(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    return true;
}

void PermissionsPage::checkProject()
{
    const QString project = m_picker->currentProject();
    if (project.isEmpty()) {
        showMessage(tr("Choose or type a project first."), true);
        return;
    }
    start({project});
}

void PermissionsPage::checkAll()
{
    jira::JiraClient *jira = client();
    if (!jira || m_call)
        return;
    showMessage(tr("Listing projects…"));
    m_call = jira->projects();
    updateButtons();
    m_call->onFinished(this, [this](jira::JiraCall *call) {
        call->deleteLater();
        m_call = nullptr;
        if (!call->isOk()) {
            showMessage(call->error().kind == jira::JiraError::Kind::Cancelled ? tr("Cancelled.")
                                                                               : call->error().toString(),
                        true);
            updateButtons();
            Q_EMIT checkFinished();
            return;
        }
        QStringList projects;
        for (const QJsonValue &value : call->array()) {
            const QJsonObject project = value.toObject();
            projects << QStringLiteral("%1 (%2)").arg(project.value(QLatin1String("name")).toString(),
                                                      project.value(QLatin1String("key")).toString());
        }
        start(projects);
    });
}

void PermissionsPage::start(const QStringList &projects)
{
    const config::ServiceConfig *config = serviceConfig();
    if (!client() || !config)
        return;
    QList<bool> readonly;
    for (const QString &project : projects)
        readonly << config::ProjectSettings(*config, project).readonly().value;
    m_model->setProjects(projects, readonly);
    m_queue = projects;
    showMessage(tr("Checking %n project(s)…", nullptr, int(projects.size())));
    next();
}

void PermissionsPage::next()
{
    jira::JiraClient *jira = client();
    if (m_queue.isEmpty() || !jira) {
        done();
        return;
    }
    // One project at a time: a Jira with hundreds of projects should not see a burst.
    const QString project = m_queue.takeFirst();
    m_call = jira->myPermissions(JiraConnection::projectKey(project), PermissionsModel::permissionKeys());
    updateButtons();
    m_call->onFinished(this, [this, project](jira::JiraCall *call) {
        call->deleteLater();
        m_call = nullptr;
        if (call->isOk()) {
            m_model->setPermissions(project, jira::JiraClient::permissionMap(call->object()));
        } else if (call->error().kind == jira::JiraError::Kind::Cancelled) {
            m_queue.clear();
            m_model->setError(project, tr("Cancelled."));
        } else {
            m_model->setError(project, call->error().toString());
        }
        next();
    });
}

void PermissionsPage::done()
{
    m_queue.clear();
    int missing = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        missing += int(m_model->missing(row).size());
    showMessage(missing == 0 ? tr("All required permissions are granted.")
                             : tr("%n required permission(s) missing; see below what to ask for.", nullptr, missing),
                missing != 0);
    updateRequest();
    updateButtons();
    Q_EMIT checkFinished();
}

void PermissionsPage::cancel()
{
    m_queue.clear();
    if (m_call)
        m_call->abort();
}

void PermissionsPage::updateRequest()
{
    const QString request = m_model->adminRequest(account());
    m_request->setPlainText(request.isEmpty() ? tr("Nothing — all required permissions are granted.") : request);
}

void PermissionsPage::configChanged()
{
    m_queue.clear();
    m_call = nullptr;
    m_model->clear();
    m_request->clear();
    m_picker->setConfiguredProjects(configuredProjects());
    showMessage(unavailableReason(), true);
    updateButtons();
}

void PermissionsPage::updateButtons()
{
    const bool available = unavailableReason().isEmpty();
    const bool running = m_call != nullptr;
    m_check->setEnabled(available && !running);
    m_checkAll->setEnabled(available && !running);
    m_cancel->setEnabled(running);
    m_picker->setEnabled(available);
}

} // namespace tbds::ui
