// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/serviceconfig.h"

#include <QSslConfiguration>

namespace tbds::jira {

/**
 * Turns the config's TLS options into a QSslConfiguration: `verify_ssl = false` switches peer
 * verification off, `ssl_ca_cert_path` adds CA certificates to the system ones (a company CA
 * should not make public CAs fail), `client_cert_path`/`client_key_path` set a client
 * certificate for mutual TLS. Unreadable files are configuration errors up front, not
 * mysterious handshake failures later.
 */
class TlsConfig
{
public:
    [[nodiscard]] static Result<QSslConfiguration> build(const config::JiraClientConfig &config);
};

} // namespace tbds::jira
