// SPDX-License-Identifier: Apache-2.0
#include "core/defects/httperror.h"

#include "core/defects/jsonwriter.h"

namespace tbds::defects {

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 406:
        return QStringLiteral("Not Acceptable");
    case 408:
        return QStringLiteral("Request Timeout");
    case 409:
        return QStringLiteral("Conflict");
    case 411:
        return QStringLiteral("Length Required");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 414:
        return QStringLiteral("URI Too Long");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 417:
        return QStringLiteral("Expectation Failed");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 431:
        return QStringLiteral("Request Header Fields Too Large");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    case 505:
        return QStringLiteral("HTTP Version Not Supported");
    default:
        break;
    }
    // Unlisted codes still need some phrase; the class name is honest and stable.
    if (status >= 500)
        return QStringLiteral("Internal Server Error");
    return QStringLiteral("Bad Request");
}

namespace {

void writeHead(JsonWriter &writer, int status, const QString &message)
{
    writer.key(u"description").string(reasonPhrase(status));
    writer.key(u"status").integer(status);
    writer.key(u"message").string(message);
}

} // namespace

QByteArray errorBody(int status, const QString &message)
{
    JsonWriter writer;
    writer.beginObject();
    writeHead(writer, status, message);
    writer.endObject();
    return writer.take();
}

QByteArray validationErrorBody(const ValidationErrors &errors)
{
    JsonWriter writer;
    writer.beginObject();
    writeHead(writer, 400, errortext::validation());
    writer.key(u"errors").beginArray();
    for (const ValidationError &error : errors) {
        writer.beginObject();
        writer.key(u"field").string(error.field);
        writer.key(u"message").string(error.message);
        writer.endObject();
    }
    writer.endArray();
    writer.endObject();
    return writer.take();
}

HttpError HttpError::validation(ValidationErrors errors)
{
    return { 400, errortext::validation(), std::move(errors) };
}

HttpError HttpError::badRequest(const QString &message)
{
    return { 400, message, {} };
}

QByteArray HttpError::body() const
{
    return errors.isEmpty() ? errorBody(status, message) : validationErrorBody(errors);
}

} // namespace tbds::defects
