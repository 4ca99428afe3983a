// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLoggingCategory>

// One category per layer and area: tbds.<layer>.<area>. Enable with QT_LOGGING_RULES.
Q_DECLARE_LOGGING_CATEGORY(lcConfig)   // tbds.core.config
Q_DECLARE_LOGGING_CATEGORY(lcDefects)  // tbds.core.defects
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)  // tbds.core.secrets
Q_DECLARE_LOGGING_CATEGORY(lcJira)     // tbds.core.jira
Q_DECLARE_LOGGING_CATEGORY(lcHttp)     // tbds.service.http
Q_DECLARE_LOGGING_CATEGORY(lcService)  // tbds.service.engine
Q_DECLARE_LOGGING_CATEGORY(lcAuth)     // tbds.service.auth
Q_DECLARE_LOGGING_CATEGORY(lcHooks)    // tbds.service.hooks
Q_DECLARE_LOGGING_CATEGORY(lcCli)      // tbds.app.cli
