// SPDX-License-Identifier: Apache-2.0
#include "ui/configurationpage.h"

#include "core/config/configloader.h"
#include "ui/models/configdocument.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <tuple>

namespace tbds::ui {

namespace {

using config::TomlEditor;

const QString JsonlClass = QStringLiteral("JsonlDefectClient");
const QString JiraClass = QStringLiteral("JiraDefectClient");

QStringList service(std::initializer_list<const char *> keys)
{
    QStringList path = ConfigDocument::serviceRoot();
    for (const char *k : keys)
        path.append(QString::fromLatin1(k));
    return path;
}

QStringList client(std::initializer_list<const char *> keys)
{
    QStringList path = ConfigDocument::clientRoot();
    for (const char *k : keys)
        path.append(QString::fromLatin1(k));
    return path;
}

QStringList splitList(const QString &text)
{
    QStringList out;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &p : parts)
        if (!p.trimmed().isEmpty())
            out.append(p.trimmed());
    return out;
}

QString valueText(const std::optional<TomlEditor::TomlValue> &value)
{
    if (!value)
        return {};
    if (const auto *s = std::get_if<QString>(&*value))
        return *s;
    if (const auto *l = std::get_if<QStringList>(&*value))
        return l->join(QStringLiteral(", "));
    return TomlEditor::formatValue(*value);
}

/**
 * Line of each `key = ...` in the text, by dotted path (unquoted parts only), so loader findings
 * that name no key (e.g. "file not found") can still be put next to their field.
 */
QHash<QString, int> keyLines(const QByteArray &text)
{
    static const QRegularExpression header(QStringLiteral("^\\s*\\[([A-Za-z0-9_.\\-]+)\\]"));
    static const QRegularExpression key(QStringLiteral("^\\s*([A-Za-z0-9_\\-]+)\\s*="));
    QHash<QString, int> lines;
    QString table;
    const QStringList all = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (const QRegularExpressionMatch h = header.match(all[i]); h.hasMatch()) {
            table = h.captured(1);
        } else if (all[i].trimmed().startsWith(QLatin1Char('['))) {
            table.clear(); // a quoted or array header: none of our fields live there
        } else if (const QRegularExpressionMatch k = key.match(all[i]); k.hasMatch() && !table.isEmpty()) {
            lines.insert(table + QLatin1Char('.') + k.captured(1), int(i + 1));
        }
    }
    return lines;
}

} // namespace

