// SPDX-License-Identifier: Apache-2.0
#include "core/defects/requests.h"

namespace tbds::defects {

std::optional<DefectRequest> DefectRequest::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("DefectRequest"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    DefectRequest request;
    readRequiredField(*object, QStringLiteral("defect"), ctx, request.defect, &Defect::fromJson);
    readRequiredField(*object, QStringLiteral("syncContext"), ctx, request.syncContext, &SyncContext::fromJson);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return request;
}

void DefectRequest::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"defect");
    defect.writeJson(writer);
    writer.key(u"syncContext");
    syncContext.writeJson(writer);
    writer.endObject();
}

std::optional<BatchDefectRequest> BatchDefectRequest::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("BatchDefectRequest"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    BatchDefectRequest request;
    readRequiredField(*object, QStringLiteral("defectIds"), ctx, request.defectIds,
                      [](const QJsonValue &value, ValidationContext &c) { return readList(value, c, readString); });
    readRequiredField(*object, QStringLiteral("syncContext"), ctx, request.syncContext, &SyncContext::fromJson);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return request;
}

void BatchDefectRequest::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"defectIds").stringList(defectIds);
    writer.key(u"syncContext");
    syncContext.writeJson(writer);
    writer.endObject();
}

std::optional<SyncRequest> SyncRequest::fromJson(const QJsonValue &json, ValidationContext &ctx)
{
    const auto object = readModelObject(json, ctx, QLatin1StringView("SyncRequest"));
    if (!object)
        return std::nullopt;
    const qsizetype errorsBefore = ctx.errorCount();
    SyncRequest request;
    readRequiredField(*object, QStringLiteral("syncType"), ctx, request.syncType, readString);
    readRequiredField(*object, QStringLiteral("syncContext"), ctx, request.syncContext, &SyncContext::fromJson);
    if (ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return request;
}

void SyncRequest::writeJson(JsonWriter &writer) const
{
    writer.beginObject();
    writer.key(u"syncType").string(syncType);
    writer.key(u"syncContext");
    syncContext.writeJson(writer);
    writer.endObject();
}

} // namespace tbds::defects
