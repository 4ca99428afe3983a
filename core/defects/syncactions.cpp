// SPDX-License-Identifier: Apache-2.0
#include "core/defects/syncactions.h"

namespace tbds::defects {

namespace {

template<typename T> std::optional<QList<T>> readModels(const QJsonValue &value, ValidationContext &ctx)
{
    return readList(value, ctx, &T::fromJson);
}

// Both action types have the same shape and differ only in the `create` item type.
template<typename Actions, typename CreateItem>
std::optional<Actions> readActions(const QJsonValue &json, ValidationContext &ctx, QLatin1StringView model)
{
    const auto object = readModelObject(json, ctx, model);
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    Actions actions;
    readOptionalField(*object, QStringLiteral("delete"), ctx, actions.toDelete, readModels<KnownDefect>);
    readOptionalField(*object, QStringLiteral("update"), ctx, actions.toUpdate, readModels<KnownDefect>);
    readOptionalField(*object, QStringLiteral("create"), ctx, actions.toCreate, readModels<CreateItem>);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return actions;
}

template<typename Actions> void writeActions(JsonWriter &writer, const Actions &actions)
{
    writer.beginObject();
    writer.key(u"delete");
    writeModelList(writer, actions.toDelete);
    writer.key(u"update");
    writeModelList(writer, actions.toUpdate);
    writer.key(u"create");
    writeModelList(writer, actions.toCreate);
    writer.endObject();
}

} // namespace

std::optional<LocalSyncActions> LocalSyncActions::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readActions<LocalSyncActions, DefectWithID>(json, ctx, QLatin1StringView("LocalSyncActions"));
}

void LocalSyncActions::writeJson(JsonWriter &writer) const
{
    writeActions(writer, *this);
}

std::optional<RemoteSyncActions> RemoteSyncActions::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    return readActions<RemoteSyncActions, DefectWithLocalPk>(json, ctx, QLatin1StringView("RemoteSyncActions"));
}

void RemoteSyncActions::writeJson(JsonWriter &writer) const
{
    writeActions(writer, *this);
}

std::optional<Results> Results::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("Results"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    Results results;
    readOptionalField(*object, QStringLiteral("local"), ctx, results.local, &LocalSyncActions::fromJson);
    readOptionalField(*object, QStringLiteral("remote"), ctx, results.remote, &RemoteSyncActions::fromJson);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return results;
}

void Results::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"local");
    if (local)
        local->writeJson(writer);
    else
        writer.null();
    writer.key(u"remote");
    if (remote)
        remote->writeJson(writer);
    else
        writer.null();
    writer.endObject();
}

} // namespace tbds::defects
