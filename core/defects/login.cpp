// SPDX-License-Identifier: Apache-2.0
#include "core/defects/login.h"

namespace tbds::defects {

std::optional<Login> Login::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("Login"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    Login login;
    readRequiredField(*object, QStringLiteral("username"), ctx, login.username, readString);
    readRequiredField(*object, QStringLiteral("password"), ctx, login.password, readString);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return login;
}

void Login::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"username").string(username);
    writer.key(u"password").string(password);
    writer.endObject();
}

} // namespace tbds::defects
