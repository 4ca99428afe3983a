// SPDX-License-Identifier: Apache-2.0
#include "ui/configwizard.h"

#include "ui/messagebox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>
#include <QWizardPage>

namespace tbds::ui {

namespace {

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString v = part.trimmed(); !v.isEmpty())
            out << v;
    }
    return out;
}

QLabel *problemLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: palette(link);")); // themed, readable in dark mode
    label->setVisible(false);
    return label;
}

} // namespace

ConfigWizard::ConfigWizard(QWidget *parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("configWizard"));
    setWindowTitle(tr("Create a configuration"));
    setWizardStyle(QWizard::ClassicStyle); // the same look on every platform and offscreen
    setOption(QWizard::NoBackButtonOnStartPage);
    createServicePage();
    createClientPage();
    createJsonlPage();
    createJiraPage();
    createFilePage();
    updateAuthFields();
    setMinimumSize(640, 520);
}

ConfigWizard::~ConfigWizard() = default;

void ConfigWizard::createServicePage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardServicePage"));
    page->setTitle(tr("The service"));
    page->setSubTitle(tr("Where the service listens, and the user TestBench's DMProxy logs in with."));
    auto *form = new QFormLayout(page);
    m_host = new QLineEdit(QStringLiteral("127.0.0.1"), page);
    m_host->setObjectName(QStringLiteral("wizardHostEdit"));
    m_host->setToolTip(tr("127.0.0.1 accepts only this machine; 0.0.0.0 accepts every network interface"));
    form->addRow(tr("&Host:"), m_host);
    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("wizardPortSpin"));
    m_port->setRange(1, 65535);
    m_port->setValue(8030);
    form->addRow(tr("&Port:"), m_port);
    m_user = new QLineEdit(QStringLiteral("admin"), page);
    m_user->setObjectName(QStringLiteral("wizardUserEdit"));
    form->addRow(tr("&User name:"), m_user);
    m_password = new QLineEdit(page);
    m_password->setObjectName(QStringLiteral("wizardPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Pass&word:"), m_password);
    m_passwordRepeat = new QLineEdit(page);
    m_passwordRepeat->setObjectName(QStringLiteral("wizardPasswordRepeatEdit"));
    m_passwordRepeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Repeat password:"), m_passwordRepeat);
    auto *note = new QLabel(tr("Only a salted hash of the password is stored (password_hash, salt)."), page);
    note->setWordWrap(true);
    form->addRow(note);
    m_serviceProblem = problemLabel(page, QStringLiteral("wizardServiceProblem"));
    form->addRow(m_serviceProblem);
    setPage(ServicePageId, page);
}

void ConfigWizard::createClientPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardClientPage"));
    page->setTitle(tr("Where the defects live"));
    page->setSubTitle(tr("The service passes TestBench's defect requests to one client."));
    auto *layout = new QVBoxLayout(page);
    m_jsonl = new QRadioButton(tr("&JSONL files: defects stored in files on this machine (no Jira needed)"), page);
    m_jsonl->setObjectName(QStringLiteral("wizardJsonlRadio"));
    m_jsonl->setChecked(true);
    m_jira = new QRadioButton(tr("J&ira: defects are Jira issues (Jira Cloud or Data Center)"), page);
    m_jira->setObjectName(QStringLiteral("wizardJiraRadio"));
    layout->addWidget(m_jsonl);
    layout->addWidget(m_jira);
    layout->addStretch(1);
    setPage(ClientPageId, page);
}

void ConfigWizard::createJsonlPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardJsonlPage"));
    page->setTitle(tr("JSONL client"));
    page->setSubTitle(tr("Relative paths are resolved against the folder of config.toml."));
    auto *form = new QFormLayout(page);
    m_defectsPath = new QLineEdit(QStringLiteral("defects"), page);
    m_defectsPath->setObjectName(QStringLiteral("wizardDefectsPathEdit"));
    m_defectsPath->setToolTip(tr("One sub-folder per TestBench project; created if missing"));
    form->addRow(tr("&Defects folder:"), m_defectsPath);
    m_jsonlReadonly = new QCheckBox(tr("&Read-only (TestBench may read defects but not change them)"), page);
    m_jsonlReadonly->setObjectName(QStringLiteral("wizardJsonlReadonlyCheck"));
    form->addRow(m_jsonlReadonly);
    auto *fieldsNote = new QLabel(tr("Allowed values of the control fields, separated by commas:"), page);
    form->addRow(fieldsNote);
    m_status = new QLineEdit(QStringLiteral("open, in_progress, resolved, closed"), page);
    m_status->setObjectName(QStringLiteral("wizardStatusEdit"));
    form->addRow(tr("&Status:"), m_status);
    m_priority = new QLineEdit(QStringLiteral("low, medium, high"), page);
    m_priority->setObjectName(QStringLiteral("wizardPriorityEdit"));
    form->addRow(tr("&Priority:"), m_priority);
    m_classification = new QLineEdit(QStringLiteral("minor, major, critical"), page);
    m_classification->setObjectName(QStringLiteral("wizardClassificationEdit"));
    form->addRow(tr("&Classification:"), m_classification);
    setPage(JsonlPageId, page);
}

