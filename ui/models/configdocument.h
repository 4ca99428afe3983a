// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/configloader.h"
#include "core/config/tomleditor.h"

#include <QByteArray>
#include <QObject>
#include <QHash>
#include <QMap>
#include <QString>

#include <functional>
#include <optional>

class QUndoStack;

namespace tbds::ui {

/**
 * The config.toml the window works on: its text, its file, the undo history of edits and the
 * loader's verdict on the current text.
 *
 * The text is the single source of truth. Every change (a form field, a project override, the
 * raw editor) replaces it through one undoable command, and is spliced by config::TomlEditor so
 * comments and untouched formatting stay byte-for-byte. After each change the whole text is
 * validated again with config::ConfigLoader, so the diagnostics always match what would be
 * saved. The raw editor may hold text that is not even TOML; then form edits are refused until
 * it parses again.
 */
class ConfigDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigDocument)

public:
    using Edit = std::function<Result<void>(config::TomlEditor &editor)>;

    explicit ConfigDocument(QObject *parent = nullptr);
    ~ConfigDocument() override;

    /** Reads `path` and starts a fresh history. On failure the document stays as it was. */
    [[nodiscard]] Result<void> load(const QString &path);
    /** Writes the text to path() atomically, keeping `<path>.bak`; marks the history clean. */
    [[nodiscard]] Result<void> save();
    /** Writes to `path` and makes it the document's file. */
    [[nodiscard]] Result<void> saveAs(const QString &path);

    [[nodiscard]] bool isOpen() const { return !m_path.isEmpty(); }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QByteArray text() const { return m_text; }
    /** The text as it is on disk (as last loaded or saved). */
    [[nodiscard]] QByteArray savedText() const { return m_savedText; }
    [[nodiscard]] bool isModified() const;
    [[nodiscard]] QUndoStack *undoStack() const { return m_undoStack; }

    /** The loader's result for the current text (config and diagnostics). */
    [[nodiscard]] const config::LoadResult &validation() const { return m_validation; }
    /**
     * The Jira settings the service would use, known even while the secrets are not: from
     * validation() when it succeeded, else from one probe load that counts every secret as held in
     * the keychain (JiraConfigSecrets::probeOptions), made once per change of the text and kept.
     * nullopt for JSONL or when the file has other errors.
     */
    [[nodiscard]] const std::optional<config::JiraClientConfig> &jiraSettings() const;

    /**
     * Jira secrets the OS keychain holds for this config, by config key ("password", "token", …),
     * with their values (JiraSecrets fetches them). They win over the environment and the file and
     * satisfy the loader's "must be provided" rules, so validation() carries them and a config
     * whose secret lives only in the keychain is valid. Never written to the text. Re-validates
     * and emits textChanged() when they change.
     */
    void setExternalSecrets(const QMap<QString, QString> &secrets);
    [[nodiscard]] const QMap<QString, QString> &externalSecrets() const { return m_externalSecrets; }
    /** The TOML syntax error when the text does not parse; empty otherwise. */
    [[nodiscard]] QString syntaxError() const { return m_syntaxError; }
    [[nodiscard]] bool isParsable() const { return m_editor.has_value(); }

    /** The value at a key path (std::nullopt when missing, a table, or the text does not parse). */
    [[nodiscard]] std::optional<config::TomlEditor::TomlValue> value(const QStringList &keyPath) const;
    [[nodiscard]] bool contains(const QStringList &keyPath) const;
    /** The string at a key path; empty when missing or not a string. */
    [[nodiscard]] QString stringValue(const QStringList &keyPath) const;

    /** Sets one value as an undoable step; no step when the value is already there. */
    [[nodiscard]] Result<void> setValue(const QStringList &keyPath, const config::TomlEditor::TomlValue &value);
    /** Removes a key or table as an undoable step; no step when it is absent. */
    [[nodiscard]] Result<void> remove(const QStringList &keyPath);
    /**
     * Applies several editor operations as one undoable step named `description`. When any of
     * them fails, nothing changes and its error is returned. `scope` is the key path the change
     * works under: a clientRoot() scope edits the separate client file when there is one.
     */
    [[nodiscard]] Result<void> edit(const QString &description, const Edit &change, const QStringList &scope = {});
    /**
     * Replaces the whole text (the raw editor). Consecutive raw edits merge into one undo step,
     * so undo does not go back keystroke by keystroke.
     */
    void setText(const QByteArray &text);

    /**
     * Makes `text` current without touching the history; for the undo commands only.
     */
    void replaceText(const QByteArray &text);

    /**
     * The separate client file (client_config_path) whose settings this document edits: a .toml
     * file, with raw keys or a full config's client_config table, addressed with the same
     * clientRoot() paths as an inline table and saved together with the main file. Empty when the
     * client settings are inline.
     */
    [[nodiscard]] QString clientFilePath() const;
    [[nodiscard]] QByteArray clientText() const;
    [[nodiscard]] QByteArray clientSavedText() const;
    /** Why client_config_path's file cannot be edited here (.properties, unreadable, not TOML); empty if it can. */
    [[nodiscard]] QString clientFileProblem() const;
    /** Makes `text` the client file's current text without touching the history; for the undo commands only. */
    void replaceClientText(const QString &clientPath, const QByteArray &text);

    /** Key path of the `[testbench-defect-service]` table, the root of every service key. */
    [[nodiscard]] static QStringList serviceRoot();
    /** Key path of the inline `client_config` table. */
    [[nodiscard]] static QStringList clientRoot();

Q_SIGNALS:
    /** After every change of the text: edits, undo/redo, load. */
    void textChanged();
    void pathChanged(const QString &path);
    void modifiedChanged(bool modified);
    void saved(const QString &path);

private:
    /** A separate client file as loaded and edited; kept per path so undoing a path change finds its edits. */
    struct ClientFile
    {
        QByteArray text;
        QByteArray savedText;
        std::optional<config::TomlEditor> editor;
        QString problem;
    };

    void syncClientFile();
    static void parseClient(ClientFile &client, const QString &path);
    [[nodiscard]] const ClientFile *currentClient() const;
    [[nodiscard]] bool routesToClient(const QStringList &keyPath) const;
    void validate();
    void push(const QString &description, const QByteArray &after, int mergeId);

    QString m_path;
    QByteArray m_text;
    QByteArray m_savedText;
    std::optional<config::TomlEditor> m_editor;
    QString m_syntaxError;
    config::LoadResult m_validation;
    mutable std::optional<std::optional<config::JiraClientConfig>> m_jiraSettings; ///< lazily, per validation
    QMap<QString, QString> m_externalSecrets;
    QString m_clientPath; ///< absolute; empty when the client settings are inline
    QHash<QString, ClientFile> m_clients;
    QUndoStack *m_undoStack = nullptr;
};

} // namespace tbds::ui
