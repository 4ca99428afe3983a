// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/defect.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/synccontext.h"
#include "core/defects/validation.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace tbds::defects {

/** `DefectRequest` (contract §3.10): body of create, update and delete; both keys required. */
struct DefectRequest
{
    Defect defect;
    SyncContext syncContext;

    [[nodiscard]] static std::optional<DefectRequest> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const DefectRequest &, const DefectRequest &) = default;
};

/** `BatchDefectRequest`: body of `…/defects/batch`; both keys required. */
struct BatchDefectRequest
{
    QStringList defectIds;
    SyncContext syncContext;

    [[nodiscard]] static std::optional<BatchDefectRequest> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const BatchDefectRequest &, const BatchDefectRequest &) = default;
};

/** `SyncRequest`: body of `…/sync/before` and `…/sync/after`; `syncType` must be a string. */
struct SyncRequest
{
    QString syncType;
    SyncContext syncContext;

    [[nodiscard]] static std::optional<SyncRequest> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const SyncRequest &, const SyncRequest &) = default;
};

} // namespace tbds::defects
