// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/jiraapi.h"

#include "tests/fakejira/adf.h"
#include "tests/fakejira/multipartparser.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace tbds::fakejira {

using service::http::HttpResponse;

namespace {

constexpr int kMaxResultWindow = 10000; // DC OpenSearch/Lucene default (jira-rest.md §4.4)
constexpr int kCloudCreateMetaCap = 200;
constexpr int kCloudProjectSearchCap = 100;
constexpr qint64 kUploadLimit = 10 * 1024 * 1024;

const QString kChange2046 = QStringLiteral(
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration "
    "guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046");

/** The system fields: id, display name, navigable, orderable, JQL clause names. */
struct SystemField
{
    const char *id;
    const char *name;
    bool navigable;
    bool orderable;
    QStringList clauseNames;
};

const QList<SystemField> &systemFields()
{
    static const QList<SystemField> list = {
        { "summary", "Summary", true, true, { "summary" } },
        { "description", "Description", true, true, { "description" } },
        { "issuetype", "Issue Type", true, true, { "issuetype", "type" } },
        { "project", "Project", true, false, { "project" } },
        { "status", "Status", true, false, { "status" } },
        { "priority", "Priority", true, true, { "priority" } },
        { "resolution", "Resolution", true, true, { "resolution" } },
        { "reporter", "Reporter", true, true, { "reporter" } },
        { "assignee", "Assignee", true, true, { "assignee" } },
        { "creator", "Creator", true, false, { "creator" } },
        { "labels", "Labels", true, true, { "labels" } },
        { "created", "Created", true, false, { "created", "createdDate" } },
        { "updated", "Updated", true, false, { "updated", "updatedDate" } },
        { "resolutiondate", "Resolved", true, false, { "resolved", "resolutiondate" } },
        { "duedate", "Due Date", true, true, { "due", "duedate" } },
        { "attachment", "Attachment", false, true, { "attachments" } },
        { "subtasks", "Sub-Tasks", true, false, { "subtasks" } },
        { "parent", "Parent", true, true, { "parent" } },
    };
    return list;
}

const SystemField *systemField(const QString &id)
{
    for (const SystemField &f : systemFields()) {
        if (id == QLatin1String(f.id))
            return &f;
    }
    return nullptr;
}

/** The JQL functions the simulator evaluates, as `jql/autocompletedata` lists them. */
struct JqlFunction
{
    const char *name;
    bool isList;
    const char *type;
};

const QList<JqlFunction> &jqlFunctions()
{
    static const QList<JqlFunction> list = {
        { "standardIssueTypes", true, "com.atlassian.jira.issue.issuetype.IssueType" },
        { "subTaskIssueTypes", true, "com.atlassian.jira.issue.issuetype.IssueType" },
        { "currentUser", false, "com.atlassian.jira.user.ApplicationUser" },
        { "now", false, "java.util.Date" },
        { "startOfDay", false, "java.util.Date" },
        { "endOfDay", false, "java.util.Date" },
    };
    return list;
}

// Operator sets of jql/autocompletedata, as real Jira groups them per clause type.
const QStringList kTextOps { "~", "!~", "is", "is not" };
const QStringList kEqualityOps { "=", "!=", "in", "not in", "is", "is not" };
const QStringList kHistoryOps { "=", "!=", "in", "not in", "is", "is not", "was", "was in", "was not in", "was not", "changed" };
const QStringList kRankedOps { "=", "!=", "in", "not in", "is", "is not", "<", "<=", ">", ">=",
                               "was", "was in", "was not in", "was not", "changed" };
const QStringList kRelationalOps { "=", "!=", ">", ">=", "<", "<=", "is", "is not", "in", "not in" };
const QStringList kKeyOps { "=", "!=", "in", "not in", ">", ">=", "<", "<=" };
const QStringList kListOps { "=", "!=", "in", "not in" };

/** A system clause as jql/autocompletedata describes it. */
struct JqlClauseInfo
{
    const char *name;
    const QStringList *operators;
    const char *type;
    bool orderable;
    bool autoComplete; ///< Jira suggests values (jql/autocompletedata/suggestions)
};

/** Every system clause name the simulator's JQL accepts (aliases listed on their own, as Jira does). */
const QList<JqlClauseInfo> &jqlSystemClauses()
{
    static const QStringList isOps { "is", "is not" };
    static const QStringList textOnlyOps { "~", "!~" };
    const char *user = "com.atlassian.jira.user.ApplicationUser";
    const char *date = "java.util.Date";
    const char *issue = "com.atlassian.jira.issue.Issue";
    const char *text = "java.lang.String";
    static const QList<JqlClauseInfo> list = {
        { "assignee", &kHistoryOps, user, true, true },
        { "attachments", &isOps, "com.atlassian.jira.issue.attachment.Attachment", false, false },
        { "created", &kRelationalOps, date, true, false },
        { "createdDate", &kRelationalOps, date, true, false },
        { "creator", &kEqualityOps, user, true, true },
        { "description", &kTextOps, text, false, false },
        { "due", &kRelationalOps, date, true, false },
        { "duedate", &kRelationalOps, date, true, false },
        { "id", &kKeyOps, issue, true, false },
        { "issue", &kKeyOps, issue, true, false },
        { "issuekey", &kKeyOps, issue, true, false },
        { "issuetype", &kEqualityOps, "com.atlassian.jira.issue.issuetype.IssueType", true, true },
        { "key", &kKeyOps, issue, true, false },
        { "labels", &kEqualityOps, "com.atlassian.jira.issue.label.Label", true, true },
        { "parent", &kListOps, issue, false, false },
        { "priority", &kRankedOps, "com.atlassian.jira.issue.priority.Priority", true, true },
        { "project", &kEqualityOps, "com.atlassian.jira.project.Project", true, true },
        { "reporter", &kHistoryOps, user, true, true },
        { "resolution", &kRankedOps, "com.atlassian.jira.issue.resolution.Resolution", true, true },
        { "resolutiondate", &kRelationalOps, date, true, false },
        { "resolved", &kRelationalOps, date, true, false },
        { "status", &kHistoryOps, "com.atlassian.jira.issue.status.Status", true, true },
        { "statusCategory", &kListOps, "com.atlassian.jira.issue.status.category.StatusCategory", false, true },
        { "subtasks", &kListOps, issue, false, false },
        { "summary", &kTextOps, text, true, false },
        { "text", &textOnlyOps, text, false, false },
        { "type", &kEqualityOps, "com.atlassian.jira.issue.issuetype.IssueType", true, true },
        { "updated", &kRelationalOps, date, true, false },
        { "updatedDate", &kRelationalOps, date, true, false },
    };
    return list;
}

struct PermissionInfo
{
    const char *key;
    const char *id;
    const char *name;
    const char *type;
    const char *description;
};

const QList<PermissionInfo> &permissionCatalog()
{
    static const QList<PermissionInfo> list = {
        { "BROWSE_PROJECTS", "10", "Browse Projects", "PROJECT", "Ability to browse projects and the issues within them." },
        { "CREATE_ISSUES", "11", "Create Issues", "PROJECT", "Ability to create issues." },
        { "EDIT_ISSUES", "12", "Edit Issues", "PROJECT", "Ability to edit issues." },
        { "ASSIGN_ISSUES", "13", "Assign Issues", "PROJECT", "Ability to assign issues to other people." },
        { "DELETE_ISSUES", "16", "Delete Issues", "PROJECT", "Ability to delete issues." },
        { "CREATE_ATTACHMENTS", "19", "Create Attachments", "PROJECT", "Users with this permission may create attachments." },
        { "ADMINISTER_PROJECTS", "23", "Administer Projects", "PROJECT", "Ability to administer a project in Jira." },
        { "USER_PICKER", "27", "Browse users and groups", "GLOBAL", "View and select users or groups from the user picker." },
        { "MODIFY_REPORTER", "30", "Modify Reporter", "PROJECT", "Ability to modify the reporter when creating or editing an issue." },
        { "DELETE_ALL_ATTACHMENTS", "38", "Delete All Attachments", "PROJECT", "Users with this permission may delete all attachments." },
        { "DELETE_OWN_ATTACHMENTS", "39", "Delete Own Attachments", "PROJECT", "Users with this permission may delete own attachments." },
        { "TRANSITION_ISSUES", "46", "Transition Issues", "PROJECT", "Ability to transition issues." },
        { "ADMINISTER", "0", "Administer Jira", "GLOBAL", "Ability to perform most administration functions." },
    };
    return list;
}

const PermissionInfo *permissionInfo(const QString &key)
{
    for (const PermissionInfo &p : permissionCatalog()) {
        if (key == QLatin1String(p.key))
            return &p;
    }
    return nullptr;
}

QString customType(FieldType type)
{
    const QString prefix = QStringLiteral("com.atlassian.jira.plugin.system.customfieldtypes:");
    switch (type) {
    case FieldType::Text: return prefix + "textfield";
    case FieldType::TextArea: return prefix + "textarea";
    case FieldType::Option: return prefix + "select";
    case FieldType::MultiOption: return prefix + "multiselect";
    case FieldType::Number: return prefix + "float";
    case FieldType::User: return prefix + "userpicker";
    case FieldType::Date: return prefix + "datepicker";
    case FieldType::DateTime: return prefix + "datetime";
    }
    return {};
}

bool sameCi(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

QStringList splitList(const QStringList &values)
{
    QStringList out;
    for (const QString &v : values) {
        const QStringList parts = v.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &p : parts)
            out.append(p.trimmed());
    }
    return out;
}

QStringList jsonStringOrArray(const QJsonValue &v)
{
    if (v.isString())
        return splitList({ v.toString() });
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &e : array)
        out.append(e.toString());
    return splitList(out);
}

bool parseBool(const QString &value, bool defaultValue)
{
    if (value.isEmpty())
        return defaultValue;
    // pycontribs sends Python's "True"/"False" (jira-rest.md §6.3).
    return sameCi(value, QStringLiteral("true"));
}

/** "yyyy-MM-dd HH:mm" — one comparable text form for JQL date clauses. */
QString jqlDate(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString normalizeJqlDate(const QString &literal)
{
    static const QRegularExpression relative(QStringLiteral("^([-+]?)(\\d+)([dwhm])$"));
    const auto m = relative.match(literal.trimmed());
    if (m.hasMatch()) {
        const qint64 n = m.captured(2).toLongLong() * (m.captured(1) == QLatin1String("-") ? -1 : 1);
        const QChar unit = m.captured(3).at(0);
        const qint64 seconds = unit == QLatin1Char('w') ? n * 7 * 86400
            : unit == QLatin1Char('d')                  ? n * 86400
            : unit == QLatin1Char('h')                  ? n * 3600
                                                        : n * 60;
        return jqlDate(QDateTime::currentDateTimeUtc().addSecs(seconds));
    }
    QString s = literal.trimmed();
    s.replace(QLatin1Char('/'), QLatin1Char('-'));
    return s;
}

QJsonObject errorBody(const QStringList &messages, const QJsonObject &errors = {})
{
    return QJsonObject { { "errorMessages", QJsonArray::fromStringList(messages) }, { "errors", errors } };
}

} // namespace

JiraApi::JiraApi(const FakeJiraOptions &options, FakeJiraData &data) : m_options(options), m_data(data) { }

QList<int> JiraApi::versionNumbers() const
{
    if (isCloud())
        return { 1001, 0, 0 };
    const QString v = m_options.version.isEmpty() ? QStringLiteral("9.12.7") : m_options.version;
    QList<int> out;
    const QStringList parts = v.split(QLatin1Char('.'));
    for (const QString &p : parts)
        out.append(p.toInt());
    while (out.size() < 3)
        out.append(0);
    return out;
}

// --- small response helpers -----------------------------------------------------------------

JiraApi::Response JiraApi::json(int status, const QJsonObject &body) const
{
    Response r = HttpResponse::json(status, body);
    r.setHeader("Content-Type", "application/json;charset=UTF-8");
    return r;
}

JiraApi::Response JiraApi::json(int status, const QJsonArray &body) const
{
    Response r = HttpResponse::json(status, body);
    r.setHeader("Content-Type", "application/json;charset=UTF-8");
    return r;
}

JiraApi::Response JiraApi::error(int status, const QString &message) const
{
    QJsonObject body = errorBody({ message });
    if (isCloud())
        body["status"] = status; // Cloud's ErrorCollection carries it (jira-rest.md §11.3)
    return json(status, body);
}

JiraApi::Response JiraApi::fieldErrors(int status, const QJsonObject &errors) const
{
    return json(status, errorBody({}, errors));
}

JiraApi::Response JiraApi::notFoundIssue() const
{
    return error(404, isCloud() ? QStringLiteral("Issue does not exist or you do not have permission to see it.")
                                : QStringLiteral("Issue Does Not Exist"));
}

JiraApi::Response JiraApi::notFoundProject(const QString &idOrKey) const
{
    return error(404, QStringLiteral("No project could be found with key '%1'.").arg(idOrKey));
}

JiraApi::Response JiraApi::nullForUri(const QString &url)
{
    Response r = HttpResponse::json(404, errorBody({ QStringLiteral("null for uri: ") + url }));
    r.setHeader("Content-Type", "application/json;charset=UTF-8");
    return r;
}

QString JiraApi::api(int version) const
{
    return m_base + "/rest/api/" + QString::number(version);
}

QString JiraApi::ts(const QDateTime &dt) const
{
    if (!dt.isValid())
        return {};
    const int offset = m_options.utcOffsetSeconds.value_or(isCloud() ? -7 * 3600 : 2 * 3600);
    const QDateTime local = dt.toOffsetFromUtc(offset);
    const int a = std::abs(offset);
    return local.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz")) + (offset < 0 ? "-" : "+")
        + QStringLiteral("%1%2").arg(a / 3600, 2, 10, QLatin1Char('0')).arg((a % 3600) / 60, 2, 10, QLatin1Char('0'));
}

// --- permissions and visibility -------------------------------------------------------------

bool JiraApi::has(const ApiRequest &r, const Project &project, const QString &permission) const
{
    if (r.userKey.isEmpty())
        return false;
    return project.permissions.contains(permission);
}

Project *JiraApi::visibleProject(const ApiRequest &r, const QString &idOrKey, bool caseSensitive)
{
    Project *p = m_data.project(idOrKey, caseSensitive);
    return p && has(r, *p, perm::Browse) ? p : nullptr;
}

Issue *JiraApi::visibleIssue(const ApiRequest &r, const QString &idOrKey)
{
    Issue *issue = m_data.issue(idOrKey);
    if (!issue)
        return nullptr;
    Project *p = m_data.project(issue->projectKey);
    return p && has(r, *p, perm::Browse) ? issue : nullptr;
}

std::optional<JiraApi::Paging> JiraApi::paging(const ApiRequest &r, int defaultMax, int cap, Response &err) const
{
    Paging p;
    p.maxResults = defaultMax;
    const QString start = r.query.queryItemValue("startAt");
    const QString max = r.query.queryItemValue("maxResults");
    bool ok = true;
    if (!start.isEmpty()) {
        p.startAt = start.toInt(&ok);
        if (!ok || p.startAt < 0) {
            err = error(400, QStringLiteral("The value '%1' is not valid for the parameter 'startAt'.").arg(start));
            return std::nullopt;
        }
    }
    if (!max.isEmpty()) {
        p.maxResults = max.toInt(&ok);
        if (!ok || p.maxResults < 0) {
            err = error(400, QStringLiteral("The value '%1' is not valid for the parameter 'maxResults'.").arg(max));
            return std::nullopt;
        }
    }
    // Real Jira silently lowers an oversized page size and echoes the effective value.
    p.maxResults = std::min(p.maxResults, cap);
    return p;
}

