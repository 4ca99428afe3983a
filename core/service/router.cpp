// SPDX-License-Identifier: Apache-2.0
#include "core/service/router.h"

#include <QList>
#include <QUrl>

#include <array>

namespace tbds::service {

namespace {

struct RouteSpec
{
    const char *method;
    const char *pattern; // segments; "{p}" project, "{id}" defect id
    Endpoint endpoint;
};

// Literal routes come before parameter routes of the same shape, so
// /projects/control-fields is never taken for a project called "control-fields".
constexpr std::array Routes{
    RouteSpec{"GET", "", Endpoint::Root},
    RouteSpec{"GET", "docs", Endpoint::Docs},
    RouteSpec{"GET", "docs/swagger", Endpoint::Docs},
    RouteSpec{"GET", "docs/openapi.json", Endpoint::OpenApi},
    RouteSpec{"GET", "check-login", Endpoint::CheckLogin},
    RouteSpec{"GET", "settings", Endpoint::Settings},
    RouteSpec{"GET", "projects", Endpoint::Projects},
    RouteSpec{"GET", "projects/control-fields", Endpoint::ControlFields},
    RouteSpec{"GET", "projects/udfs", Endpoint::Udfs},
    RouteSpec{"GET", "supports-changes-timestamps", Endpoint::SupportsChangesTimestamps},
    RouteSpec{"POST", "projects/{p}/defects", Endpoint::Defects},
    RouteSpec{"POST", "projects/{p}/defects/batch", Endpoint::Batch},
    RouteSpec{"POST", "projects/{p}/defects/create", Endpoint::Create},
    RouteSpec{"POST", "projects/{p}/defects/correct", Endpoint::Correct},
    RouteSpec{"PUT", "projects/{p}/defects/{id}/update", Endpoint::Update},
    RouteSpec{"POST", "projects/{p}/defects/{id}/delete", Endpoint::Delete},
    RouteSpec{"POST", "projects/{p}/defects/{id}/extended", Endpoint::Extended},
    RouteSpec{"POST", "projects/{p}/sync/before", Endpoint::SyncBefore},
    RouteSpec{"POST", "projects/{p}/sync/after", Endpoint::SyncAfter},
};

QList<QByteArray> splitPath(const QByteArray &rawPath)
{
    QByteArray p = rawPath;
    if (p.startsWith('/'))
        p.remove(0, 1);
    if (p.endsWith('/')) // non-strict slashes, as Sanic
        p.chop(1);
    if (p.isEmpty())
        return {};
    return p.split('/');
}

struct SegmentMatch
{
    bool matched = false;
    QString project;
    QString defectId;
};

SegmentMatch matchPattern(const char *pattern, const QList<QByteArray> &segments)
{
    const QList<QByteArray> parts = QByteArray(pattern).isEmpty() ? QList<QByteArray>() : QByteArray(pattern).split('/');
    if (parts.size() != segments.size())
        return {};
    SegmentMatch m;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts[i] == "{p}" || parts[i] == "{id}") {
            if (segments[i].isEmpty())
                return {};
            const QString value = QUrl::fromPercentEncoding(segments[i]);
            (parts[i] == "{p}" ? m.project : m.defectId) = value;
        } else if (parts[i] != segments[i]) {
            return {};
        }
    }
    m.matched = true;
    return m;
}

} // namespace

std::variant<RouteMatch, RouteFailure> Router::match(const QByteArray &method, const QByteArray &rawPath)
{
    const QList<QByteArray> segments = splitPath(rawPath);
    // Collect every route whose path matches, whatever the method: they make up Allow.
    QList<QByteArray> methods;
    std::optional<RouteMatch> hit;
    std::optional<Endpoint> firstEndpoint;
    bool literalMatched = false;
    for (const RouteSpec &r : Routes) {
        const bool literal = !QByteArray(r.pattern).contains('{');
        if (!literal && literalMatched)
            continue; // a literal path never doubles as a parameter path
        const SegmentMatch m = matchPattern(r.pattern, segments);
        if (!m.matched)
            continue;
        literalMatched = literalMatched || literal;
        const QByteArray rm(r.method);
        if (!methods.contains(rm))
            methods.append(rm);
        if (!firstEndpoint)
            firstEndpoint = r.endpoint;
        const bool isHead = method == "HEAD" && rm == "GET";
        if (!hit && (rm == method || isHead)) {
            hit = RouteMatch{r.endpoint, m.project, m.defectId, isHead, false, {}};
        }
        if (!hit && method == "OPTIONS") {
            hit = RouteMatch{r.endpoint, m.project, m.defectId, false, true, {}};
        }
    }
    if (methods.isEmpty())
        return RouteFailure{404, {}};
    if (methods.contains("GET"))
        methods.append("HEAD");
    methods.append("OPTIONS");
    const QByteArray allow = methods.join(',');
    if (!hit)
        return RouteFailure{405, allow};
    hit->allow = allow;
    return *hit;
}

bool Router::isAuthExempt(const QByteArray &rawPath)
{
    static const QList<QByteArray> exact = {"/", "/favicon.ico", "/openapi.yaml", "/settings", "/settings/"};
    return exact.contains(rawPath) || rawPath.startsWith("/docs") || rawPath.startsWith("/static");
}

} // namespace tbds::service
