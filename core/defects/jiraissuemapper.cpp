// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jiraissuemapper.h"

#include "core/common/logging.h"
#include "core/defects/jiraprojectmeta.h"
#include "core/defects/validation.h"
#include "core/jira/adf.h"

#include <QHash>
#include <QLocale>
#include <QSet>

#include <cmath>

namespace tbds::defects {

namespace {

using Meta = JiraProjectMeta;

QString str(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toString();
}

/** `fields.<key>.name` (status, priority, issuetype), "" if absent. */
QString nameOf(const QJsonObject &fields, const char *key)
{
    return fields.value(QLatin1String(key)).toObject().value(QLatin1String("name")).toString();
}

QString pythonNumber(double value)
{
    // JSON does not tell 3 from 3.0 once parsed; Jira sends whole numbers as integers.
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

std::optional<QString> renderScalar(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case QJsonValue::Double:
        return pythonNumber(value.toDouble());
    case QJsonValue::String: {
        const QString text = value.toString();
        // Legacy sprint values are serialised Java objects; the reference leaves them out.
        if (text.contains(QLatin1String("com.atlassian.greenhopper")))
            return std::nullopt;
        return text;
    }
    default:
        return std::nullopt;
    }
}

/** A python-jira "resource" (an object with `self`): its first name-like property. */
QString renderResource(const QJsonObject &object)
{
    if (object.contains(QLatin1String("child"))) { // cascading select
        const QString child = object.value(QLatin1String("child")).toObject().value(QLatin1String("value")).toString();
        return str(object, "value") + QStringLiteral(" - ") + child;
    }
    if (object.contains(QLatin1String("timeSpent")) || object.contains(QLatin1String("originalEstimate")))
        return str(object, "timeSpent");
    static const char *const keys[] = {"displayName", "key",   "name", "accountId", "filename", "value",
                                       "scope",       "votes", "id",   "mimeType",  "closed"};
    for (const char *key : keys) {
        const QJsonValue v = object.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (v.isObject() || v.isArray())
            return QString(); // the reference printed a Python object address here
        return renderScalar(v).value_or(QString());
    }
    return QString();
}

QString pythonRepr(const QString &text)
{
    const bool hasSingle = text.contains(QLatin1Char('\''));
    const bool hasDouble = text.contains(QLatin1Char('"'));
    const QChar quote = hasSingle && !hasDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString out = quote;
    for (const QChar c : text) {
        if (c == quote || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            out += QLatin1String("\\r");
        else if (c == QLatin1Char('\t'))
            out += QLatin1String("\\t");
        else
            out += c;
    }
    return out + quote;
}

/** `str(getattr(defect, name))` for a non-null Defect field (contract §6.3). */
std::optional<QString> renderDefectField(const DefectWithID &defect, const QString &name)
{
    if (name == QLatin1String("title"))
        return defect.title;
    if (name == QLatin1String("description"))
        return defect.description;
    if (name == QLatin1String("reporter"))
        return defect.reporter;
    if (name == QLatin1String("status"))
        return defect.status;
    if (name == QLatin1String("classification"))
        return defect.classification;
    if (name == QLatin1String("priority"))
        return defect.priority;
    if (name == QLatin1String("id"))
        return QStringLiteral("root=") + pythonRepr(defect.id);
    if (name == QLatin1String("lastEdited"))
        return defect.lastEdited.isValid() ? std::optional(defect.lastEdited.toPythonString()) : std::nullopt;
    if (name == QLatin1String("references") && defect.references) {
        QStringList items;
        for (const QString &reference : *defect.references)
            items.append(pythonRepr(reference));
        return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    return std::nullopt;
}

/** Inserts or overwrites `key`, keeping its first position (a Python dict assignment). */
void assign(StringPairs &pairs, const QString &key, const QString &value)
{
    for (auto &pair : pairs) {
        if (pair.first == key) {
            pair.second = value;
            return;
        }
    }
    pairs.append({key, value});
}

/** Fields a defect can never write: derived, structural, or handled elsewhere. */
bool isUnwritable(const QString &fieldId)
{
    static const QSet<QString> ids = {QStringLiteral("project"),  QStringLiteral("attachment"),
                                      QStringLiteral("parent"),   QStringLiteral("issuelinks"),
                                      QStringLiteral("subtasks"), QStringLiteral("status"),
                                      QStringLiteral("creator"),  QStringLiteral("created"),
                                      QStringLiteral("updated"),  QStringLiteral("resolutiondate"),
                                      QStringLiteral("issuetype"), QStringLiteral("issuekey")};
    return ids.contains(fieldId);
}

bool isRichText(const QJsonObject &field)
{
    return Meta::fieldId(field) == QLatin1String("description") || Meta::fieldId(field) == QLatin1String("environment")
        || Meta::schemaCustom(field).endsWith(QLatin1String(":textarea"));
}

QStringList splitList(const QString &value)
{
    QStringList items;
    for (const QString &part : value.split(QLatin1Char(','))) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            items.append(item);
    }
    return items;
}

/** `{"id"}` of the allowed value called `value`, else `{"value"}` (Jira resolves it or says why not). */
QJsonObject optionReference(const QJsonObject &field, const QString &value)
{
    const QJsonArray allowed = field.value(QLatin1String("allowedValues")).toArray();
    for (const QJsonValue &v : allowed) {
        const QJsonObject option = v.toObject();
        if (str(option, "value") == value || str(option, "name") == value)
            return {{QStringLiteral("id"), str(option, "id")}};
    }
    return {{QStringLiteral("value"), value}};
}

} // namespace

std::optional<QString> JiraIssueMapper::renderValue(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (jira::Adf::isDocument(object)) // Cloud v3 rich text; the reference (v2) saw wiki text
            return jira::Adf::toPlainText(object);
        if (!object.contains(QLatin1String("self")))
            return std::nullopt;
        return renderResource(object);
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return QString();
        QStringList parts;
        bool allStrings = true;
        bool allResources = true;
        for (const QJsonValue &item : array) {
            allStrings = allStrings && item.isString();
            const bool resource = item.isObject() && item.toObject().contains(QLatin1String("self"));
            if (item.isObject() && !resource)
                return std::nullopt; // self-less objects (Cloud sprints) are left out
            allResources = allResources && resource;
        }
        if (allStrings) {
            for (const QJsonValue &item : array)
                parts.append(item.toString());
            return parts.join(QLatin1String(", "));
        }
        if (allResources) {
            for (const QJsonValue &item : array)
                parts.append(renderResource(item.toObject()));
            return parts.join(QLatin1String(", "));
        }
        for (const QJsonValue &item : array) // Python list text, e.g. [1, 2]
            parts.append(item.isString() ? pythonRepr(item.toString()) : renderScalar(item).value_or(QString()));
        return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    return renderScalar(value);
}

DefectWithID JiraIssueMapper::toDefect(const QJsonObject &issue, const QList<QJsonObject> &udfFields,
                                       const QUrl &browseUrl)
{
    const QJsonObject fields = issue.value(QLatin1String("fields")).toObject();
    DefectWithID defect;
    defect.id = str(issue, "key");
    defect.title = truncateStr255(str(fields, "summary"));
    const QJsonValue description = fields.value(QLatin1String("description"));
    if (description.isString())
        defect.description = description.toString();
    else if (description.isObject())
        defect.description = jira::Adf::toPlainText(description);
    // The reference reads the creator (contract §7.6); the reporter is the fallback when the
    // creator is hidden (anonymous or deleted accounts).
    QString reporter = fields.value(QLatin1String("creator")).toObject().value(QLatin1String("displayName")).toString();
    if (reporter.isEmpty())
        reporter = fields.value(QLatin1String("reporter")).toObject().value(QLatin1String("displayName")).toString();
    defect.reporter = truncateStr255(reporter);
    defect.status = truncateStr255(nameOf(fields, "status"));
    defect.classification = truncateStr255(nameOf(fields, "issuetype"));
    defect.priority = truncateStr255(nameOf(fields, "priority"));

    QList<UserDefinedFieldProperties> udfs;
    udfs.reserve(udfFields.size());
    for (const QJsonObject &field : udfFields) {
        const std::optional<QString> value = renderValue(fields.value(Meta::fieldId(field)));
        if (!value)
            continue;
        UserDefinedFieldProperties udf;
        udf.name = Meta::fieldName(field);
        udf.value = *value;
        udf.mustField = Meta::isRequired(field);
        udfs.append(std::move(udf));
    }
    defect.userDefinedFields = std::move(udfs);

    const Result<DateTime> updated = DateTime::parse(str(fields, "updated"));
    if (updated.ok())
        defect.lastEdited = updated.value();
    else
        qCWarning(lcDefects).noquote() << "issue" << defect.id << "has an unreadable 'updated' value:"
                                       << str(fields, "updated");

    QStringList references{browseUrl.toString()};
    const QJsonArray attachments = fields.value(QLatin1String("attachment")).toArray();
    for (const QJsonValue &attachment : attachments) {
        const QString content = str(attachment.toObject(), "content");
        if (!content.isEmpty())
            references.append(content);
    }
    defect.references = references;
    return defect;
}

QList<UserDefinedAttribute> JiraIssueMapper::toAttributes(const QList<QJsonObject> &fields)
{
    QList<UserDefinedAttribute> out;
    out.reserve(fields.size());
    for (const QJsonObject &field : fields) {
        UserDefinedAttribute attribute;
        attribute.name = Meta::fieldName(field);
        attribute.valueType
            = Meta::schemaType(field) == QLatin1String("boolean") ? UdfValueType::Boolean : UdfValueType::String;
        attribute.mustField = Meta::isRequired(field);
        out.append(std::move(attribute));
    }
    return out;
}

JiraWritePlan JiraIssueMapper::planWrite(const Defect &defect, const QList<QJsonObject> &fields, bool cloud,
                                         bool includeReporter)
{
    JiraWritePlan plan;
    const auto findField = [&fields](const QString &idOrName) -> const QJsonObject * {
        for (const QJsonObject &field : fields) {
            if (Meta::fieldId(field) == idOrName || Meta::fieldName(field) == idOrName)
                return &field;
        }
        return nullptr;
    };

    // Later assignments to the same field win (contract §7.8 order); remember them in order.
    QList<std::pair<const QJsonObject *, QString>> assignments;
    const auto set = [&assignments](const QJsonObject *field, const QString &value) {
        for (auto &a : assignments) {
            if (Meta::fieldId(*a.first) == Meta::fieldId(*field)) {
                a.second = value;
                return;
            }
        }
        assignments.append({field, value});
    };

    if (defect.userDefinedFields) {
        for (const UserDefinedFieldProperties &udf : *defect.userDefinedFields) {
            if (!udf.value || udf.value->isEmpty())
                continue;
            const QJsonObject *field = findField(udf.name);
            if (!field || isUnwritable(Meta::fieldId(*field)))
                continue;
            set(field, *udf.value);
        }
    }
    // Null title/description mean "not given": never write the text "None" (§10.3-30).
    if (defect.title) {
        if (const QJsonObject *field = findField(QStringLiteral("summary")))
            set(field, *defect.title);
    }
    if (defect.description) {
        if (const QJsonObject *field = findField(QStringLiteral("description")))
            set(field, *defect.description);
    }
    if (!defect.priority.isEmpty()) {
        if (const QJsonObject *field = findField(QStringLiteral("priority")))
            set(field, defect.priority);
        else
            plan.warnings.append(QStringLiteral("Priority '%1' was not set: the field is not on the create screen.")
                                     .arg(defect.priority));
    }
    if (includeReporter && defect.reporter && !defect.reporter->isEmpty()) {
        if (const QJsonObject *field = findField(QStringLiteral("reporter")))
            set(field, *defect.reporter);
        else
            plan.warnings.append(QStringLiteral("Reporter '%1' was not set: the field is not on the screen (the "
                                                "account may lack the Modify Reporter permission).")
                                     .arg(*defect.reporter));
    }

    for (const auto &[field, value] : assignments) {
        const QString id = Meta::fieldId(*field);
        const QString type = Meta::schemaType(*field);
        if (type == QLatin1String("string")) {
            plan.fields.insert(id, cloud && isRichText(*field) ? QJsonValue(jira::Adf::fromPlainText(value))
                                                               : QJsonValue(value));
        } else if (type == QLatin1String("date") || type == QLatin1String("datetime")) {
            plan.fields.insert(id, value);
        } else if (type == QLatin1String("number")) {
            bool ok = false;
            const double number = value.trimmed().toDouble(&ok);
            if (ok)
                plan.fields.insert(id, number);
            else
                plan.warnings.append(QStringLiteral("'%1' was not set: '%2' is not a number.")
                                         .arg(Meta::fieldName(*field), value));
        } else if (type == QLatin1String("option")) {
            plan.fields.insert(id, optionReference(*field, value));
        } else if (type == QLatin1String("array")) {
            const QString items = Meta::schemaItems(*field);
            const QStringList parts = splitList(value);
            QJsonArray array;
            if (items == QLatin1String("user")) {
                plan.userLookups.append({id, parts, true});
                continue;
            }
            for (const QString &part : parts) {
                if (items == QLatin1String("component") || items == QLatin1String("version"))
                    array.append(QJsonObject{{QStringLiteral("name"), part}});
                else if (items == QLatin1String("option"))
                    array.append(optionReference(*field, part));
                else
                    array.append(part);
            }
            plan.fields.insert(id, array);
        } else if (type == QLatin1String("user")) {
            plan.userLookups.append({id, {value}, false});
        } else if (type == QLatin1String("priority") || type == QLatin1String("issuetype")
                   || type == QLatin1String("any")) {
            plan.fields.insert(id, QJsonObject{{QStringLiteral("name"), value}});
        } else {
            qCInfo(lcDefects).noquote() << "field" << id << "of type" << type << "is not written by the defect service";
        }
    }
    return plan;
}

StringPairs JiraIssueMapper::staticAttributes(const DefectWithID &defect, const QStringList &names)
{
    StringPairs attributes;
    for (const QString &name : names) {
        std::optional<QString> value = renderDefectField(defect, name);
        if (!value && defect.userDefinedFields) {
            for (const UserDefinedFieldProperties &udf : *defect.userDefinedFields) {
                if (udf.name == name) {
                    value = udf.value.value_or(QStringLiteral("None"));
                    break;
                }
            }
        }
        if (value)
            assign(attributes, name, *value);
    }
    return attributes;
}

StringPairs JiraIssueMapper::historyAttributes(const QJsonArray &histories, qint64 sinceMSecs,
                                               const QStringList &names, const QList<QJsonObject> &fields)
{
    QHash<QString, QString> idByName;
    for (const QJsonObject &field : fields)
        idByName.insert(Meta::fieldName(field), Meta::fieldId(field));

    StringPairs attributes;
    for (qsizetype h = histories.size() - 1; h >= 0; --h) { // newest first
        const QJsonObject history = histories.at(h).toObject();
        const Result<DateTime> created = DateTime::parse(str(history, "created"));
        if (!created.ok() || created.value().toQDateTime().toMSecsSinceEpoch() <= sinceMSecs)
            continue;
        const DateTime &at = created.value();
        const QString stamp = QStringLiteral("%1.%2.%3 %4:%5:%6")
                                  .arg(at.date().day(), 2, 10, QLatin1Char('0'))
                                  .arg(at.date().month(), 2, 10, QLatin1Char('0'))
                                  .arg(at.date().year(), 4, 10, QLatin1Char('0'))
                                  .arg(at.hour(), 2, 10, QLatin1Char('0'))
                                  .arg(at.minute(), 2, 10, QLatin1Char('0'))
                                  .arg(at.second(), 2, 10, QLatin1Char('0'));
        const QJsonArray items = history.value(QLatin1String("items")).toArray();
        for (const QJsonValue &itemValue : items) {
            const QJsonObject item = itemValue.toObject();
            const QString field = str(item, "field");
            QString id = str(item, "fieldId");
            if (id.isEmpty()) // Data Center: custom fields appear under their display name
                id = idByName.value(field, field);
            QString name;
            if (names.contains(id))
                name = id;
            else if (names.contains(field))
                name = field;
            else if (id == QLatin1String("summary") && names.contains(QLatin1String("title")))
                name = QStringLiteral("title");
            else if (id == QLatin1String("issuetype") && names.contains(QLatin1String("classification")))
                name = QStringLiteral("classification");
            else
                continue;
            const QJsonValue from = item.value(QLatin1String("fromString"));
            const QJsonValue to = item.value(QLatin1String("toString"));
            const QString value = (from.isString() ? from.toString() : QStringLiteral("None")) + QStringLiteral(" \u2192 ")
                + (to.isString() ? to.toString() : QStringLiteral("None"));
            // Visited newest first, so the older change of the same second wins, as in the reference.
            assign(attributes, capitalize(name) + QStringLiteral(": ") + stamp, value);
        }
    }
    return attributes;
}

QString JiraIssueMapper::capitalize(const QString &text)
{
    if (text.isEmpty())
        return text;
    return text.left(1).toUpper() + text.mid(1).toLower();
}

} // namespace tbds::defects