ConfigurationPage::ConfigurationPage(ConfigDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document)
{
    setObjectName(QStringLiteral("configurationPage"));
    auto *layout = new QVBoxLayout(this);

    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("validationLabel"));
    m_status->setAccessibleName(tr("Validation result"));
    m_editError = new QLabel(this);
    m_editError->setObjectName(QStringLiteral("editErrorLabel"));
    m_editError->setWordWrap(true);
    m_editError->hide();
    statusRow->addWidget(m_status, 1);
    layout->addLayout(statusRow);
    layout->addWidget(m_editError);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("configTabs"));

    // --- form ---
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setObjectName(QStringLiteral("configFormScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFocusPolicy(Qt::NoFocus); // a nameless tab stop otherwise; the fields scroll into view
    auto *formHost = new QWidget(scroll);
    auto *columns = new QHBoxLayout(formHost);
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);

    const config::ServiceConfig defaults;
    const config::JsonlClientConfig jsonlDefaults;
    const config::JiraClientConfig jiraDefaults;
    const QStringList levels = {QStringLiteral("DEBUG"), QStringLiteral("INFO"), QStringLiteral("WARNING"),
                                QStringLiteral("ERROR"), QStringLiteral("CRITICAL")};

    QFormLayout *form = nullptr;
    left->addWidget(addGroup(formHost, tr("Service"), QStringLiteral("serviceGroup"), &form));
    m_client = new QComboBox(formHost);
    m_client->setObjectName(QStringLiteral("clientCombo"));
    m_client->setAccessibleName(tr("Defect client"));
    m_client->addItem(tr("JSONL files"), JsonlClass);
    m_client->addItem(tr("Jira"), JiraClass);
    m_client->setToolTip(tr("client_class: where the service keeps defects"));
    form->addRow(tr("&Client:"), m_client);
    connect(m_client, &QComboBox::activated, this, &ConfigurationPage::commitClient);
    addField(form, tr("H&ost:"), service({"host"}), Kind::Text, QStringLiteral("hostEdit"), defaults.host);
    addField(form, tr("&Port:"), service({"port"}), Kind::Int, QStringLiteral("portSpin"),
             QString::number(defaults.port), {}, 1, 65535);
    addField(form, tr("&Debug:"), service({"debug"}), Kind::Bool, QStringLiteral("debugCombo"), tr("no"));
    addField(form, tr("Client settings file:"), service({"client_config_path"}), Kind::Path,
             QStringLiteral("clientConfigPathEdit"), tr("none: the client settings are in this file"));

    left->addWidget(addGroup(formHost, tr("TLS"), QStringLiteral("tlsGroup"), &form));
    addField(form, tr("Cert&ificate:"), service({"ssl_cert"}), Kind::Path, QStringLiteral("sslCertEdit"),
             tr("none: plain HTTP"));
    addField(form, tr("&Key:"), service({"ssl_key"}), Kind::Path, QStringLiteral("sslKeyEdit"), tr("none: plain HTTP"));
    addField(form, tr("C&lient CA:"), service({"ssl_ca_cert"}), Kind::Path, QStringLiteral("sslCaCertEdit"),
             tr("none: no client certificates"));

    left->addWidget(addGroup(formHost, tr("Reverse proxy"), QStringLiteral("proxyGroup"), &form));
    addField(form, tr("Trusted pro&xies:"), service({"proxies_count"}), Kind::Int, QStringLiteral("proxiesCountSpin"),
             tr("not set"), {}, 0, 100);
    addField(form, tr("&Real IP header:"), service({"real_ip_header"}), Kind::Text, QStringLiteral("realIpHeaderEdit"),
             tr("e.g. X-Real-IP"));
    addField(form, tr("For&warded secret:"), service({"forwarded_secret"}), Kind::Secret,
             QStringLiteral("forwardedSecretEdit"), tr("not set"));
    addField(form, tr("Keep-&alive timeout (s):"), service({"server", "keep_alive_timeout"}), Kind::Int,
             QStringLiteral("keepAliveSpin"), QString::number(defaults.server.keepAliveTimeout), {}, 1, 120);

    left->addWidget(addGroup(formHost, tr("Logging"), QStringLiteral("loggingGroup"), &form));
    addField(form, tr("Console level:"), service({"logging", "console", "log_level"}), Kind::Choice,
             QStringLiteral("consoleLevelCombo"), defaults.consoleLog.level, levels);
    addField(form, tr("Console format:"), service({"logging", "console", "log_format"}), Kind::Text,
             QStringLiteral("consoleFormatEdit"), defaults.consoleLog.format);
    addField(form, tr("File level:"), service({"logging", "file", "log_level"}), Kind::Choice,
             QStringLiteral("fileLevelCombo"), defaults.fileLog.level, levels);
    addField(form, tr("File format:"), service({"logging", "file", "log_format"}), Kind::Text,
             QStringLiteral("fileFormatEdit"), defaults.fileLog.format);
    addField(form, tr("Log file:"), service({"logging", "file", "file_path"}), Kind::Path,
             QStringLiteral("logFileEdit"), defaults.fileLog.filePath);
    left->addStretch(1);

    m_clientNote = new QLabel(formHost);
    m_clientNote->setObjectName(QStringLiteral("clientNote"));
    m_clientNote->setWordWrap(true);
    m_clientNote->hide();
    right->addWidget(m_clientNote);

    m_jsonlGroup = addGroup(formHost, tr("JSONL client"), QStringLiteral("jsonlGroup"), &form);
    right->addWidget(m_jsonlGroup);
    addField(form, tr("&Name:"), client({"name"}), Kind::Text, QStringLiteral("jsonlNameEdit"), jsonlDefaults.name);
    addField(form, tr("Description:"), client({"description"}), Kind::Text, QStringLiteral("jsonlDescriptionEdit"),
             jsonlDefaults.description);
    addField(form, tr("Defect&s folder:"), client({"defects_path"}), Kind::Folder, QStringLiteral("defectsPathEdit"),
             tr("required"));
    addField(form, tr("Read-only:"), client({"readonly"}), Kind::Bool, QStringLiteral("jsonlReadonlyCombo"), tr("no"));
    addField(form, tr("Attributes:"), client({"attributes"}), Kind::List, QStringLiteral("jsonlAttributesEdit"),
             jsonlDefaults.attributes.join(QStringLiteral(", ")));
    addField(form, tr("Control fields:"), client({"control_fields"}), Kind::FieldMap,
             QStringLiteral("jsonlControlFieldsEdit"), tr("status: open, closed; priority: low, high"));
    addField(form, tr("Change timestamps:"), client({"supports_changes_timestamps"}), Kind::Bool,
             QStringLiteral("jsonlChangeTimestampsCombo"), tr("yes"));

    m_jiraGroup = addGroup(formHost, tr("Jira client"), QStringLiteral("jiraGroup"), &form);
    right->addWidget(m_jiraGroup);
    addField(form, tr("Name:"), client({"name"}), Kind::Text, QStringLiteral("jiraNameEdit"), jiraDefaults.name);
    addField(form, tr("Server &URL:"), client({"server_url"}), Kind::Text, QStringLiteral("jiraServerUrlEdit"),
             tr("https://example.atlassian.net"));
    addField(form, tr("Authentication:"), client({"auth_type"}), Kind::Choice, QStringLiteral("jiraAuthTypeCombo"),
             QStringLiteral("basic"), {QStringLiteral("basic"), QStringLiteral("token"), QStringLiteral("oauth1")});
    addField(form, tr("User&name:"), client({"username"}), Kind::Text, QStringLiteral("jiraUsernameEdit"),
             tr("or JIRA_USERNAME"));
    addField(form, tr("OAuth private key file:"), client({"oauth1_key_cert_path"}), Kind::Path,
             QStringLiteral("jiraOAuthKeyFileEdit"), tr("only for OAuth 1.0a (or the key on the Credentials page)"));
    addField(form, tr("Verify TLS:"), client({"verify_ssl"}), Kind::Bool, QStringLiteral("jiraVerifySslCombo"), tr("yes"));
    addField(form, tr("CA certificate:"), client({"ssl_ca_cert_path"}), Kind::Path, QStringLiteral("jiraCaCertEdit"),
             tr("system certificates"));
    addField(form, tr("Client certificate:"), client({"client_cert_path"}), Kind::Path,
             QStringLiteral("jiraClientCertEdit"), tr("none"));
    addField(form, tr("Client key:"), client({"client_key_path"}), Kind::Path, QStringLiteral("jiraClientKeyEdit"),
             tr("none"));
    addField(form, tr("Defect &JQL:"), client({"defect_jql"}), Kind::Text, QStringLiteral("jiraDefectJqlEdit"),
             jiraDefaults.defectJql);
    addField(form, tr("Attributes:"), client({"attributes"}), Kind::List, QStringLiteral("jiraAttributesEdit"),
             jiraDefaults.attributes.join(QStringLiteral(", ")));
    addField(form, tr("Control fields:"), client({"control_fields"}), Kind::List, QStringLiteral("jiraControlFieldsEdit"),
             jiraDefaults.controlFields.join(QStringLiteral(", ")));
    addField(form, tr("Read-only:"), client({"readonly"}), Kind::Bool, QStringLiteral("jiraReadonlyCombo"), tr("no"));
    addField(form, tr("Change history:"), client({"show_change_history"}), Kind::Bool,
             QStringLiteral("jiraChangeHistoryCombo"), tr("no"));
    addField(form, tr("Change timestamps:"), client({"supports_changes_timestamps"}), Kind::Bool,
             QStringLiteral("jiraChangeTimestampsCombo"), tr("yes"));
    addField(form, tr("Attachments folder:"), client({"attachments_root"}), Kind::Folder,
             QStringLiteral("jiraAttachmentsRootEdit"), tr("none: no local file is attached"));
    addField(form, tr("Shared authentication:"), client({"enable_shared_auth"}), Kind::Bool,
             QStringLiteral("jiraSharedAuthCombo"), tr("per user"));
    addField(form, tr("Timeout (s):"), client({"timeout"}), Kind::Int, QStringLiteral("jiraTimeoutSpin"),
             QString::number(jiraDefaults.timeout), {}, 1, 3600);
    addField(form, tr("Retries:"), client({"max_retries"}), Kind::Int, QStringLiteral("jiraMaxRetriesSpin"),
             QString::number(jiraDefaults.maxRetries), {}, 0, 10);

    // Hook scripts: the same keys for both clients, so one group serves either.
    right->addWidget(addGroup(formHost, tr("Sync hooks"), QStringLiteral("hooksGroup"), &form));
    const QList<std::tuple<const char *, const char *, QString>> hooks = {
        {"presync", "scheduled", tr("Before a scheduled sync:")}, {"presync", "manual", tr("Before a manual sync:")},
        {"presync", "partial", tr("Before a partial sync:")},     {"postsync", "scheduled", tr("After a scheduled sync:")},
        {"postsync", "manual", tr("After a manual sync:")},       {"postsync", "partial", tr("After a partial sync:")}};
    for (const auto &[when, kind, label] : hooks) {
        const QString name = QString::fromLatin1(when) + QString::fromLatin1(kind).left(1).toUpper()
            + QString::fromLatin1(kind).mid(1);
        addField(form, label, client({"commands", when, kind}), Kind::Path,
                 QStringLiteral("hook%1Edit").arg(name.left(1).toUpper() + name.mid(1)), tr("none"));
    }
    right->addStretch(1);

    scroll->setWidget(formHost);
    m_tabs->addTab(scroll, tr("For&m"));

    // --- raw text ---
    m_raw = new QPlainTextEdit(m_tabs);
    m_raw->setObjectName(QStringLiteral("rawTomlEdit"));
    m_raw->setAccessibleName(tr("Configuration as TOML text"));
    // Tab indents here; Ctrl+Tab leaves (see eventFilter), and a screen reader should say so.
    m_raw->setAccessibleDescription(
        tr("Tab indents; Ctrl+Tab moves to the next control, Ctrl+Shift+Tab to the previous one"));
    m_raw->installEventFilter(this);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_raw, tr("&TOML"));
    m_rawTimer = new QTimer(this);
    m_rawTimer->setSingleShot(true);
    m_rawTimer->setInterval(400); // validate after a pause in typing, not on every key
    connect(m_raw, &QPlainTextEdit::textChanged, this, [this] {
        if (m_raw->toPlainText().toUtf8() != m_document->text())
            m_rawTimer->start();
    });
    connect(m_rawTimer, &QTimer::timeout, this, &ConfigurationPage::applyRawText);

    // --- findings ---
    m_diagnostics = new QListWidget(splitter);
    m_diagnostics->setObjectName(QStringLiteral("diagnosticsList"));
    m_diagnostics->setAccessibleName(tr("Problems in the configuration"));
    connect(m_diagnostics, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (const int line = item->data(Qt::UserRole).toInt(); line > 0)
            showTextLine(line);
    });
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_diagnostics);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_document, &ConfigDocument::textChanged, this, &ConfigurationPage::refresh);
    refresh();
}