// --- routing --------------------------------------------------------------------------------

JiraApi::Response JiraApi::handle(const ApiRequest &r)
{
    return route(r);
}

JiraApi::Response JiraApi::route(const ApiRequest &r)
{
    const QStringList &s = r.segments;
    const QByteArray &m = r.method;
    const QString first = s.value(0);
    const auto url = [&] { return m_base + QString::fromUtf8(r.http->target); };
    const auto methodNotAllowed = [] { return HttpResponse(405); };
    if (s.isEmpty())
        return nullForUri(url());

    if (first == QLatin1String("serverInfo") && s.size() == 1)
        return m == "GET" ? serverInfo() : methodNotAllowed();
    if (first == QLatin1String("myself") && s.size() == 1)
        return m == "GET" ? myself(r) : methodNotAllowed();
    if (first == QLatin1String("project"))
        return routeProject(r);
    if (first == QLatin1String("priority")) {
        if (s.size() == 1)
            return m == "GET" ? priorities(r, false) : methodNotAllowed();
        if (s.size() == 2 && ((isCloud() && s.at(1) == QLatin1String("search")) || (!isCloud() && s.at(1) == QLatin1String("page"))))
            return m == "GET" ? priorities(r, true) : methodNotAllowed();
    }
    if (first == QLatin1String("issuetype") && s.size() == 1)
        return m == "GET" ? issueTypes(r) : methodNotAllowed();
    if (first == QLatin1String("status") && s.size() == 1)
        return m == "GET" ? statuses(r) : methodNotAllowed();
    if (first == QLatin1String("resolution") && s.size() == 1)
        return m == "GET" ? resolutions(r) : methodNotAllowed();
    if (first == QLatin1String("field") && s.size() == 1)
        return m == "GET" ? fields(r) : methodNotAllowed();
    if (first == QLatin1String("search")) {
        if (s.size() == 1) {
            if (m != "GET" && m != "POST")
                return methodNotAllowed();
            // CHANGE-2046: the old search is gone on Cloud (jira-rest.md §4.2).
            return isCloud() ? error(410, kChange2046) : searchDc(r);
        }
        if (isCloud() && s.size() == 2 && s.at(1) == QLatin1String("jql"))
            return m == "GET" || m == "POST" ? searchJql(r) : methodNotAllowed();
        if (isCloud() && s.size() == 2 && s.at(1) == QLatin1String("approximate-count"))
            return m == "POST" ? approximateCount(r) : methodNotAllowed();
    }
    if (first == QLatin1String("jql") && s.size() == 2) {
        // Cloud only: Data Center has no parse endpoint (jira-rest.md §4.5).
        if (isCloud() && s.at(1) == QLatin1String("parse"))
            return m == "POST" ? jqlParse(r) : methodNotAllowed();
        if (s.at(1) == QLatin1String("autocompletedata"))
            return m == "GET" || (isCloud() && m == "POST") ? jqlAutocompleteData(r) : methodNotAllowed();
    }
    if (first == QLatin1String("issue"))
        return routeIssue(r);
    if (first == QLatin1String("attachment") && s.size() >= 2) {
        if (s.size() == 2 && s.at(1) == QLatin1String("meta"))
            return m == "GET" ? json(200, QJsonObject { { "enabled", true }, { "uploadLimit", kUploadLimit } })
                              : methodNotAllowed();
        if (s.size() == 3 && s.at(1) == QLatin1String("content") && isCloud() && m == "GET")
            return attachmentContent(s.at(2), r.userKey);
        if (s.size() == 2)
            return attachment(r, s.at(1));
    }
    if (first == QLatin1String("mypermissions") && s.size() == 1)
        return m == "GET" ? myPermissions(r) : methodNotAllowed();
    if (first == QLatin1String("user")) {
        if (s.size() == 1)
            return m == "GET" ? user(r) : methodNotAllowed();
        if (s.size() == 2 && s.at(1) == QLatin1String("search"))
            return m == "GET" ? userSearch(r, false) : methodNotAllowed();
        // the assignee autoCompleteUrl of createmeta points here
        if (s.size() == 3 && s.at(1) == QLatin1String("assignable") && s.at(2) == QLatin1String("search"))
            return m == "GET" ? userSearch(r, true) : methodNotAllowed();
    }
    return nullForUri(url());
}

JiraApi::Response JiraApi::routeProject(const ApiRequest &r)
{
    const QStringList &s = r.segments;
    if (r.method != "GET")
        return HttpResponse(405);
    if (s.size() == 1)
        return projects(r);
    if (s.size() == 2 && s.at(1) == QLatin1String("search")) {
        if (isCloud())
            return projectSearch(r);
        return nullForUri(m_base + QString::fromUtf8(r.http->target));
    }
    if (s.size() == 2)
        return project(r, s.at(1));
    if (s.size() == 3 && s.at(2) == QLatin1String("statuses"))
        return projectStatuses(r, s.at(1));
    return nullForUri(m_base + QString::fromUtf8(r.http->target));
}

JiraApi::Response JiraApi::routeIssue(const ApiRequest &r)
{
    const QStringList &s = r.segments;
    const QByteArray &m = r.method;
    const auto notHere = [&] { return nullForUri(m_base + QString::fromUtf8(r.http->target)); };
    if (s.size() == 1)
        return m == "POST" ? createIssue(r) : HttpResponse(405);
    if (s.at(1) == QLatin1String("createmeta")) {
        if (m != "GET")
            return HttpResponse(405);
        const QList<int> v = versionNumbers();
        const bool dcBelow84 = !isCloud() && (v.at(0) < 8 || (v.at(0) == 8 && v.at(1) < 4));
        const bool dcFrom9 = !isCloud() && v.at(0) >= 9;
        if (s.size() == 2)
            return dcFrom9 ? notHere() : createMetaOld(r); // removed in DC 9.0 (jira-rest.md §5.1)
        if (dcBelow84)
            return notHere(); // the new endpoints arrived in 8.4 (§5.2)
        if (s.size() == 4 && s.at(3) == QLatin1String("issuetypes"))
            return createMetaIssueTypes(r, s.at(2));
        if (s.size() == 5 && s.at(3) == QLatin1String("issuetypes"))
            return createMetaFields(r, s.at(2), s.at(4));
        return notHere();
    }
    Issue *issue = visibleIssue(r, s.at(1));
    if (s.size() == 2) {
        if (m != "GET" && m != "PUT" && m != "DELETE")
            return HttpResponse(405);
        if (!issue)
            return notFoundIssue();
        if (m == "GET")
            return getIssue(r, *issue);
        if (m == "PUT")
            return updateIssue(r, *issue);
        return deleteIssue(r, *issue);
    }
    if (s.size() != 3)
        return notHere();
    const QString sub = s.at(2);
    if (sub == QLatin1String("transitions")) {
        if (m != "GET" && m != "POST")
            return HttpResponse(405);
        if (!issue)
            return notFoundIssue();
        return m == "GET" ? transitions(r, *issue) : doTransition(r, *issue);
    }
    if (sub == QLatin1String("changelog") && isCloud()) {
        if (m != "GET")
            return HttpResponse(405);
        return issue ? changelog(r, *issue) : notFoundIssue();
    }
    if (sub == QLatin1String("attachments")) {
        if (m != "POST")
            return HttpResponse(405);
        return issue ? addAttachments(r, *issue) : notFoundIssue();
    }
    return notHere();
}

// --- JSON shapes ----------------------------------------------------------------------------

QJsonObject JiraApi::avatarUrls(const QString &kind, const QString &id) const
{
    QJsonObject o;
    for (const char *size : { "48x48", "24x24", "16x16", "32x32" }) {
        const QString s = QString::fromLatin1(size);
        const QString suffix = s == QLatin1String("48x48") ? QString() : QStringLiteral("size=") + s.section(QLatin1Char('x'), 0, 0) + "&";
        o[s] = m_base + "/secure/" + kind + "avatar?" + suffix + (kind == QLatin1String("user") ? "ownerId=" : "pid=") + id
            + "&avatarId=10122";
    }
    return o;
}

QJsonValue JiraApi::userJson(const QString &userKey, int version, bool withLocale) const
{
    const User *u = const_cast<FakeJiraData &>(m_data).userByKey(userKey);
    if (!u)
        return QJsonValue::Null;
    QJsonObject o;
    if (isCloud()) {
        o["self"] = api(version) + "/user?accountId=" + u->accountId;
        o["accountId"] = u->accountId;
        o["accountType"] = "atlassian";
        if (!u->emailHidden)
            o["emailAddress"] = u->email;
        o["avatarUrls"] = avatarUrls("user", u->accountId);
        o["displayName"] = u->displayName;
        o["active"] = u->active;
        o["timeZone"] = u->timeZone;
    } else {
        o["self"] = api(version) + "/user?username=" + QString::fromUtf8(QUrl::toPercentEncoding(u->name));
        o["name"] = u->name;
        o["key"] = u->key;
        o["emailAddress"] = u->email;
        o["avatarUrls"] = avatarUrls("user", u->key);
        o["displayName"] = u->displayName;
        o["active"] = u->active;
        o["timeZone"] = u->timeZone;
    }
    if (withLocale)
        o["locale"] = "en_US";
    return o;
}

QJsonValue JiraApi::statusCategoryJson(const QString &key, int version) const
{
    int id = 1;
    QString name = QStringLiteral("No Category");
    QString color = QStringLiteral("medium-gray");
    if (key == QLatin1String("new")) {
        id = 2;
        name = QStringLiteral("To Do");
        color = QStringLiteral("blue-gray");
    } else if (key == QLatin1String("indeterminate")) {
        id = 4;
        name = QStringLiteral("In Progress");
        color = QStringLiteral("yellow");
    } else if (key == QLatin1String("done")) {
        id = 3;
        name = QStringLiteral("Done");
        color = QStringLiteral("green");
    }
    // statusCategory.id is a number in real Jira, unlike almost every other id (§12.3).
    return QJsonObject { { "self", api(version) + "/statuscategory/" + QString::number(id) },
                         { "id", id },
                         { "key", key },
                         { "colorName", color },
                         { "name", name } };
}

QJsonObject JiraApi::statusJson(const Status &status, int version) const
{
    return QJsonObject { { "self", api(version) + "/status/" + status.id },
                         { "description", status.description },
                         { "iconUrl", m_base + "/images/icons/statuses/generic.png" },
                         { "name", status.name },
                         { "id", status.id },
                         { "statusCategory", statusCategoryJson(status.categoryKey, version) } };
}

QJsonObject JiraApi::priorityJson(const Priority &priority, int version) const
{
    return QJsonObject { { "self", api(version) + "/priority/" + priority.id },
                         { "statusColor", priority.color },
                         { "description", priority.description },
                         { "iconUrl", m_base + "/images/icons/priorities/" + priority.name.toLower() + ".svg" },
                         { "name", priority.name },
                         { "id", priority.id } };
}

QJsonObject JiraApi::issueTypeJson(const IssueType &type, int version) const
{
    QJsonObject o { { "self", api(version) + "/issuetype/" + type.id },
                    { "id", type.id },
                    { "description", type.description },
                    { "iconUrl", m_base + "/secure/viewavatar?size=xsmall&avatarId=10303&avatarType=issuetype" },
                    { "name", type.name },
                    { "subtask", type.subtask },
                    { "avatarId", 10303 } };
    if (isCloud())
        o["hierarchyLevel"] = type.hierarchyLevel;
    return o;
}

QJsonObject JiraApi::projectJson(const Project &project, int version, const QStringList &expand) const
{
    QJsonObject o { { "expand", "description,lead,issueTypes,url,projectKeys,permissions,insight" },
                    { "self", api(version) + "/project/" + project.id },
                    { "id", project.id },
                    { "key", project.key },
                    { "name", project.name },
                    { "avatarUrls", avatarUrls("project", project.id) },
                    { "projectTypeKey", project.projectTypeKey } };
    if (isCloud()) {
        o["simplified"] = false;
        o["style"] = "classic";
        o["isPrivate"] = false;
        o["properties"] = QJsonObject();
    } else {
        o["archived"] = false;
    }
    if (expand.contains(QLatin1String("description")))
        o["description"] = project.description;
    if (expand.contains(QLatin1String("lead")))
        o["lead"] = userJson(project.leadKey, version);
    if (expand.contains(QLatin1String("issueTypes"))) {
        QJsonArray types;
        for (const QString &id : project.issueTypeIds) {
            if (const IssueType *t = m_data.issueType(id))
                types.append(issueTypeJson(*t, version));
        }
        o["issueTypes"] = types;
    }
    return o;
}

QJsonObject JiraApi::resolutionJson(const Resolution &resolution, int version) const
{
    return QJsonObject { { "self", api(version) + "/resolution/" + resolution.id },
                         { "id", resolution.id },
                         { "description", QStringLiteral("Work on this issue is complete.") },
                         { "name", resolution.name } };
}

QJsonObject JiraApi::optionJson(const CustomField &field, const FieldOption &option) const
{
    Q_UNUSED(field);
    return QJsonObject { { "self", m_base + "/rest/api/2/customFieldOption/" + option.id },
                         { "value", option.value },
                         { "id", option.id },
                         { "disabled", option.disabled } };
}

QJsonObject JiraApi::attachmentJson(const Attachment &a, int version, bool uploadAnswer) const
{
    QJsonObject o { { "self", api(version) + "/attachment/" + a.id },
                    { "id", a.id },
                    { "filename", a.filename },
                    { "author", userJson(a.authorKey, version) },
                    { "created", ts(a.created) },
                    { "size", a.content.size() },
                    { "mimeType", a.mimeType },
                    { "content", m_base + "/secure/attachment/" + a.id + "/"
                                     + QString::fromUtf8(QUrl::toPercentEncoding(a.filename)) } };
    if (a.mimeType.startsWith(QLatin1String("image/")))
        o["thumbnail"] = m_base + "/secure/thumbnail/" + a.id + "/" + QString::fromUtf8(QUrl::toPercentEncoding(a.filename));
    if (isCloud() && uploadAnswer) {
        // The Cloud example for POST …/attachments has a numeric id and epoch-millisecond
        // created (jira-rest.md §6.6); clients must accept both forms.
        o["id"] = a.id.toLongLong();
        o["created"] = a.created.toMSecsSinceEpoch();
    }
    return o;
}

QJsonObject JiraApi::historyJson(const History &h, int version) const
{
    QJsonArray items;
    for (const HistoryItem &it : h.items) {
        QJsonObject item { { "field", it.field }, { "fieldtype", it.fieldtype } };
        if (isCloud() && !it.fieldId.isEmpty())
            item["fieldId"] = it.fieldId; // absent on DC (jira-rest.md §6.4)
        item["from"] = it.from.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it.from);
        item["fromString"] = it.fromString.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it.fromString);
        item["to"] = it.to.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it.to);
        item["toString"] = it.toString.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(it.toString);
        items.append(item);
    }
    return QJsonObject {
        { "id", h.id }, { "author", userJson(h.authorKey, version) }, { "created", ts(h.created) }, { "items", items }
    };
}

QString JiraApi::fieldName(const QString &fieldId) const
{
    if (const SystemField *f = systemField(fieldId))
        return QString::fromLatin1(f->name);
    if (const CustomField *c = m_data.customField(fieldId))
        return c->name;
    return fieldId;
}

