// SPDX-License-Identifier: Apache-2.0
#include "core/defects/settings.h"

namespace tbds::defects {

std::optional<Settings> Settings::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("Settings"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    Settings settings;
    readRequiredField(*object, QStringLiteral("name"), ctx, settings.name, readStr255);
    readRequiredField(*object, QStringLiteral("description"), ctx, settings.description, readString);
    readRequiredField(*object, QStringLiteral("readonly"), ctx, settings.readonly, readBool);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return settings;
}

void Settings::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"name").string(truncateStr255(name));
    writer.key(u"description").string(description);
    writer.key(u"readonly").boolean(readonly);
    writer.endObject();
}

} // namespace tbds::defects