ConfigurationPage::~ConfigurationPage() = default;

QGroupBox *ConfigurationPage::addGroup(QWidget *container, const QString &title, const QString &objectName,
                                       QFormLayout **form)
{
    auto *group = new QGroupBox(title, container);
    group->setObjectName(objectName);
    *form = new QFormLayout(group);
    (*form)->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    return group;
}

QList<QStringList> ConfigurationPage::fieldPaths() const
{
    QList<QStringList> paths;
    for (const Field &field : m_fields)
        paths << field.path;
    return paths;
}

void ConfigurationPage::addField(QFormLayout *form, const QString &label, const QStringList &path, Kind kind,
                                 const QString &objectName, const QString &defaultText, const QStringList &choices,
                                 int minimum, int maximum)
{
    QWidget *parent = form->parentWidget();
    auto *row = new QWidget(parent);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    Field field{path, kind, nullptr, new QLabel(row)};
    const QString accessible = QString(label).remove(QLatin1Char('&')).remove(QLatin1Char(':'));

    switch (kind) {
    case Kind::Text:
    case Kind::Secret:
    case Kind::Path:
    case Kind::Folder:
    case Kind::List:
    case Kind::FieldMap: {
        auto *edit = new QLineEdit(row);
        edit->setPlaceholderText(defaultText);
        edit->setClearButtonEnabled(true);
        if (kind == Kind::Secret)
            edit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
        field.editor = edit;
        h->addWidget(edit, 1);
        if (kind == Kind::Path || kind == Kind::Folder) {
            auto *button = new QToolButton(row);
            button->setObjectName(objectName + QStringLiteral("Browse"));
            button->setText(QStringLiteral("…"));
            button->setToolTip(kind == Kind::Folder ? tr("Choose a folder") : tr("Choose a file"));
            button->setAccessibleName(tr("Browse for %1").arg(accessible));
            h->addWidget(button);
            const int index = int(m_fields.size());
            connect(button, &QToolButton::clicked, this, [this, index] { browse(m_fields.at(index)); });
        }
        break;
    }
    case Kind::Int: {
        auto *spin = new QSpinBox(row);
        // One below the minimum means "not set": the key is removed and the default applies.
        field.unsetValue = minimum - 1;
        spin->setRange(field.unsetValue, maximum);
        spin->setSpecialValueText(tr("Default (%1)").arg(defaultText));
        spin->setAccelerated(true);
        field.editor = spin;
        h->addWidget(spin, 1);
        break;
    }
    case Kind::Bool:
    case Kind::Choice: {
        auto *combo = new QComboBox(row);
        combo->addItem(tr("Default (%1)").arg(defaultText));
        if (kind == Kind::Bool) {
            combo->addItem(tr("Yes"), true);
            combo->addItem(tr("No"), false);
        } else {
            for (const QString &c : choices)
                combo->addItem(c, c);
        }
        field.editor = combo;
        h->addWidget(combo, 1);
        break;
    }
    }
    field.editor->setObjectName(objectName);
    field.editor->setAccessibleName(accessible);
    field.editor->setToolTip(TomlEditor::formatKeyPath(path.mid(1)));
    field.problem->setObjectName(objectName + QStringLiteral("Problem"));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    field.problem->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    field.problem->hide();
    h->addWidget(field.problem);
    auto *labelWidget = new QLabel(label, parent);
    labelWidget->setBuddy(field.editor);
    form->addRow(labelWidget, row);

    const int index = int(m_fields.size());
    m_fields.append(field);
    if (auto *edit = qobject_cast<QLineEdit *>(field.editor))
        connect(edit, &QLineEdit::editingFinished, this, [this, index] { commit(m_fields.at(index)); });
    else if (auto *spin = qobject_cast<QSpinBox *>(field.editor))
        connect(spin, &QSpinBox::editingFinished, this, [this, index] { commit(m_fields.at(index)); });
    else if (auto *combo = qobject_cast<QComboBox *>(field.editor))
        connect(combo, &QComboBox::activated, this, [this, index] { commit(m_fields.at(index)); });
}