QJsonObject JiraApi::fieldSchema(const QString &id) const
{
    if (const CustomField *c = m_data.customField(id)) {
        QJsonObject o;
        switch (c->type) {
        case FieldType::Text:
        case FieldType::TextArea: o["type"] = "string"; break;
        case FieldType::Option: o["type"] = "option"; break;
        case FieldType::MultiOption:
            o["type"] = "array";
            o["items"] = "option";
            break;
        case FieldType::Number: o["type"] = "number"; break;
        case FieldType::User: o["type"] = "user"; break;
        case FieldType::Date: o["type"] = "date"; break;
        case FieldType::DateTime: o["type"] = "datetime"; break;
        }
        o["custom"] = customType(c->type);
        o["customId"] = c->numericId();
        return o;
    }
    static const QHash<QString, QString> types = {
        { "summary", "string" },    { "description", "string" },  { "issuetype", "issuetype" },
        { "project", "project" },   { "status", "status" },       { "priority", "priority" },
        { "resolution", "resolution" }, { "reporter", "user" },   { "assignee", "user" },
        { "creator", "user" },      { "labels", "array" },        { "created", "datetime" },
        { "updated", "datetime" },  { "resolutiondate", "datetime" }, { "duedate", "date" },
        { "attachment", "array" },  { "subtasks", "array" },      { "parent", "issuelink" },
    };
    QJsonObject o { { "type", types.value(id, "any") } };
    if (id == QLatin1String("labels"))
        o["items"] = "string";
    else if (id == QLatin1String("attachment"))
        o["items"] = "attachment";
    else if (id == QLatin1String("subtasks"))
        o["items"] = "issuelinks";
    o["system"] = id;
    return o;
}

QStringList JiraApi::allFieldIds() const
{
    QStringList ids;
    for (const SystemField &f : systemFields())
        ids.append(QString::fromLatin1(f.id));
    for (const CustomField &c : m_data.customFields)
        ids.append(c.id);
    return ids;
}

QStringList JiraApi::editableFields(const Project &project, const IssueType &type) const
{
    QStringList ids = { "summary", "issuetype", "project", "description", "priority", "reporter", "assignee",
                        "labels", "duedate" };
    if (type.subtask)
        ids.append("parent");
    ids += project.customFieldIds;
    return ids;
}

QJsonObject JiraApi::fieldMeta(const QString &id, const Project &project, const IssueType &type, int version,
                               bool newEndpoint) const
{
    const CustomField *custom = m_data.customField(id);
    bool required = id == QLatin1String("summary") || id == QLatin1String("issuetype") || id == QLatin1String("project")
        || id == QLatin1String("parent") || (custom && custom->required);
    QJsonObject o { { "required", required }, { "schema", fieldSchema(id) }, { "name", fieldName(id) } };
    if (newEndpoint)
        o["fieldId"] = id;
    if (isCloud() || !newEndpoint)
        o["key"] = id; // the DC fixture of the new endpoint has no `key` (§5.2)
    o["hasDefaultValue"] = id == QLatin1String("priority");
    QJsonArray ops { "set" };
    if (id == QLatin1String("labels") || (custom && custom->type == FieldType::MultiOption))
        ops = QJsonArray { "add", "set", "remove" };
    o["operations"] = ops;
    if (id == QLatin1String("issuetype")) {
        o["allowedValues"] = QJsonArray { issueTypeJson(type, version) };
    } else if (id == QLatin1String("project")) {
        o["allowedValues"] = QJsonArray { projectJson(project, version, {}) };
    } else if (id == QLatin1String("priority")) {
        QJsonArray values;
        for (const Priority &p : m_data.priorities)
            values.append(priorityJson(p, version));
        o["allowedValues"] = values;
        if (const Priority *medium = m_data.priority("3"))
            o["defaultValue"] = priorityJson(*medium, version);
    } else if (custom && (custom->type == FieldType::Option || custom->type == FieldType::MultiOption)) {
        QJsonArray values;
        for (const FieldOption &opt : custom->options)
            values.append(optionJson(*custom, opt));
        o["allowedValues"] = values;
    } else if (id == QLatin1String("reporter") || (custom && custom->type == FieldType::User)) {
        o["autoCompleteUrl"] = isCloud() ? api(version) + "/user/search?query="
                                         : m_base + "/rest/api/latest/user/search?username=";
    } else if (id == QLatin1String("assignee")) {
        o["autoCompleteUrl"] = isCloud() ? api(version) + "/user/assignable/search?project=" + project.key + "&query="
                                         : m_base + "/rest/api/latest/user/assignable/search?issueKey=null&username=";
    } else if (id == QLatin1String("labels")) {
        o["autoCompleteUrl"] = m_base + "/rest/api/1.0/labels/suggest?query=";
    }
    return o;
}

QJsonValue JiraApi::fieldValue(const Issue &issue, const QString &id, int version) const
{
    const QJsonValue null = QJsonValue::Null;
    const bool adf = isCloud() && version == 3;
    if (id == QLatin1String("summary"))
        return issue.summary;
    if (id == QLatin1String("description")) {
        if (issue.description.isNull())
            return null;
        if (adf)
            return issue.description.isObject() ? issue.description : QJsonValue(Adf::fromText(issue.description.toString()));
        return issue.description.isObject() ? Adf::toText(issue.description.toObject()) : issue.description.toString();
    }
    if (id == QLatin1String("issuetype")) {
        const IssueType *t = m_data.issueType(issue.issueTypeId);
        return t ? QJsonValue(issueTypeJson(*t, version)) : null;
    }
    if (id == QLatin1String("project")) {
        const Project *p = const_cast<FakeJiraData &>(m_data).project(issue.projectKey);
        return p ? QJsonValue(projectJson(*p, version, {})) : null;
    }
    if (id == QLatin1String("status")) {
        const Status *s = m_data.status(issue.statusId);
        return s ? QJsonValue(statusJson(*s, version)) : null;
    }
    if (id == QLatin1String("priority")) {
        const Priority *p = m_data.priority(issue.priorityId);
        return p ? QJsonValue(priorityJson(*p, version)) : null;
    }
    if (id == QLatin1String("resolution")) {
        const Resolution *res = m_data.resolution(issue.resolutionId);
        return res ? QJsonValue(resolutionJson(*res, version)) : null;
    }
    if (id == QLatin1String("reporter"))
        return userJson(issue.reporterKey, version);
    if (id == QLatin1String("assignee"))
        return userJson(issue.assigneeKey, version);
    if (id == QLatin1String("creator"))
        return userJson(issue.creatorKey, version);
    if (id == QLatin1String("labels"))
        return QJsonArray::fromStringList(issue.labels);
    if (id == QLatin1String("created"))
        return ts(issue.created);
    if (id == QLatin1String("updated"))
        return ts(issue.updated);
    if (id == QLatin1String("resolutiondate"))
        return issue.resolutionDate.isValid() ? QJsonValue(ts(issue.resolutionDate)) : null;
    if (id == QLatin1String("duedate"))
        return issue.dueDate.isValid() ? QJsonValue(issue.dueDate.toString(Qt::ISODate)) : null;
    if (id == QLatin1String("attachment")) {
        QJsonArray list;
        for (const Attachment &a : issue.attachments)
            list.append(attachmentJson(a, version));
        return list;
    }
    const auto briefIssue = [&](const Issue &other) {
        QJsonObject fields;
        fields["summary"] = other.summary;
        fields["status"] = fieldValue(other, "status", version);
        fields["priority"] = fieldValue(other, "priority", version);
        fields["issuetype"] = fieldValue(other, "issuetype", version);
        return QJsonObject { { "id", QString::number(other.id) },
                             { "key", other.key },
                             { "self", api(version) + "/issue/" + QString::number(other.id) },
                             { "fields", fields } };
    };
    if (id == QLatin1String("subtasks")) {
        QJsonArray list;
        for (const Issue *sub : m_data.subtasksOf(issue.key))
            list.append(briefIssue(*sub));
        return list;
    }
    if (id == QLatin1String("parent")) {
        const Issue *parent = issue.parentKey.isEmpty() ? nullptr : const_cast<FakeJiraData &>(m_data).issue(issue.parentKey);
        return parent ? QJsonValue(briefIssue(*parent)) : null;
    }
    const CustomField *c = m_data.customField(id);
    if (!c)
        return null;
    const QJsonValue v = issue.customValues.value(id);
    if (v.isUndefined() || v.isNull())
        return null;
    switch (c->type) {
    case FieldType::Text: return v.toString();
    case FieldType::TextArea:
        if (adf)
            return v.isObject() ? v : QJsonValue(Adf::fromText(v.toString()));
        return v.isObject() ? Adf::toText(v.toObject()) : v.toString();
    case FieldType::Option:
        for (const FieldOption &o : c->options) {
            if (o.id == v.toString())
                return optionJson(*c, o);
        }
        return null;
    case FieldType::MultiOption: {
        QJsonArray list;
        const QJsonArray ids = v.toArray();
        for (const QJsonValue &optId : ids) {
            for (const FieldOption &o : c->options) {
                if (o.id == optId.toString())
                    list.append(optionJson(*c, o));
            }
        }
        return list;
    }
    case FieldType::Number: return v.toDouble();
    case FieldType::User: return userJson(v.toString(), version);
    case FieldType::Date: return v.toString();
    case FieldType::DateTime: return ts(QDateTime::fromString(v.toString(), Qt::ISODateWithMs));
    }
    return null;
}

QSet<QString> JiraApi::selectFields(const QStringList &requested, const QString &defaultSpec) const
{
    QStringList specs = splitList(requested);
    if (specs.isEmpty())
        specs = QStringList { defaultSpec };
    QSet<QString> out;
    QSet<QString> removed;
    const QStringList all = allFieldIds();
    for (const QString &spec : std::as_const(specs)) {
        if (spec == QLatin1String("*all")) {
            out.unite(QSet<QString>(all.cbegin(), all.cend()));
        } else if (spec == QLatin1String("*navigable")) {
            for (const QString &id : all) {
                const SystemField *f = systemField(id);
                if (!f || f->navigable)
                    out.insert(id);
            }
        } else if (spec.startsWith(QLatin1Char('-'))) {
            removed.insert(spec.mid(1));
        } else if (all.contains(spec)) {
            out.insert(spec);
        }
        // unknown names are ignored, as by real Jira
    }
    return out.subtract(removed);
}

QJsonObject JiraApi::issueJson(const Issue &issue, int version, const QSet<QString> &fields,
                               const QStringList &expand) const
{
    QJsonObject o { { "expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations" },
                    { "id", QString::number(issue.id) },
                    { "self", api(version) + "/issue/" + QString::number(issue.id) },
                    { "key", issue.key } };
    QJsonObject f;
    QJsonObject names;
    for (const QString &id : allFieldIds()) {
        if (!fields.contains(id))
            continue;
        if (id == QLatin1String("parent") && issue.parentKey.isEmpty())
            continue; // only subtasks have the field at all
        if (const CustomField *c = m_data.customField(id)) {
            // custom fields not configured for the project do not exist on its issues
            const Project *p = const_cast<FakeJiraData &>(m_data).project(issue.projectKey);
            if (!p || !p->customFieldIds.contains(c->id))
                continue;
        }
        f[id] = fieldValue(issue, id, version);
        names[id] = fieldName(id);
    }
    o["fields"] = f;
    if (expand.contains(QLatin1String("names")))
        o["names"] = names;
    if (expand.contains(QLatin1String("changelog"))) {
        QJsonArray histories;
        for (const History &h : issue.histories)
            histories.append(historyJson(h, version));
        if (isCloud()) {
            // Cloud documents expand=changelog as "starting from the most recent" (§6.4).
            QJsonArray reversed;
            for (qsizetype i = histories.size() - 1; i >= 0; --i)
                reversed.append(histories.at(i));
            histories = reversed;
        }
        o["changelog"] = QJsonObject { { "startAt", 0 },
                                       { "maxResults", histories.size() },
                                       { "total", histories.size() },
                                       { "histories", histories } };
    }
    if (expand.contains(QLatin1String("transitions"))) {
        QJsonArray list;
        for (const Transition *t : availableTransitions(issue))
            list.append(transitionJson(*t, version, false));
        o["transitions"] = list;
    }
    return o;
}

QJsonObject JiraApi::transitionJson(const Transition &t, int version, bool withFields) const
{
    QJsonObject o { { "id", t.id }, { "name", t.name } };
    if (!t.omitTo) {
        if (const Status *s = m_data.status(t.to))
            o["to"] = statusJson(*s, version);
    }
    o["hasScreen"] = t.hasScreen;
    o["isGlobal"] = t.from.isEmpty();
    o["isInitial"] = false;
    o["isAvailable"] = true;
    o["isConditional"] = false;
    o["isLooped"] = false;
    if (withFields) {
        QJsonObject fields;
        for (const QString &fieldId : t.screenFields) {
            QJsonObject meta { { "required", fieldId == QLatin1String("resolution") },
                               { "schema", fieldSchema(fieldId) },
                               { "name", fieldName(fieldId) },
                               { "key", fieldId },
                               { "hasDefaultValue", false },
                               { "operations", QJsonArray { "set" } } };
            if (fieldId == QLatin1String("resolution")) {
                QJsonArray values;
                for (const Resolution &r : m_data.resolutions)
                    values.append(resolutionJson(r, version));
                meta["allowedValues"] = values;
            }
            fields[fieldId] = meta;
        }
        o["fields"] = fields;
    }
    return o;
}

QList<const Transition *> JiraApi::availableTransitions(const Issue &issue) const
{
    QList<const Transition *> out;
    const Project *p = const_cast<FakeJiraData &>(m_data).project(issue.projectKey);
    const Workflow *w = p ? m_data.workflow(p->workflow) : nullptr;
    if (!w)
        return out;
    for (const Transition &t : w->transitions) {
        const bool global = t.from.isEmpty();
        if ((global && t.to != issue.statusId) || t.from.contains(issue.statusId))
            out.append(&t);
    }
    return out;
}

// --- simple resources -----------------------------------------------------------------------

JiraApi::Response JiraApi::serverInfo()
{
    const QList<int> v = versionNumbers();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject o { { "baseUrl", m_base } };
    QJsonArray numbers;
    for (int n : v)
        numbers.append(n);
    if (isCloud()) {
        o["version"] = "1001.0.0-SNAPSHOT";
        o["versionNumbers"] = numbers;
        o["buildNumber"] = 100292;
        o["buildDate"] = ts(now.addDays(-3));
        o["serverTime"] = ts(now);
        o["scmInfo"] = "57a0ca5b4a0bb0ac5f3fee4764acb1c14e4d7e71";
        o["serverTitle"] = "Jira";
        o["defaultLocale"] = QJsonObject { { "locale", "en_US" } };
        o["serverTimeZone"] = "America/Los_Angeles";
        o["displayUrl"] = m_base;
    } else {
        const int build = v.at(0) * 100000 + v.at(1) * 1000 + v.at(2);
        o["version"] = m_options.version.isEmpty() ? QStringLiteral("9.12.7") : m_options.version;
        o["versionNumbers"] = numbers;
        o["buildNumber"] = build;
        o["buildDate"] = ts(now.addDays(-90));
        o["databaseBuildNumber"] = build;
        o["serverTime"] = ts(now);
        o["scmInfo"] = "a6d8d1b9c3bba9a0b1c7b6f3b3b0d5e2a7f4c1e9";
        o["serverTitle"] = "Jira";
    }
    switch (m_options.deploymentType) {
    case DeploymentTypeField::Default: o["deploymentType"] = isCloud() ? "Cloud" : "Server"; break;
    case DeploymentTypeField::DataCenter: o["deploymentType"] = "DataCenter"; break;
    case DeploymentTypeField::Missing: break;
    }
    return json(200, o);
}

JiraApi::Response JiraApi::myself(const ApiRequest &r)
{
    QJsonObject o = userJson(r.userKey, r.version, true).toObject();
    o["groups"] = QJsonObject { { "size", 1 }, { "items", QJsonArray() } };
    o["applicationRoles"] = QJsonObject { { "size", 1 }, { "items", QJsonArray() } };
    o["expand"] = "groups,applicationRoles";
    if (!isCloud())
        o["deleted"] = false;
    return json(200, o);
}

