// SPDX-License-Identifier: Apache-2.0
#include "core/defects/jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace tbds::defects {

JsonWriter::JsonWriter(JsonStyle style) : m_style(style)
{ }

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_firstInContainer.isEmpty())
        return;
    if (m_firstInContainer.last())
        m_firstInContainer.last() = false;
    else
        m_out += m_style == JsonStyle::Compact ? QByteArrayLiteral(",") : QByteArrayLiteral(", ");
}

JsonWriter &JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    m_firstInContainer.append(true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    m_out += '}';
    if (!m_firstInContainer.isEmpty())
        m_firstInContainer.removeLast();
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    m_firstInContainer.append(true);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    m_out += ']';
    if (!m_firstInContainer.isEmpty())
        m_firstInContainer.removeLast();
    return *this;
}

JsonWriter &JsonWriter::key(QStringView name)
{
    beforeValue();
    appendQuoted(m_out, name);
    m_out += m_style == JsonStyle::Compact ? QByteArrayLiteral(":") : QByteArrayLiteral(": ");
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::string(QStringView text)
{
    beforeValue();
    appendQuoted(m_out, text);
    return *this;
}

JsonWriter &JsonWriter::string(const std::optional<QString> &text)
{
    return text ? string(QStringView(*text)) : null();
}

JsonWriter &JsonWriter::boolean(bool value)
{
    beforeValue();
    m_out += value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    return *this;
}

JsonWriter &JsonWriter::boolean(std::optional<bool> value)
{
    return value ? boolean(*value) : null();
}

JsonWriter &JsonWriter::integer(qint64 value)
{
    beforeValue();
    m_out += QByteArray::number(value);
    return *this;
}

JsonWriter &JsonWriter::number(double value)
{
    beforeValue();
    if (std::isnan(value)) {
        m_out += QByteArrayLiteral("NaN"); // what Python writes (not strict JSON either)
        return *this;
    }
    if (std::isinf(value)) {
        m_out += value > 0 ? QByteArrayLiteral("Infinity") : QByteArrayLiteral("-Infinity");
        return *this;
    }
    // Python's float repr: shortest round-trip digits, exponent form outside [1e-4, 1e16).
    const double magnitude = std::abs(value);
    if (value == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
        QByteArray digits = QByteArray::number(value, 'f', QLocale::FloatingPointShortest);
        if (!digits.contains('.'))
            digits += QByteArrayLiteral(".0");
        m_out += digits;
        return *this;
    }
    QByteArray digits = QByteArray::number(value, 'e', QLocale::FloatingPointShortest);
    // Python pads the exponent to two digits (`1e-05`); keep at most that.
    const qsizetype e = digits.indexOf('e');
    if (e >= 0 && e + 2 < digits.size()) {
        QByteArray exponent = digits.mid(e + 2);
        while (exponent.size() > 2 && exponent.startsWith('0'))
            exponent.remove(0, 1);
        digits = digits.left(e + 2) + exponent;
    }
    m_out += digits;
    return *this;
}

JsonWriter &JsonWriter::null()
{
    beforeValue();
    m_out += QByteArrayLiteral("null");
    return *this;
}

JsonWriter &JsonWriter::stringList(const QStringList &values)
{
    beginArray();
    for (const QString &v : values)
        string(QStringView(v));
    return endArray();
}

JsonWriter &JsonWriter::json(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return null();
    case QJsonValue::Bool:
        return boolean(value.toBool());
    case QJsonValue::Double: {
        // Qt keeps integers that fit into 64 bits as integers; Python prints them without `.0`.
        const QVariant v = value.toVariant();
        if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
            return integer(v.toLongLong());
        return number(value.toDouble());
    }
    case QJsonValue::String:
        return string(QStringView(value.toString()));
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            json(item);
        return endArray();
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            key(it.key());
            json(it.value());
        }
        return endObject();
    }
    }
    return null();
}

JsonWriter &JsonWriter::raw(const QByteArray &json)
{
    beforeValue();
    m_out += json;
    return *this;
}

void JsonWriter::appendQuoted(QByteArray &out, QStringView text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    // Iterating UTF-16 code units and escaping each non-ASCII unit yields exactly Python's
    // output: astral characters become their surrogate pair, lone surrogates stay as they are.
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        switch (c) {
        case u'"':
            out += "\\\"";
            continue;
        case u'\\':
            out += "\\\\";
            continue;
        case u'\n':
            out += "\\n";
            continue;
        case u'\r':
            out += "\\r";
            continue;
        case u'\t':
            out += "\\t";
            continue;
        case u'\b':
            out += "\\b";
            continue;
        case u'\f':
            out += "\\f";
            continue;
        default:
            break;
        }
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            const char escape[]
                = { '\\', 'u', kHex[(c >> 12) & 0xf], kHex[(c >> 8) & 0xf], kHex[(c >> 4) & 0xf], kHex[c & 0xf] };
            out.append(escape, sizeof escape);
        }
    }
    out += '"';
}

QByteArray JsonWriter::quoted(QStringView text)
{
    QByteArray out;
    appendQuoted(out, text);
    return out;
}

} // namespace tbds::defects
