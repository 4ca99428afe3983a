// SPDX-License-Identifier: Apache-2.0
#include "ui/models/configdocument.h"

#include "core/config/atomicfile.h"
#include "core/secrets/jiraconfigsecrets.h"
#include "ui/models/tomltextcommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUndoStack>

namespace tbds::ui {

namespace {
// Undo merge ids: consecutive raw-editor changes collapse into one step.
constexpr int RawTextMergeId = 1;
} // namespace

ConfigDocument::ConfigDocument(QObject *parent) : QObject(parent), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

ConfigDocument::~ConfigDocument() = default;

QStringList ConfigDocument::serviceRoot()
{
    return {QStringLiteral("testbench-defect-service")};
}

QStringList ConfigDocument::clientRoot()
{
    return {QStringLiteral("testbench-defect-service"), QStringLiteral("client_config")};
}

Result<void> ConfigDocument::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot open %1").arg(QDir::toNativeSeparators(path)), file.errorString()};
    const QByteArray bytes = file.readAll();
    m_path = QFileInfo(path).absoluteFilePath();
    m_savedText = bytes;
    m_undoStack->clear();
    m_clients.clear(); // a fresh look at every file the new document names
    replaceText(bytes);
    m_undoStack->setClean();
    Q_EMIT pathChanged(m_path);
    Q_EMIT modifiedChanged(false);
    return {};
}

Result<void> ConfigDocument::save()
{
    if (m_path.isEmpty())
        return Error{tr("The configuration has no file yet."), {}};
    return saveAs(m_path);
}

Result<void> ConfigDocument::saveAs(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // The client file first: a main file pointing at an unsaved client file would be worse.
    if (auto it = m_clients.find(m_clientPath); it != m_clients.end() && it->text != it->savedText) {
        if (Result<void> written = config::writeFileAtomically(m_clientPath, it->text); !written)
            return written;
        it->savedText = it->text;
    }
    // Only the client file changed: leave the main file (and its .bak) alone.
    const bool unchanged = absolute == m_path && m_text == m_savedText && QFileInfo::exists(absolute);
    if (!unchanged) {
        if (Result<void> written = config::writeFileAtomically(absolute, m_text); !written)
            return written;
    }
    const bool moved = absolute != m_path;
    m_path = absolute;
    m_savedText = m_text;
    m_undoStack->setClean();
    if (moved) {
        // Relative paths in the file now resolve against the new folder.
        syncClientFile();
        validate();
        Q_EMIT pathChanged(m_path);
        Q_EMIT textChanged();
    }
    Q_EMIT saved(m_path);
    return {};
}

bool ConfigDocument::isModified() const
{
    return !m_undoStack->isClean();
}

QString ConfigDocument::clientFilePath() const
{
    return currentClient() && currentClient()->editor ? m_clientPath : QString();
}

QByteArray ConfigDocument::clientText() const
{
    return currentClient() ? currentClient()->text : QByteArray();
}

QByteArray ConfigDocument::clientSavedText() const
{
    return currentClient() ? currentClient()->savedText : QByteArray();
}

QString ConfigDocument::clientFileProblem() const
{
    return currentClient() ? currentClient()->problem : QString();
}

const ConfigDocument::ClientFile *ConfigDocument::currentClient() const
{
    const auto it = m_clients.constFind(m_clientPath);
    return m_clientPath.isEmpty() || it == m_clients.cend() ? nullptr : &*it;
}

bool ConfigDocument::routesToClient(const QStringList &keyPath) const
{
    const QStringList root = clientRoot();
    return !m_clientPath.isEmpty() && keyPath.size() >= root.size() && keyPath.mid(0, root.size()) == root;
}

std::optional<config::TomlEditor::TomlValue> ConfigDocument::value(const QStringList &keyPath) const
{
    if (routesToClient(keyPath)) {
        const ClientFile *client = currentClient();
        return client && client->editor ? client->editor->value(keyPath) : std::nullopt;
    }
    return m_editor ? m_editor->value(keyPath) : std::nullopt;
}

bool ConfigDocument::contains(const QStringList &keyPath) const
{
    if (routesToClient(keyPath)) {
        const ClientFile *client = currentClient();
        return client && client->editor && client->editor->contains(keyPath);
    }
    return m_editor && m_editor->contains(keyPath);
}

QString ConfigDocument::stringValue(const QStringList &keyPath) const
{
    const std::optional<config::TomlEditor::TomlValue> found = value(keyPath);
    return found && std::holds_alternative<QString>(*found) ? std::get<QString>(*found) : QString();
}

Result<void> ConfigDocument::setValue(const QStringList &keyPath, const config::TomlEditor::TomlValue &value)
{
    if (this->value(keyPath) == value)
        return {};
    return edit(
        tr("Set %1").arg(keyPath.constLast()),
        [&](config::TomlEditor &editor) { return editor.setValue(keyPath, value); }, keyPath);
}

Result<void> ConfigDocument::remove(const QStringList &keyPath)
{
    if ((m_editor || routesToClient(keyPath)) && !contains(keyPath))
        return {};
    return edit(
        tr("Remove %1").arg(keyPath.constLast()), [&](config::TomlEditor &editor) { return editor.remove(keyPath); },
        keyPath);
}