void ConfigurationPage::commit(const Field &field)
{
    if (!m_document->isOpen())
        return;
    Result<void> result;
    const std::optional<TomlEditor::TomlValue> current = m_document->value(field.path);
    switch (field.kind) {
    case Kind::Text:
    case Kind::Secret:
    case Kind::Path:
    case Kind::Folder: {
        const QString text = static_cast<QLineEdit *>(field.editor)->text().trimmed();
        if (text == valueText(current))
            return; // focus left the field without a change
        result = text.isEmpty() ? m_document->remove(field.path) : m_document->setValue(field.path, text);
        break;
    }
    case Kind::List: {
        const QStringList list = splitList(static_cast<QLineEdit *>(field.editor)->text());
        if (current && std::holds_alternative<QStringList>(*current) && std::get<QStringList>(*current) == list)
            return;
        result = list.isEmpty() ? m_document->remove(field.path) : m_document->setValue(field.path, list);
        break;
    }
    case Kind::FieldMap: {
        // `field: a, b; other: c` ↔ a [control_fields] table of string lists.
        const QString text = static_cast<QLineEdit *>(field.editor)->text();
        QMap<QString, QStringList> fields;
        const QStringList groups = text.split(QLatin1Char(';'));
        for (const QString &group : groups) {
            if (group.trimmed().isEmpty())
                continue;
            const qsizetype colon = group.indexOf(QLatin1Char(':'));
            if (colon <= 0) {
                result = Error{tr("Write control fields as 'field: value, value; other: value'"), group.trimmed()};
                break;
            }
            fields.insert(group.left(colon).trimmed(), splitList(group.mid(colon + 1)));
        }
        if (!result)
            break;
        QMap<QString, QStringList> existing;
        for (const auto &[name, values] : fields.asKeyValueRange())
            if (const auto v = m_document->value(QStringList(field.path) << name); v && std::holds_alternative<QStringList>(*v))
                existing.insert(name, std::get<QStringList>(*v));
        if (existing == fields && m_document->contains(field.path))
            return;
        const QStringList path = field.path;
        result = m_document->edit(tr("Set %1").arg(path.constLast()), [path, fields](TomlEditor &editor) -> Result<void> {
            if (Result<void> removed = editor.remove(path); !removed)
                return removed;
            for (auto it = fields.cbegin(); it != fields.cend(); ++it)
                if (Result<void> set = editor.setValue(QStringList(path) << it.key(), it.value()); !set)
                    return set;
            return {};
        }, path);
        break;
    }
    case Kind::Int: {
        auto *spin = static_cast<QSpinBox *>(field.editor);
        if (spin->value() == field.unsetValue)
            result = m_document->remove(field.path);
        else
            result = m_document->setValue(field.path, qint64(spin->value()));
        break;
    }
    case Kind::Bool:
    case Kind::Choice: {
        auto *combo = static_cast<QComboBox *>(field.editor);
        const QVariant data = combo->currentData();
        if (!data.isValid())
            result = m_document->remove(field.path);
        else if (field.kind == Kind::Bool)
            result = m_document->setValue(field.path, data.toBool());
        else
            result = m_document->setValue(field.path, data.toString());
        break;
    }
    }
    if (!result) {
        m_editError->setText(tr("Not changed: %1").arg(result.error().toString()));
        m_editError->show();
        refreshField(field); // show the document's value again, not the refused input
    } else {
        m_editError->hide();
    }
}

