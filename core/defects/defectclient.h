// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/defect.h"
#include "core/defects/httperror.h"
#include "core/defects/protocol.h"
#include "core/defects/requests.h"
#include "core/defects/settings.h"
#include "core/defects/syncactions.h"
#include "core/defects/synccontext.h"
#include "core/defects/userdefinedattribute.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <variant>

namespace tbds::defects {

/**
 * What a defect operation yields: the wire result, or an HTTP error the engine answers with
 * (for example 404 "No defect files found for project P." or 400 for a read-only client).
 * Soft failures travel inside the result's Protocol, as on the wire (contract §1.5).
 */
template<typename T> using Outcome = std::variant<T, HttpError>;

template<typename T> [[nodiscard]] bool isError(const Outcome<T> &outcome)
{
    return outcome.index() == 1;
}

/** Control fields in the configured order: field name → allowed values. */
using ControlFields = QList<std::pair<QString, QStringList>>;

/**
 * A defect management backend behind the service API (the reference's AbstractDefectClient).
 * Every call is asynchronous: it returns a future that finishes exactly once, on any thread;
 * the engine continues on its own thread with QFuture::then(context, …). Sync hooks are not
 * here: they behave the same for every backend, so the engine runs them.
 */
class DefectClient
{
public:
    virtual ~DefectClient() = default;

    /** `GET /settings` */
    [[nodiscard]] virtual QFuture<Outcome<Settings>> settings() = 0;
    /** `GET /check-login?project=`; never an HTTP error for a backend failure, just false. */
    [[nodiscard]] virtual QFuture<Outcome<bool>> checkLogin(const std::optional<QString> &project) = 0;
    /** `GET /projects` */
    [[nodiscard]] virtual QFuture<Outcome<QStringList>> projects() = 0;
    /** `GET /projects/control-fields?project=` */
    [[nodiscard]] virtual QFuture<Outcome<ControlFields>> controlFields(const std::optional<QString> &project) = 0;
    /** `GET /projects/udfs?project=` */
    [[nodiscard]] virtual QFuture<Outcome<QList<UserDefinedAttribute>>>
    userDefinedAttributes(const std::optional<QString> &project) = 0;
    /** `POST /projects/{p}/defects` */
    [[nodiscard]] virtual QFuture<Outcome<ProtocolledDefectSet>> defects(const QString &project,
                                                                         const SyncContext &context)
        = 0;
    /** `POST /projects/{p}/defects/batch` */
    [[nodiscard]] virtual QFuture<Outcome<ProtocolledDefectSet>> batch(const QString &project,
                                                                       const BatchDefectRequest &request)
        = 0;
    /** `POST /projects/{p}/defects/create` */
    [[nodiscard]] virtual QFuture<Outcome<ProtocolledString>> create(const QString &project,
                                                                     const DefectRequest &request)
        = 0;
    /** `PUT /projects/{p}/defects/{id}/update` */
    [[nodiscard]] virtual QFuture<Outcome<Protocol>> update(const QString &project, const QString &defectId,
                                                            const DefectRequest &request)
        = 0;
    /** `POST /projects/{p}/defects/{id}/delete` */
    [[nodiscard]] virtual QFuture<Outcome<Protocol>> remove(const QString &project, const QString &defectId,
                                                            const DefectRequest &request)
        = 0;
    /** `POST /projects/{p}/defects/{id}/extended` */
    [[nodiscard]] virtual QFuture<Outcome<DefectWithAttributes>>
    extended(const QString &project, const QString &defectId, const SyncContext &context) = 0;
    /** `POST /projects/{p}/defects/correct` */
    [[nodiscard]] virtual QFuture<Outcome<Results>> correct(const QString &project, const Results &results) = 0;
    /** `GET /supports-changes-timestamps` (global setting, no project). */
    [[nodiscard]] virtual bool supportsChangesTimestamps() const = 0;
};

} // namespace tbds::defects