JiraApi::Response JiraApi::projects(const ApiRequest &r)
{
    const QStringList expand = splitList(r.query.allQueryItemValues("expand"));
    QJsonArray list;
    for (const Project &p : m_data.projects) {
        if (has(r, p, perm::Browse))
            list.append(projectJson(p, r.version, expand));
    }
    return json(200, list);
}

JiraApi::Response JiraApi::projectSearch(const ApiRequest &r)
{
    Response err;
    const auto page = paging(r, 50, kCloudProjectSearchCap, err);
    if (!page)
        return err;
    const QString query = r.query.queryItemValue("query", QUrl::FullyDecoded);
    const QStringList keys = splitList(r.query.allQueryItemValues("keys"));
    const QString action = r.query.queryItemValue("action");
    QString orderBy = r.query.queryItemValue("orderBy");
    const bool descending = orderBy.startsWith(QLatin1Char('-'));
    if (orderBy.startsWith(QLatin1Char('-')) || orderBy.startsWith(QLatin1Char('+')))
        orderBy = orderBy.mid(1);
    QList<const Project *> matches;
    for (const Project &p : m_data.projects) {
        if (!has(r, p, perm::Browse))
            continue;
        if (action == QLatin1String("create") && !has(r, p, perm::Create))
            continue;
        if (action == QLatin1String("edit") && !has(r, p, perm::Edit))
            continue;
        if (!query.isEmpty() && !p.key.contains(query, Qt::CaseInsensitive) && !p.name.contains(query, Qt::CaseInsensitive))
            continue;
        if (!keys.isEmpty() && !keys.contains(p.key))
            continue;
        matches.append(&p);
    }
    std::sort(matches.begin(), matches.end(), [&](const Project *a, const Project *b) {
        const bool less = orderBy == QLatin1String("name") ? a->name < b->name : a->key < b->key;
        const bool greater = orderBy == QLatin1String("name") ? b->name < a->name : b->key < a->key;
        return descending ? greater : less;
    });
    const QStringList expand = splitList(r.query.allQueryItemValues("expand"));
    QJsonArray values;
    for (qsizetype i = page->startAt; i < matches.size() && values.size() < page->maxResults; ++i)
        values.append(projectJson(*matches.at(i), r.version, expand));
    const bool isLast = page->startAt + values.size() >= matches.size();
    QJsonObject o { { "self", m_base + QString::fromUtf8(r.http->target) },
                    { "maxResults", page->maxResults },
                    { "startAt", page->startAt },
                    { "total", matches.size() },
                    { "isLast", isLast },
                    { "values", values } };
    if (!isLast) {
        QUrlQuery next = r.query;
        next.removeAllQueryItems("startAt");
        next.addQueryItem("startAt", QString::number(page->startAt + values.size()));
        o["nextPage"] = api(r.version) + "/project/search?" + next.toString(QUrl::FullyEncoded);
    }
    return json(200, o);
}

JiraApi::Response JiraApi::project(const ApiRequest &r, const QString &idOrKey)
{
    // Cloud: project keys in paths are case-sensitive (jira-rest.md §12.12).
    const Project *p = visibleProject(r, idOrKey, isCloud());
    if (!p)
        return notFoundProject(idOrKey);
    QJsonObject o = projectJson(*p, r.version, { "description", "lead", "issueTypes" });
    o["components"] = QJsonArray();
    o["versions"] = QJsonArray();
    o["assigneeType"] = "UNASSIGNED";
    o["roles"] = QJsonObject();
    return json(200, o);
}

JiraApi::Response JiraApi::projectStatuses(const ApiRequest &r, const QString &idOrKey)
{
    const Project *p = visibleProject(r, idOrKey, isCloud());
    if (!p)
        return notFoundProject(idOrKey);
    const Workflow *w = m_data.workflow(p->workflow);
    QJsonArray out;
    for (const QString &typeId : p->issueTypeIds) {
        const IssueType *t = m_data.issueType(typeId);
        if (!t)
            continue;
        QJsonArray statuses;
        for (const QString &sid : w ? w->statusIds : QStringList()) {
            if (const Status *s = m_data.status(sid))
                statuses.append(statusJson(*s, r.version));
        }
        out.append(QJsonObject { { "self", api(r.version) + "/issuetype/" + t->id },
                                 { "id", t->id },
                                 { "name", t->name },
                                 { "subtask", t->subtask },
                                 { "statuses", statuses } });
    }
    return json(200, out);
}

JiraApi::Response JiraApi::priorities(const ApiRequest &r, bool paged)
{
    QJsonArray all;
    for (const Priority &p : m_data.priorities)
        all.append(priorityJson(p, r.version));
    if (!paged)
        return json(200, all);
    Response err;
    const auto page = paging(r, 50, 100, err);
    if (!page)
        return err;
    QJsonArray values;
    for (qsizetype i = page->startAt; i < all.size() && values.size() < page->maxResults; ++i)
        values.append(all.at(i));
    return json(200, QJsonObject { { "maxResults", page->maxResults },
                                   { "startAt", page->startAt },
                                   { "total", all.size() },
                                   { "isLast", page->startAt + values.size() >= all.size() },
                                   { "values", values } });
}

JiraApi::Response JiraApi::issueTypes(const ApiRequest &r)
{
    QSet<QString> visible;
    for (const Project &p : m_data.projects) {
        if (has(r, p, perm::Browse))
            visible.unite(QSet<QString>(p.issueTypeIds.cbegin(), p.issueTypeIds.cend()));
    }
    QJsonArray out;
    for (const IssueType &t : m_data.issueTypes) {
        if (visible.contains(t.id))
            out.append(issueTypeJson(t, r.version));
    }
    return json(200, out);
}

JiraApi::Response JiraApi::statuses(const ApiRequest &r)
{
    QJsonArray out;
    for (const Status &s : m_data.statuses)
        out.append(statusJson(s, r.version));
    return json(200, out);
}

JiraApi::Response JiraApi::resolutions(const ApiRequest &r)
{
    QJsonArray out;
    for (const Resolution &res : m_data.resolutions)
        out.append(resolutionJson(res, r.version));
    return json(200, out);
}

JiraApi::Response JiraApi::fields(const ApiRequest &r)
{
    Q_UNUSED(r);
    QJsonArray out;
    out.append(QJsonObject { { "id", "issuekey" },
                             { "name", "Key" },
                             { "custom", false },
                             { "orderable", false },
                             { "navigable", true },
                             { "searchable", false },
                             { "clauseNames", QJsonArray { "id", "issue", "issuekey", "key" } } });
    for (const SystemField &f : systemFields()) {
        QJsonObject o { { "id", QString::fromLatin1(f.id) },
                        { "name", QString::fromLatin1(f.name) },
                        { "custom", false },
                        { "orderable", f.orderable },
                        { "navigable", f.navigable },
                        { "searchable", true },
                        { "clauseNames", QJsonArray::fromStringList(f.clauseNames) },
                        { "schema", fieldSchema(QString::fromLatin1(f.id)) } };
        if (isCloud())
            o["key"] = QString::fromLatin1(f.id);
        out.append(o);
    }
    for (const CustomField &c : m_data.customFields) {
        QJsonObject o { { "id", c.id },
                        { "name", c.name },
                        { "custom", true },
                        { "orderable", true },
                        { "navigable", true },
                        { "searchable", true },
                        { "clauseNames", QJsonArray { QStringLiteral("cf[%1]").arg(c.numericId()), c.name } },
                        { "schema", fieldSchema(c.id) } };
        if (isCloud())
            o["key"] = c.id;
        out.append(o);
    }
    return json(200, out);
}

// --- createmeta -----------------------------------------------------------------------------

JiraApi::Response JiraApi::createMetaOld(const ApiRequest &r)
{
    const QStringList keys = splitList(r.query.allQueryItemValues("projectKeys"));
    const QStringList ids = splitList(r.query.allQueryItemValues("projectIds"));
    const QStringList typeIds = splitList(r.query.allQueryItemValues("issuetypeIds"));
    const QStringList typeNames = splitList(r.query.allQueryItemValues("issuetypeNames", QUrl::FullyDecoded));
    const QStringList expand = splitList(r.query.allQueryItemValues("expand"));
    const bool withFields = expand.contains(QLatin1String("projects.issuetypes.fields"));
    QJsonArray projects;
    for (Project &p : m_data.projects) {
        // Invalid or forbidden combinations are silently left out (jira-rest.md §5.1).
        if (!has(r, p, perm::Browse) || !has(r, p, perm::Create))
            continue;
        if ((!keys.isEmpty() || !ids.isEmpty()) && !keys.contains(p.key) && !ids.contains(p.id))
            continue;
        QJsonArray types;
        for (const QString &typeId : std::as_const(p.issueTypeIds)) {
            const IssueType *t = m_data.issueType(typeId);
            if (!t || (!typeIds.isEmpty() && !typeIds.contains(t->id)) || (!typeNames.isEmpty() && !typeNames.contains(t->name)))
                continue;
            QJsonObject type = issueTypeJson(*t, r.version);
            if (withFields) {
                QJsonObject fields;
                for (const QString &fieldId : editableFields(p, *t))
                    fields[fieldId] = fieldMeta(fieldId, p, *t, r.version, false);
                type["fields"] = fields;
            }
            type["expand"] = "fields";
            types.append(type);
        }
        QJsonObject project = projectJson(p, r.version, {});
        project.remove("expand");
        project.remove("projectTypeKey");
        project.remove("simplified");
        project.remove("style");
        project.remove("isPrivate");
        project.remove("properties");
        project.remove("archived");
        project["issuetypes"] = types;
        projects.append(project);
    }
    return json(200, QJsonObject { { "expand", "projects" }, { "projects", projects } });
}

JiraApi::Response JiraApi::createMetaIssueTypes(const ApiRequest &r, const QString &projectIdOrKey)
{
    Project *p = visibleProject(r, projectIdOrKey, isCloud());
    if (!p)
        return notFoundProject(projectIdOrKey);
    const QString max = r.query.queryItemValue("maxResults");
    if (isCloud() && max.toInt() > kCloudCreateMetaCap)
        return error(400, QStringLiteral("Parameter 'maxResults' must not exceed the limit '%1'").arg(kCloudCreateMetaCap));
    Response err;
    const auto page = paging(r, 50, isCloud() ? kCloudCreateMetaCap : m_options.dcPageCap, err);
    if (!page)
        return err;
    QList<const IssueType *> types;
    if (has(r, *p, perm::Create)) {
        for (const QString &id : std::as_const(p->issueTypeIds)) {
            if (const IssueType *t = m_data.issueType(id))
                types.append(t);
        }
    }
    QJsonArray values;
    for (qsizetype i = page->startAt; i < types.size() && values.size() < page->maxResults; ++i)
        values.append(issueTypeJson(*types.at(i), r.version));
    QJsonObject o { { "maxResults", page->maxResults }, { "startAt", page->startAt }, { "total", types.size() } };
    if (isCloud()) {
        o["issueTypes"] = values;
    } else {
        o["isLast"] = page->startAt + values.size() >= types.size();
        o["values"] = values;
    }
    return json(200, o);
}

JiraApi::Response JiraApi::createMetaFields(const ApiRequest &r, const QString &projectIdOrKey, const QString &issueTypeId)
{
    Project *p = visibleProject(r, projectIdOrKey, isCloud());
    if (!p)
        return notFoundProject(projectIdOrKey);
    const IssueType *t = m_data.issueType(issueTypeId);
    if (!t || !p->issueTypeIds.contains(issueTypeId))
        return error(404, QStringLiteral("Issue type with id '%1' does not exist or is not in project '%2'.")
                              .arg(issueTypeId, p->key));
    const QString max = r.query.queryItemValue("maxResults");
    if (isCloud() && max.toInt() > kCloudCreateMetaCap)
        return error(400, QStringLiteral("Parameter 'maxResults' must not exceed the limit '%1'").arg(kCloudCreateMetaCap));
    Response err;
    const auto page = paging(r, 50, isCloud() ? kCloudCreateMetaCap : m_options.dcPageCap, err);
    if (!page)
        return err;
    const QStringList ids = has(r, *p, perm::Create) ? editableFields(*p, *t) : QStringList();
    QJsonArray values;
    for (qsizetype i = page->startAt; i < ids.size() && values.size() < page->maxResults; ++i)
        values.append(fieldMeta(ids.at(i), *p, *t, r.version, true));
    QJsonObject o { { "maxResults", page->maxResults }, { "startAt", page->startAt }, { "total", ids.size() } };
    if (isCloud()) {
        o["fields"] = values;
    } else {
        o["isLast"] = page->startAt + values.size() >= ids.size();
        o["values"] = values;
    }
    return json(200, o);
}

// --- JQL and search -------------------------------------------------------------------------

QStringList JiraApi::clauseValuesOf(const ApiRequest &r, const QString &field, const Issue &issue) const
{
    Q_UNUSED(r);
    const auto userValues = [&](const QString &key) -> QStringList {
        const User *u = const_cast<FakeJiraData &>(m_data).userByKey(key);
        if (!u)
            return {};
        return isCloud() ? QStringList { u->accountId, u->email, u->displayName }
                         : QStringList { u->name, u->key, u->email, u->displayName };
    };
    if (field == QLatin1String("project")) {
        const Project *p = const_cast<FakeJiraData &>(m_data).project(issue.projectKey);
        return p ? QStringList { p->key, p->id, p->name } : QStringList();
    }
    if (field == QLatin1String("key") || field == QLatin1String("issuekey") || field == QLatin1String("id")
        || field == QLatin1String("issue"))
        return { issue.key, QString::number(issue.id) };
    if (field == QLatin1String("issuetype") || field == QLatin1String("type")) {
        const IssueType *t = m_data.issueType(issue.issueTypeId);
        return t ? QStringList { t->name, t->id } : QStringList();
    }
    if (field == QLatin1String("status")) {
        const Status *s = m_data.status(issue.statusId);
        return s ? QStringList { s->name, s->id } : QStringList();
    }
    if (field == QLatin1String("statuscategory")) {
        const Status *s = m_data.status(issue.statusId);
        return s ? QStringList { s->categoryKey, statusCategoryJson(s->categoryKey, 2).toObject().value("name").toString() }
                 : QStringList();
    }
    if (field == QLatin1String("priority")) {
        const Priority *p = m_data.priority(issue.priorityId);
        return p ? QStringList { p->name, p->id } : QStringList();
    }
    if (field == QLatin1String("resolution")) {
        const Resolution *res = m_data.resolution(issue.resolutionId);
        return res ? QStringList { res->name, res->id } : QStringList();
    }
    if (field == QLatin1String("reporter"))
        return userValues(issue.reporterKey);
    if (field == QLatin1String("assignee"))
        return userValues(issue.assigneeKey);
    if (field == QLatin1String("creator"))
        return userValues(issue.creatorKey);
    if (field == QLatin1String("labels"))
        return issue.labels;
    if (field == QLatin1String("summary"))
        return { issue.summary };
    if (field == QLatin1String("description"))
        return { fieldValue(issue, "description", 2).toString() };
    if (field == QLatin1String("text"))
        return { issue.summary + "\n" + fieldValue(issue, "description", 2).toString() };
    if (field == QLatin1String("created") || field == QLatin1String("createddate"))
        return { jqlDate(issue.created) };
    if (field == QLatin1String("updated") || field == QLatin1String("updateddate"))
        return { jqlDate(issue.updated) };
    if (field == QLatin1String("resolved") || field == QLatin1String("resolutiondate"))
        return issue.resolutionDate.isValid() ? QStringList { jqlDate(issue.resolutionDate) } : QStringList();
    if (field == QLatin1String("due") || field == QLatin1String("duedate"))
        return issue.dueDate.isValid() ? QStringList { issue.dueDate.toString(Qt::ISODate) } : QStringList();
    if (field == QLatin1String("parent"))
        return issue.parentKey.isEmpty() ? QStringList() : QStringList { issue.parentKey };
    // custom fields: cf[10010], customfield_10010 or the field's name
    for (const CustomField &c : m_data.customFields) {
        if (field != QStringLiteral("cf[%1]").arg(c.numericId()) && field != c.id && field != c.name.toLower())
            continue;
        const QJsonValue v = issue.customValues.value(c.id);
        if (v.isUndefined() || v.isNull())
            return {};
        switch (c.type) {
        case FieldType::Option:
        case FieldType::MultiOption: {
            QStringList out;
            const QJsonArray ids = v.isArray() ? v.toArray() : QJsonArray { v };
            for (const QJsonValue &id : ids) {
                for (const FieldOption &o : c.options) {
                    if (o.id == id.toString())
                        out << o.value << o.id;
                }
            }
            return out;
        }
        case FieldType::User: return userValues(v.toString());
        case FieldType::Number: return { QString::number(v.toDouble()) };
        case FieldType::TextArea: return { v.isObject() ? Adf::toText(v.toObject()) : v.toString() };
        case FieldType::DateTime: return { jqlDate(QDateTime::fromString(v.toString(), Qt::ISODateWithMs)) };
        case FieldType::Text:
        case FieldType::Date: return { v.toString() };
        }
    }
    return {};
}

