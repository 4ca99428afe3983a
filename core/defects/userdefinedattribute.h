// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/datetime.h"
#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QString>

#include <optional>

namespace tbds::defects {

/** `valueType` of a UDF definition; the names are the wire values. */
enum class UdfValueType { String, Boolean };

[[nodiscard]] QString udfValueTypeName(UdfValueType type);

/** `UserDefinedAttribute` (contract §3.5): a UDF definition as listed by `GET /projects/udfs`. */
struct UserDefinedAttribute
{
    QString name;
    UdfValueType valueType = UdfValueType::String;
    std::optional<bool> mustField;
    /** Must be timezone-aware when present. */
    std::optional<DateTime> lastEdited;
    std::optional<QString> stringValue;
    std::optional<bool> booleanValue;

    [[nodiscard]] static std::optional<UserDefinedAttribute> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const UserDefinedAttribute &, const UserDefinedAttribute &) = default;
};

} // namespace tbds::defects