void ConfigurationPage::commitClient(int index)
{
    const QString cls = m_client->itemData(index).toString();
    const std::optional<TomlEditor::TomlValue> current = m_document->value(service({"client_class"}));
    if (current && config::ConfigLoader::parseClientClass(valueText(current))
        == config::ConfigLoader::parseClientClass(cls))
        return; // another spelling of the same client: keep the admin's spelling
    if (Result<void> r = m_document->setValue(service({"client_class"}), cls); !r) {
        m_editError->setText(tr("Not changed: %1").arg(r.error().toString()));
        m_editError->show();
    }
}

void ConfigurationPage::refresh()
{
    const bool open = m_document->isOpen();
    setEnabled(open);
    for (const Field &field : std::as_const(m_fields))
        refreshField(field);

    const std::optional<TomlEditor::TomlValue> cls = m_document->value(service({"client_class"}));
    const std::optional<config::ClientKind> kind
        = cls ? config::ConfigLoader::parseClientClass(valueText(cls)) : std::optional(config::ClientKind::Jsonl);
    {
        const QSignalBlocker blocker(m_client);
        m_client->setCurrentIndex(kind == config::ClientKind::Jira ? 1 : 0);
    }
    m_jsonlGroup->setVisible(kind != config::ClientKind::Jira);
    m_jiraGroup->setVisible(kind == config::ClientKind::Jira);
    const std::optional<TomlEditor::TomlValue> external = m_document->value(service({"client_config_path"}));
    // With client_config_path the client settings live in another file: a .toml one is edited
    // right here (and saved with the config); anything else has to be edited outside.
    m_clientNote->setVisible(external.has_value());
    if (!m_document->clientFilePath().isEmpty())
        m_clientNote->setText(tr("The client settings below are read from and saved to %1 (client_config_path).")
                                  .arg(QDir::toNativeSeparators(m_document->clientFilePath())));
    else
        m_clientNote->setText(tr("The client settings are read from %1 (client_config_path), which cannot be edited "
                                 "here: %2 Edit that file, or remove client_config_path to keep them in this file.")
                                  .arg(valueText(external), m_document->clientFileProblem()));

    const QString text = QString::fromUtf8(m_document->text());
    if (m_raw->toPlainText() != text) {
        // Keep the reader's place: same line and scroll position after an outside change.
        const int line = m_raw->textCursor().blockNumber();
        const int scroll = m_raw->verticalScrollBar()->value();
        const QSignalBlocker blocker(m_raw);
        m_raw->setPlainText(text);
        QTextCursor cursor(m_raw->document()->findBlockByNumber(qMin(line, m_raw->document()->blockCount() - 1)));
        m_raw->setTextCursor(cursor);
        m_raw->verticalScrollBar()->setValue(scroll);
    }
    refreshDiagnostics();
}