bool JiraApi::clauseMatches(const ApiRequest &r, const Jql::Clause &clause, const Issue &issue) const
{
    const QStringList have = clauseValuesOf(r, clause.field, issue);
    // expand the clause's values (functions, EMPTY)
    QStringList wanted;
    bool wantsEmpty = false;
    for (const Jql::Value &v : clause.values) {
        if (v.empty) {
            wantsEmpty = true;
        } else if (v.function) {
            const QString fn = v.text.toLower();
            if (fn == QLatin1String("standardissuetypes") || fn == QLatin1String("subtaskissuetypes")) {
                const bool sub = fn == QLatin1String("subtaskissuetypes");
                for (const IssueType &t : m_data.issueTypes) {
                    if (t.subtask == sub)
                        wanted << t.name;
                }
            } else if (fn == QLatin1String("currentuser")) {
                if (const User *u = const_cast<FakeJiraData &>(m_data).userByKey(r.userKey))
                    wanted << (isCloud() ? u->accountId : u->name);
            } else if (fn == QLatin1String("now")) {
                wanted << jqlDate(QDateTime::currentDateTimeUtc());
            } else if (fn == QLatin1String("startofday")) {
                wanted << QDate::currentDate().toString(Qt::ISODate) + " 00:00";
            } else if (fn == QLatin1String("endofday")) {
                wanted << QDate::currentDate().toString(Qt::ISODate) + " 23:59";
            }
        } else {
            wanted << v.text;
        }
    }
    const auto anyEqual = [&] {
        for (const QString &h : have) {
            for (const QString &w : std::as_const(wanted)) {
                if (sameCi(h, w))
                    return true;
            }
        }
        return wantsEmpty && have.isEmpty();
    };
    const QString &op = clause.op;
    if (op == QLatin1String("=") || op == QLatin1String("in"))
        return anyEqual();
    if (op == QLatin1String("!=") || op == QLatin1String("not in")) {
        // like Jira: `assignee != x` does not match unassigned issues
        if (have.isEmpty())
            return false;
        return !anyEqual();
    }
    if (op == QLatin1String("is"))
        return have.isEmpty();
    if (op == QLatin1String("is not"))
        return !have.isEmpty();
    if (op == QLatin1String("~") || op == QLatin1String("!~")) {
        bool found = false;
        for (const QString &w : std::as_const(wanted)) {
            QString needle = w;
            needle.remove(QLatin1Char('*'));
            for (const QString &h : have)
                found = found || h.contains(needle, Qt::CaseInsensitive);
        }
        return op == QLatin1String("~") ? found : !found;
    }
    // ordering comparisons: numbers when both are numbers, otherwise the normalised text
    if (have.isEmpty() || wanted.isEmpty())
        return false;
    const QString lhs = have.first();
    const QString rhs = normalizeJqlDate(wanted.first());
    bool n1 = false;
    bool n2 = false;
    const double a = lhs.toDouble(&n1);
    const double b = rhs.toDouble(&n2);
    const int cmp = (n1 && n2) ? (a < b ? -1 : a > b ? 1 : 0) : lhs.compare(rhs);
    if (op == QLatin1String(">"))
        return cmp > 0;
    if (op == QLatin1String(">="))
        return cmp >= 0;
    if (op == QLatin1String("<"))
        return cmp < 0;
    if (op == QLatin1String("<="))
        return cmp <= 0;
    return false;
}

QStringList JiraApi::jqlProblems(const ApiRequest &r, const Jql &jql, QSet<QString> *invalidValues) const
{
    // known clause names
    QSet<QString> known = { "key", "issuekey", "id", "issue", "text", "statuscategory", "createddate", "updateddate" };
    for (const SystemField &f : systemFields()) {
        for (const QString &c : f.clauseNames)
            known.insert(c.toLower());
    }
    for (const CustomField &c : m_data.customFields) {
        known.insert(QStringLiteral("cf[%1]").arg(c.numericId()));
        known.insert(c.id);
        known.insert(c.name.toLower());
    }
    QSet<QString> functions;
    for (const JqlFunction &f : jqlFunctions())
        functions.insert(QString::fromLatin1(f.name).toLower());
    QStringList problems;
    for (const Jql::Clause &c : jql.clauses()) {
        if (!known.contains(c.field)) {
            problems << QStringLiteral("Field '%1' does not exist or you do not have permission to view it.").arg(c.field);
            continue;
        }
        for (const Jql::Value &v : c.values) {
            if (v.function) {
                if (!functions.contains(v.text.toLower()))
                    problems << QStringLiteral("Unable to find JQL function '%1()'.").arg(v.text);
                continue;
            }
            if (v.empty)
                continue;
            bool exists = true;
            if (c.field == QLatin1String("project")) {
                const Project *p = m_data.project(v.text, false);
                if (!p) {
                    for (const Project &candidate : m_data.projects)
                        p = sameCi(candidate.name, v.text) ? &candidate : p;
                }
                exists = p && has(r, *p, perm::Browse);
            } else if (c.field == QLatin1String("issuetype") || c.field == QLatin1String("type")) {
                exists = std::any_of(m_data.issueTypes.cbegin(), m_data.issueTypes.cend(),
                                     [&](const IssueType &t) { return sameCi(t.name, v.text) || t.id == v.text; });
            } else if (c.field == QLatin1String("status")) {
                exists = std::any_of(m_data.statuses.cbegin(), m_data.statuses.cend(),
                                     [&](const Status &s) { return sameCi(s.name, v.text) || s.id == v.text; });
            } else if (c.field == QLatin1String("priority")) {
                exists = std::any_of(m_data.priorities.cbegin(), m_data.priorities.cend(),
                                     [&](const Priority &p) { return sameCi(p.name, v.text) || p.id == v.text; });
            } else if (c.field == QLatin1String("resolution")) {
                exists = sameCi(v.text, QStringLiteral("Unresolved"))
                    || std::any_of(m_data.resolutions.cbegin(), m_data.resolutions.cend(),
                                   [&](const Resolution &res) { return sameCi(res.name, v.text) || res.id == v.text; });
            }
            if (!exists) {
                problems << QStringLiteral("The value '%1' does not exist for the field '%2'.").arg(v.text, c.field);
                if (invalidValues)
                    invalidValues->insert(c.field + "\n" + v.text);
            }
        }
    }
    for (const Jql::Order &o : jql.orderBy()) {
        if (!known.contains(o.field) && o.field != QLatin1String("rank"))
            problems << QStringLiteral("Field '%1' does not exist or you do not have permission to view it.").arg(o.field);
    }
    return problems;
}

std::optional<QList<Issue *>> JiraApi::runJql(const ApiRequest &r, const QString &jqlText, bool requireBounded,
                                              bool validate, QStringList &warnings, Response &err)
{
    auto parsed = Jql::parse(jqlText);
    if (!parsed) {
        err = error(400, parsed.error().message);
        return std::nullopt;
    }
    const Jql &jql = parsed.value();
    if (requireBounded && !jql.isBounded()) {
        err = error(400, QStringLiteral("Unbounded JQL queries are not allowed here. Please add a search restriction to your query."));
        return std::nullopt;
    }
    QSet<QString> invalidValues; // "field\nvalue" treated as matching nothing with validateQuery=false
    const QStringList problems = jqlProblems(r, jql, &invalidValues);
    if (!problems.isEmpty()) {
        if (validate) {
            err = json(400, errorBody(problems));
            return std::nullopt;
        }
        warnings += problems;
    }
    QList<Issue *> out;
    for (Issue &issue : m_data.issues) {
        const Project *p = m_data.project(issue.projectKey);
        if (!p || !has(r, *p, perm::Browse))
            continue;
        const bool match = jql.matches([&](const Jql::Clause &c) {
            if (c.field == QLatin1String("resolution")) {
                // "resolution = Unresolved" is Jira's spelling of EMPTY
                for (const Jql::Value &v : c.values) {
                    if (sameCi(v.text, QStringLiteral("Unresolved"))) {
                        const bool unresolved = issue.resolutionId.isEmpty();
                        return c.op == QLatin1String("!=") || c.op == QLatin1String("not in") ? !unresolved : unresolved;
                    }
                }
            }
            for (const Jql::Value &v : c.values) {
                if (invalidValues.contains(c.field + "\n" + v.text) && c.values.size() == 1)
                    return false;
            }
            return clauseMatches(r, c, issue);
        });
        if (match)
            out.append(&issue);
    }
    // ORDER BY; without one, newest first (clients must not rely on it, §12.11)
    QList<Jql::Order> order = jql.orderBy();
    if (order.isEmpty())
        order.append({ QStringLiteral("id"), true });
    const auto priorityRank = [&](const Issue *i) {
        for (qsizetype k = 0; k < m_data.priorities.size(); ++k) {
            if (m_data.priorities.at(k).id == i->priorityId)
                return int(k);
        }
        return 1000;
    };
    std::stable_sort(out.begin(), out.end(), [&](const Issue *a, const Issue *b) {
        for (const Jql::Order &o : std::as_const(order)) {
            int cmp = 0;
            if (o.field == QLatin1String("key") || o.field == QLatin1String("issuekey")) {
                cmp = a->projectKey.compare(b->projectKey);
                if (cmp == 0) {
                    const int na = a->key.section(QLatin1Char('-'), -1).toInt();
                    const int nb = b->key.section(QLatin1Char('-'), -1).toInt();
                    cmp = na < nb ? -1 : na > nb ? 1 : 0;
                }
            } else if (o.field == QLatin1String("id") || o.field == QLatin1String("rank")) {
                cmp = a->id < b->id ? -1 : a->id > b->id ? 1 : 0;
            } else if (o.field == QLatin1String("created")) {
                cmp = a->created < b->created ? -1 : a->created > b->created ? 1 : 0;
            } else if (o.field == QLatin1String("updated")) {
                cmp = a->updated < b->updated ? -1 : a->updated > b->updated ? 1 : 0;
            } else if (o.field == QLatin1String("priority")) {
                // Jira sorts priority by its configured sequence; DESC = most important first
                const int pa = priorityRank(a);
                const int pb = priorityRank(b);
                cmp = pa > pb ? -1 : pa < pb ? 1 : 0;
            } else {
                const QString va = clauseValuesOf(r, o.field, *a).value(0);
                const QString vb = clauseValuesOf(r, o.field, *b).value(0);
                cmp = va.compare(vb, Qt::CaseInsensitive);
            }
            if (cmp != 0)
                return o.descending ? cmp > 0 : cmp < 0;
        }
        return false;
    });
    return out;
}

