// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace tbds::test {

/**
 * Writes a throw-away PKI into `dir` with the openssl CLI (EC P-256, valid two days):
 * ca.crt/ca.key, server.crt/server.key (CN localhost, SAN localhost + 127.0.0.1, signed by the
 * CA), client.crt/client.key (CN alice-client, clientAuth, signed by the CA) and a self-signed
 * rogue.crt/rogue.key (CN mallory). Returns false (with a warning) when openssl fails.
 */
[[nodiscard]] bool makeTestCertificates(const QString &dir);

} // namespace tbds::test