void ConfigurationPage::refreshField(const Field &field)
{
    const std::optional<TomlEditor::TomlValue> value = m_document->value(field.path);
    switch (field.kind) {
    case Kind::Text:
    case Kind::Secret:
    case Kind::Path:
    case Kind::Folder:
    case Kind::List: {
        auto *edit = static_cast<QLineEdit *>(field.editor);
        if (edit->text() != valueText(value)) {
            edit->setText(valueText(value));
            edit->setCursorPosition(0); // show the start of long values (JQL, formats)
        }
        break;
    }
    case Kind::FieldMap: {
        // The editor does not list a table's keys; the validated config has them. While the
        // text does not validate, the field keeps what it shows.
        const auto &v = m_document->validation();
        if (!v.config || !v.config->jsonl)
            break;
        QStringList parts;
        for (const auto &[name, values] : v.config->jsonl->controlFields.asKeyValueRange())
            parts.append(name + QStringLiteral(": ") + values.join(QStringLiteral(", ")));
        auto *edit = static_cast<QLineEdit *>(field.editor);
        if (edit->text() != parts.join(QStringLiteral("; "))) {
            edit->setText(parts.join(QStringLiteral("; ")));
            edit->setCursorPosition(0);
        }
        break;
    }
    case Kind::Int: {
        auto *spin = static_cast<QSpinBox *>(field.editor);
        const QSignalBlocker blocker(spin);
        if (value && std::holds_alternative<qint64>(*value))
            spin->setValue(int(std::get<qint64>(*value)));
        else
            spin->setValue(field.unsetValue);
        break;
    }
    case Kind::Bool:
    case Kind::Choice: {
        auto *combo = static_cast<QComboBox *>(field.editor);
        const QSignalBlocker blocker(combo);
        int index = 0;
        if (value && field.kind == Kind::Bool && std::holds_alternative<bool>(*value))
            index = std::get<bool>(*value) ? 1 : 2;
        else if (value && field.kind == Kind::Choice) {
            index = combo->findData(valueText(value));
            if (index < 0) { // a value the loader will reject: show it as it is
                combo->addItem(valueText(value), valueText(value));
                index = combo->count() - 1;
            }
        }
        combo->setCurrentIndex(index);
        break;
    }
    }
}