void ConfigWizard::createJiraPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardJiraPage"));
    page->setTitle(tr("Jira client"));
    page->setSubTitle(tr("The service account the service uses to talk to Jira."));
    auto *form = new QFormLayout(page);
    m_serverUrl = new QLineEdit(page);
    m_serverUrl->setObjectName(QStringLiteral("wizardServerUrlEdit"));
    m_serverUrl->setPlaceholderText(QStringLiteral("https://your-site.atlassian.net"));
    form->addRow(tr("&Server URL:"), m_serverUrl);
    m_authType = new QComboBox(page);
    m_authType->setObjectName(QStringLiteral("wizardAuthTypeCombo"));
    m_authType->addItem(tr("Basic: e-mail + API token (Cloud) or user + password (Data Center)"), QStringLiteral("basic"));
    m_authType->addItem(tr("Personal access token (Data Center)"), QStringLiteral("token"));
    m_authType->addItem(tr("OAuth 1.0a (application link)"), QStringLiteral("oauth1"));
    form->addRow(tr("&Authentication:"), m_authType);
    m_jiraUser = new QLineEdit(page);
    m_jiraUser->setObjectName(QStringLiteral("wizardJiraUserEdit"));
    m_jiraUserLabel = new QLabel(tr("User / e-&mail:"), page);
    m_jiraUserLabel->setBuddy(m_jiraUser);
    form->addRow(m_jiraUserLabel, m_jiraUser);
    const QList<QPair<QString, QString>> secrets = {
        {QStringLiteral("password"), tr("Password / API token:")},
        {QStringLiteral("token"), tr("Personal access token:")},
        {QStringLiteral("oauth1_access_token"), tr("Access token:")},
        {QStringLiteral("oauth1_access_token_secret"), tr("Access token secret:")},
        {QStringLiteral("oauth1_consumer_key"), tr("Consumer key:")}};
    for (const auto &[key, text] : secrets) {
        auto *edit = new QLineEdit(page);
        edit->setObjectName(QStringLiteral("wizardSecret_") + key);
        edit->setEchoMode(QLineEdit::Password);
        edit->setPlaceholderText(tr("optional: can be set later on the Credentials page"));
        auto *label = new QLabel(text, page);
        label->setBuddy(edit);
        form->addRow(label, edit);
        m_secretEdits.insert(key, edit);
        m_secretLabels.insert(key, label);
    }
    m_keyCertPath = new QLineEdit(page);
    m_keyCertPath->setObjectName(QStringLiteral("wizardKeyCertPathEdit"));
    m_keyCertLabel = new QLabel(tr("Private key file (PEM):"), page);
    m_keyCertLabel->setBuddy(m_keyCertPath);
    form->addRow(m_keyCertLabel, m_keyCertPath);
    m_verifySsl = new QCheckBox(tr("&Verify the server's TLS certificate"), page);
    m_verifySsl->setObjectName(QStringLiteral("wizardVerifySslCheck"));
    m_verifySsl->setChecked(true);
    form->addRow(m_verifySsl);
    m_jiraReadonly = new QCheckBox(tr("Read-&only (never create or change Jira issues)"), page);
    m_jiraReadonly->setObjectName(QStringLiteral("wizardJiraReadonlyCheck"));
    form->addRow(m_jiraReadonly);
    m_secretsInFile = new QCheckBox(tr("Write the secrets into config.toml as &plain text (not recommended; "
                                       "default: the OS keychain)"),
                                    page);
    m_secretsInFile->setObjectName(QStringLiteral("wizardSecretsInFileCheck"));
    form->addRow(m_secretsInFile);
    m_jiraProblem = problemLabel(page, QStringLiteral("wizardJiraProblem"));
    form->addRow(m_jiraProblem);
    connect(m_authType, &QComboBox::currentIndexChanged, this, &ConfigWizard::updateAuthFields);
    // A problem shown for the previous input is stale as soon as the input changes.
    connect(m_serverUrl, &QLineEdit::textEdited, m_jiraProblem, &QWidget::hide);
    connect(m_jiraUser, &QLineEdit::textEdited, m_jiraProblem, &QWidget::hide);
    setPage(JiraPageId, page);
}

