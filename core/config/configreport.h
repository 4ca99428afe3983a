// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"

#include <QString>

namespace tbds::config {

/**
 * The effective configuration as TOML-like text for `tbds-service check-config` and support
 * tickets: every value after defaults, env fallback and path resolution, with secrets masked.
 */
class ConfigReport final
{
public:
    /** What stands in for every secret value. */
    [[nodiscard]] static QString mask() { return QStringLiteral("**********"); }

    [[nodiscard]] static QString describe(const ServiceConfig &config);
    /** Where a secret came from, in words ("config file", "environment", "keychain", "not set"). */
    [[nodiscard]] static QString sourceName(SecretSource source);
};

} // namespace tbds::config
