// SPDX-License-Identifier: Apache-2.0
#include "tests/fakejira/fakejiradata.h"

#include <QJsonArray>

#include <algorithm>

namespace tbds::fakejira {

namespace perm {
QSet<QString> allProject()
{
    return { Browse, Create, Edit, Delete, Transition, CreateAttachments, DeleteAllAttachments, DeleteOwnAttachments,
             ModifyReporter, AssignIssues };
}
} // namespace perm

qint64 CustomField::numericId() const
{
    return id.mid(id.lastIndexOf(QLatin1Char('_')) + 1).toLongLong();
}

namespace {

template<typename T, typename Pred>
T *findIn(QList<T> &list, Pred pred)
{
    auto it = std::find_if(list.begin(), list.end(), pred);
    return it == list.end() ? nullptr : &*it;
}

template<typename T, typename Pred>
const T *findIn(const QList<T> &list, Pred pred)
{
    auto it = std::find_if(list.cbegin(), list.cend(), pred);
    return it == list.cend() ? nullptr : &*it;
}

bool sameCi(const QString &a, const QString &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

void FakeJiraData::clear()
{
    *this = FakeJiraData();
}

User *FakeJiraData::userByKey(const QString &key)
{
    return findIn(users, [&](const User &u) { return u.key == key; });
}

User *FakeJiraData::userByName(const QString &name)
{
    return findIn(users, [&](const User &u) { return !u.name.isEmpty() && sameCi(u.name, name); });
}

User *FakeJiraData::userByAccountId(const QString &accountId)
{
    return findIn(users, [&](const User &u) { return !u.accountId.isEmpty() && u.accountId == accountId; });
}

User *FakeJiraData::userByEmail(const QString &email)
{
    return findIn(users, [&](const User &u) { return !u.email.isEmpty() && sameCi(u.email, email); });
}

const Status *FakeJiraData::status(const QString &id) const
{
    return findIn(statuses, [&](const Status &s) { return s.id == id; });
}

const Priority *FakeJiraData::priority(const QString &id) const
{
    return findIn(priorities, [&](const Priority &p) { return p.id == id; });
}

const IssueType *FakeJiraData::issueType(const QString &id) const
{
    return findIn(issueTypes, [&](const IssueType &t) { return t.id == id; });
}

const Resolution *FakeJiraData::resolution(const QString &id) const
{
    return findIn(resolutions, [&](const Resolution &r) { return r.id == id; });
}

const CustomField *FakeJiraData::customField(const QString &id) const
{
    return findIn(customFields, [&](const CustomField &f) { return f.id == id; });
}

const Workflow *FakeJiraData::workflow(const QString &name) const
{
    return findIn(workflows, [&](const Workflow &w) { return w.name == name; });
}

Project *FakeJiraData::project(const QString &idOrKey, bool caseSensitive)
{
    return findIn(projects, [&](const Project &p) {
        return p.id == idOrKey || (caseSensitive ? p.key == idOrKey : sameCi(p.key, idOrKey));
    });
}

Issue *FakeJiraData::issue(const QString &idOrKey)
{
    if (Issue *exact = findIn(issues, [&](const Issue &i) { return i.key == idOrKey; }))
        return exact;
    bool numeric = false;
    const qint64 id = idOrKey.toLongLong(&numeric);
    if (numeric)
        return findIn(issues, [&](const Issue &i) { return i.id == id; });
    // Real Jira retries a case-insensitive match (jira-rest.md §6.4).
    return findIn(issues, [&](const Issue &i) { return sameCi(i.key, idOrKey); });
}

QList<Issue *> FakeJiraData::issuesOf(const QString &projectKey)
{
    QList<Issue *> out;
    for (Issue &i : issues) {
        if (i.projectKey == projectKey)
            out.append(&i);
    }
    return out;
}

QList<const Issue *> FakeJiraData::subtasksOf(const QString &issueKey) const
{
    QList<const Issue *> out;
    for (const Issue &i : issues) {
        if (i.parentKey == issueKey)
            out.append(&i);
    }
    return out;
}

qint64 FakeJiraData::nextIssueId() const
{
    qint64 max = 10000;
    for (const Issue &i : issues)
        max = std::max(max, i.id);
    return max + 1;
}

int FakeJiraData::nextIssueNumber(const QString &projectKey) const
{
    int max = 0;
    const QString prefix = projectKey + QLatin1Char('-');
    for (const Issue &i : issues) {
        if (i.key.startsWith(prefix))
            max = std::max(max, i.key.mid(prefix.size()).toInt());
    }
    return max + 1;
}

QString FakeJiraData::nextAttachmentId() const
{
    qint64 max = 20000;
    for (const Issue &i : issues) {
        for (const Attachment &a : i.attachments)
            max = std::max(max, a.id.toLongLong());
    }
    return QString::number(max + 1);
}

QString FakeJiraData::nextHistoryId() const
{
    qint64 max = 30000;
    for (const Issue &i : issues) {
        for (const History &h : i.histories)
            max = std::max(max, h.id.toLongLong());
    }
    return QString::number(max + 1);
}

QString fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Text: return QStringLiteral("text");
    case FieldType::TextArea: return QStringLiteral("textarea");
    case FieldType::Option: return QStringLiteral("option");
    case FieldType::MultiOption: return QStringLiteral("multioption");
    case FieldType::Number: return QStringLiteral("number");
    case FieldType::User: return QStringLiteral("user");
    case FieldType::Date: return QStringLiteral("date");
    case FieldType::DateTime: return QStringLiteral("datetime");
    }
    return {};
}

std::optional<FieldType> fieldTypeFromName(const QString &name)
{
    for (FieldType t : { FieldType::Text, FieldType::TextArea, FieldType::Option, FieldType::MultiOption,
                         FieldType::Number, FieldType::User, FieldType::Date, FieldType::DateTime }) {
        if (fieldTypeName(t) == name)
            return t;
    }
    return std::nullopt;
}

// --- JSON -------------------------------------------------------------------------------------

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &e : array)
        out.append(e.toString());
    return out;
}

