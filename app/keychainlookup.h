// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/configloader.h"

#include <QCoreApplication>
#include <QString>

class QTextStream;

namespace tbds::app {

/**
 * The keychain step of DESIGN.md's secret order for `start` and `check-config`: reads the Jira
 * secrets the config needs from the OS keychain (service "tbds", the same entries the GUI writes)
 * into `options`, before the config is loaded for real.
 *
 * Headless machines have no keychain; that must neither stop nor slow the service. On Linux the
 * keychain is only asked when a D-Bus session bus exists (a systemd unit has none), each read is
 * bounded, and any trouble is one note on `err`, after which the environment and the file are
 * used as before.
 */
class KeychainLookup final
{
    Q_DECLARE_TR_FUNCTIONS(KeychainLookup)

public:
    KeychainLookup() = delete;

    static void addTo(config::LoadOptions &options, const QString &configPath, const QString &command,
                      QTextStream &err);
};

} // namespace tbds::app
