// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/httperror.h"
#include "core/defects/validation.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>

#include <utility>
#include <variant>

namespace tbds::defects {

/**
 * The two route families of contract §1.4.
 * Optional: `POST …/defects`, `…/extended`, `…/correct` — any falsy JSON (empty body, null, {},
 *   [], 0, false, "") is replaced by `{}`; a truthy non-object is a root validation error.
 * Required: `batch`, `create`, `update`, `delete`, `sync/before|after` — an empty body or JSON
 *   null is `Missing request body. Request body must be valid JSON.`; everything else is
 *   validated as is (so `{}` gives missing-field errors and `[]` a root error).
 */
enum class BodyPolicy { Optional, Required };

/** Either the parsed value or the HTTP error to answer with. */
template<typename T> class [[nodiscard]] BodyResult
{
public:
    BodyResult(T value) : m_data(std::in_place_index<0>, std::move(value)) { } // NOLINT: implicit
    BodyResult(HttpError error) : m_data(std::in_place_index<1>, std::move(error)) { } // NOLINT

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const & { return std::get<0>(m_data); }
    [[nodiscard]] T &value() & { return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_data)); }
    [[nodiscard]] const HttpError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, HttpError> m_data;
};

/**
 * Strict UTF-8 check (no overlong forms, no surrogates, nothing above U+10FFFF).
 * `badOffset` receives the offset of the first offending byte.
 */
[[nodiscard]] bool isValidUtf8(QByteArrayView bytes, qsizetype *badOffset = nullptr);

/**
 * Parses a request body as JSON regardless of Content-Type. An empty body is JSON null; any
 * JSON value is allowed at the top level (not only objects and arrays, unlike QJsonDocument).
 * Invalid JSON → 400 `Failed when parsing body as json`. Invalid UTF-8 → the same 400 with the
 * reason appended (`…: the body is not valid UTF-8 (byte offset N)`): the reference would
 * raise inside its decoder; we answer clearly instead. A UTF-8 byte order mark is skipped, as
 * Python's json.loads does for bytes.
 */
[[nodiscard]] BodyResult<QJsonValue> parseJsonBody(const QByteArray &body);

/**
 * Parses and validates a request body as model T under the given route-family policy.
 * The error is ready to send: `error().status` and `error().body()`.
 */
template<typename T> [[nodiscard]] BodyResult<T> readRequestBody(const QByteArray &body, BodyPolicy policy)
{
    BodyResult<QJsonValue> json = parseJsonBody(body);
    if (!json.ok())
        return json.error();
    QJsonValue value = std::move(json).value();
    if (policy == BodyPolicy::Optional) {
        if (isFalsy(value))
            value = QJsonObject();
    } else if (value.isNull()) {
        return HttpError::badRequest(errortext::missingBody());
    }
    Validated<T> validated = validate<T>(value);
    if (!validated.ok())
        return HttpError::validation(validated.errors());
    return std::move(validated).value();
}

} // namespace tbds::defects
