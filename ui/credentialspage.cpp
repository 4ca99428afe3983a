// SPDX-License-Identifier: Apache-2.0
#include "ui/credentialspage.h"

#include "core/config/configloader.h"
#include "core/config/passwordhasher.h"
#include "core/secrets/environmentsecretstore.h"
#include "core/secrets/keychainsecretstore.h"
#include "core/secrets/secretresolver.h"
#include "ui/messagebox.h"
#include "ui/models/configdocument.h"
#include "ui/models/jirasecrets.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcessEnvironment>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace tbds::ui {

using secrets::SecretError;
using secrets::SecretOperation;
using secrets::SecretResult;

CredentialsPage::CredentialsPage(ConfigDocument *document, secrets::SecretStore *keychain,
                                 secrets::SecretStore *environment, QWidget *parent)
    : QWidget(parent), m_document(document),
      m_keychain(keychain ? keychain : new secrets::KeychainSecretStore(this)),
      m_environment(environment ? environment : new secrets::EnvironmentSecretStore(this)),
      m_resolver(new secrets::SecretResolver(m_keychain, m_environment, this)),
      m_jiraSecrets(new JiraSecrets(document, m_keychain, this))
{
    setObjectName(QStringLiteral("credentialsPage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // a nameless tab stop otherwise; the fields scroll into view
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);

    // --- Jira secrets ---
    m_secretsBox = new QGroupBox(tr("Jira credentials (used by the service to log in to Jira)"), content);
    m_secretsBox->setObjectName(QStringLiteral("jiraSecretsGroup"));
    auto *secretsLayout = new QVBoxLayout(m_secretsBox);
    m_jiraSummary = new QLabel(m_secretsBox);
    m_jiraSummary->setObjectName(QStringLiteral("jiraProfileLabel"));
    m_jiraSummary->setWordWrap(true);
    m_jiraSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    secretsLayout->addWidget(m_jiraSummary);
    auto *explain = new QLabel(
        tr("The service looks for each secret in this order: the OS keychain, then an environment variable, "
           "then config.toml. Secrets stored here go to the keychain only; config.toml is changed only when "
           "you choose \"Write to config.toml\"."),
        m_secretsBox);
    explain->setWordWrap(true);
    secretsLayout->addWidget(explain);
    m_grid = new QGridLayout;
    m_grid->setColumnStretch(2, 1);
    secretsLayout->addLayout(m_grid);

    // The waiting state: a keyring can sit behind an unlock prompt for a long time.
    m_waiting = new QWidget(m_secretsBox);
    m_waiting->setObjectName(QStringLiteral("keyringWaitingPanel"));
    auto *waitingRow = new QHBoxLayout(m_waiting);
    waitingRow->setContentsMargins(0, 0, 0, 0);
    m_waitingLabel = new QLabel(m_waiting);
    m_waitingLabel->setObjectName(QStringLiteral("keyringWaitingLabel"));
    m_waitingBar = new QProgressBar(m_waiting);
    m_waitingBar->setRange(0, 0);
    m_waitingBar->setMaximumWidth(160);
    m_waitingBar->setAccessibleName(tr("Waiting for the keyring"));
    m_cancel = new QPushButton(tr("&Cancel"), m_waiting);
    m_cancel->setObjectName(QStringLiteral("keyringCancelButton"));
    m_cancel->setToolTip(tr("Stop waiting for the keyring (a write may still complete in the background)"));
    waitingRow->addWidget(m_waitingLabel, 1);
    waitingRow->addWidget(m_waitingBar);
    waitingRow->addWidget(m_cancel);
    m_waiting->setVisible(false);
    secretsLayout->addWidget(m_waiting);

    m_error = new QLabel(m_secretsBox);
    m_error->setObjectName(QStringLiteral("keyringErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setFrameShape(QFrame::StyledPanel);
    m_error->setVisible(false);
    secretsLayout->addWidget(m_error);

    auto *refreshRow = new QHBoxLayout;
    m_refresh = new QPushButton(tr("Check &again"), m_secretsBox);
    m_refresh->setObjectName(QStringLiteral("refreshSecretsButton"));
    m_refresh->setToolTip(tr("Look up again where each secret comes from"));
    refreshRow->addWidget(m_refresh);
    refreshRow->addStretch(1);
    secretsLayout->addLayout(refreshRow);
    layout->addWidget(m_secretsBox);

    // --- service login ---
    auto *serviceBox = new QGroupBox(tr("Service login (what TestBench's DMProxy logs in with)"), content);
    serviceBox->setObjectName(QStringLiteral("serviceCredentialsGroup"));
    auto *form = new QFormLayout(serviceBox);
    m_serviceStatus = new QLabel(serviceBox);
    m_serviceStatus->setObjectName(QStringLiteral("serviceCredentialsStatusLabel"));
    m_serviceStatus->setWordWrap(true);
    form->addRow(tr("Current:"), m_serviceStatus);
    m_serviceUser = new QLineEdit(serviceBox);
    m_serviceUser->setObjectName(QStringLiteral("serviceUserEdit"));
    m_serviceUser->setAccessibleName(tr("Service user name"));
    m_serviceUser->setText(QStringLiteral("admin"));
    form->addRow(tr("&User:"), m_serviceUser);
    m_servicePassword = new QLineEdit(serviceBox);
    m_servicePassword->setObjectName(QStringLiteral("servicePasswordEdit"));
    m_servicePassword->setAccessibleName(tr("Service password"));
    m_servicePassword->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password:"), m_servicePassword);
    m_servicePasswordRepeat = new QLineEdit(serviceBox);
    m_servicePasswordRepeat->setObjectName(QStringLiteral("servicePasswordRepeatEdit"));
    m_servicePasswordRepeat->setAccessibleName(tr("Repeat the service password"));
    m_servicePasswordRepeat->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Repeat:"), m_servicePasswordRepeat);
    m_serviceSet = new QPushButton(tr("Set service &credentials"), serviceBox);
    m_serviceSet->setObjectName(QStringLiteral("setServiceCredentialsButton"));
    m_serviceSet->setToolTip(tr("Writes password_hash and salt into the configuration (undoable; saved with "
                                "File ▸ Save). The password itself is never stored."));
    m_serviceResult = new QLabel(serviceBox);
    m_serviceResult->setObjectName(QStringLiteral("serviceCredentialsResultLabel"));
    m_serviceResult->setWordWrap(true);
    form->addRow(m_serviceSet, m_serviceResult);
    layout->addWidget(serviceBox);
    layout->addStretch(1);

    connect(m_cancel, &QPushButton::clicked, this, &CredentialsPage::cancel);
    connect(m_refresh, &QPushButton::clicked, this, &CredentialsPage::refresh);
    connect(m_serviceSet, &QPushButton::clicked, this, &CredentialsPage::setServiceCredentials);
    connect(m_servicePasswordRepeat, &QLineEdit::returnPressed, this, &CredentialsPage::setServiceCredentials);
    connect(m_document, &ConfigDocument::textChanged, this, [this] {
        rebuild();
        updateServiceStatus();
    });
    rebuild();
    updateServiceStatus();
}

CredentialsPage::~CredentialsPage()
{
    // Operations have no parent and outlive us; cut them loose so a late answer finds no page.
    m_queue.clear();
    if (m_current) {
        disconnect(m_current, nullptr, this, nullptr);
        m_current->cancel();
    }
}

bool CredentialsPage::isJira() const
{
    return JiraSecrets::isJira(*m_document);
}

bool CredentialsPage::clientIsEditable() const
{
    // Inline, or a separate .toml file that the document edits in place (ConfigDocument routes it).
    return !m_document->contains(ConfigDocument::serviceRoot() << QStringLiteral("client_config_path"))
        || !m_document->clientFilePath().isEmpty();
}

QString CredentialsPage::clientFileName() const
{
    const QString separate = m_document->clientFilePath();
    return QFileInfo(separate.isEmpty() ? m_document->path() : separate).fileName();
}

QString CredentialsPage::jiraSetting(const QString &key) const
{
    return JiraSecrets::jiraSetting(*m_document, key);
}

QStringList CredentialsPage::secretNames() const
{
    return JiraSecrets::secretNames(*m_document);
}

std::optional<secrets::JiraSecretKey> CredentialsPage::keyFor(const QString &secretName) const
{
    return JiraSecrets::keyFor(*m_document, secretName);
}

std::optional<QString> CredentialsPage::configValue(const QString &secretName) const
{
    if (clientIsEditable()) {
        const QString value = m_document->stringValue(ConfigDocument::clientRoot() << secretName);
        return value.isEmpty() ? std::nullopt : std::optional<QString>(value);
    }
    // A client file edited elsewhere (.properties): only the loader read it; trust its value when
    // it came from the file.
    const auto &config = m_document->validation().config;
    if (!config || config->jira->secretSources.value(secretName) != config::SecretSource::ConfigFile)
        return std::nullopt;
    const config::JiraClientConfig &jira = *config->jira;
    if (secretName == QLatin1String("password"))
        return jira.password;
    if (secretName == QLatin1String("token"))
        return jira.token;
    if (secretName == QLatin1String("oauth1_access_token"))
        return jira.oauth1AccessToken;
    if (secretName == QLatin1String("oauth1_access_token_secret"))
        return jira.oauth1AccessTokenSecret;
    if (secretName == QLatin1String("oauth1_consumer_key"))
        return jira.oauth1ConsumerKey;
    if (secretName == QLatin1String("oauth1_key_cert"))
        return jira.oauth1KeyCert;
    return std::nullopt;
}

QString CredentialsPage::labelFor(const QString &secretName)
{
    if (secretName == QLatin1String("password"))
        return tr("Password / API token:");
    if (secretName == QLatin1String("token"))
        return tr("Personal access token:");
    if (secretName == QLatin1String("oauth1_access_token"))
        return tr("OAuth 1.0a access token:");
    if (secretName == QLatin1String("oauth1_access_token_secret"))
        return tr("OAuth 1.0a token secret:");
    if (secretName == QLatin1String("oauth1_consumer_key"))
        return tr("OAuth 1.0a consumer key:");
    if (secretName == QLatin1String("oauth1_key_cert"))
        return tr("OAuth 1.0a private key (PEM):");
    return secretName;
}

CredentialsPage::Row *CredentialsPage::row(const QString &secretName)
{
    for (Row &r : m_rows) {
        if (r.name == secretName)
            return &r;
    }
    return nullptr;
}

QString CredentialsPage::sourceText(const QString &secretName) const
{
    for (const Row &r : m_rows) {
        if (r.name == secretName)
            return r.sourceText;
    }
    return {};
}

bool CredentialsPage::isBusy() const
{
    return !m_current.isNull() || !m_queue.isEmpty();
}

void CredentialsPage::rebuild()
{
    const QStringList names = secretNames();
    const QString profile = names.join(QLatin1Char(',')) + QLatin1Char('|') + jiraSetting(QStringLiteral("server_url"))
        + QLatin1Char('|') + jiraSetting(QStringLiteral("username"));
    if (profile == m_profile && !m_rows.isEmpty())
        return;
    m_profile = profile;
    // The old rows belong to another server or auth type: cancel their lookups, drop them.
    m_queue.clear();
    if (m_current)
        m_current->cancel();
    for (const Row &r : std::as_const(m_rows)) {
        for (QWidget *w : {static_cast<QWidget *>(r.label), static_cast<QWidget *>(r.source),
                           static_cast<QWidget *>(r.edit), static_cast<QWidget *>(r.store),
                           static_cast<QWidget *>(r.remove), static_cast<QWidget *>(r.writeConfig)})
            delete w;
    }
    m_rows.clear();
    m_error->setVisible(false);

    if (!isJira()) {
        m_jiraSummary->setText(tr("This configuration uses the JSONL client, which needs no Jira credentials."));
        m_refresh->setEnabled(false);
        return;
    }
    const QString server = jiraSetting(QStringLiteral("server_url"));
    if (server.trimmed().isEmpty()) {
        m_jiraSummary->setText(tr("Set the Jira server URL on the Configuration page first; secrets are stored "
                                  "per server."));
        m_refresh->setEnabled(false);
        return;
    }
    const QString user = jiraSetting(QStringLiteral("username"));
    m_jiraSummary->setText(tr("Server: %1 · authentication: %2 · user: %3")
                               .arg(server, jiraSetting(QStringLiteral("auth_type")),
                                    user.isEmpty() ? tr("(none)") : user));
    m_refresh->setEnabled(true);

    int line = 0;
    for (const QString &name : names) {
        Row r;
        r.name = name;
        r.label = new QLabel(labelFor(name), m_secretsBox);
        r.source = new QLabel(m_secretsBox);
        r.source->setObjectName(name + QStringLiteral("SourceLabel"));
        r.source->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("from JIRA_OAUTH1_ACCESS_TOKEN_SECRET")));
        r.edit = new QLineEdit(m_secretsBox);
        r.edit->setObjectName(name + QStringLiteral("Edit"));
        r.edit->setEchoMode(QLineEdit::Password);
        r.edit->setAccessibleName(labelFor(name).chopped(1));
        r.edit->setPlaceholderText(tr("new value"));
        r.label->setBuddy(r.edit);
        r.store = new QPushButton(tr("Store in keychain"), m_secretsBox);
        r.store->setObjectName(name + QStringLiteral("StoreButton"));
        r.remove = new QPushButton(tr("Remove from keychain"), m_secretsBox);
        r.remove->setObjectName(name + QStringLiteral("RemoveButton"));
        r.writeConfig = new QPushButton(tr("Write to %1…").arg(clientFileName()), m_secretsBox);
        r.writeConfig->setObjectName(name + QStringLiteral("WriteConfigButton"));
        r.writeConfig->setToolTip(tr("Stores the secret as plain text in the configuration file. Only for machines "
                                     "without a keyring; anyone who can read the file can read the secret."));
        r.writeConfig->setEnabled(clientIsEditable());
        // Several rows have the same buttons (OAuth 1.0a has four): a screen reader must hear which.
        const QString what = labelFor(name).chopped(1);
        r.store->setAccessibleName(tr("Store %1 in the keychain").arg(what));
        r.remove->setAccessibleName(tr("Remove %1 from the keychain").arg(what));
        r.writeConfig->setAccessibleName(tr("Write %1 to %2").arg(what, clientFileName()));
        m_grid->addWidget(r.label, line, 0);
        m_grid->addWidget(r.source, line, 1);
        m_grid->addWidget(r.edit, line, 2);
        m_grid->addWidget(r.store, line, 3);
        m_grid->addWidget(r.remove, line, 4);
        m_grid->addWidget(r.writeConfig, line, 5);
        connect(r.store, &QPushButton::clicked, this, [this, name, edit = r.edit] { storeSecret(name, edit->text()); });
        connect(r.edit, &QLineEdit::returnPressed, this, [this, name, edit = r.edit] { storeSecret(name, edit->text()); });
        connect(r.remove, &QPushButton::clicked, this, [this, name] { removeSecret(name); });
        connect(r.writeConfig, &QPushButton::clicked, this, [this, name] { writeSecretToConfig(name); });
        m_rows.append(r);
        ++line;
    }
    // The rows are made after the service login below them (and after every other pane of the
    // window): Tab follows the page from top to bottom. The summary above them (selectable, so in
    // the focus chain) anchors the chain in its place.
    QList<QWidget *> order{m_jiraSummary};
    for (const Row &r : std::as_const(m_rows))
        order << r.edit << r.store << r.remove << r.writeConfig;
    order << m_cancel << m_refresh << m_serviceUser << m_servicePassword << m_servicePasswordRepeat << m_serviceSet;
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
    // The page's own lookup (which also says where each secret comes from) runs when the page is
    // seen; JiraSecrets already read the keychain when the config was opened.
    if (isVisible())
        refresh();
    else
        m_stale = true;
}

void CredentialsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void CredentialsPage::refresh()
{
    m_stale = false;
    m_error->setVisible(false);
    for (const QString &name : secretNames())
        enqueue({Step::Kind::Resolve, name, {}});
    m_refreshPending = true;
}

void CredentialsPage::storeSecret(const QString &secretName, const QString &value)
{
    if (value.isEmpty()) {
        showError(tr("Type the new value of %1 first.").arg(labelFor(secretName).chopped(1)));
        return;
    }
    if (!keyFor(secretName)) {
        showError(tr("Secrets are stored per Jira server: set the server URL of a Jira configuration first."));
        return;
    }
    enqueue({Step::Kind::Store, secretName, value});
}

void CredentialsPage::storeSecrets(const QMap<QString, QString> &secrets)
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        storeSecret(it.key(), it.value());
}

