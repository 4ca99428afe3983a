// SPDX-License-Identifier: Apache-2.0
#include "core/defects/validation.h"

#include <cmath>

namespace tbds::defects {

ValidationContext::Scope ValidationContext::enter(const QString &key)
{
    m_path.append(key);
    return Scope(this);
}

ValidationContext::Scope ValidationContext::enter(qsizetype index)
{
    m_path.append(QString::number(index));
    return Scope(this);
}

void ValidationContext::addMissing()
{
    const QString field = currentPath();
    m_errors.append({ field, QStringLiteral("Missing required field '%1'").arg(field) });
}

void ValidationContext::addInvalid(const QString &message)
{
    if (m_path.isEmpty()) {
        m_errors.append({ std::nullopt, message });
        return;
    }
    const QString field = currentPath();
    m_errors.append({ field, QStringLiteral("Invalid value for '%1': %2").arg(field, message) });
}

namespace messages {

QString modelType(QLatin1StringView model)
{
    return QStringLiteral("Input should be a valid dictionary or instance of ") + model;
}

QString enumChoices(const QStringList &choices)
{
    QString text = QStringLiteral("Input should be ");
    for (qsizetype i = 0; i < choices.size(); ++i) {
        if (i > 0)
            text += i == choices.size() - 1 ? QStringLiteral(" or ") : QStringLiteral(", ");
        text += QLatin1Char('\'') + choices.at(i) + QLatin1Char('\'');
    }
    return text;
}

} // namespace messages

QString truncateStr255(const QString &text)
{
    // Fast path: 255 UTF-16 units can never be more than 255 code points.
    if (text.size() <= 255)
        return text;
    qsizetype codePoints = 0;
    qsizetype cutAt = -1; // UTF-16 index after the 252nd code point
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++codePoints;
        if (codePoints == 252)
            cutAt = i + 1;
        if (codePoints > 255)
            return text.left(cutAt) + QStringLiteral("...");
    }
    return text;
}

bool isFalsy(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return !value.toBool();
    case QJsonValue::Double:
        return value.toDouble() == 0;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object:
        return value.toObject().isEmpty();
    }
    return false;
}

std::optional<QString> readString(const QJsonValue &value, ValidationContext &ctx)
{
    if (!value.isString()) {
        ctx.addInvalid(messages::validString());
        return std::nullopt;
    }
    return value.toString();
}

std::optional<QString> readStr255(const QJsonValue &value, ValidationContext &ctx)
{
    if (auto text = readString(value, ctx))
        return truncateStr255(*text);
    return std::nullopt;
}

std::optional<bool> readBool(const QJsonValue &value, ValidationContext &ctx)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool();
    case QJsonValue::Double: {
        // pydantic accepts exactly 0 and 1 (int or float) in lax mode.
        const double d = value.toDouble();
        if (d == 0)
            return false;
        if (d == 1)
            return true;
        ctx.addInvalid(messages::unparsableBoolean());
        return std::nullopt;
    }
    case QJsonValue::String: {
        const QString s = value.toString();
        static const QStringList kFalse = { QStringLiteral("0"),     QStringLiteral("off"), QStringLiteral("f"),
                                            QStringLiteral("false"), QStringLiteral("n"),   QStringLiteral("no") };
        static const QStringList kTrue = { QStringLiteral("1"),    QStringLiteral("on"), QStringLiteral("t"),
                                           QStringLiteral("true"), QStringLiteral("y"),  QStringLiteral("yes") };
        if (kFalse.contains(s, Qt::CaseInsensitive))
            return false;
        if (kTrue.contains(s, Qt::CaseInsensitive))
            return true;
        ctx.addInvalid(messages::unparsableBoolean());
        return std::nullopt;
    }
    default:
        ctx.addInvalid(messages::validBoolean());
        return std::nullopt;
    }
}

std::optional<DateTime> readDateTime(const QJsonValue &value, ValidationContext &ctx, Timezone timezone)
{
    Result<DateTime> parsed = DateTime::parse(value);
    if (!parsed.ok()) {
        ctx.addInvalid(parsed.error().message);
        return std::nullopt;
    }
    if (timezone == Timezone::Required && !parsed.value().isAware()) {
        ctx.addInvalid(messages::timezoneRequired());
        return std::nullopt;
    }
    return parsed.value();
}

std::optional<QJsonObject> readModelObject(const QJsonValue &value, ValidationContext &ctx, QLatin1StringView model)
{
    if (!value.isObject()) {
        ctx.addInvalid(messages::modelType(model));
        return std::nullopt;
    }
    return value.toObject();
}

} // namespace tbds::defects
