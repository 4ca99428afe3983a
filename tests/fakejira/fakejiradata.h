// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace tbds::fakejira {

/**
 * A Jira user. Internally every reference to a user (reporter, assignee, author, credentials)
 * is the user's `key`; what goes over the wire depends on the flavour: Cloud shows only
 * `accountId`, Data Center only `name`/`key` (jira-rest.md §12.4).
 */
struct User
{
    QString key; ///< internal id and DC user key, e.g. "JIRAUSER10100"
    QString name; ///< DC username (the DC login)
    QString accountId; ///< Cloud account id
    QString email; ///< Cloud login; may be hidden on the wire with `emailHidden`
    QString displayName;
    bool active = true;
    bool emailHidden = false; ///< Cloud privacy setting: emailAddress not returned
    QString timeZone = QStringLiteral("Europe/Berlin");
};

struct Status
{
    QString id;
    QString name;
    QString description;
    QString categoryKey; ///< "new", "indeterminate" or "done"
};

struct Priority
{
    QString id;
    QString name;
    QString description;
    QString color; ///< statusColor, e.g. "#d04437"
};

struct IssueType
{
    QString id;
    QString name;
    QString description;
    bool subtask = false;
    int hierarchyLevel = 0; ///< Cloud only: -1 for subtasks
};

struct Resolution
{
    QString id;
    QString name;
};

/** The custom field types the simulator models (createmeta schema + value validation). */
enum class FieldType {
    Text, ///< single-line textfield: a string in v2 and v3
    TextArea, ///< multi-line textarea: ADF in Cloud v3, a string otherwise
    Option, ///< single select: {"value"} / {"id"}
    MultiOption, ///< multi select: array of {"value"} / {"id"}
    Number, ///< float
    User, ///< user picker
    Date, ///< "yyyy-MM-dd"
    DateTime, ///< "yyyy-MM-ddTHH:mm:ss.SSS±hhmm"
};

struct FieldOption
{
    QString id;
    QString value;
    bool disabled = false;
};

struct CustomField
{
    QString id; ///< "customfield_10010"
    QString name;
    FieldType type = FieldType::Text;
    QList<FieldOption> options; ///< Option / MultiOption allowed values
    bool required = false; ///< required on the create screen
    QString description;

    [[nodiscard]] qint64 numericId() const; ///< 10010 for "customfield_10010"
};

/**
 * A workflow transition. `from` empty means a global transition (available from every status).
 * `omitTo` reproduces the real Cloud fixture in which a transition has no `to` object; the
 * simulator still knows the target and moves the issue there.
 */
struct Transition
{
    QString id;
    QString name;
    QStringList from; ///< status ids; empty = global
    QString to; ///< status id
    bool hasScreen = false;
    QStringList screenFields; ///< fields on the transition screen ("resolution" is required)
    bool omitTo = false;
};

struct Workflow
{
    QString name;
    QStringList statusIds;
    QString initialStatusId;
    QList<Transition> transitions;
};

/** Project permission keys the simulator enforces (jira-rest.md §9). */
namespace perm {
inline const QString Browse = QStringLiteral("BROWSE_PROJECTS");
inline const QString Create = QStringLiteral("CREATE_ISSUES");
inline const QString Edit = QStringLiteral("EDIT_ISSUES");
inline const QString Delete = QStringLiteral("DELETE_ISSUES");
inline const QString Transition = QStringLiteral("TRANSITION_ISSUES");
inline const QString CreateAttachments = QStringLiteral("CREATE_ATTACHMENTS");
inline const QString DeleteAllAttachments = QStringLiteral("DELETE_ALL_ATTACHMENTS");
inline const QString DeleteOwnAttachments = QStringLiteral("DELETE_OWN_ATTACHMENTS");
inline const QString ModifyReporter = QStringLiteral("MODIFY_REPORTER");
inline const QString AssignIssues = QStringLiteral("ASSIGN_ISSUES");
inline const QString UserPicker = QStringLiteral("USER_PICKER"); ///< global
/** Every project permission above (what a fully privileged account has). */
[[nodiscard]] QSet<QString> allProject();
} // namespace perm

struct Project
{
    QString id;
    QString key;
    QString name;
    QString description;
    QString leadKey; ///< user key
    QString projectTypeKey = QStringLiteral("software");
    QStringList issueTypeIds;
    QString workflow; ///< Workflow::name
    QStringList customFieldIds; ///< custom fields on the project's create/edit screens
    /**
     * Project permissions every authenticated user holds here. Without BROWSE_PROJECTS the
     * project is invisible (404 / left out), as in real Jira.
     */
    QSet<QString> permissions = perm::allProject();
};