void ConfigurationPage::refreshDiagnostics()
{
    m_diagnostics->clear();
    for (const Field &field : std::as_const(m_fields)) {
        field.problem->hide();
        field.problem->setToolTip({});
    }
    config::Diagnostics findings = m_document->validation().diagnostics;
    if (!m_document->isParsable() && findings.isEmpty()) {
        config::Diagnostic d;
        d.file = m_document->path();
        d.message = m_document->syntaxError();
        findings.append(d);
    }
    const QHash<QString, int> lines = keyLines(m_document->text());
    int errors = 0;
    int warnings = 0;
    for (const config::Diagnostic &d : std::as_const(findings)) {
        d.isError() ? ++errors : ++warnings;
        auto *item = new QListWidgetItem(
            style()->standardIcon(d.isError() ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning),
            d.toString(), m_diagnostics);
        item->setData(Qt::UserRole, d.line);
        for (const Field &field : std::as_const(m_fields)) {
            const QString section = field.path.mid(0, field.path.size() - 1).join(QLatin1Char('.'));
            const QString named = QStringLiteral("'%1' in [%2]").arg(field.path.constLast(), section);
            const int keyLine = lines.value(field.path.join(QLatin1Char('.')), -1);
            if (d.message.contains(named) || (d.line > 0 && d.line == keyLine)) {
                field.problem->show();
                const QString tip = field.problem->toolTip();
                field.problem->setToolTip(tip.isEmpty() ? d.toString() : tip + QLatin1Char('\n') + d.toString());
                field.problem->setAccessibleName(field.problem->toolTip());
            }
        }
    }
    // The list only takes room when there is something to read in it.
    m_diagnostics->setVisible(!findings.isEmpty());
    if (!m_document->isOpen())
        m_status->setText(tr("No configuration open."));
    else if (errors == 0 && warnings == 0)
        m_status->setText(tr("The configuration is valid."));
    else
        m_status->setText(tr("%n error(s)", nullptr, errors) + QStringLiteral(", ") + tr("%n warning(s)", nullptr, warnings)
                          + QStringLiteral(" — ") + tr("double-click a finding to show its line"));
}

