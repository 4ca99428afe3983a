// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

namespace tbds::service {

/** The API description served at /docs (a readable page) and /docs/openapi.json. */
class ApiDocs final
{
public:
    [[nodiscard]] static QByteArray html();
    [[nodiscard]] static QByteArray openApiJson();
};

} // namespace tbds::service
