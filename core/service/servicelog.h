// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/serviceconfig.h"

#include <QString>

namespace tbds::service {

/**
 * Logging of the headless service as `[logging.console]` and `[logging.file]` describe it: each
 * handler has its own level and a Python %-style format (`%(asctime)s`, `%(levelname)8s`,
 * `%(name)s`, `%(message)s`, widths and `-` alignment). The file rotates at 10 MiB keeping five
 * old files (`.1` … `.5`), like the reference. Qt logging categories become `%(name)s`.
 */
class ServiceLog final
{
public:
    /** Installs the message handler; `debug` forces both handlers to DEBUG. */
    [[nodiscard]] static Result<void> install(const config::ServiceConfig &config, bool debug);
    /** Restores Qt's default handler and closes the file. */
    static void uninstall();

    /** Renders one record with a Python logging format (exposed for tests). */
    [[nodiscard]] static QString format(const QString &pattern, const QString &asctime, const QString &levelName,
                                        const QString &name, const QString &message);
    /** Python level name for a Qt message type ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"). */
    [[nodiscard]] static QString levelName(QtMsgType type);
    /** Numeric Python level for a level name (DEBUG 10 … CRITICAL 50). */
    [[nodiscard]] static int levelValue(const QString &name);
};

} // namespace tbds::service
