// SPDX-License-Identifier: Apache-2.0
#include "core/defects/defect.h"

namespace tbds::defects {

namespace {

std::optional<DateTime> readAwareDateTime(const QJsonValue &value, ValidationContext &ctx)
{
    return readDateTime(value, ctx, Timezone::Required);
}

std::optional<QList<UserDefinedFieldProperties>> readUdfs(const QJsonValue &value, ValidationContext &ctx)
{
    return readList(value, ctx, &UserDefinedFieldProperties::fromJson);
}

std::optional<QStringList> readStrings(const QJsonValue &value, ValidationContext &ctx)
{
    return readList(value, ctx, readString);
}

std::optional<QString> truncated(const std::optional<QString> &text)
{
    if (!text)
        return std::nullopt;
    return truncateStr255(*text);
}

// Reads a model of type T whose own fields follow the Defect fields.
template<typename T, typename ReadOwn>
std::optional<T> readDerived(const QJsonValue &json, ValidationContext &ctx, QLatin1StringView model, ReadOwn &&readOwn)
{
    const auto object = readModelObject(json, ctx, model);
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    T result;
    Defect::readFields(*object, ctx, result);
    readOwn(*object, result);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return result;
}

} // namespace

void Defect::readFields(const QJsonObject &object, ValidationContext &ctx, Defect &out)
{
    readOptionalField(object, QStringLiteral("title"), ctx, out.title, readStr255);
    readOptionalField(object, QStringLiteral("description"), ctx, out.description, readString);
    readOptionalField(object, QStringLiteral("reporter"), ctx, out.reporter, readStr255);
    readRequiredField(object, QStringLiteral("status"), ctx, out.status, readStr255);
    readRequiredField(object, QStringLiteral("classification"), ctx, out.classification, readStr255);
    readRequiredField(object, QStringLiteral("priority"), ctx, out.priority, readStr255);
    readOptionalField(object, QStringLiteral("userDefinedFields"), ctx, out.userDefinedFields, readUdfs);
    readRequiredField(object, QStringLiteral("lastEdited"), ctx, out.lastEdited, readAwareDateTime);
    readOptionalField(object, QStringLiteral("references"), ctx, out.references, readStrings);
    readRequiredField(object, QStringLiteral("principal"), ctx, out.principal, &Login::fromJson);
}

void Defect::writeFields(JsonWriter &writer) const
{
    writer.key(u"title").string(truncated(title));
    writer.key(u"description").string(description);
    writer.key(u"reporter").string(truncated(reporter));
    writer.key(u"status").string(truncateStr255(status));
    writer.key(u"classification").string(truncateStr255(classification));
    writer.key(u"priority").string(truncateStr255(priority));
    writer.key(u"userDefinedFields");
    writeModelList(writer, userDefinedFields);
    writer.key(u"lastEdited");
    if (lastEdited.isValid())
        writer.string(lastEdited.toString());
    else
        writer.null();
    writer.key(u"references");
    if (references)
        writer.stringList(*references);
    else
        writer.null();
    writer.key(u"principal");
    principal.writeJson(writer);
}

std::optional<Defect> Defect::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readDerived<Defect>(json, ctx, QLatin1StringView("Defect"), [](const QJsonObject &, Defect &) {});
}

void Defect::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writeFields(writer);
    writer.endObject();
}

std::optional<DefectWithID> DefectWithID::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readDerived<DefectWithID>(json, ctx, QLatin1StringView("DefectWithID"),
                                     [&ctx](const QJsonObject &object, DefectWithID &out) {
                                         readRequiredField(object, QStringLiteral("id"), ctx, out.id, readString);
                                     });
}

void DefectWithID::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writeFields(writer);
    writer.key(u"id").string(id);
    writer.endObject();
}

std::optional<DefectWithLocalPk> DefectWithLocalPk::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readDerived<DefectWithLocalPk>(
        json, ctx, QLatin1StringView("DefectWithLocalPk"), [&ctx](const QJsonObject &object, DefectWithLocalPk &out) {
            readRequiredField(object, QStringLiteral("localPk"), ctx, out.localPk, readString);
        });
}

void DefectWithLocalPk::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writeFields(writer);
    writer.key(u"localPk").string(localPk);
    writer.endObject();
}

std::optional<KnownDefect> KnownDefect::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readDerived<KnownDefect>(
        json, ctx, QLatin1StringView("KnownDefect"), [&ctx](const QJsonObject &object, KnownDefect &out) {
            readRequiredField(object, QStringLiteral("id"), ctx, out.id, readString);
            readRequiredField(object, QStringLiteral("localPk"), ctx, out.localPk, readString);
        });
}

void KnownDefect::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writeFields(writer);
    writer.key(u"id").string(id);
    writer.key(u"localPk").string(localPk);
    writer.endObject();
}

std::optional<DefectWithAttributes> DefectWithAttributes::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readDerived<DefectWithAttributes>(
        json, ctx, QLatin1StringView("DefectWithAttributes"),
        [&ctx](const QJsonObject &object, DefectWithAttributes &out) {
            readRequiredField(object, QStringLiteral("id"), ctx, out.id, readString);
            readRequiredField(
                object, QStringLiteral("attributes"), ctx, out.attributes,
                [](const QJsonValue &value, ValidationContext &c) { return readMap(value, c, readString); });
        });
}

void DefectWithAttributes::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writeFields(writer);
    writer.key(u"id").string(id);
    writer.key(u"attributes").beginObject();
    for (const auto &[name, value] : attributes)
        writer.key(name).string(value);
    writer.endObject();
    writer.endObject();
}

} // namespace tbds::defects
