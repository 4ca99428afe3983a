// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/http/httpheaders.h"

#include <QByteArray>
#include <QString>

class QJsonArray;
class QJsonObject;

namespace tbds::service::http {

/**
 * An HTTP response as a handler describes it.
 *
 * The transport owns the framing: it sets Content-Length from the body (a handler may set it
 * explicitly only for HEAD answers), adds Date and `Server: tbds`, decides `Connection`, and
 * never sends a body for HEAD, 1xx, 204 or 304. Fields a handler sets for those are dropped.
 */
class HttpResponse
{
public:
    HttpResponse() = default;
    explicit HttpResponse(int status, QByteArray body = {}, QByteArray contentType = {});

    /** `application/json` response with the given (already serialised) bytes. */
    [[nodiscard]] static HttpResponse json(int status, QByteArray jsonBytes);
    /** Compact serialisation of a JSON object / array. */
    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &object);
    [[nodiscard]] static HttpResponse json(int status, const QJsonArray &array);
    /** `text/plain; charset=utf-8` response. */
    [[nodiscard]] static HttpResponse text(int status, const QString &text);
    /** Error in the service's JSON shape, see errorJson(). */
    [[nodiscard]] static HttpResponse error(int status, const QString &message);

    /**
     * The error body the reference (Sanic) service sends, fields in exactly this order:
     * `{"description":"Payload Too Large","status":413,"message":"..."}`.
     * `description` defaults to the reason phrase of `status`. QJsonObject cannot be used:
     * it sorts keys alphabetically.
     */
    [[nodiscard]] static QByteArray errorJson(int status, const QString &message, const QString &description = {});

    /** Reason phrase of a status code ("Not Found"), "Unknown" for codes without one. */
    [[nodiscard]] static QByteArray defaultReasonPhrase(int status);

    [[nodiscard]] int status() const { return m_status; }
    void setStatus(int status) { m_status = status; }

    /** The explicit reason phrase, or the default one for the status. */
    [[nodiscard]] QByteArray reasonPhrase() const;
    void setReasonPhrase(QByteArray phrase) { m_reason = std::move(phrase); }

    [[nodiscard]] const HttpHeaders &headers() const { return m_headers; }
    [[nodiscard]] HttpHeaders &headers() { return m_headers; }
    void setHeader(QByteArray name, QByteArray value) { m_headers.set(std::move(name), std::move(value)); }
    void addHeader(QByteArray name, QByteArray value) { m_headers.add(std::move(name), std::move(value)); }

    [[nodiscard]] const QByteArray &body() const { return m_body; }
    void setBody(QByteArray body) { m_body = std::move(body); }

private:
    int m_status = 200;
    QByteArray m_reason;
    HttpHeaders m_headers;
    QByteArray m_body;
};

} // namespace tbds::service::http