struct HistoryItem
{
    QString field; ///< display name, e.g. "status"
    QString fieldId; ///< Cloud only on the wire
    QString fieldtype = QStringLiteral("jira"); ///< "jira" or "custom"
    QString from;
    QString fromString;
    QString to;
    QString toString;
};

struct History
{
    QString id;
    QString authorKey;
    QDateTime created;
    QList<HistoryItem> items;
};

struct Attachment
{
    QString id;
    QString filename;
    QString authorKey;
    QDateTime created;
    QString mimeType;
    QByteArray content;
};

/**
 * An issue in storage form. `description` is either a wiki string or an ADF document
 * (whatever was written last); the API converts for the requested REST version.
 * `customValues` hold canonical values: Text → string, TextArea → string or ADF object,
 * Option → option id, MultiOption → array of option ids, Number → double,
 * User → user key, Date → "yyyy-MM-dd", DateTime → ISO string.
 */
struct Issue
{
    qint64 id = 0;
    QString key;
    QString projectKey;
    QString issueTypeId;
    QString summary;
    QJsonValue description = QJsonValue::Null;
    QString statusId;
    QString priorityId;
    QString resolutionId;
    QString reporterKey;
    QString assigneeKey;
    QString creatorKey;
    QStringList labels;
    QDateTime created;
    QDateTime updated;
    QDateTime resolutionDate;
    QDate dueDate;
    QString parentKey;
    QJsonObject customValues;
    QList<Attachment> attachments;
    QList<History> histories; ///< oldest first
};

/**
 * Everything the simulated Jira knows. A plain data holder with lookup helpers; tests edit it
 * directly through FakeJira::data() (e.g. revoke a permission, add an issue) between calls.
 */
class FakeJiraData
{
public:
    QList<User> users;
    QList<Status> statuses;
    QList<Priority> priorities;
    QList<IssueType> issueTypes;
    QList<Resolution> resolutions;
    QList<CustomField> customFields;
    QList<Workflow> workflows;
    QList<Project> projects;
    QList<Issue> issues;
    /** Global permissions every authenticated user holds (USER_PICKER lives here). */
    QSet<QString> globalPermissions { perm::UserPicker };

    void clear();

    [[nodiscard]] User *userByKey(const QString &key);
    [[nodiscard]] User *userByName(const QString &name); ///< case-insensitive (DC usernames)
    [[nodiscard]] User *userByAccountId(const QString &accountId);
    [[nodiscard]] User *userByEmail(const QString &email); ///< case-insensitive
    [[nodiscard]] const Status *status(const QString &id) const;
    [[nodiscard]] const Priority *priority(const QString &id) const;
    [[nodiscard]] const IssueType *issueType(const QString &id) const;
    [[nodiscard]] const Resolution *resolution(const QString &id) const;
    [[nodiscard]] const CustomField *customField(const QString &id) const;
    [[nodiscard]] const Workflow *workflow(const QString &name) const;
    /** By id or key; keys match exactly when `caseSensitive`, else case-insensitively. */
    [[nodiscard]] Project *project(const QString &idOrKey, bool caseSensitive = true);
    /** By id or key, key case-insensitively (GET issue/{key} does the same). */
    [[nodiscard]] Issue *issue(const QString &idOrKey);
    [[nodiscard]] QList<Issue *> issuesOf(const QString &projectKey);
    [[nodiscard]] QList<const Issue *> subtasksOf(const QString &issueKey) const;

    /** Next free ids; fresh values derived from the current content. */
    [[nodiscard]] qint64 nextIssueId() const;
    [[nodiscard]] int nextIssueNumber(const QString &projectKey) const;
    [[nodiscard]] QString nextAttachmentId() const;
    [[nodiscard]] QString nextHistoryId() const;

    /**
     * Serialisation used by `loadData()` / `fake-jira --data` and `--dump-data`. The format
     * mirrors the structs above field by field (see demodata.json written by --dump-data).
     */
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<FakeJiraData> fromJson(const QJsonObject &json);
};

[[nodiscard]] QString fieldTypeName(FieldType type);
[[nodiscard]] std::optional<FieldType> fieldTypeFromName(const QString &name);

} // namespace tbds::fakejira
