// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jiraprojectmeta.h"

#include <QHash>

namespace tbds::defects {

const JiraIssueTypeMeta *JiraProjectMeta::typeByName(const QString &name) const
{
    for (const JiraIssueTypeMeta &type : issueTypes) {
        if (type.name == name)
            return &type;
    }
    return nullptr;
}

const JiraIssueTypeMeta *JiraProjectMeta::typeById(const QString &id) const
{
    for (const JiraIssueTypeMeta &type : issueTypes) {
        if (type.id == id)
            return &type;
    }
    return nullptr;
}

QStringList JiraProjectMeta::issueTypeNames() const
{
    QStringList names;
    for (const JiraIssueTypeMeta &type : issueTypes)
        names.append(type.name);
    return names;
}

QList<QJsonObject> JiraProjectMeta::unionFields() const
{
    QList<QJsonObject> out;
    QHash<QString, qsizetype> index;
    for (const JiraIssueTypeMeta &type : issueTypes) {
        for (const QJsonObject &field : type.fields) {
            const QString id = fieldId(field);
            const auto it = index.constFind(id);
            if (it == index.constEnd()) {
                index.insert(id, out.size());
                out.append(field);
            } else if (isRequired(field) && !isRequired(out.at(*it))) {
                out[*it] = field;
            }
        }
    }
    return out;
}

QString JiraProjectMeta::fieldId(const QJsonObject &field)
{
    const QString id = field.value(QLatin1String("fieldId")).toString();
    return id.isEmpty() ? field.value(QLatin1String("key")).toString() : id;
}

QString JiraProjectMeta::fieldName(const QJsonObject &field)
{
    return field.value(QLatin1String("name")).toString();
}

bool JiraProjectMeta::isRequired(const QJsonObject &field)
{
    return field.value(QLatin1String("required")).toBool(false);
}

QString JiraProjectMeta::schemaType(const QJsonObject &field)
{
    return field.value(QLatin1String("schema")).toObject().value(QLatin1String("type")).toString();
}

QString JiraProjectMeta::schemaItems(const QJsonObject &field)
{
    return field.value(QLatin1String("schema")).toObject().value(QLatin1String("items")).toString();
}

QString JiraProjectMeta::schemaCustom(const QJsonObject &field)
{
    return field.value(QLatin1String("schema")).toObject().value(QLatin1String("custom")).toString();
}

QStringList JiraProjectMeta::allowedValueNames(const QJsonObject &field)
{
    QStringList names;
    const QJsonArray values = field.value(QLatin1String("allowedValues")).toArray();
    for (const QJsonValue &value : values) {
        const QJsonObject object = value.toObject();
        QString name = object.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            name = object.value(QLatin1String("value")).toString();
        names.append(name);
    }
    return names;
}

} // namespace tbds::defects
