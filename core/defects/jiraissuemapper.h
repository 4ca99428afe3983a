// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/defect.h"
#include "core/defects/userdefinedattribute.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace tbds::defects {

/**
 * What a create or update sends to Jira for one defect: the `fields` object, the user fields
 * that still need a user search (Jira wants an account id or a user name, TestBench sends
 * display names or logins), and what could not be mapped, in words for the protocol.
 */
struct JiraWritePlan
{
    struct UserLookup
    {
        QString fieldId;
        QStringList queries; ///< one for a user field, several for a multi-user field
        bool array = false;
    };

    QJsonObject fields;
    QList<UserLookup> userLookups;
    QStringList warnings;
};

/**
 * Pure conversions between Jira issues and TestBench defects (contract §7.6, §7.8, §7.10),
 * with the reference's quirks fixed where contract §10.3 asks for it: null title/description
 * are left alone instead of becoming the text "None", custom option values are written as
 * `{"value"}`/`{"id"}`, ADF (Cloud REST v3) is read and written as plain text.
 */
class JiraIssueMapper final
{
public:
    /**
     * A Jira issue (`fields=*all`) as a defect. `udfFields` are the field descriptors that
     * become user-defined fields (createmeta objects with `fieldId`, `name`, `required`).
     */
    [[nodiscard]] static DefectWithID toDefect(const QJsonObject &issue, const QList<QJsonObject> &udfFields,
                                               const QUrl &browseUrl);

    /**
     * A field value as the reference renders it for a UDF (python-jira object model): strings
     * as is, numbers as Python prints them, booleans True/False, resources by their first
     * name-like property, arrays joined with ", ". nullopt means "leave the entry out"
     * (objects without `self`, legacy sprint strings), as the reference does.
     */
    [[nodiscard]] static std::optional<QString> renderValue(const QJsonValue &value);

    /** UDF definitions (`GET /projects/udfs`), `mustField` from `required` (a fix, §10.3-36). */
    [[nodiscard]] static QList<UserDefinedAttribute> toAttributes(const QList<QJsonObject> &fields);

    /**
     * The write plan for `defect` against the target issue type's `fields`. `cloud` selects
     * ADF for rich-text fields. `issuetype` and `project` are left to the caller.
     * `includeReporter` is false when an update would not change the reporter.
     */
    [[nodiscard]] static JiraWritePlan planWrite(const Defect &defect, const QList<QJsonObject> &fields, bool cloud,
                                                 bool includeReporter);

    /** Extended attributes without change history: the JSONL rules (contract §6.3). */
    [[nodiscard]] static StringPairs staticAttributes(const DefectWithID &defect, const QStringList &names);

    /**
     * Extended attributes from the change history (contract §7.10): changes newer than
     * `sinceMSecs` of the listed attributes, keyed `Name: DD.MM.YYYY HH:MM:SS`, valued
     * `from → to`. `histories` oldest first. Data Center names custom fields by display name
     * in history items; `fields` maps those back to ids, so either spelling in `names` works.
     */
    [[nodiscard]] static StringPairs historyAttributes(const QJsonArray &histories, qint64 sinceMSecs,
                                                       const QStringList &names, const QList<QJsonObject> &fields);

    /** Python's `str.capitalize()`: first character upper case, all others lower case. */
    [[nodiscard]] static QString capitalize(const QString &text);
};

} // namespace tbds::defects
