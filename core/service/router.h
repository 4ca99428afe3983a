// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

namespace tbds::service {

/** Every route of the service API (contract §1–§2) plus the documentation pages. */
enum class Endpoint {
    Root,
    Docs,
    OpenApi,
    CheckLogin,
    Settings,
    Projects,
    ControlFields,
    Udfs,
    SupportsChangesTimestamps,
    Defects,
    Batch,
    Create,
    Correct,
    Update,
    Delete,
    Extended,
    SyncBefore,
    SyncAfter,
};

struct RouteMatch
{
    Endpoint endpoint = Endpoint::Root;
    QString project;  // percent-decoded path parameter
    QString defectId; // percent-decoded path parameter
    bool head = false;    // HEAD of a GET route: same handler, no body
    bool options = false; // automatic OPTIONS: 204 with Allow
    QByteArray allow;     // methods of this path, for OPTIONS and 405
};

struct RouteFailure
{
    int status = 404; // 404 unknown path, 405 known path with another method
    QByteArray allow; // for 405
};

/**
 * Maps method + raw path to an endpoint. Routing happens before authentication (contract §1.2),
 * so unknown paths answer 404 and wrong methods 405 even without credentials.
 * Path parameters match one raw segment and are then percent-decoded as UTF-8 ('+' stays '+'),
 * so `%2F` inside a project name is part of the name, not a separator.
 */
class Router final
{
public:
    [[nodiscard]] static std::variant<RouteMatch, RouteFailure> match(const QByteArray &method, const QByteArray &rawPath);

    /** Paths that need no authentication (contract §1.3). */
    [[nodiscard]] static bool isAuthExempt(const QByteArray &rawPath);
};

} // namespace tbds::service
