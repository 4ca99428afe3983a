// SPDX-License-Identifier: Apache-2.0
#include "core/common/logging.h"

Q_LOGGING_CATEGORY(lcConfig, "tbds.core.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDefects, "tbds.core.defects", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "tbds.core.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJira, "tbds.core.jira", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "tbds.service.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcService, "tbds.service.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "tbds.service.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHooks, "tbds.service.hooks", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "tbds.app.cli", QtInfoMsg)