QString dt(const QDateTime &d)
{
    return d.isValid() ? d.toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseDt(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

template<typename T, typename F>
QJsonArray mapArray(const QList<T> &list, F f)
{
    QJsonArray out;
    for (const T &e : list)
        out.append(f(e));
    return out;
}

template<typename T, typename F>
QList<T> parseArray(const QJsonValue &v, F f)
{
    QList<T> out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &e : array)
        out.append(f(e.toObject()));
    return out;
}

} // namespace

QJsonObject FakeJiraData::toJson() const
{
    QJsonObject o;
    o[QStringLiteral("users")] = mapArray(users, [](const User &u) {
        return QJsonObject { { QStringLiteral("key"), u.key },
                             { QStringLiteral("name"), u.name },
                             { QStringLiteral("accountId"), u.accountId },
                             { QStringLiteral("email"), u.email },
                             { QStringLiteral("displayName"), u.displayName },
                             { QStringLiteral("active"), u.active },
                             { QStringLiteral("emailHidden"), u.emailHidden },
                             { QStringLiteral("timeZone"), u.timeZone } };
    });
    o[QStringLiteral("statuses")] = mapArray(statuses, [](const Status &s) {
        return QJsonObject { { QStringLiteral("id"), s.id },
                             { QStringLiteral("name"), s.name },
                             { QStringLiteral("description"), s.description },
                             { QStringLiteral("categoryKey"), s.categoryKey } };
    });
    o[QStringLiteral("priorities")] = mapArray(priorities, [](const Priority &p) {
        return QJsonObject { { QStringLiteral("id"), p.id },
                             { QStringLiteral("name"), p.name },
                             { QStringLiteral("description"), p.description },
                             { QStringLiteral("color"), p.color } };
    });
    o[QStringLiteral("issueTypes")] = mapArray(issueTypes, [](const IssueType &t) {
        return QJsonObject { { QStringLiteral("id"), t.id },
                             { QStringLiteral("name"), t.name },
                             { QStringLiteral("description"), t.description },
                             { QStringLiteral("subtask"), t.subtask },
                             { QStringLiteral("hierarchyLevel"), t.hierarchyLevel } };
    });
    o[QStringLiteral("resolutions")] = mapArray(resolutions, [](const Resolution &r) {
        return QJsonObject { { QStringLiteral("id"), r.id }, { QStringLiteral("name"), r.name } };
    });
    o[QStringLiteral("customFields")] = mapArray(customFields, [](const CustomField &f) {
        return QJsonObject { { QStringLiteral("id"), f.id },
                             { QStringLiteral("name"), f.name },
                             { QStringLiteral("type"), fieldTypeName(f.type) },
                             { QStringLiteral("required"), f.required },
                             { QStringLiteral("description"), f.description },
                             { QStringLiteral("options"), mapArray(f.options, [](const FieldOption &opt) {
                                   return QJsonObject { { QStringLiteral("id"), opt.id },
                                                        { QStringLiteral("value"), opt.value },
                                                        { QStringLiteral("disabled"), opt.disabled } };
                               }) } };
    });
    o[QStringLiteral("workflows")] = mapArray(workflows, [](const Workflow &w) {
        return QJsonObject { { QStringLiteral("name"), w.name },
                             { QStringLiteral("statusIds"), strings(w.statusIds) },
                             { QStringLiteral("initialStatusId"), w.initialStatusId },
                             { QStringLiteral("transitions"), mapArray(w.transitions, [](const Transition &t) {
                                   return QJsonObject { { QStringLiteral("id"), t.id },
                                                        { QStringLiteral("name"), t.name },
                                                        { QStringLiteral("from"), strings(t.from) },
                                                        { QStringLiteral("to"), t.to },
                                                        { QStringLiteral("hasScreen"), t.hasScreen },
                                                        { QStringLiteral("screenFields"), strings(t.screenFields) },
                                                        { QStringLiteral("omitTo"), t.omitTo } };
                               }) } };
    });
    o[QStringLiteral("projects")] = mapArray(projects, [](const Project &p) {
        QStringList permissions(p.permissions.cbegin(), p.permissions.cend());
        permissions.sort();
        return QJsonObject { { QStringLiteral("id"), p.id },
                             { QStringLiteral("key"), p.key },
                             { QStringLiteral("name"), p.name },
                             { QStringLiteral("description"), p.description },
                             { QStringLiteral("leadKey"), p.leadKey },
                             { QStringLiteral("projectTypeKey"), p.projectTypeKey },
                             { QStringLiteral("issueTypeIds"), strings(p.issueTypeIds) },
                             { QStringLiteral("workflow"), p.workflow },
                             { QStringLiteral("customFieldIds"), strings(p.customFieldIds) },
                             { QStringLiteral("permissions"), strings(permissions) } };
    });
    o[QStringLiteral("issues")] = mapArray(issues, [](const Issue &i) {
        return QJsonObject {
            { QStringLiteral("id"), QString::number(i.id) },
            { QStringLiteral("key"), i.key },
            { QStringLiteral("projectKey"), i.projectKey },
            { QStringLiteral("issueTypeId"), i.issueTypeId },
            { QStringLiteral("summary"), i.summary },
            { QStringLiteral("description"), i.description },
            { QStringLiteral("statusId"), i.statusId },
            { QStringLiteral("priorityId"), i.priorityId },
            { QStringLiteral("resolutionId"), i.resolutionId },
            { QStringLiteral("reporterKey"), i.reporterKey },
            { QStringLiteral("assigneeKey"), i.assigneeKey },
            { QStringLiteral("creatorKey"), i.creatorKey },
            { QStringLiteral("labels"), strings(i.labels) },
            { QStringLiteral("created"), dt(i.created) },
            { QStringLiteral("updated"), dt(i.updated) },
            { QStringLiteral("resolutionDate"), dt(i.resolutionDate) },
            { QStringLiteral("dueDate"), i.dueDate.isValid() ? i.dueDate.toString(Qt::ISODate) : QString() },
            { QStringLiteral("parentKey"), i.parentKey },
            { QStringLiteral("customValues"), i.customValues },
            { QStringLiteral("attachments"), mapArray(i.attachments, [](const Attachment &a) {
                 return QJsonObject { { QStringLiteral("id"), a.id },
                                      { QStringLiteral("filename"), a.filename },
                                      { QStringLiteral("authorKey"), a.authorKey },
                                      { QStringLiteral("created"), dt(a.created) },
                                      { QStringLiteral("mimeType"), a.mimeType },
                                      { QStringLiteral("content"), QString::fromLatin1(a.content.toBase64()) } };
             }) },
            { QStringLiteral("histories"), mapArray(i.histories, [](const History &h) {
                 return QJsonObject { { QStringLiteral("id"), h.id },
                                      { QStringLiteral("authorKey"), h.authorKey },
                                      { QStringLiteral("created"), dt(h.created) },
                                      { QStringLiteral("items"), mapArray(h.items, [](const HistoryItem &it) {
                                            return QJsonObject { { QStringLiteral("field"), it.field },
                                                                 { QStringLiteral("fieldId"), it.fieldId },
                                                                 { QStringLiteral("fieldtype"), it.fieldtype },
                                                                 { QStringLiteral("from"), it.from },
                                                                 { QStringLiteral("fromString"), it.fromString },
                                                                 { QStringLiteral("to"), it.to },
                                                                 { QStringLiteral("toString"), it.toString } };
                                        }) } };
             }) },
        };
    });
    QStringList global(globalPermissions.cbegin(), globalPermissions.cend());
    global.sort();
    o[QStringLiteral("globalPermissions")] = strings(global);
    return o;
}