void CredentialsPage::removeSecret(const QString &secretName)
{
    if (keyFor(secretName))
        enqueue({Step::Kind::Remove, secretName, {}});
}

void CredentialsPage::writeSecretToConfig(const QString &secretName)
{
    Row *r = row(secretName);
    if (!r || r->edit->text().isEmpty()) {
        showError(tr("Type the value to write into config.toml first."));
        return;
    }
    if (!clientIsEditable()) {
        showError(tr("The Jira settings live in a separate file (client_config_path) that is not edited here; "
                     "edit that file to put a secret there."));
        return;
    }
    const auto answer = MessageBox::question(
        this, tr("Write secret to config.toml"),
        tr("%1 will be stored as plain text in %2. Anyone who can read the file can use it. The keychain is the "
           "safer place; use this only where no keyring exists. Write it to the file?")
            .arg(labelFor(secretName).chopped(1), clientFileName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const QString value = r->edit->text();
    if (Result<void> set = m_document->setValue(ConfigDocument::clientRoot() << secretName, value); !set) {
        showError(set.error().toString());
        return;
    }
    if (Row *after = row(secretName))
        after->edit->clear();
    Q_EMIT message(tr("%1 written to the configuration (plain text); save to keep it.").arg(labelFor(secretName).chopped(1)));
    enqueue({Step::Kind::Resolve, secretName, {}});
}

void CredentialsPage::cancel()
{
    m_queue.clear();
    m_refreshPending = false;
    if (m_current)
        m_current->cancel();
}

void CredentialsPage::enqueue(Step step)
{
    m_queue.append(std::move(step));
    if (!m_current)
        runNext();
}

void CredentialsPage::runNext()
{
    while (!m_queue.isEmpty()) {
        const Step step = m_queue.takeFirst();
        const std::optional<secrets::JiraSecretKey> key = keyFor(step.secretName);
        if (!key)
            continue;
        SecretOperation *op = nullptr;
        QString what;
        switch (step.kind) {
        case Step::Kind::Resolve:
            m_resolver->setConfigFileName(clientFileName()); // "from jira.toml" for a separate client file
            op = m_resolver->resolve(*key, configValue(step.secretName));
            what = tr("Waiting for the keyring… (looking up %1)").arg(labelFor(step.secretName).chopped(1));
            break;
        case Step::Kind::Store:
            op = m_keychain->write(key->toString(), step.value);
            what = tr("Waiting for the keyring… (storing %1; unlock it if your desktop asks)")
                       .arg(labelFor(step.secretName).chopped(1));
            break;
        case Step::Kind::Remove:
            op = m_keychain->remove(key->toString());
            what = tr("Waiting for the keyring… (removing %1)").arg(labelFor(step.secretName).chopped(1));
            break;
        }
        m_current = op;
        setBusy(true, what);
        // The step is copied without the value once stored: the secret should not linger in memory.
        Step done = step;
        done.value.clear();
        connect(op, &SecretOperation::finished, this, [this, done](const SecretResult &result) {
            m_current = nullptr;
            stepFinished(done, result);
            runNext();
        });
        return;
    }
    setBusy(false);
    if (m_refreshPending) {
        m_refreshPending = false;
        Q_EMIT refreshed();
    }
}

void CredentialsPage::stepFinished(const Step &step, const SecretResult &result)
{
    Row *r = row(step.secretName);
    const QString name = labelFor(step.secretName).chopped(1);
    const auto hintFor = [](const SecretResult &res) -> QString {
        switch (res.error) {
        case SecretError::NoBackend:
            return tr("Install and start a Secret Service (GNOME Keyring, KWallet or KeePassXC), or give the "
                      "service the secret through its environment (e.g. JIRA_PASSWORD). Nothing was written to "
                      "config.toml.");
        case SecretError::AccessDenied:
            return tr("Unlock the keyring (e.g. in Seahorse or KWallet) and try again.");
        case SecretError::TimedOut:
            return tr("The keyring did not answer. It may be locked and waiting for a password dialog; unlock it "
                      "and try again.");
        default:
            return {};
        }
    };
    switch (step.kind) {
    case Step::Kind::Resolve:
        if (r) {
            if (result.ok())
                r->sourceText = result.sourceDescription();
            else if (result.error == SecretError::NotFound)
                r->sourceText = tr("not set");
            else if (result.error == SecretError::Cancelled)
                r->sourceText = tr("not checked");
            else
                r->sourceText = tr("unknown");
            r->source->setText(r->sourceText);
            const QString variable = secrets::EnvironmentSecretStore::variableFor(step.secretName);
            r->source->setToolTip(result.ok() ? result.origin
                                              : tr("Store it in the keychain, set %1, or write it to config.toml")
                                                    .arg(variable));
            // Remove only makes sense for what is in the keychain.
            const bool inKeychain = result.ok() && result.source == secrets::SecretSource::Keychain;
            r->remove->setEnabled(inKeychain);
            // What the keychain holds is what the service uses (and satisfies the loader's rules).
            m_jiraSecrets->take(step.secretName, result);
        }
        if (!result.warnings.isEmpty()) {
            // The keychain's trouble did not stop the lookup, but the admin must know about it.
            showError(tr("The keychain could not be used: %1").arg(result.warnings.join(QLatin1Char(' '))));
        }
        break;
    case Step::Kind::Store:
        if (result.ok()) {
            if (r)
                r->edit->clear();
            Q_EMIT message(tr("%1 stored in the keychain.").arg(name));
            enqueue({Step::Kind::Resolve, step.secretName, {}});
        } else if (result.error == SecretError::Cancelled) {
            showError(tr("Storing %1 was cancelled. The keyring may still save it once it answers.").arg(name));
        } else {
            showError(tr("Could not store %1 in the keychain: %2").arg(name, result.message) + QLatin1Char(' ')
                      + hintFor(result));
        }
        break;
    case Step::Kind::Remove:
        if (result.ok() || result.error == SecretError::NotFound) {
            Q_EMIT message(tr("%1 removed from the keychain.").arg(name));
            enqueue({Step::Kind::Resolve, step.secretName, {}});
        } else if (result.error != SecretError::Cancelled) {
            showError(tr("Could not remove %1 from the keychain: %2").arg(name, result.message) + QLatin1Char(' ')
                      + hintFor(result));
        }
        break;
    }
    Q_EMIT operationFinished(step.secretName, result);
}

void CredentialsPage::setBusy(bool busy, const QString &what)
{
    m_waiting->setVisible(busy);
    m_waitingLabel->setText(what);
    m_refresh->setEnabled(!busy && isJira());
    for (const Row &r : std::as_const(m_rows)) {
        r.store->setEnabled(!busy);
        r.writeConfig->setEnabled(!busy && clientIsEditable());
        if (busy)
            r.remove->setEnabled(false);
    }
}

void CredentialsPage::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(true);
}

void CredentialsPage::updateServiceStatus()
{
    const bool hasHash = m_document->contains(ConfigDocument::serviceRoot() << QStringLiteral("password_hash"));
    const bool hasSalt = m_document->contains(ConfigDocument::serviceRoot() << QStringLiteral("salt"));
    const auto &config = m_document->validation().config;
    if (hasHash && hasSalt)
        m_serviceStatus->setText(tr("password_hash and salt are set in the configuration file."));
    else if (config && config->passwordHashSource == config::SecretSource::Environment)
        m_serviceStatus->setText(tr("from the PASSWORD_HASH and SALT environment variables"));
    else
        m_serviceStatus->setText(tr("Not set: the service accepts no login until credentials are set."));
}

bool CredentialsPage::setServiceCredentials()
{
    const QString user = m_serviceUser->text().trimmed();
    const QString password = m_servicePassword->text();
    const auto fail = [this](const QString &text) {
        m_serviceResult->setText(text);
        return false;
    };
    if (!m_document->isOpen())
        return fail(tr("Open a configuration first."));
    if (user.isEmpty())
        return fail(tr("Enter the user name DMProxy logs in with."));
    if (password.isEmpty())
        return fail(tr("Enter a password."));
    if (password != m_servicePasswordRepeat->text())
        return fail(tr("The two passwords differ."));
    // The service reads PASSWORD_PEPPER from its own environment; a GUI started with the same
    // environment computes the same hash (and the default pepper otherwise, like the reference).
    Result<QByteArray> pepper = config::PasswordHasher::pepperFrom(QProcessEnvironment::systemEnvironment());
    if (!pepper)
        return fail(pepper.error().toString());
    const QString salt = config::PasswordHasher::generateSalt();
    Result<QString> hash = config::PasswordHasher::hash(user, password, salt, *pepper);
    if (!hash)
        return fail(hash.error().toString());
    const QString hashText = *hash;
    Result<void> edited = m_document->edit(tr("Set service credentials"), [&](config::TomlEditor &editor) -> Result<void> {
        if (Result<void> r = editor.setValue(ConfigDocument::serviceRoot() << QStringLiteral("password_hash"), hashText); !r)
            return r;
        return editor.setValue(ConfigDocument::serviceRoot() << QStringLiteral("salt"), salt);
    });
    if (!edited)
        return fail(edited.error().toString());
    m_servicePassword->clear();
    m_servicePasswordRepeat->clear();
    m_serviceResult->setText(tr("Set for user \"%1\". Save the configuration to apply it; Undo takes it back.").arg(user));
    Q_EMIT message(tr("Service credentials set for user \"%1\" (password_hash and salt).").arg(user));
    updateServiceStatus();
    return true;
}

} // namespace tbds::ui
