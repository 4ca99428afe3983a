// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/datetime.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace tbds::defects {

/** Which side wins for one attribute: `ITB`, `DMS` or `TIMESTAMP`. */
enum class AttributeSyncOption { Itb, Dms, Timestamp };
/** Global sync direction: `USE_SYNC_MASTER`, `FORCE_PUBLISH` or `FORCE_UPDATE`. */
enum class SyncMode { UseSyncMaster, ForcePublish, ForceUpdate };

[[nodiscard]] QString attributeSyncOptionName(AttributeSyncOption option);
[[nodiscard]] QString syncModeName(SyncMode mode);

/**
 * `SyncContext` (contract §3.8). Everything is optional and defaults to null. The service only
 * uses `lastSync`, but the whole object is validated (a bad enum gives a 400).
 * Datetimes here may be naive.
 */
struct SyncContext
{
    std::optional<QString> iTBProject;
    std::optional<DateTime> lastSync;
    std::optional<QString> statusAttribute;
    std::optional<AttributeSyncOption> statusSyncOption;
    std::optional<QString> priorityAttribute;
    std::optional<AttributeSyncOption> prioritySyncOption;
    std::optional<QString> classAttribute;
    std::optional<AttributeSyncOption> classSyncOption;
    std::optional<DateTime> serverTime;
    std::optional<QList<std::pair<QString, AttributeSyncOption>>> udaSyncOptions;
    /** JSON key `syncOption`. */
    std::optional<SyncMode> syncOption;
    std::optional<bool> importNewDefects;

    [[nodiscard]] static std::optional<SyncContext> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const SyncContext &, const SyncContext &) = default;
};

} // namespace tbds::defects