Result<void> ConfigDocument::edit(const QString &description, const Edit &change, const QStringList &scope)
{
    if (routesToClient(scope)) {
        const ClientFile *client = currentClient();
        if (!client || !client->editor)
            return Error{tr("The client settings are read from %1 (client_config_path), which cannot be edited "
                            "here; edit that file or remove client_config_path.")
                             .arg(QDir::toNativeSeparators(m_clientPath)),
                         client ? client->problem : QString()};
        config::TomlEditor copy = *client->editor;
        if (Result<void> done = change(copy); !done)
            return done;
        const QByteArray after = copy.text();
        if (after != client->text)
            m_undoStack->push(new TomlTextCommand(this, client->text, after, description, -1, m_clientPath));
        return {};
    }
    if (!m_editor)
        return Error{tr("The configuration is not valid TOML; fix the text first"), m_syntaxError};
    config::TomlEditor copy = *m_editor; // work on a copy: a failing step must change nothing
    if (Result<void> done = change(copy); !done)
        return done;
    const QByteArray after = copy.text();
    if (after != m_text)
        push(description, after, -1);
    return {};
}

void ConfigDocument::setText(const QByteArray &text)
{
    if (text != m_text)
        push(tr("Edit text"), text, RawTextMergeId);
}

void ConfigDocument::push(const QString &description, const QByteArray &after, int mergeId)
{
    m_undoStack->push(new TomlTextCommand(this, m_text, after, description, mergeId));
}

void ConfigDocument::replaceText(const QByteArray &text)
{
    m_text = text;
    Result<config::TomlEditor> parsed = config::TomlEditor::fromText(text, m_path);
    if (parsed) {
        m_editor = std::move(parsed).value();
        m_syntaxError.clear();
    } else {
        m_editor.reset();
        m_syntaxError = parsed.error().toString();
    }
    syncClientFile();
    validate();
    Q_EMIT textChanged();
}

void ConfigDocument::replaceClientText(const QString &clientPath, const QByteArray &text)
{
    auto it = m_clients.find(clientPath);
    if (it == m_clients.end())
        return;
    it->text = text;
    parseClient(*it, clientPath);
    validate();
    Q_EMIT textChanged();
}

void ConfigDocument::parseClient(ClientFile &client, const QString &path)
{
    Result<config::TomlEditor> parsed = config::TomlEditor::fromText(client.text, path);
    if (!parsed) {
        client.editor.reset();
        client.problem = parsed.error().toString();
        return;
    }
    client.editor = std::move(parsed).value();
    client.problem.clear();
    // A full config.toml keeps its client settings in client_config; a plain client file at the top.
    client.editor->setKeyPathAlias(clientRoot(), client.editor->contains(clientRoot()) ? clientRoot() : QStringList());
}

void ConfigDocument::syncClientFile()
{
    QString path;
    if (m_editor) {
        const auto value = m_editor->value(serviceRoot() << QStringLiteral("client_config_path"));
        if (value && std::holds_alternative<QString>(*value) && !std::get<QString>(*value).trimmed().isEmpty()) {
            // Like the loader: relative to the config file's folder.
            const QString given = std::get<QString>(*value);
            const QDir base = m_path.isEmpty() ? QDir::current() : QFileInfo(m_path).absoluteDir();
            path = QDir::cleanPath(base.absoluteFilePath(given));
        }
    }
    m_clientPath = path;
    if (const auto known = m_clients.constFind(path); path.isEmpty() || (known != m_clients.cend() && known->editor))
        return; // known: keep its unsaved edits
    ClientFile client;
    QFile file(path);
    if (QFileInfo(path).suffix().toLower() != QLatin1String("toml")) {
        client.problem = tr("Only .toml client files are edited here.");
    } else if (!file.open(QIODevice::ReadOnly)) {
        client.problem = file.errorString();
    } else {
        client.text = client.savedText = file.readAll();
        parseClient(client, path);
    }
    // A file with a problem is read again next time: it may appear or be fixed meanwhile.
    m_clients.insert(path, std::move(client));
}

void ConfigDocument::validate()
{
    config::LoadOptions options;
    options.externalSecrets = m_externalSecrets;
    if (const ClientFile *client = currentClient(); client && client->editor)
        options.fileContents.insert(m_clientPath, client->text);
    m_validation = config::ConfigLoader::loadText(m_text, m_path, options);
    m_jiraSettings.reset();
}

const std::optional<config::JiraClientConfig> &ConfigDocument::jiraSettings() const
{
    if (!m_jiraSettings) {
        if (m_validation.config) {
            m_jiraSettings = m_validation.config->clientKind == config::ClientKind::Jira
                ? m_validation.config->jira
                : std::optional<config::JiraClientConfig>();
        } else {
            // Every page asks several times per change while the secret is still unknown: probe once.
            config::LoadOptions options;
            if (const ClientFile *client = currentClient(); client && client->editor)
                options.fileContents.insert(m_clientPath, client->text);
            m_jiraSettings = secrets::JiraConfigSecrets::profile(config::ConfigLoader::loadText(
                m_text, m_path, secrets::JiraConfigSecrets::probeOptions(options)));
        }
    }
    return *m_jiraSettings;
}

void ConfigDocument::setExternalSecrets(const QMap<QString, QString> &secrets)
{
    if (secrets == m_externalSecrets)
        return;
    m_externalSecrets = secrets;
    validate();
    Q_EMIT textChanged();
}

} // namespace tbds::ui