Result<FakeJiraData> FakeJiraData::fromJson(const QJsonObject &json)
{
    FakeJiraData d;
    auto s = [](const QJsonObject &o, const char *name) { return o.value(QLatin1String(name)).toString(); };
    d.users = parseArray<User>(json.value(QLatin1String("users")), [&](const QJsonObject &o) {
        User u;
        u.key = s(o, "key");
        u.name = s(o, "name");
        u.accountId = s(o, "accountId");
        u.email = s(o, "email");
        u.displayName = s(o, "displayName");
        u.active = o.value(QLatin1String("active")).toBool(true);
        u.emailHidden = o.value(QLatin1String("emailHidden")).toBool();
        if (o.contains(QLatin1String("timeZone")))
            u.timeZone = s(o, "timeZone");
        return u;
    });
    d.statuses = parseArray<Status>(json.value(QLatin1String("statuses")), [&](const QJsonObject &o) {
        return Status { s(o, "id"), s(o, "name"), s(o, "description"), s(o, "categoryKey") };
    });
    d.priorities = parseArray<Priority>(json.value(QLatin1String("priorities")), [&](const QJsonObject &o) {
        return Priority { s(o, "id"), s(o, "name"), s(o, "description"), s(o, "color") };
    });
    d.issueTypes = parseArray<IssueType>(json.value(QLatin1String("issueTypes")), [&](const QJsonObject &o) {
        return IssueType { s(o, "id"), s(o, "name"), s(o, "description"), o.value(QLatin1String("subtask")).toBool(),
                           o.value(QLatin1String("hierarchyLevel")).toInt() };
    });
    d.resolutions = parseArray<Resolution>(json.value(QLatin1String("resolutions")), [&](const QJsonObject &o) {
        return Resolution { s(o, "id"), s(o, "name") };
    });
    QString error;
    d.customFields = parseArray<CustomField>(json.value(QLatin1String("customFields")), [&](const QJsonObject &o) {
        CustomField f;
        f.id = s(o, "id");
        f.name = s(o, "name");
        const auto type = fieldTypeFromName(s(o, "type"));
        if (!type)
            error = QStringLiteral("custom field %1 has an unknown type '%2'").arg(f.id, s(o, "type"));
        f.type = type.value_or(FieldType::Text);
        f.required = o.value(QLatin1String("required")).toBool();
        f.description = s(o, "description");
        f.options = parseArray<FieldOption>(o.value(QLatin1String("options")), [&](const QJsonObject &opt) {
            return FieldOption { s(opt, "id"), s(opt, "value"), opt.value(QLatin1String("disabled")).toBool() };
        });
        return f;
    });
    d.workflows = parseArray<Workflow>(json.value(QLatin1String("workflows")), [&](const QJsonObject &o) {
        Workflow w;
        w.name = s(o, "name");
        w.statusIds = stringList(o.value(QLatin1String("statusIds")));
        w.initialStatusId = s(o, "initialStatusId");
        w.transitions = parseArray<Transition>(o.value(QLatin1String("transitions")), [&](const QJsonObject &t) {
            Transition tr;
            tr.id = s(t, "id");
            tr.name = s(t, "name");
            tr.from = stringList(t.value(QLatin1String("from")));
            tr.to = s(t, "to");
            tr.hasScreen = t.value(QLatin1String("hasScreen")).toBool();
            tr.screenFields = stringList(t.value(QLatin1String("screenFields")));
            tr.omitTo = t.value(QLatin1String("omitTo")).toBool();
            return tr;
        });
        return w;
    });
    d.projects = parseArray<Project>(json.value(QLatin1String("projects")), [&](const QJsonObject &o) {
        Project p;
        p.id = s(o, "id");
        p.key = s(o, "key");
        p.name = s(o, "name");
        p.description = s(o, "description");
        p.leadKey = s(o, "leadKey");
        if (o.contains(QLatin1String("projectTypeKey")))
            p.projectTypeKey = s(o, "projectTypeKey");
        p.issueTypeIds = stringList(o.value(QLatin1String("issueTypeIds")));
        p.workflow = s(o, "workflow");
        p.customFieldIds = stringList(o.value(QLatin1String("customFieldIds")));
        if (o.contains(QLatin1String("permissions"))) {
            const QStringList list = stringList(o.value(QLatin1String("permissions")));
            p.permissions = QSet<QString>(list.cbegin(), list.cend());
        }
        return p;
    });
    d.issues = parseArray<Issue>(json.value(QLatin1String("issues")), [&](const QJsonObject &o) {
        Issue i;
        i.id = s(o, "id").toLongLong();
        i.key = s(o, "key");
        i.projectKey = s(o, "projectKey");
        i.issueTypeId = s(o, "issueTypeId");
        i.summary = s(o, "summary");
        i.description = o.value(QLatin1String("description"));
        if (i.description.isUndefined())
            i.description = QJsonValue::Null;
        i.statusId = s(o, "statusId");
        i.priorityId = s(o, "priorityId");
        i.resolutionId = s(o, "resolutionId");
        i.reporterKey = s(o, "reporterKey");
        i.assigneeKey = s(o, "assigneeKey");
        i.creatorKey = s(o, "creatorKey");
        i.labels = stringList(o.value(QLatin1String("labels")));
        i.created = parseDt(o.value(QLatin1String("created")));
        i.updated = parseDt(o.value(QLatin1String("updated")));
        i.resolutionDate = parseDt(o.value(QLatin1String("resolutionDate")));
        i.dueDate = QDate::fromString(s(o, "dueDate"), Qt::ISODate);
        i.parentKey = s(o, "parentKey");
        i.customValues = o.value(QLatin1String("customValues")).toObject();
        i.attachments = parseArray<Attachment>(o.value(QLatin1String("attachments")), [&](const QJsonObject &a) {
            return Attachment { s(a, "id"), s(a, "filename"), s(a, "authorKey"), parseDt(a.value(QLatin1String("created"))),
                                s(a, "mimeType"), QByteArray::fromBase64(s(a, "content").toLatin1()) };
        });
        i.histories = parseArray<History>(o.value(QLatin1String("histories")), [&](const QJsonObject &h) {
            History hist;
            hist.id = s(h, "id");
            hist.authorKey = s(h, "authorKey");
            hist.created = parseDt(h.value(QLatin1String("created")));
            hist.items = parseArray<HistoryItem>(h.value(QLatin1String("items")), [&](const QJsonObject &it) {
                return HistoryItem { s(it, "field"), s(it, "fieldId"), s(it, "fieldtype"), s(it, "from"),
                                     s(it, "fromString"), s(it, "to"), s(it, "toString") };
            });
            return hist;
        });
        if (i.id == 0 || i.key.isEmpty())
            error = QStringLiteral("an issue lacks its id or key");
        return i;
    });
    if (json.contains(QLatin1String("globalPermissions"))) {
        const QStringList list = stringList(json.value(QLatin1String("globalPermissions")));
        d.globalPermissions = QSet<QString>(list.cbegin(), list.cend());
    }
    for (const Project &p : std::as_const(d.projects)) {
        if (!d.workflow(p.workflow))
            error = QStringLiteral("project %1 names an unknown workflow '%2'").arg(p.key, p.workflow);
    }
    if (!error.isEmpty())
        return Error { QStringLiteral("The fake Jira data set is invalid"), error };
    return d;
}

} // namespace tbds::fakejira
