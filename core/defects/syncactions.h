// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/defect.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QList>

#include <optional>

namespace tbds::defects {

/**
 * `LocalSyncActions` (contract §3.9): changes to apply on the TestBench side. Each list is
 * nullable and null when omitted. C++ member names differ from the JSON keys only because
 * `delete` is a keyword: toDelete = `delete`, toUpdate = `update`, toCreate = `create`.
 */
struct LocalSyncActions
{
    std::optional<QList<KnownDefect>> toDelete;
    std::optional<QList<KnownDefect>> toUpdate;
    /** `create` items carry the DMS `id`. */
    std::optional<QList<DefectWithID>> toCreate;

    [[nodiscard]] static std::optional<LocalSyncActions> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const LocalSyncActions &, const LocalSyncActions &) = default;
};

/** `RemoteSyncActions` (contract §3.9): changes to apply on the DMS side. */
struct RemoteSyncActions
{
    std::optional<QList<KnownDefect>> toDelete;
    std::optional<QList<KnownDefect>> toUpdate;
    /** `create` items have no DMS id yet, only TestBench's `localPk`. */
    std::optional<QList<DefectWithLocalPk>> toCreate;

    [[nodiscard]] static std::optional<RemoteSyncActions> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const RemoteSyncActions &, const RemoteSyncActions &) = default;
};

/** `Results` (contract §3.9), the body and answer of `POST …/defects/correct`. */
struct Results
{
    std::optional<LocalSyncActions> local;
    std::optional<RemoteSyncActions> remote;

    [[nodiscard]] static std::optional<Results> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const Results &, const Results &) = default;
};

} // namespace tbds::defects