JiraApi::Response JiraApi::searchDc(const ApiRequest &r)
{
    QString jql = r.query.queryItemValue("jql", QUrl::FullyDecoded);
    QStringList fieldSpecs = r.query.allQueryItemValues("fields", QUrl::FullyDecoded);
    QStringList expand = splitList(r.query.allQueryItemValues("expand"));
    QString validateText = r.query.queryItemValue("validateQuery");
    ApiRequest effective = r;
    if (r.method == "POST") {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(r.http->body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return error(400, QStringLiteral("Unexpected character in the request body: ") + pe.errorString());
        const QJsonObject body = doc.object();
        for (auto it = body.begin(); it != body.end(); ++it) {
            static const QSet<QString> known = { "jql", "startAt", "maxResults", "fields", "expand", "validateQuery",
                                                 "fieldsByKeys" };
            if (!known.contains(it.key()))
                return error(400, QStringLiteral("Unrecognized field \"%1\"").arg(it.key()));
        }
        jql = body.value("jql").toString();
        fieldSpecs = jsonStringOrArray(body.value("fields"));
        expand = jsonStringOrArray(body.value("expand"));
        if (body.value("validateQuery").isBool())
            validateText = body.value("validateQuery").toBool() ? "true" : "false";
        QUrlQuery q;
        if (body.contains("startAt"))
            q.addQueryItem("startAt", QString::number(body.value("startAt").toInt()));
        if (body.contains("maxResults"))
            q.addQueryItem("maxResults", QString::number(body.value("maxResults").toInt()));
        effective.query = q;
    }
    Response err;
    const auto page = paging(effective, 50, m_options.dcPageCap, err);
    if (!page)
        return err;
    const int requestedMax = effective.query.queryItemValue("maxResults").isEmpty()
        ? 50
        : effective.query.queryItemValue("maxResults").toInt();
    if (page->startAt + requestedMax > kMaxResultWindow)
        return error(400, QStringLiteral("Search limit exceeded. The sum of startAt (%1) and maxResults (%2) must not "
                                         "exceed the max result window (%3).")
                              .arg(page->startAt)
                              .arg(requestedMax)
                              .arg(kMaxResultWindow));
    QStringList warnings;
    const auto issues = runJql(r, jql, false, parseBool(validateText, true), warnings, err);
    if (!issues)
        return err;
    const QSet<QString> fields = selectFields(fieldSpecs, "*navigable");
    QJsonArray list;
    for (qsizetype i = page->startAt; i < issues->size() && list.size() < page->maxResults; ++i)
        list.append(issueJson(*issues->at(i), r.version, fields, expand));
    QJsonObject o { { "expand", "schema,names" },
                    { "startAt", page->startAt },
                    { "maxResults", page->maxResults },
                    { "total", issues->size() },
                    { "issues", list } };
    if (!warnings.isEmpty())
        o["warningMessages"] = QJsonArray::fromStringList(warnings);
    return json(200, o);
}

JiraApi::Response JiraApi::searchJql(const ApiRequest &r)
{
    QString jql = r.query.queryItemValue("jql", QUrl::FullyDecoded);
    QStringList fieldSpecs = r.query.allQueryItemValues("fields", QUrl::FullyDecoded);
    QStringList expand = splitList(r.query.allQueryItemValues("expand"));
    QString token = r.query.queryItemValue("nextPageToken", QUrl::FullyDecoded);
    QString maxText = r.query.queryItemValue("maxResults");
    bool startAtGiven = r.query.hasQueryItem("startAt");
    if (r.method == "POST") {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(r.http->body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return error(400, QStringLiteral("Unexpected character in the request body: ") + pe.errorString());
        const QJsonObject body = doc.object();
        jql = body.value("jql").toString();
        fieldSpecs = jsonStringOrArray(body.value("fields"));
        expand = jsonStringOrArray(body.value("expand"));
        token = body.value("nextPageToken").toString();
        maxText = body.contains("maxResults") ? QString::number(body.value("maxResults").toInt()) : QString();
        startAtGiven = body.contains("startAt");
    }
    if (startAtGiven) {
        // The enhanced search pages only by token; a startAt shows the client still thinks
        // in offsets (real behaviour unconfirmed, jira-rest.md §12.7: strict here).
        return error(400, QStringLiteral("The parameter 'startAt' is not supported by this resource. Use "
                                         "'nextPageToken' to page through the results."));
    }
    const QSet<QString> fields = selectFields(fieldSpecs, "id");
    const bool idsOnly = fieldSpecs.isEmpty() || fields.isEmpty();
    int maxResults = 50;
    if (!maxText.isEmpty()) {
        bool ok = false;
        maxResults = maxText.toInt(&ok);
        if (!ok || maxResults < 0)
            return error(400, QStringLiteral("The value '%1' is not valid for the parameter 'maxResults'.").arg(maxText));
    }
    // Fewer issues per page when full issues are requested (jira-rest.md §4.1).
    maxResults = std::min(maxResults, idsOnly ? 5000 : 100);
    if (maxResults == 0)
        maxResults = 1;
    const QByteArray fingerprint =
        QCryptographicHash::hash(jql.trimmed().toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    int offset = 0;
    if (!token.isEmpty()) {
        const QList<QByteArray> parts = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).split(':');
        bool ok = false;
        if (parts.size() == 3 && parts.at(0) == "p" && parts.at(2) == fingerprint)
            offset = parts.at(1).toInt(&ok);
        if (!ok || offset < 0)
            return error(400, QStringLiteral("The provided next page token is invalid or expired."));
    }
    QStringList warnings;
    Response err;
    const auto issues = runJql(r, jql, true, true, warnings, err);
    if (!issues)
        return err;
    QJsonArray list;
    for (qsizetype i = offset; i < issues->size() && list.size() < maxResults; ++i) {
        const Issue &issue = *issues->at(i);
        if (fieldSpecs.isEmpty())
            list.append(QJsonObject { { "id", QString::number(issue.id) } }); // default fields: id only
        else
            list.append(issueJson(issue, r.version, fields, expand));
    }
    const qsizetype next = offset + list.size();
    QJsonObject o { { "issues", list } };
    if (next < issues->size()) {
        o["nextPageToken"] =
            QString::fromLatin1(("p:" + QByteArray::number(next) + ":" + fingerprint).toBase64(QByteArray::Base64UrlEncoding));
        o["isLast"] = false;
    } else {
        o["isLast"] = true;
    }
    return json(200, o);
}

JiraApi::Response JiraApi::approximateCount(const ApiRequest &r)
{
    const QJsonObject body = QJsonDocument::fromJson(r.http->body).object();
    QStringList warnings;
    Response err;
    const auto issues = runJql(r, body.value("jql").toString(), true, true, warnings, err);
    if (!issues)
        return err;
    return json(200, QJsonObject { { "count", issues->size() } });
}

// --- JQL editor support ---------------------------------------------------------------------

namespace {

QJsonObject operandJson(const Jql::Value &v)
{
    if (v.empty)
        return QJsonObject { { "keyword", "empty" } };
    if (v.function)
        return QJsonObject { { "function", v.text }, { "arguments", QJsonArray() }, { "encodedOperand", v.text + "()" } };
    return QJsonObject { { "value", v.text }, { "encodedValue", Jql::quoted(v.text) } };
}

/** A WHERE (sub)tree in the shape of Cloud's JqlQueryClause; chains of AND/OR come out flat, as Jira's. */
QJsonObject clauseJson(const std::shared_ptr<Jql::Node> &node)
{
    using Kind = Jql::Node::Kind;
    if (node->kind == Kind::Leaf) {
        const Jql::Clause &c = node->clause;
        QJsonObject o { { "field", QJsonObject { { "name", c.field } } }, { "operator", c.op } };
        if (c.op == QLatin1String("in") || c.op == QLatin1String("not in")) {
            if (c.values.size() == 1 && c.values.first().function) {
                o["operand"] = operandJson(c.values.first());
            } else {
                QJsonArray values;
                for (const Jql::Value &v : c.values)
                    values.append(operandJson(v));
                o["operand"] = QJsonObject { { "values", values } };
            }
        } else if (!c.values.isEmpty()) {
            o["operand"] = operandJson(c.values.first());
        }
        return o;
    }
    QJsonArray clauses;
    std::function<void(const std::shared_ptr<Jql::Node> &)> add = [&](const std::shared_ptr<Jql::Node> &child) {
        if (child->kind == node->kind && node->kind != Kind::Not) {
            for (const auto &grandChild : child->children)
                add(grandChild);
        } else {
            clauses.append(clauseJson(child));
        }
    };
    for (const auto &child : node->children)
        add(child);
    const char *op = node->kind == Kind::And ? "and" : node->kind == Kind::Or ? "or" : "not";
    return QJsonObject { { "clauses", clauses }, { "operator", op } };
}

QJsonObject structureJson(const Jql &jql)
{
    QJsonObject o;
    if (jql.where())
        o["where"] = clauseJson(jql.where());
    if (!jql.orderBy().isEmpty()) {
        QJsonArray fields;
        for (const Jql::Order &order : jql.orderBy())
            fields.append(QJsonObject { { "field", QJsonObject { { "name", order.field } } },
                                        { "direction", order.descending ? "desc" : "asc" } });
        o["orderBy"] = QJsonObject { { "fields", fields } };
    }
    return o;
}

/** One visibleFieldNames entry. Jira sends the flags as the strings "true"/"false", and only the true ones. */
QJsonObject autocompleteField(const QString &value, const QString &displayName, const QStringList &operators,
                              const QString &type, bool orderable, bool autoComplete, const QString &cfid = {})
{
    QJsonObject o { { "value", value },
                    { "displayName", displayName },
                    { "searchable", "true" },
                    { "operators", QJsonArray::fromStringList(operators) },
                    { "types", QJsonArray { type } } };
    if (orderable)
        o["orderable"] = "true";
    if (autoComplete)
        o["auto"] = "true";
    if (!cfid.isEmpty())
        o["cfid"] = cfid;
    return o;
}

} // namespace

JiraApi::Response JiraApi::jqlParse(const ApiRequest &r)
{
    // `validation` is documented as required with `strict` as its default; real Jira applies
    // the default when it is missing, so only an unknown mode is an error.
    const QString validation = r.query.queryItemValue("validation").toLower();
    if (!validation.isEmpty() && validation != QLatin1String("strict") && validation != QLatin1String("warn")
        && validation != QLatin1String("none"))
        return error(400, QStringLiteral("The value '%1' is not valid for the parameter 'validation'. Valid values "
                                         "are 'strict', 'warn' and 'none'.")
                              .arg(r.query.queryItemValue("validation")));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.http->body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, QStringLiteral("Unexpected character in the request body: ") + pe.errorString());
    const QJsonObject body = doc.object();
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("queries"))
            return error(400, QStringLiteral("Unrecognized field \"%1\"").arg(it.key()));
    }
    const QJsonArray queries = body.value("queries").toArray();
    if (queries.isEmpty() || !std::all_of(queries.begin(), queries.end(), [](const QJsonValue &q) { return q.isString(); }))
        return fieldErrors(400, QJsonObject { { "queries", "At least one JQL query string is required." } });

    QJsonArray out;
    for (const QJsonValue &q : queries) {
        const QString text = q.toString();
        QJsonObject parsed { { "query", text } };
        const auto jql = Jql::parse(text);
        if (!jql) {
            // Syntax errors are errors in every mode; there is no structure to return.
            parsed["errors"] = QJsonArray { jql.error().message };
            out.append(parsed);
            continue;
        }
        const QStringList problems = validation == QLatin1String("none") ? QStringList() : jqlProblems(r, jql.value(), nullptr);
        if (!problems.isEmpty() && validation != QLatin1String("warn")) {
            parsed["errors"] = QJsonArray::fromStringList(problems); // strict: no structure
        } else {
            parsed["structure"] = structureJson(jql.value());
            if (!problems.isEmpty())
                parsed["warnings"] = QJsonArray::fromStringList(problems);
        }
        out.append(parsed);
    }
    return json(200, QJsonObject { { "queries", out } });
}

