// SPDX-License-Identifier: Apache-2.0
#include "ui/models/configdocument.h"

#include "core/config/atomicfile.h"
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
    if (Result<void> written = config::writeFileAtomically(absolute, m_text); !written)
        return written;
    const bool moved = absolute != m_path;
    m_path = absolute;
    m_savedText = m_text;
    m_undoStack->setClean();
    if (moved) {
        // Relative paths in the file now resolve against the new folder.
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

std::optional<config::TomlEditor::TomlValue> ConfigDocument::value(const QStringList &keyPath) const
{
    return m_editor ? m_editor->value(keyPath) : std::nullopt;
}

bool ConfigDocument::contains(const QStringList &keyPath) const
{
    return m_editor && m_editor->contains(keyPath);
}

Result<void> ConfigDocument::setValue(const QStringList &keyPath, const config::TomlEditor::TomlValue &value)
{
    if (m_editor && m_editor->value(keyPath) == value)
        return {};
    return edit(tr("Set %1").arg(keyPath.constLast()),
                [&](config::TomlEditor &editor) { return editor.setValue(keyPath, value); });
}

Result<void> ConfigDocument::remove(const QStringList &keyPath)
{
    if (m_editor && !m_editor->contains(keyPath))
        return {};
    return edit(tr("Remove %1").arg(keyPath.constLast()),
                [&](config::TomlEditor &editor) { return editor.remove(keyPath); });
}

Result<void> ConfigDocument::edit(const QString &description, const Edit &change)
{
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
    validate();
    Q_EMIT textChanged();
}

void ConfigDocument::validate()
{
    config::LoadOptions options;
    options.externalSecrets = m_externalSecrets;
    m_validation = config::ConfigLoader::loadText(m_text, m_path, options);
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
