// SPDX-License-Identifier: Apache-2.0
#include "core/defects/userdefinedfield.h"

namespace tbds::defects {

std::optional<UserDefinedFieldProperties> UserDefinedFieldProperties::fromJson(const QJsonValue &json,
                                                                               ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("UserDefinedFieldProperties"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    UserDefinedFieldProperties udf;
    readRequiredField(*object, QStringLiteral("name"), ctx, udf.name, readString);
    readOptionalField(*object, QStringLiteral("value"), ctx, udf.value, readString);
    readOptionalField(*object, QStringLiteral("mustField"), ctx, udf.mustField, readBool);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return udf;
}

void UserDefinedFieldProperties::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"name").string(name);
    writer.key(u"value").string(value);
    writer.key(u"mustField").boolean(mustField);
    writer.endObject();
}

} // namespace tbds::defects
