// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/jsonwriter.h"
#include "core/defects/validation.h"

#include <QString>

#include <optional>

namespace tbds::defects {

/**
 * `Login` (contract §3.2): the TestBench user's DMS login carried in every defect as `principal`.
 * It holds a clear-text password; whether it may be stored or logged is the caller's policy,
 * the wire model always reads and writes it.
 */
struct Login
{
    QString username;
    QString password;

    [[nodiscard]] static std::optional<Login> fromJson(const QJsonValue &json, ValidationContext &ctx);
    void writeJson(JsonWriter &writer) const;

    friend bool operator==(const Login &, const Login &) = default;
};

} // namespace tbds::defects