bool ConfigurationPage::eventFilter(QObject *watched, QEvent *event)
{
    // Tab indents in the TOML text, so Ctrl+Tab and Ctrl+Shift+Tab move the focus on, as in GTK's
    // text views. Left alone, QTabWidget would take Ctrl+Tab to switch tabs: no way out by keyboard.
    if (watched == m_raw && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Tab || key->key() == Qt::Key_Backtab) && (key->modifiers() & Qt::ControlModifier)) {
            focusNextPrevChild(key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ConfigurationPage::applyRawText()
{
    m_document->setText(m_raw->toPlainText().toUtf8());
}

void ConfigurationPage::showTextLine(int line)
{
    m_tabs->setCurrentWidget(m_raw);
    QTextCursor cursor(m_raw->document()->findBlockByNumber(qMax(0, line - 1)));
    m_raw->setTextCursor(cursor);
    m_raw->centerCursor();
    m_raw->setFocus();
}

QString ConfigurationPage::relativeToConfig(const QString &path) const
{
    // Relative paths resolve against the config's folder (DESIGN.md), so files next to the
    // config stay portable when the whole folder moves.
    const QDir base = QFileInfo(m_document->path()).absoluteDir();
    const QString relative = base.relativeFilePath(path);
    return relative.startsWith(QStringLiteral("..")) ? QDir::fromNativeSeparators(path) : relative;
}

void ConfigurationPage::browse(const Field &field)
{
    auto *edit = static_cast<QLineEdit *>(field.editor);
    const QString start = QFileInfo(m_document->path()).absolutePath();
    const QString chosen = field.kind == Kind::Folder
        ? QFileDialog::getExistingDirectory(this, tr("Choose a folder"), start)
        : QFileDialog::getOpenFileName(this, tr("Choose a file"), start);
    if (chosen.isEmpty())
        return;
    edit->setText(relativeToConfig(chosen));
    commit(field);
}

} // namespace tbds::ui
