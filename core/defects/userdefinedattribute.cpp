// SPDX-License-Identifier: Apache-2.0
#include "core/defects/userdefinedattribute.h"

namespace tbds::defects {

namespace {

const QStringList &valueTypeNames()
{
    static const QStringList kNames = { QStringLiteral("STRING"), QStringLiteral("BOOLEAN") };
    return kNames;
}

} // namespace

QString udfValueTypeName(UdfValueType type)
{
    return valueTypeNames().at(static_cast<qsizetype>(type));
}

std::optional<UserDefinedAttribute> UserDefinedAttribute::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("UserDefinedAttribute"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    UserDefinedAttribute uda;
    readRequiredField(*object, QStringLiteral("name"), ctx, uda.name, readString);
    readRequiredField(*object, QStringLiteral("valueType"), ctx, uda.valueType,
                      [](const QJsonValue &value, ValidationContext &c) {
                          return readEnum<UdfValueType>(value, c, valueTypeNames());
                      });
    readOptionalField(*object, QStringLiteral("mustField"), ctx, uda.mustField, readBool);
    readOptionalField(
        *object, QStringLiteral("lastEdited"), ctx, uda.lastEdited,
        [](const QJsonValue &value, ValidationContext &c) { return readDateTime(value, c, Timezone::Required); });
    readOptionalField(*object, QStringLiteral("stringValue"), ctx, uda.stringValue, readString);
    readOptionalField(*object, QStringLiteral("booleanValue"), ctx, uda.booleanValue, readBool);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return uda;
}

void UserDefinedAttribute::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"name").string(name);
    writer.key(u"valueType").string(udfValueTypeName(valueType));
    writer.key(u"mustField").boolean(mustField);
    writer.key(u"lastEdited");
    if (lastEdited && lastEdited->isValid())
        writer.string(lastEdited->toString());
    else
        writer.null();
    writer.key(u"stringValue").string(stringValue);
    writer.key(u"booleanValue").boolean(booleanValue);
    writer.endObject();
}

} // namespace tbds::defects
