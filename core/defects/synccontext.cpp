// SPDX-License-Identifier: Apache-2.0
#include "core/defects/synccontext.h"

namespace tbds::defects {

namespace {

const QStringList &attributeSyncOptionNames()
{
    static const QStringList kNames = { QStringLiteral("ITB"), QStringLiteral("DMS"), QStringLiteral("TIMESTAMP") };
    return kNames;
}

const QStringList &syncModeNames()
{
    static const QStringList kNames
        = { QStringLiteral("USE_SYNC_MASTER"), QStringLiteral("FORCE_PUBLISH"), QStringLiteral("FORCE_UPDATE") };
    return kNames;
}

std::optional<AttributeSyncOption> readAttributeSyncOption(const QJsonValue &value, ValidationContext &ctx)
{
    return readEnum<AttributeSyncOption>(value, ctx, attributeSyncOptionNames());
}

std::optional<SyncMode> readSyncMode(const QJsonValue &value, ValidationContext &ctx)
{
    return readEnum<SyncMode>(value, ctx, syncModeNames());
}

std::optional<DateTime> readMaybeNaiveDateTime(const QJsonValue &value, ValidationContext &ctx)
{
    return readDateTime(value, ctx, Timezone::Optional);
}

void writeDateTime(JsonWriter &writer, const std::optional<DateTime> &value)
{
    if (value && value->isValid())
        writer.string(value->toString());
    else
        writer.null();
}

void writeOption(JsonWriter &writer, const std::optional<AttributeSyncOption> &option)
{
    if (option)
        writer.string(attributeSyncOptionName(*option));
    else
        writer.null();
}

} // namespace

QString attributeSyncOptionName(AttributeSyncOption option)
{
    return attributeSyncOptionNames().at(static_cast<qsizetype>(option));
}

QString syncModeName(SyncMode mode)
{
    return syncModeNames().at(static_cast<qsizetype>(mode));
}

std::optional<SyncContext> SyncContext::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("SyncContext"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    SyncContext sc;
    readOptionalField(*object, QStringLiteral("iTBProject"), ctx, sc.iTBProject, readString);
    readOptionalField(*object, QStringLiteral("lastSync"), ctx, sc.lastSync, readMaybeNaiveDateTime);
    readOptionalField(*object, QStringLiteral("statusAttribute"), ctx, sc.statusAttribute, readString);
    readOptionalField(*object, QStringLiteral("statusSyncOption"), ctx, sc.statusSyncOption, readAttributeSyncOption);
    readOptionalField(*object, QStringLiteral("priorityAttribute"), ctx, sc.priorityAttribute, readString);
    readOptionalField(*object, QStringLiteral("prioritySyncOption"), ctx, sc.prioritySyncOption,
                      readAttributeSyncOption);
    readOptionalField(*object, QStringLiteral("classAttribute"), ctx, sc.classAttribute, readString);
    readOptionalField(*object, QStringLiteral("classSyncOption"), ctx, sc.classSyncOption, readAttributeSyncOption);
    readOptionalField(*object, QStringLiteral("serverTime"), ctx, sc.serverTime, readMaybeNaiveDateTime);
    readOptionalField(
        *object, QStringLiteral("udaSyncOptions"), ctx, sc.udaSyncOptions,
        [](const QJsonValue &value, ValidationContext &c) { return readMap(value, c, readAttributeSyncOption); });
    readOptionalField(*object, QStringLiteral("syncOption"), ctx, sc.syncOption, readSyncMode);
    readOptionalField(*object, QStringLiteral("importNewDefects"), ctx, sc.importNewDefects, readBool);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return sc;
}

void SyncContext::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"iTBProject").string(iTBProject);
    writer.key(u"lastSync");
    writeDateTime(writer, lastSync);
    writer.key(u"statusAttribute").string(statusAttribute);
    writer.key(u"statusSyncOption");
    writeOption(writer, statusSyncOption);
    writer.key(u"priorityAttribute").string(priorityAttribute);
    writer.key(u"prioritySyncOption");
    writeOption(writer, prioritySyncOption);
    writer.key(u"classAttribute").string(classAttribute);
    writer.key(u"classSyncOption");
    writeOption(writer, classSyncOption);
    writer.key(u"serverTime");
    writeDateTime(writer, serverTime);
    writer.key(u"udaSyncOptions");
    if (udaSyncOptions) {
        writer.beginObject();
        for (const auto &[name, option] : *udaSyncOptions)
            writer.key(name).string(attributeSyncOptionName(option));
        writer.endObject();
    } else {
        writer.null();
    }
    writer.key(u"syncOption");
    if (syncOption)
        writer.string(syncModeName(*syncOption));
    else
        writer.null();
    writer.key(u"importNewDefects").boolean(importNewDefects);
    writer.endObject();
}

} // namespace tbds::defects
