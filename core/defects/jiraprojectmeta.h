// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tbds::defects {

/** One creatable issue type of a project with its create-screen fields (createmeta). */
struct JiraIssueTypeMeta
{
    QString id;
    QString name;
    bool subtask = false;
    /** Field objects as JiraClient::createMetaFields() returns them; all carry `fieldId`. */
    QList<QJsonObject> fields;
};

/**
 * What Jira's create metadata says about one project: the issue types the account may create
 * and their fields. Empty (not an error) when the account lacks Create Issues in the project.
 */
struct JiraProjectMeta
{
    QString projectKey;
    QList<JiraIssueTypeMeta> issueTypes;

    [[nodiscard]] const JiraIssueTypeMeta *typeByName(const QString &name) const;
    [[nodiscard]] const JiraIssueTypeMeta *typeById(const QString &id) const;
    [[nodiscard]] QStringList issueTypeNames() const;

    /**
     * The fields of all issue types, once per field id in first-seen order; a later occurrence
     * replaces an earlier one only when it is required (contract §7.6, Mode A rule), so
     * `required` means "required for at least one issue type".
     */
    [[nodiscard]] QList<QJsonObject> unionFields() const;

    // Accessors for one field object.
    [[nodiscard]] static QString fieldId(const QJsonObject &field);
    [[nodiscard]] static QString fieldName(const QJsonObject &field);
    [[nodiscard]] static bool isRequired(const QJsonObject &field);
    /** `schema.type` ("string", "option", "array", "user", …). */
    [[nodiscard]] static QString schemaType(const QJsonObject &field);
    /** `schema.items` for arrays ("string", "option", "component", …). */
    [[nodiscard]] static QString schemaItems(const QJsonObject &field);
    /** `schema.custom` (e.g. `com.atlassian.jira.plugin.system.customfieldtypes:textarea`). */
    [[nodiscard]] static QString schemaCustom(const QJsonObject &field);
    /**
     * Display strings of `allowedValues`: `name`, else `value` (custom options carry `value`;
     * the reference printed "" for them, contract §10.3-35).
     */
    [[nodiscard]] static QStringList allowedValueNames(const QJsonObject &field);
};

} // namespace tbds::defects
