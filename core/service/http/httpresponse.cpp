// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/httpresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <http_parser.h>

namespace tbds::service::http {

namespace {

/** JSON string literal (with quotes) for `s`, escaped exactly like QJsonDocument does. */
QByteArray jsonString(const QString &s)
{
    // QJsonDocument only serialises containers; wrap the string in an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray { s }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

} // namespace

HttpResponse::HttpResponse(int status, QByteArray body, QByteArray contentType)
    : m_status(status), m_body(std::move(body))
{
    if (!contentType.isEmpty())
        m_headers.set(QByteArrayLiteral("Content-Type"), std::move(contentType));
}

HttpResponse HttpResponse::json(int status, QByteArray jsonBytes)
{
    return HttpResponse(status, std::move(jsonBytes), QByteArrayLiteral("application/json"));
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::json(int status, const QJsonArray &array)
{
    return json(status, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::text(int status, const QString &text)
{
    return HttpResponse(status, text.toUtf8(), QByteArrayLiteral("text/plain; charset=utf-8"));
}

HttpResponse HttpResponse::error(int status, const QString &message)
{
    return json(status, errorJson(status, message));
}

QByteArray HttpResponse::errorJson(int status, const QString &message, const QString &description)
{
    const QString desc = description.isEmpty() ? QString::fromLatin1(defaultReasonPhrase(status)) : description;
    return QByteArrayLiteral("{\"description\":") + jsonString(desc) + QByteArrayLiteral(",\"status\":")
        + QByteArray::number(status) + QByteArrayLiteral(",\"message\":") + jsonString(message) + '}';
}

QByteArray HttpResponse::defaultReasonPhrase(int status)
{
    // http-parser's table is the IANA registry as of 2.9.4; reuse it instead of a second copy.
    switch (status) {
#define TBDS_HTTP_REASON(num, name, string)                                                                            \
    case num:                                                                                                          \
        return QByteArrayLiteral(#string);
        HTTP_STATUS_MAP(TBDS_HTTP_REASON)
#undef TBDS_HTTP_REASON
    default:
        return QByteArrayLiteral("Unknown");
    }
}

QByteArray HttpResponse::reasonPhrase() const
{
    return m_reason.isEmpty() ? defaultReasonPhrase(m_status) : m_reason;
}

} // namespace tbds::service::http