JiraApi::Response JiraApi::jqlAutocompleteData(const ApiRequest &r)
{
    // Cloud's POST variant narrows the custom fields to those of some projects.
    std::optional<QSet<QString>> customFieldFilter;
    if (r.method == "POST") {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(r.http->body, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return error(400, QStringLiteral("Unexpected character in the request body: ") + pe.errorString());
        const QJsonObject body = doc.object();
        for (auto it = body.begin(); it != body.end(); ++it) {
            if (it.key() != QLatin1String("projectIds") && it.key() != QLatin1String("includeCollapsedFields"))
                return error(400, QStringLiteral("Unrecognized field \"%1\"").arg(it.key()));
        }
        const QJsonArray projectIds = body.value("projectIds").toArray();
        if (!projectIds.isEmpty()) {
            customFieldFilter.emplace();
            for (const QJsonValue &id : projectIds) {
                const QString idText = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
                const Project *p = m_data.project(idText, true);
                if (!p || p->id != idText || !has(r, *p, perm::Browse))
                    continue; // unknown or invisible project ids are ignored, not reported
                for (const QString &f : p->customFieldIds)
                    customFieldFilter->insert(f);
            }
        }
    }

    QJsonArray fields;
    for (const JqlClauseInfo &c : jqlSystemClauses()) {
        const QString name = QString::fromLatin1(c.name);
        fields.append(autocompleteField(name, name, *c.operators, QString::fromLatin1(c.type), c.orderable, c.autoComplete));
    }
    for (const CustomField &f : m_data.customFields) {
        if (customFieldFilter && !customFieldFilter->contains(f.id))
            continue;
        const QString cfid = QStringLiteral("cf[%1]").arg(f.numericId());
        QStringList ops = kEqualityOps;
        QString type = QStringLiteral("com.atlassian.jira.issue.customfields.option.Option");
        bool orderable = true;
        bool autoComplete = false;
        switch (f.type) {
        case FieldType::Text: ops = kTextOps; type = QStringLiteral("java.lang.String"); break;
        case FieldType::TextArea:
            ops = kTextOps;
            type = QStringLiteral("java.lang.String");
            orderable = false;
            break;
        case FieldType::Option:
        case FieldType::MultiOption: autoComplete = true; break;
        case FieldType::Number: ops = kRelationalOps; type = QStringLiteral("java.lang.Number"); break;
        case FieldType::User:
            type = QStringLiteral("com.atlassian.jira.user.ApplicationUser");
            autoComplete = true;
            break;
        case FieldType::Date:
        case FieldType::DateTime: ops = kRelationalOps; type = QStringLiteral("java.util.Date"); break;
        }
        // The value is what a JQL editor inserts: the name, quoted when it needs quotes.
        fields.append(autocompleteField(Jql::quoted(f.name), f.name + " - " + cfid, ops, type, orderable, autoComplete, cfid));
    }

    QJsonArray functions;
    for (const JqlFunction &f : jqlFunctions()) {
        const QString call = QString::fromLatin1(f.name) + "()";
        QJsonObject o { { "value", call }, { "displayName", call }, { "types", QJsonArray { QString::fromLatin1(f.type) } } };
        if (f.isList)
            o["isList"] = "true";
        functions.append(o);
    }
    return json(200, QJsonObject { { "visibleFieldNames", fields },
                                   { "visibleFunctionNames", functions },
                                   { "jqlReservedWords", QJsonArray::fromStringList(Jql::reservedWords()) } });
}

// --- issues ---------------------------------------------------------------------------------

JiraApi::Response JiraApi::getIssue(const ApiRequest &r, Issue &issue)
{
    const QSet<QString> fields = selectFields(r.query.allQueryItemValues("fields", QUrl::FullyDecoded), "*all");
    const QStringList expand = splitList(r.query.allQueryItemValues("expand"));
    return json(200, issueJson(issue, r.version, fields, expand));
}

std::optional<QString> JiraApi::resolveUser(const ApiRequest &r, const QString &field, const QJsonValue &value,
                                            QJsonObject &errors)
{
    if (!value.isObject()) {
        errors[field] = "data was not an object";
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    if (isCloud()) {
        // Cloud identifies users by account id only (GDPR); names are gone (§6.1, §12.4).
        if (o.contains("name") || o.contains("key")) {
            errors[field] = QStringLiteral("Specify the user by 'accountId' (or 'id'); 'name' and 'key' are not "
                                           "supported in Jira Cloud.");
            return std::nullopt;
        }
        const QString id = o.contains("accountId") ? o.value("accountId").toString() : o.value("id").toString();
        const User *u = m_data.userByAccountId(id);
        if (!u) {
            errors[field] = QStringLiteral("Specify a valid value for %1").arg(field);
            return std::nullopt;
        }
        return u->key;
    }
    if (o.contains("accountId") || o.contains("id")) {
        errors[field] = QStringLiteral("Specify the user by 'name'; Jira Data Center has no account ids.");
        return std::nullopt;
    }
    const QString name = o.value("name").toString();
    const User *u = m_data.userByName(name);
    if (!u) {
        errors[field] = QStringLiteral("User '%1' does not exist.").arg(name);
        return std::nullopt;
    }
    Q_UNUSED(r);
    return u->key;
}

void JiraApi::applyFields(const WriteContext &ctx, const QJsonObject &fields, const QJsonObject &update, Issue &issue,
                          QJsonObject &errors, QList<HistoryItem> &changes)
{
    const ApiRequest &r = *ctx.request;
    const QStringList editable = editableFields(*ctx.project, *ctx.issueType);
    const bool v3 = isCloud() && r.version == 3;
    const auto notOnScreen = [&](const QString &id) {
        errors[id] = QStringLiteral("Field '%1' cannot be set. It is not on the appropriate screen, or unknown.").arg(id);
    };
    const auto change = [&](const QString &id, const QString &from, const QString &fromString, const QString &to,
                            const QString &toString) {
        if (from == to && fromString == toString)
            return;
        const CustomField *c = m_data.customField(id);
        changes.append(HistoryItem { c ? c->name : id, id, c ? "custom" : "jira", from, fromString, to, toString });
    };
    for (auto it = update.begin(); it != update.end(); ++it) {
        if (fields.contains(it.key())) {
            errors[it.key()] = QStringLiteral("Field '%1' cannot be set in both 'fields' and 'update'.").arg(it.key());
            return;
        }
    }
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString id = it.key();
        const QJsonValue v = it.value();
        if (id == QLatin1String("project") || id == QLatin1String("issuetype")) {
            if (!ctx.creating && !v.isNull()) {
                // moving issues is out of scope; accept only the current values
                const bool same = id == QLatin1String("project")
                    ? (v.toObject().value("key").toString() == ctx.project->key || v.toObject().value("id").toString() == ctx.project->id)
                    : (v.toObject().value("id").toString() == ctx.issueType->id || v.toObject().value("name").toString() == ctx.issueType->name);
                if (!same)
                    notOnScreen(id);
            }
            continue; // resolved by createIssue()
        }
        if (!editable.contains(id)) {
            notOnScreen(id);
            continue;
        }
        if (id == QLatin1String("summary")) {
            const QString s = v.toString();
            if (!v.isString() || s.trimmed().isEmpty())
                errors[id] = "You must specify a summary of the issue.";
            else if (s.size() > 255)
                errors[id] = "Summary must be less than 255 characters.";
            else {
                change(id, QString(), issue.summary, QString(), s);
                issue.summary = s;
            }
        } else if (id == QLatin1String("description")) {
            if (v.isNull()) {
                change(id, QString(), fieldValue(issue, id, 2).toString(), QString(), QString());
                issue.description = QJsonValue::Null;
            } else if (v3) {
                const QString problem = Adf::validate(v);
                if (!problem.isEmpty()) {
                    errors[id] = v.isObject() ? QStringLiteral("Operation value must be an Atlassian Document (%1)").arg(problem)
                                              : QStringLiteral("Operation value must be an Atlassian Document (see the Atlassian Document Format)");
                } else {
                    change(id, QString(), fieldValue(issue, id, 2).toString(), QString(), Adf::toText(v.toObject()));
                    issue.description = v;
                }
            } else if (!v.isString()) {
                errors[id] = "Operation value must be a string";
            } else {
                change(id, QString(), fieldValue(issue, id, 2).toString(), QString(), v.toString());
                issue.description = v.toString();
            }
        } else if (id == QLatin1String("priority")) {
            if (!v.isObject()) {
                errors[id] = "data was not an object";
                continue;
            }
            const QJsonObject o = v.toObject();
            const Priority *found = nullptr;
            for (const Priority &p : m_data.priorities) {
                if ((o.contains("id") && p.id == o.value("id").toString()) || (o.contains("name") && p.name == o.value("name").toString()))
                    found = &p;
            }
            if (!found) {
                errors[id] = "The priority selected is invalid.";
            } else {
                const Priority *old = m_data.priority(issue.priorityId);
                change(id, issue.priorityId, old ? old->name : QString(), found->id, found->name);
                issue.priorityId = found->id;
            }
        } else if (id == QLatin1String("reporter") || id == QLatin1String("assignee")) {
            if (id == QLatin1String("reporter") && !has(r, *ctx.project, perm::ModifyReporter)) {
                notOnScreen(id); // the real symptom of a missing Modify Reporter permission
                continue;
            }
            QString &target = id == QLatin1String("reporter") ? issue.reporterKey : issue.assigneeKey;
            if (v.isNull()) {
                if (id == QLatin1String("reporter")) {
                    errors[id] = "Reporter is required.";
                    continue;
                }
                target.clear();
                continue;
            }
            if (const auto key = resolveUser(r, id, v, errors)) {
                const User *old = m_data.userByKey(target);
                const User *neu = m_data.userByKey(*key);
                change(id, target, old ? old->displayName : QString(), *key, neu ? neu->displayName : QString());
                target = *key;
            }
        } else if (id == QLatin1String("labels")) {
            QStringList labels;
            const QJsonArray array = v.toArray();
            if (!v.isArray()) {
                errors[id] = "data was not an array";
                continue;
            }
            for (const QJsonValue &l : array) {
                if (!l.isString() || l.toString().contains(QLatin1Char(' '))) {
                    errors[id] = QStringLiteral("The label '%1' contains spaces which is invalid.").arg(l.toString());
                    break;
                }
                labels.append(l.toString());
            }
            change(id, QString(), issue.labels.join(QLatin1Char(' ')), QString(), labels.join(QLatin1Char(' ')));
            issue.labels = labels;
        } else if (id == QLatin1String("duedate")) {
            if (v.isNull()) {
                issue.dueDate = QDate();
                continue;
            }
            const QDate d = QDate::fromString(v.toString(), QStringLiteral("yyyy-MM-dd"));
            if (!d.isValid())
                errors[id] = QStringLiteral("Error parsing date string: %1").arg(v.toString());
            else {
                change(id, issue.dueDate.toString(Qt::ISODate), issue.dueDate.toString(Qt::ISODate), d.toString(Qt::ISODate),
                       d.toString(Qt::ISODate));
                issue.dueDate = d;
            }
        } else if (id == QLatin1String("parent")) {
            const QJsonObject o = v.toObject();
            Issue *parent = visibleIssue(r, o.contains("key") ? o.value("key").toString() : o.value("id").toString());
            if (!parent || !parent->parentKey.isEmpty() || parent->projectKey != ctx.project->key)
                errors[id] = "Could not find issue by id or key.";
            else
                issue.parentKey = parent->key;
        } else if (const CustomField *c = m_data.customField(id)) {
            const QString name = c->name;
            if (v.isNull()) {
                issue.customValues.remove(id);
                continue;
            }
            const auto findOption = [&](const QJsonValue &ov) -> const FieldOption * {
                if (!ov.isObject()) {
                    errors[id] = "data was not an object";
                    return nullptr;
                }
                const QJsonObject o = ov.toObject();
                for (const FieldOption &opt : c->options) {
                    if (!opt.disabled && ((o.contains("id") && opt.id == o.value("id").toString())
                                          || (o.contains("value") && opt.value == o.value("value").toString())))
                        return &opt;
                }
                errors[id] = o.contains("id") ? QStringLiteral("Option id '%1' is not valid").arg(o.value("id").toString())
                                              : QStringLiteral("Option value '%1' is not valid").arg(o.value("value").toString());
                return nullptr;
            };
            const QJsonValue old = issue.customValues.value(id);
            switch (c->type) {
            case FieldType::Text:
                if (!v.isString())
                    errors[id] = "Operation value must be a string";
                else if (v.toString().size() > 255)
                    errors[id] = QStringLiteral("%1: The entered text is too long. It exceeds the allowed limit of 255 characters.").arg(name);
                else {
                    change(id, QString(), old.toString(), QString(), v.toString());
                    issue.customValues[id] = v;
                }
                break;
            case FieldType::TextArea:
                if (v3) {
                    const QString problem = Adf::validate(v);
                    if (!problem.isEmpty()) {
                        errors[id] = QStringLiteral("Operation value must be an Atlassian Document (see the Atlassian Document Format)");
                        break;
                    }
                } else if (!v.isString()) {
                    errors[id] = "Operation value must be a string";
                    break;
                }
                issue.customValues[id] = v;
                break;
            case FieldType::Option:
                if (const FieldOption *opt = findOption(v)) {
                    change(id, old.toString(), QString(), opt->id, opt->value);
                    issue.customValues[id] = opt->id;
                }
                break;
            case FieldType::MultiOption: {
                if (!v.isArray()) {
                    errors[id] = "data was not an array";
                    break;
                }
                QJsonArray ids;
                QStringList texts;
                const QJsonArray array = v.toArray();
                for (const QJsonValue &e : array) {
                    const FieldOption *opt = findOption(e);
                    if (!opt)
                        break;
                    ids.append(opt->id);
                    texts.append(opt->value);
                }
                if (!errors.contains(id)) {
                    change(id, QString(), QString(), QString(), texts.join(QStringLiteral(", ")));
                    issue.customValues[id] = ids;
                }
                break;
            }
            case FieldType::Number:
                if (!v.isDouble())
                    errors[id] = QStringLiteral("Operation value must be a number");
                else {
                    change(id, QString(), old.isDouble() ? QString::number(old.toDouble()) : QString(), QString(),
                           QString::number(v.toDouble()));
                    issue.customValues[id] = v.toDouble();
                }
                break;
            case FieldType::User:
                if (const auto key = resolveUser(r, id, v, errors)) {
                    change(id, old.toString(), QString(), *key, QString());
                    issue.customValues[id] = *key;
                }
                break;
            case FieldType::Date: {
                const QDate d = QDate::fromString(v.toString(), QStringLiteral("yyyy-MM-dd"));
                if (!d.isValid())
                    errors[id] = QStringLiteral("Error parsing date string: %1").arg(v.toString());
                else {
                    change(id, old.toString(), old.toString(), d.toString(Qt::ISODate), d.toString(Qt::ISODate));
                    issue.customValues[id] = d.toString(Qt::ISODate);
                }
                break;
            }
            case FieldType::DateTime: {
                // Jira's own format: yyyy-MM-ddTHH:mm:ss.SSS±hhmm (colon form unconfirmed, §8)
                static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?[+-]\\d{4}$"));
                const QString s = v.toString();
                if (!re.match(s).hasMatch()) {
                    errors[id] = QStringLiteral("Error parsing date string: %1").arg(s);
                    break;
                }
                const QDateTime d = QDateTime::fromString(s.left(s.size() - 2) + ":" + s.right(2), Qt::ISODateWithMs);
                if (!d.isValid()) {
                    errors[id] = QStringLiteral("Error parsing date string: %1").arg(s);
                    break;
                }
                issue.customValues[id] = d.toUTC().toString(Qt::ISODateWithMs);
                break;
            }
            }
        } else {
            notOnScreen(id);
        }
    }
    // update operations: labels add/remove/set; "set" for everything else
    for (auto it = update.begin(); it != update.end(); ++it) {
        const QString id = it.key();
        if (!editable.contains(id)) {
            notOnScreen(id);
            continue;
        }
        const QJsonArray ops = it.value().toArray();
        for (const QJsonValue &opValue : ops) {
            const QJsonObject op = opValue.toObject();
            if (id == QLatin1String("labels")) {
                const QString before = issue.labels.join(QLatin1Char(' '));
                if (op.contains("add"))
                    issue.labels.append(op.value("add").toString());
                if (op.contains("remove"))
                    issue.labels.removeAll(op.value("remove").toString());
                if (op.contains("set")) {
                    issue.labels.clear();
                    const QJsonArray set = op.value("set").toArray();
                    for (const QJsonValue &l : set)
                        issue.labels.append(l.toString());
                }
                change(id, QString(), before, QString(), issue.labels.join(QLatin1Char(' ')));
            } else if (op.contains("set")) {
                applyFields(ctx, QJsonObject { { id, op.value("set") } }, {}, issue, errors, changes);
            } else {
                errors[id] = QStringLiteral("Field '%1' does not support this operation.").arg(id);
            }
        }
    }
}

void JiraApi::recordHistory(Issue &issue, const QString &userKey, const QList<HistoryItem> &changes)
{
    if (changes.isEmpty())
        return;
    History h;
    h.id = m_data.nextHistoryId();
    h.authorKey = userKey;
    h.created = QDateTime::currentDateTimeUtc();
    h.items = changes;
    issue.histories.append(h);
}

JiraApi::Response JiraApi::createIssue(const ApiRequest &r)
{
    if (!r.http->header("content-type").toLower().startsWith("application/json"))
        return HttpResponse(415, "Unsupported Media Type", "text/plain");
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.http->body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, QStringLiteral("Unexpected character in the request body: %1").arg(pe.errorString()));
    const QJsonObject body = doc.object();
    const QJsonObject fields = body.value("fields").toObject();
    const QJsonObject update = body.value("update").toObject();
    QJsonObject errors;
    // project
    const QJsonValue pv = fields.value("project");
    Project *project = nullptr;
    if (pv.isUndefined() || pv.isNull()) {
        errors["project"] = "project is required";
    } else if (!pv.isObject()) {
        errors["project"] = "data was not an object";
    } else {
        const QJsonObject o = pv.toObject();
        project = visibleProject(r, o.contains("id") ? o.value("id").toString() : o.value("key").toString(), true);
        if (!project)
            errors["project"] = "valid project is required";
    }
    // issue type
    const QJsonValue tv = fields.value("issuetype");
    const IssueType *type = nullptr;
    if (tv.isUndefined() || tv.isNull()) {
        errors["issuetype"] = "issue type is required";
    } else if (!tv.isObject()) {
        errors["issuetype"] = "data was not an object";
    } else if (project) {
        const QJsonObject o = tv.toObject();
        for (const QString &id : std::as_const(project->issueTypeIds)) {
            const IssueType *t = m_data.issueType(id);
            if (t && ((o.contains("id") && t->id == o.value("id").toString()) || (o.contains("name") && t->name == o.value("name").toString())))
                type = t;
        }
        if (!type)
            errors["issuetype"] = "Specify a valid issue type";
    }
    if (!errors.isEmpty())
        return fieldErrors(400, errors);
    if (!has(r, *project, perm::Create))
        return error(403, QStringLiteral("You do not have permission to create issues in this project."));
    if (fields.contains("status"))
        return fieldErrors(400, QJsonObject { { "status", "Field 'status' cannot be set. It is not on the appropriate screen, or unknown." } });

    const Workflow *workflow = m_data.workflow(project->workflow);
    Issue issue;
    issue.id = m_data.nextIssueId();
    issue.key = project->key + "-" + QString::number(m_data.nextIssueNumber(project->key));
    issue.projectKey = project->key;
    issue.issueTypeId = type->id;
    issue.statusId = workflow ? workflow->initialStatusId : QString();
    issue.priorityId = "3";
    issue.reporterKey = r.userKey;
    issue.creatorKey = r.userKey;
    issue.created = QDateTime::currentDateTimeUtc();
    issue.updated = issue.created;
    QList<HistoryItem> ignored;
    WriteContext ctx { &r, project, type, true };
    applyFields(ctx, fields, update, issue, errors, ignored);
    if (!fields.contains("summary") && !errors.contains("summary"))
        errors["summary"] = "You must specify a summary of the issue.";
    if (type->subtask && issue.parentKey.isEmpty() && !errors.contains("parent"))
        errors["parent"] = "Issue type is a sub-task but parent issue key or id not specified.";
    for (const QString &cfId : std::as_const(project->customFieldIds)) {
        const CustomField *c = m_data.customField(cfId);
        if (c && c->required && !issue.customValues.contains(cfId) && !errors.contains(cfId))
            errors[cfId] = QStringLiteral("%1 is required.").arg(c->name);
    }
    if (!errors.isEmpty())
        return fieldErrors(400, errors);
    m_data.issues.append(issue);
    return json(201, QJsonObject { { "id", QString::number(issue.id) },
                                   { "key", issue.key },
                                   { "self", api(r.version) + "/issue/" + QString::number(issue.id) } });
}

JiraApi::Response JiraApi::updateIssue(const ApiRequest &r, Issue &issue)
{
    if (!r.http->header("content-type").toLower().startsWith("application/json"))
        return HttpResponse(415, "Unsupported Media Type", "text/plain");
    Project *project = m_data.project(issue.projectKey);
    if (!has(r, *project, perm::Edit))
        return error(403, QStringLiteral("You do not have permission to edit issues in this project."));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.http->body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, QStringLiteral("Unexpected character in the request body: %1").arg(pe.errorString()));
    const QJsonObject body = doc.object();
    const QJsonObject fields = body.value("fields").toObject();
    if (fields.contains("status"))
        return fieldErrors(400, QJsonObject { { "status", "Field 'status' cannot be set. It is not on the appropriate screen, or unknown." } });
    Issue copy = issue; // all or nothing, like a real validation pass
    QJsonObject errors;
    QList<HistoryItem> changes;
    WriteContext ctx { &r, project, m_data.issueType(issue.issueTypeId), false };
    applyFields(ctx, fields, body.value("update").toObject(), copy, errors, changes);
    if (!errors.isEmpty())
        return fieldErrors(400, errors);
    copy.updated = QDateTime::currentDateTimeUtc();
    recordHistory(copy, r.userKey, changes);
    issue = copy;
    if (parseBool(r.query.queryItemValue("returnIssue"), false) && isCloud())
        return json(200, issueJson(issue, r.version, selectFields({}, "*all"), {}));
    return HttpResponse(204);
}

JiraApi::Response JiraApi::deleteIssue(const ApiRequest &r, Issue &issue)
{
    const Project *project = m_data.project(issue.projectKey);
    if (!has(r, *project, perm::Delete))
        return error(403, QStringLiteral("You do not have permission to delete issues in this project."));
    const QList<const Issue *> subtasks = m_data.subtasksOf(issue.key);
    const bool withSubtasks = parseBool(r.query.queryItemValue("deleteSubtasks"), false);
    if (!subtasks.isEmpty() && !withSubtasks)
        return error(400, QStringLiteral("The issue '%1' has subtasks.  You must specify the 'deleteSubtasks' "
                                         "parameter to delete this issue with all its subtasks.")
                              .arg(issue.key));
    const QString key = issue.key;
    m_data.issues.removeIf([&](const Issue &i) { return i.key == key || i.parentKey == key; });
    return HttpResponse(204);
}

