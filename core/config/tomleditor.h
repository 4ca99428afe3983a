// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <variant>

namespace tbds::config {

/**
 * Comment-preserving editor for the text of a TOML document (config.toml).
 *
 * toml++ drops comments and reorders keys when it writes a document, and administrators
 * rely on their comments, so edits are spliced into the original bytes instead: a changed
 * value replaces only the bytes of the old value, a new key is inserted after the last
 * key/value line of its table, a new table is appended as a `[header]` at the end of the
 * file. Everything else stays byte-for-byte.
 *
 * After each edit the whole text is parsed again; an edit that would leave invalid TOML
 * (or not produce the requested value) is refused and the text stays as it was.
 *
 * Key paths are lists of unquoted key names, e.g.
 * `{"testbench-defect-service", "client_config", "projects", "Jira Scrum (JS)"}`.
 *
 * Not supported (refused with an error): addressing anything inside an array of tables
 * (`[[...]]`) or inside an array, replacing a `[table]` by a plain value.
 */
class TomlEditor
{
    Q_DECLARE_TR_FUNCTIONS(tbds::config::TomlEditor)

public:
    using TomlValue = std::variant<bool, qint64, double, QString, QStringList>;

    /** An empty document. */
    TomlEditor();
    TomlEditor(const TomlEditor &other);
    TomlEditor(TomlEditor &&other) noexcept;
    TomlEditor &operator=(const TomlEditor &other);
    TomlEditor &operator=(TomlEditor &&other) noexcept;
    ~TomlEditor();

    /**
     * Parses `utf8`. `sourceName` (usually the file path) prefixes error positions,
     * which read `name:line:column: description`.
     */
    [[nodiscard]] static Result<TomlEditor> fromText(const QByteArray &utf8,
                                                     const QString &sourceName = {});

    /**
     * Replaces the value of an existing key (only the value's bytes change) or inserts
     * `key = value` at the end of its table, creating the table when it is missing.
     * Fails when the path runs through a value that is not a table, through an array of
     * tables, or names a `[table]`.
     */
    [[nodiscard]] Result<void> setValue(const QStringList &keyPath, const TomlValue &value);

    /**
     * Removes a key (its whole line(s), trailing comment included) or a whole table with
     * all its sub-tables and the comment lines directly above each removed header.
     * A path that does not exist is not an error: nothing changes.
     */
    [[nodiscard]] Result<void> remove(const QStringList &keyPath);

    [[nodiscard]] bool contains(const QStringList &keyPath) const;

    /**
     * The value at `keyPath` when it is one of the TomlValue types (arrays only when all
     * elements are strings); std::nullopt for tables, dates, mixed arrays and missing keys.
     */
    [[nodiscard]] std::optional<TomlValue> value(const QStringList &keyPath) const;

    /**
     * From now on, key paths starting with `from` are read and written at `to` plus the rest of
     * the path; any other path is refused (setValue/remove fail, contains/value find nothing).
     * Lets a separate client file, whose keys sit at its top level, be edited with the main
     * file's `client_config` paths, and keeps service keys from landing in it by mistake.
     */
    void setKeyPathAlias(const QStringList &from, const QStringList &to);

    /** The current document bytes. */
    [[nodiscard]] QByteArray text() const;
    [[nodiscard]] QString sourceName() const;

    /** `value` in TOML syntax: "basic" strings, single-line string arrays, round-trippable floats. */
    [[nodiscard]] static QString formatValue(const TomlValue &value);
    /** A dotted key in TOML syntax, quoting only the parts that need it. */
    [[nodiscard]] static QString formatKeyPath(const QStringList &keyPath);

private:
    struct Private;
    explicit TomlEditor(std::unique_ptr<Private> d);

    [[nodiscard]] std::optional<QStringList> aliased(const QStringList &keyPath) const;
    [[nodiscard]] Result<void> outsideAlias(const QStringList &keyPath) const;

    std::unique_ptr<Private> d;
    QStringList m_aliasFrom;
    std::optional<QStringList> m_aliasTo;
};

} // namespace tbds::config
