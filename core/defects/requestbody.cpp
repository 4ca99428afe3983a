// SPDX-License-Identifier: Apache-2.0
#include "core/defects/requestbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace tbds::defects {

bool isValidUtf8(QByteArrayView bytes, qsizetype *badOffset)
{
    const auto fail = [badOffset](qsizetype at) {
        if (badOffset)
            *badOffset = at;
        return false;
    };
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const auto b0 = static_cast<unsigned char>(bytes[i]);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char lowest = 0x80; // allowed range of the second byte
        unsigned char highest = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            if (b0 == 0xE0)
                lowest = 0xA0; // overlong
            else if (b0 == 0xED)
                highest = 0x9F; // UTF-16 surrogates
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            if (b0 == 0xF0)
                lowest = 0x90; // overlong
            else if (b0 == 0xF4)
                highest = 0x8F; // above U+10FFFF
        } else {
            return fail(i);
        }
        if (i + length > n)
            return fail(i);
        const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
        if (b1 < lowest || b1 > highest)
            return fail(i);
        for (int k = 2; k < length; ++k) {
            const auto b = static_cast<unsigned char>(bytes[i + k]);
            if (b < 0x80 || b > 0xBF)
                return fail(i);
        }
        i += length;
    }
    return true;
}

BodyResult<QJsonValue> parseJsonBody(const QByteArray &body)
{
    if (body.isEmpty())
        return QJsonValue(QJsonValue::Null);
    QByteArrayView bytes(body);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    qsizetype badOffset = 0;
    if (!isValidUtf8(bytes, &badOffset)) {
        return HttpError::badRequest(errortext::invalidJson()
                                     + QStringLiteral(": the body is not valid UTF-8 (byte offset %1)").arg(badOffset));
    }
    // QJsonDocument (Qt 6.4) only accepts objects and arrays at the top level, while the
    // reference accepts any JSON value ("x", 5, null …). Wrapping the body in an array lets Qt
    // parse every value; exactly one element must come out, or the body was not one value.
    QByteArray wrapped;
    wrapped.reserve(bytes.size() + 2);
    wrapped += '[';
    wrapped += bytes;
    wrapped += ']';
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return HttpError::badRequest(errortext::invalidJson());
    return document.array().at(0);
}

} // namespace tbds::defects