void ConfigWizard::createFilePage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("wizardFilePage"));
    page->setTitle(tr("Save the configuration"));
    page->setSubTitle(tr("An existing file is kept as <name>.backup."));
    page->setFinalPage(true);
    auto *form = new QFormLayout(page);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(page);
    m_path->setObjectName(QStringLiteral("wizardPathEdit"));
    m_path->setText(QDir::toNativeSeparators(
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/config.toml")));
    auto *browse = new QPushButton(tr("Bro&wse…"), page);
    browse->setObjectName(QStringLiteral("wizardBrowseButton"));
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    // addRow(text, layout) gives the label no buddy: the field would have no accessible name.
    auto *pathLabel = new QLabel(tr("Fi&le:"), page); // F is the Finish button's
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    m_separate = new QCheckBox(page);
    m_separate->setObjectName(QStringLiteral("wizardSeparateFileCheck"));
    form->addRow(m_separate);
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("wizardSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    form->addRow(m_summary);
    m_fileProblem = problemLabel(page, QStringLiteral("wizardFileProblem"));
    form->addRow(m_fileProblem);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save configuration as"), configPath(),
                                                          tr("TOML configuration (*.toml)"));
        if (!path.isEmpty())
            setConfigPath(path);
    });
    connect(m_separate, &QCheckBox::toggled, this, &ConfigWizard::updateSummary);
    connect(m_path, &QLineEdit::textChanged, this, &ConfigWizard::updateSummary);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id == FilePageId)
            updateSummary();
    });
    setPage(FilePageId, page);
}

void ConfigWizard::updateAuthFields()
{
    const QString auth = m_authType->currentData().toString();
    const auto show = [](QWidget *label, QWidget *field, bool visible) {
        label->setVisible(visible);
        field->setVisible(visible);
    };
    show(m_jiraUserLabel, m_jiraUser, auth == QLatin1String("basic"));
    show(m_secretLabels.value(QStringLiteral("password")), m_secretEdits.value(QStringLiteral("password")),
         auth == QLatin1String("basic"));
    show(m_secretLabels.value(QStringLiteral("token")), m_secretEdits.value(QStringLiteral("token")),
         auth == QLatin1String("token"));
    for (const QString &key : {QStringLiteral("oauth1_access_token"), QStringLiteral("oauth1_access_token_secret"),
                               QStringLiteral("oauth1_consumer_key")})
        show(m_secretLabels.value(key), m_secretEdits.value(key), auth == QLatin1String("oauth1"));
    show(m_keyCertLabel, m_keyCertPath, auth == QLatin1String("oauth1"));
}

void ConfigWizard::updateSummary()
{
    const NewConfig config = answers();
    m_separate->setText(tr("Put the client settings in a &separate file (%1)").arg(config.clientFileName()));
    QString client;
    if (config.client == config::ClientKind::Jira) {
        client = tr("Jira at %1 (%2)").arg(config.serverUrl.toHtmlEscaped(), config.authType);
        const bool anySecret = !typedSecrets().isEmpty();
        if (anySecret)
            client += QStringLiteral("<br>")
                + (m_secretsInFile->isChecked() ? tr("Secrets: written into the file as plain text")
                                                : tr("Secrets: stored in the OS keychain after the file is opened"));
    } else {
        client = tr("JSONL files in \"%1\"").arg(config.defectsPath.toHtmlEscaped());
    }
    m_summary->setText(tr("<b>Summary</b><br>Service: %1:%2, user \"%3\"<br>Client: %4")
                           .arg(config.host.toHtmlEscaped())
                           .arg(config.port)
                           .arg(config.serviceUser.toHtmlEscaped(), client));
}

