// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QString>

#include <optional>

namespace tbds::defects {

/** `Settings` (contract §2.2), the answer of `GET /settings`. `name` is a Str255. */
struct Settings
{
    QString name;
    QString description;
    bool readonly = false;

    [[nodiscard]] static std::optional<Settings> fromJson(const QJsonValue &json, ValidationContext &ctx);
    /** Truncates `name` (Str255) on the way out, so config values longer than 255 obey §3.1. */
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const Settings &, const Settings &) = default;
};

} // namespace tbds::defects
