// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QString>

#include <optional>

namespace tbds::defects {

/** `UserDefinedFieldProperties` (contract §3.3): one UDF value on a defect. */
struct UserDefinedFieldProperties
{
    QString name;
    std::optional<QString> value;
    /** Nullable, but an omitted `mustField` is `false` on output (pydantic default). */
    std::optional<bool> mustField = false;

    [[nodiscard]] static std::optional<UserDefinedFieldProperties> fromJson(const QJsonValue &json,
                                                                            ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const UserDefinedFieldProperties &, const UserDefinedFieldProperties &) = default;
};

} // namespace tbds::defects