QString ConfigWizard::configPath() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void ConfigWizard::setConfigPath(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

QMap<QString, QString> ConfigWizard::typedSecrets() const
{
    QMap<QString, QString> out;
    for (auto it = m_secretEdits.cbegin(); it != m_secretEdits.cend(); ++it) {
        if (it.value()->isVisibleTo(it.value()->parentWidget()) && !it.value()->text().isEmpty())
            out.insert(it.key(), it.value()->text());
    }
    return out;
}

QMap<QString, QString> ConfigWizard::keychainSecrets() const
{
    if (!m_jira->isChecked() || m_secretsInFile->isChecked())
        return {};
    return typedSecrets();
}

NewConfig ConfigWizard::answers() const
{
    NewConfig c;
    c.host = m_host->text().trimmed();
    c.port = m_port->value();
    c.serviceUser = m_user->text().trimmed();
    c.servicePassword = m_password->text();
    c.client = m_jira->isChecked() ? config::ClientKind::Jira : config::ClientKind::Jsonl;
    if (c.client == config::ClientKind::Jsonl) {
        c.defectsPath = m_defectsPath->text().trimmed();
        c.readonly = m_jsonlReadonly->isChecked();
        const QList<QPair<QString, QLineEdit *>> fields = {{QStringLiteral("status"), m_status},
                                                           {QStringLiteral("priority"), m_priority},
                                                           {QStringLiteral("classification"), m_classification}};
        for (const auto &[name, edit] : fields) {
            if (const QStringList values = splitList(edit->text()); !values.isEmpty())
                c.controlFields.insert(name, values);
        }
    } else {
        c.serverUrl = m_serverUrl->text().trimmed();
        c.authType = m_authType->currentData().toString();
        if (c.authType == QLatin1String("basic"))
            c.username = m_jiraUser->text().trimmed();
        if (c.authType == QLatin1String("oauth1"))
            c.oauth1KeyCertPath = m_keyCertPath->text().trimmed();
        c.verifySsl = m_verifySsl->isChecked();
        c.readonly = m_jiraReadonly->isChecked();
        if (m_secretsInFile->isChecked())
            c.secretsInFile = typedSecrets();
    }
    c.separateClientFile = m_separate->isChecked();
    return c;
}

int ConfigWizard::nextId() const
{
    switch (currentId()) {
    case ServicePageId:
        return ClientPageId;
    case ClientPageId:
        return m_jira->isChecked() ? JiraPageId : JsonlPageId;
    case JsonlPageId:
    case JiraPageId:
        return FilePageId;
    default:
        return -1;
    }
}

void ConfigWizard::showProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

bool ConfigWizard::validateCurrentPage()
{
    switch (currentId()) {
    case ServicePageId:
        if (m_host->text().trimmed().isEmpty())
            showProblem(m_serviceProblem, tr("Enter the host the service listens on."));
        else if (m_user->text().trimmed().isEmpty())
            showProblem(m_serviceProblem, tr("Enter a user name."));
        else if (m_password->text().isEmpty())
            showProblem(m_serviceProblem, tr("Enter a password; without one TestBench cannot log in."));
        else if (m_password->text() != m_passwordRepeat->text())
            showProblem(m_serviceProblem, tr("The two passwords differ."));
        else
            showProblem(m_serviceProblem, {});
        return !m_serviceProblem->isVisibleTo(m_serviceProblem->parentWidget());
    case JiraPageId: {
        const QUrl url(m_serverUrl->text().trimmed());
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            showProblem(m_jiraProblem, tr("Enter the Jira address, e.g. https://your-site.atlassian.net."));
        else if (m_authType->currentData().toString() == QLatin1String("basic") && m_jiraUser->text().trimmed().isEmpty())
            showProblem(m_jiraProblem, tr("Basic authentication needs a user (on Jira Cloud: the account's e-mail)."));
        else
            showProblem(m_jiraProblem, {});
        return !m_jiraProblem->isVisibleTo(m_jiraProblem->parentWidget());
    }
    case FilePageId:
        if (configPath().isEmpty() || !configPath().endsWith(QLatin1String(".toml"), Qt::CaseInsensitive)) {
            showProblem(m_fileProblem, tr("Choose a file name ending in .toml."));
            return false;
        }
        // QWizard validates the last page twice (Finish, then done()); write only once.
        if (m_written)
            return true;
        if (QFileInfo::exists(configPath())) {
            const auto answer = MessageBox::question(
                this, windowTitle(),
                tr("%1 exists. Replace it? The current file is kept as %2.backup.")
                    .arg(QDir::toNativeSeparators(configPath()), QFileInfo(configPath()).fileName()),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
            if (answer != QMessageBox::Yes)
                return false;
        }
        if (Result<QStringList> written = answers().write(configPath()); !written) {
            showProblem(m_fileProblem, written.error().toString());
            return false;
        }
        showProblem(m_fileProblem, {});
        m_written = true;
        return true;
    default:
        return true;
    }
}

} // namespace tbds::ui