JiraApi::Response JiraApi::transitions(const ApiRequest &r, Issue &issue)
{
    const Project *project = m_data.project(issue.projectKey);
    const bool withFields = splitList(r.query.allQueryItemValues("expand")).contains(QLatin1String("transitions.fields"));
    const QString only = r.query.queryItemValue("transitionId");
    QJsonArray list;
    if (has(r, *project, perm::Transition)) {
        for (const Transition *t : availableTransitions(issue)) {
            if (only.isEmpty() || only == t->id)
                list.append(transitionJson(*t, r.version, withFields));
        }
    }
    return json(200, QJsonObject { { "expand", "transitions" }, { "transitions", list } });
}

JiraApi::Response JiraApi::doTransition(const ApiRequest &r, Issue &issue)
{
    const QJsonObject body = QJsonDocument::fromJson(r.http->body).object();
    const QJsonObject tr = body.value("transition").toObject();
    if (tr.isEmpty() || (!tr.contains("id") && !tr.contains("name")))
        return error(400, QStringLiteral("Missing 'transition' identifier"));
    const Project *project = m_data.project(issue.projectKey);
    const Transition *chosen = nullptr;
    if (has(r, *project, perm::Transition)) {
        for (const Transition *t : availableTransitions(issue)) {
            if ((tr.contains("id") && t->id == tr.value("id").toVariant().toString()) || (!tr.contains("id") && t->name == tr.value("name").toString()))
                chosen = t;
        }
    }
    if (!chosen)
        return error(400, QStringLiteral("It seems that you have tried to perform a workflow operation (%1) that is not "
                                         "valid for the current state of this issue (%2). The likely cause is that "
                                         "somebody has changed the issue recently, please look at the issue history "
                                         "for details.")
                              .arg(tr.value("id").toVariant().toString(), issue.key));
    const QJsonObject fields = body.value("fields").toObject();
    QJsonObject errors;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!chosen->screenFields.contains(it.key()))
            errors[it.key()] = QStringLiteral("Field '%1' cannot be set. It is not on the appropriate screen, or unknown.").arg(it.key());
    }
    QString resolutionId;
    if (chosen->screenFields.contains(QLatin1String("resolution"))) {
        const QJsonObject res = fields.value("resolution").toObject();
        for (const Resolution &candidate : m_data.resolutions) {
            if ((res.contains("id") && candidate.id == res.value("id").toString()) || (res.contains("name") && candidate.name == res.value("name").toString()))
                resolutionId = candidate.id;
        }
        if (resolutionId.isEmpty() && !errors.contains("resolution"))
            errors["resolution"] = res.isEmpty() ? "Resolution is required." : "The resolution selected is invalid.";
    }
    if (!errors.isEmpty())
        return fieldErrors(400, errors);
    QList<HistoryItem> changes;
    const Status *from = m_data.status(issue.statusId);
    const Status *to = m_data.status(chosen->to);
    changes.append(HistoryItem { "status", "status", "jira", issue.statusId, from ? from->name : QString(), chosen->to,
                                 to ? to->name : QString() });
    issue.statusId = chosen->to;
    const bool done = to && to->categoryKey == QLatin1String("done");
    if (!resolutionId.isEmpty() || !done) {
        const Resolution *oldRes = m_data.resolution(issue.resolutionId);
        const Resolution *newRes = m_data.resolution(resolutionId);
        if (issue.resolutionId != resolutionId)
            changes.append(HistoryItem { "resolution", "resolution", "jira", issue.resolutionId,
                                         oldRes ? oldRes->name : QString(), resolutionId, newRes ? newRes->name : QString() });
        issue.resolutionId = resolutionId;
        issue.resolutionDate = resolutionId.isEmpty() ? QDateTime() : QDateTime::currentDateTimeUtc();
    }
    issue.updated = QDateTime::currentDateTimeUtc();
    recordHistory(issue, r.userKey, changes);
    return HttpResponse(204);
}

JiraApi::Response JiraApi::changelog(const ApiRequest &r, Issue &issue)
{
    Response err;
    const auto page = paging(r, 100, 100, err);
    if (!page)
        return err;
    QJsonArray values;
    for (qsizetype i = page->startAt; i < issue.histories.size() && values.size() < page->maxResults; ++i)
        values.append(historyJson(issue.histories.at(i), r.version)); // oldest first
    const bool isLast = page->startAt + values.size() >= issue.histories.size();
    QJsonObject o { { "self", m_base + QString::fromUtf8(r.http->target) },
                    { "maxResults", page->maxResults },
                    { "startAt", page->startAt },
                    { "total", issue.histories.size() },
                    { "isLast", isLast },
                    { "values", values } };
    if (!isLast)
        o["nextPage"] = api(r.version) + "/issue/" + issue.key + "/changelog?startAt=" + QString::number(page->startAt + values.size());
    return json(200, o);
}

JiraApi::Response JiraApi::addAttachments(const ApiRequest &r, Issue &issue)
{
    // The XSRF header is checked by FakeJira before we get here.
    const Project *project = m_data.project(issue.projectKey);
    if (!has(r, *project, perm::CreateAttachments))
        return error(403, QStringLiteral("You do not have permission to create attachments for this issue."));
    const auto parts = MultipartParser::parse(r.http->header("content-type"), r.http->body);
    if (!parts)
        return error(400, QStringLiteral("The request is not a valid multipart/form-data request."));
    QList<Attachment> added;
    static const QMimeDatabase mimeDb;
    for (const MultipartParser::Part &part : *parts) {
        if (part.name != "file" || part.filename.isEmpty())
            continue; // only parts named "file" count (jira-rest.md §6.6)
        Attachment a;
        a.id = m_data.nextAttachmentId();
        a.filename = QString::fromUtf8(part.filename);
        a.authorKey = r.userKey;
        a.created = QDateTime::currentDateTimeUtc();
        a.content = part.data;
        a.mimeType = part.contentType.isEmpty() || part.contentType == "application/octet-stream"
            ? mimeDb.mimeTypeForFileNameAndData(a.filename, a.content).name()
            : QString::fromUtf8(part.contentType);
        if (a.content.size() > kUploadLimit)
            return error(413, QStringLiteral("The file '%1' is too large to attach.").arg(a.filename));
        issue.attachments.append(a);
        added.append(a);
    }
    if (added.isEmpty())
        return error(400, QStringLiteral("No file was found in the request. Send the file in a part named 'file'."));
    QList<HistoryItem> changes;
    for (const Attachment &a : std::as_const(added))
        changes.append(HistoryItem { "Attachment", "attachment", "jira", QString(), QString(), a.id, a.filename });
    recordHistory(issue, r.userKey, changes);
    QJsonArray out;
    for (const Attachment &a : std::as_const(added))
        out.append(attachmentJson(a, r.version, true));
    return json(200, out);
}

JiraApi::Response JiraApi::attachment(const ApiRequest &r, const QString &id)
{
    for (Issue &issue : m_data.issues) {
        for (qsizetype i = 0; i < issue.attachments.size(); ++i) {
            const Attachment &a = issue.attachments.at(i);
            if (a.id != id)
                continue;
            const Project *project = m_data.project(issue.projectKey);
            if (!has(r, *project, perm::Browse))
                break;
            if (r.method == "GET")
                return json(200, attachmentJson(a, r.version));
            if (r.method != "DELETE")
                return HttpResponse(405);
            const bool own = a.authorKey == r.userKey;
            if (!has(r, *project, perm::DeleteAllAttachments) && !(own && has(r, *project, perm::DeleteOwnAttachments)))
                return error(403, QStringLiteral("You do not have permission to delete attachment with id '%1'.").arg(id));
            recordHistory(issue, r.userKey,
                          { HistoryItem { "Attachment", "attachment", "jira", a.id, a.filename, QString(), QString() } });
            issue.attachments.removeAt(i);
            return HttpResponse(204);
        }
    }
    return error(404, QStringLiteral("The attachment with id '%1' does not exist").arg(id));
}

JiraApi::Response JiraApi::attachmentContent(const QString &id, const QString &userKey)
{
    ApiRequest r;
    r.userKey = userKey;
    for (const Issue &issue : std::as_const(m_data.issues)) {
        for (const Attachment &a : issue.attachments) {
            const Project *project = m_data.project(issue.projectKey);
            if (a.id == id && project && has(r, *project, perm::Browse))
                return HttpResponse(200, a.content, a.mimeType.toUtf8());
        }
    }
    return error(404, QStringLiteral("The attachment with id '%1' does not exist").arg(id));
}

// --- permissions and users ------------------------------------------------------------------

JiraApi::Response JiraApi::myPermissions(const ApiRequest &r)
{
    QStringList requested = splitList(r.query.allQueryItemValues("permissions"));
    if (isCloud()) {
        if (requested.isEmpty())
            return error(400, QStringLiteral("The 'permissions' parameter is required."));
        for (const QString &key : std::as_const(requested)) {
            if (!permissionInfo(key))
                return error(400, QStringLiteral("Invalid permission key: %1").arg(key));
        }
    } else {
        // DC returns the full map whatever was asked (jira-rest.md §9, §12.18).
        requested.clear();
        for (const PermissionInfo &p : permissionCatalog())
            requested.append(QString::fromLatin1(p.key));
    }
    // context
    const Project *context = nullptr;
    const QString projectKey = r.query.queryItemValue("projectKey");
    const QString projectId = r.query.queryItemValue("projectId");
    const QString issueKey = r.query.queryItemValue("issueKey");
    const QString issueId = r.query.queryItemValue("issueId");
    if (!projectId.isEmpty() || !projectKey.isEmpty()) {
        const QString which = projectId.isEmpty() ? projectKey : projectId;
        context = visibleProject(r, which, isCloud());
        if (!context)
            return notFoundProject(which);
    } else if (!issueKey.isEmpty() || !issueId.isEmpty()) {
        const Issue *issue = visibleIssue(r, issueId.isEmpty() ? issueKey : issueId);
        if (!issue)
            return notFoundIssue();
        context = m_data.project(issue->projectKey);
    }
    QJsonObject map;
    for (const QString &key : std::as_const(requested)) {
        const PermissionInfo *info = permissionInfo(key);
        bool granted = false;
        if (QLatin1String(info->type) == QLatin1String("GLOBAL")) {
            granted = !r.userKey.isEmpty() && m_data.globalPermissions.contains(key);
        } else if (context) {
            granted = has(r, *context, key);
        } else {
            // global context: "true if the user has it in any project" (Cloud semantics)
            granted = std::any_of(m_data.projects.cbegin(), m_data.projects.cend(),
                                  [&](const Project &p) { return has(r, p, key); });
        }
        map[key] = QJsonObject { { "id", QString::fromLatin1(info->id) },
                                 { "key", key },
                                 { "name", QString::fromLatin1(info->name) },
                                 { "type", QString::fromLatin1(info->type) },
                                 { "description", QString::fromLatin1(info->description) },
                                 { "havePermission", granted } };
    }
    return json(200, QJsonObject { { "permissions", map } });
}

JiraApi::Response JiraApi::userSearch(const ApiRequest &r, bool assignable)
{
    if (assignable) {
        // users assignable in a project or issue: here every active user of a visible project
        const QString project = r.query.queryItemValue("project");
        const QString issueKey = r.query.queryItemValue("issueKey");
        if (project.isEmpty() && issueKey.isEmpty())
            return error(400, QStringLiteral("One of 'project' or 'issueKey' is required."));
        if (!project.isEmpty() && !visibleProject(r, project, false))
            return notFoundProject(project);
        const QString text = r.query.queryItemValue(isCloud() ? "query" : "username", QUrl::FullyDecoded);
        QJsonArray out;
        for (const User &u : m_data.users) {
            if (!u.active)
                continue;
            const bool hit = text.isEmpty() || u.displayName.contains(text, Qt::CaseInsensitive)
                || (!isCloud() && u.name.startsWith(text, Qt::CaseInsensitive))
                || (!u.emailHidden && u.email.startsWith(text, Qt::CaseInsensitive));
            if (hit)
                out.append(userJson(u.key, r.version));
        }
        return json(200, out);
    }
    Response err;
    const auto page = paging(r, 50, isCloud() ? 1000 : 100, err);
    if (!page)
        return err;
    QList<const User *> matches;
    const bool picker = m_data.globalPermissions.contains(perm::UserPicker);
    if (isCloud()) {
        const QString query = r.query.queryItemValue("query", QUrl::FullyDecoded);
        const QString accountId = r.query.queryItemValue("accountId");
        if (query.isEmpty() && accountId.isEmpty() && !r.query.hasQueryItem("property"))
            return error(400, QStringLiteral("One of 'query', 'accountId' or 'property' is required."));
        if (!query.isEmpty() && !accountId.isEmpty())
            return error(400, QStringLiteral("'query' and 'accountId' cannot be used together."));
        if (!picker)
            return json(200, QJsonArray()); // Cloud: no Browse Users → empty, not 403 (§10)
        for (const User &u : m_data.users) {
            if (!u.active)
                continue;
            if (!accountId.isEmpty() && u.accountId != accountId)
                continue;
            if (!query.isEmpty()) {
                bool hit = u.email.startsWith(query, Qt::CaseInsensitive) && !u.emailHidden;
                const QStringList words = u.displayName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
                for (const QString &w : words)
                    hit = hit || w.startsWith(query, Qt::CaseInsensitive);
                hit = hit || u.displayName.startsWith(query, Qt::CaseInsensitive);
                if (!hit)
                    continue;
            }
            matches.append(&u);
        }
    } else {
        const QString username = r.query.queryItemValue("username", QUrl::FullyDecoded);
        if (username.isEmpty())
            return error(400, QStringLiteral("The username query parameter was not provided"));
        const bool includeActive = parseBool(r.query.queryItemValue("includeActive"), true);
        const bool includeInactive = parseBool(r.query.queryItemValue("includeInactive"), false);
        if (!picker)
            return json(200, QJsonArray());
        for (const User &u : m_data.users) {
            if ((u.active && !includeActive) || (!u.active && !includeInactive))
                continue;
            const bool hit = username == QLatin1String(".") || u.name.startsWith(username, Qt::CaseInsensitive)
                || u.email.startsWith(username, Qt::CaseInsensitive)
                || u.displayName.contains(username, Qt::CaseInsensitive);
            if (hit)
                matches.append(&u);
        }
    }
    QJsonArray out;
    for (qsizetype i = page->startAt; i < matches.size() && out.size() < page->maxResults; ++i)
        out.append(userJson(matches.at(i)->key, r.version));
    return json(200, out);
}

JiraApi::Response JiraApi::user(const ApiRequest &r)
{
    const User *u = nullptr;
    if (isCloud()) {
        const QString accountId = r.query.queryItemValue("accountId");
        if (accountId.isEmpty())
            return error(400, QStringLiteral("The 'accountId' query parameter needs to be provided."));
        u = m_data.userByAccountId(accountId);
    } else {
        const QString name = r.query.queryItemValue("username", QUrl::FullyDecoded);
        const QString key = r.query.queryItemValue("key");
        u = name.isEmpty() ? m_data.userByKey(key) : m_data.userByName(name);
    }
    if (!u)
        return error(404, QStringLiteral("The user does not exist."));
    return json(200, userJson(u->key, r.version).toObject());
}

} // namespace tbds::fakejira
