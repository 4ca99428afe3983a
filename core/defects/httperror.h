// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/validation.h"

#include <QByteArray>
#include <QString>

namespace tbds::defects {

/** Reason phrase for the `description` of an error body (contract §1.6; RFC 9110 otherwise). */
[[nodiscard]] QString reasonPhrase(int status);

/** `{"description":<phrase>,"status":<code>,"message":<text>}`, compact, in that order. */
[[nodiscard]] QByteArray errorBody(int status, const QString &message);

/**
 * The 400 validation body of contract §1.4:
 * `{"description":"Bad Request","status":400,"message":"Validation error","errors":[…]}`
 * with `{"field":…,"message":…}` items (`field` null for root errors).
 */
[[nodiscard]] QByteArray validationErrorBody(const ValidationErrors &errors);

/** Message texts of the reference that several layers need verbatim. */
namespace errortext {
inline QString validation()
{
    return QStringLiteral("Validation error");
}
inline QString invalidJson()
{
    return QStringLiteral("Failed when parsing body as json");
}
inline QString missingBody()
{
    return QStringLiteral("Missing request body. Request body must be valid JSON.");
}
inline QString unexpected()
{
    return QStringLiteral("The application encountered an unexpected error and could not continue.");
}
} // namespace errortext

/** An HTTP error response in the reference's JSON error format. */
struct HttpError
{
    int status = 400;
    QString message;
    /** Non-empty only for validation failures; then the body carries `errors`. */
    ValidationErrors errors;

    [[nodiscard]] static HttpError validation(ValidationErrors errors);
    [[nodiscard]] static HttpError badRequest(const QString &message);

    /** The JSON body (validationErrorBody() when `errors` is set, errorBody() otherwise). */
    [[nodiscard]] QByteArray body() const;

    friend bool operator==(const HttpError &, const HttpError &) = default;
};

} // namespace tbds::defects
