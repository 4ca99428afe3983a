// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/defects/datetime.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace tbds::defects {

/**
 * One entry of the `errors` array of a 400 validation response (contract §1.4).
 * `field` is the dotted location (`defect.status`, `defectIds.0`) or empty for a root error,
 * which is written as JSON null; `message` is the complete text, already formatted.
 */
struct ValidationError
{
    std::optional<QString> field;
    QString message;

    friend bool operator==(const ValidationError &, const ValidationError &) = default;
};

using ValidationErrors = QList<ValidationError>;

/**
 * Collects validation errors while a JSON value is walked, and knows where in the document the
 * walk currently is, so that readers never build paths themselves.
 */
class ValidationContext
{
public:
    ValidationContext() = default;
    /** `basePath` prefixes every field (e.g. when a backend validates a nested object). */
    explicit ValidationContext(QStringList basePath) : m_path(std::move(basePath)) { }

    /** RAII step into a key or list index; leaves it again when destroyed. */
    class [[nodiscard]] Scope
    {
    public:
        ~Scope() { m_context->m_path.removeLast(); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        friend class ValidationContext;
        explicit Scope(ValidationContext *context) : m_context(context) { }
        ValidationContext *m_context;
    };

    [[nodiscard]] Scope enter(const QString &key);
    [[nodiscard]] Scope enter(qsizetype index);

    /** `Missing required field '{field}'` at the current location. */
    void addMissing();
    /**
     * `Invalid value for '{field}': {message}`, or just `{message}` with field null at the root.
     * `message` is pydantic's text, e.g. `Input should be a valid string`.
     */
    void addInvalid(const QString &message);

    [[nodiscard]] QString currentPath() const { return m_path.join(QLatin1Char('.')); }
    [[nodiscard]] const ValidationErrors &errors() const { return m_errors; }
    [[nodiscard]] qsizetype errorCount() const { return m_errors.size(); }
    [[nodiscard]] bool hasErrors() const { return !m_errors.isEmpty(); }

private:
    QStringList m_path;
    ValidationErrors m_errors;
};

/** pydantic message texts used by more than one reader. */
namespace messages {
inline QString validString()
{
    return QStringLiteral("Input should be a valid string");
}
inline QString validBoolean()
{
    return QStringLiteral("Input should be a valid boolean");
}
inline QString unparsableBoolean()
{
    return QStringLiteral("Input should be a valid boolean, unable to interpret input");
}
inline QString validList()
{
    return QStringLiteral("Input should be a valid list");
}
inline QString validDictionary()
{
    return QStringLiteral("Input should be a valid dictionary");
}
inline QString timezoneRequired()
{
    return QStringLiteral("Input should have timezone info");
}
/** `Input should be a valid dictionary or instance of {model}`. */
[[nodiscard]] QString modelType(QLatin1StringView model);
/** pydantic's enum text: `Input should be 'A', 'B' or 'C'`. */
[[nodiscard]] QString enumChoices(const QStringList &choices);
} // namespace messages

/**
 * Str255 (contract §3.1): more than 255 code points become the first 252 code points + `...`.
 * Counts code points like Python, so an emoji counts once, and never cuts a surrogate pair.
 */
[[nodiscard]] QString truncateStr255(const QString &text);

/** Python truthiness of a JSON value (`null`, `false`, `0`, `""`, `[]`, `{}` are falsy). */
[[nodiscard]] bool isFalsy(const QJsonValue &value);

// Readers: return the value, or add an error at the current location and return nothing.

/** Strict string: numbers, booleans and null are rejected (pydantic does not coerce). */
[[nodiscard]] std::optional<QString> readString(const QJsonValue &value, ValidationContext &ctx);

/**
 * Str255 string. The reference crashes (500) on non-strings here because its truncating
 * pre-validator calls len() on them (contract §1.4 quirk, §10.1-2); we answer with the 400
 * validation error `Input should be a valid string` instead, which is what DMProxy can act on.
 */
[[nodiscard]] std::optional<QString> readStr255(const QJsonValue &value, ValidationContext &ctx);

/** Lax boolean like pydantic: JSON booleans, 0/1, and `true/false/yes/no/on/off/1/0/t/f/y/n`. */
[[nodiscard]] std::optional<bool> readBool(const QJsonValue &value, ValidationContext &ctx);

enum class Timezone { Required, Optional };

/** Datetime per contract §3.1; `Required` rejects naive values with `Input should have timezone info`. */
[[nodiscard]] std::optional<DateTime> readDateTime(const QJsonValue &value, ValidationContext &ctx, Timezone timezone);

/** Returns the object, or adds `Input should be a valid dictionary or instance of {model}`. */
[[nodiscard]] std::optional<QJsonObject> readModelObject(const QJsonValue &value, ValidationContext &ctx,
                                                         QLatin1StringView model);

/** Reads a list, each item with `readItem(const QJsonValue &, ValidationContext &)`. */
template<typename ReadItem>
[[nodiscard]] auto readList(const QJsonValue &value, ValidationContext &ctx, ReadItem &&readItem) -> std::optional<
    QList<typename std::invoke_result_t<ReadItem, const QJsonValue &, ValidationContext &>::value_type>>
{
    using Item = typename std::invoke_result_t<ReadItem, const QJsonValue &, ValidationContext &>::value_type;
    if (!value.isArray()) {
        ctx.addInvalid(messages::validList());
        return std::nullopt;
    }
    const QJsonArray array = value.toArray();
    QList<Item> items;
    items.reserve(array.size());
    bool ok = true;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto scope = ctx.enter(i);
        if (auto item = readItem(array.at(i), ctx))
            items.append(std::move(*item));
        else
            ok = false;
    }
    if (!ok)
        return std::nullopt;
    return items;
}

/**
 * Reads a JSON object whose values all have one type (`dict[str, X]`) into an ordered list of
 * pairs. Order is QJsonObject's (sorted), since Qt does not keep the document order.
 */
template<typename ReadItem>
[[nodiscard]] auto readMap(const QJsonValue &value, ValidationContext &ctx, ReadItem &&readItem) -> std::optional<QList<
    std::pair<QString, typename std::invoke_result_t<ReadItem, const QJsonValue &, ValidationContext &>::value_type>>>
{
    using Item = typename std::invoke_result_t<ReadItem, const QJsonValue &, ValidationContext &>::value_type;
    if (!value.isObject()) {
        ctx.addInvalid(messages::validDictionary());
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    QList<std::pair<QString, Item>> items;
    bool ok = true;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        auto scope = ctx.enter(it.key());
        if (auto item = readItem(it.value(), ctx))
            items.append({ it.key(), std::move(*item) });
        else
            ok = false;
    }
    if (!ok)
        return std::nullopt;
    return items;
}

/** Reads `object[key]` into `out`; adds `Missing required field` when the key is absent. */
template<typename T, typename Read>
void readRequiredField(const QJsonObject &object, const QString &key, ValidationContext &ctx, T &out, Read &&read)
{
    auto scope = ctx.enter(key);
    const auto it = object.constFind(key);
    if (it == object.constEnd()) {
        ctx.addMissing();
        return;
    }
    if (auto value = read(it.value(), ctx))
        out = std::move(*value);
}

/**
 * Reads an optional, nullable field: an absent key keeps `out`'s default (which may be a value,
 * e.g. `[]`), an explicit null makes it empty, anything else goes through `read`.
 */
template<typename T, typename Read>
void readOptionalField(const QJsonObject &object, const QString &key, ValidationContext &ctx, std::optional<T> &out,
                       Read &&read)
{
    const auto it = object.constFind(key);
    if (it == object.constEnd())
        return;
    if (it.value().isNull()) {
        out.reset();
        return;
    }
    auto scope = ctx.enter(key);
    if (auto value = read(it.value(), ctx))
        out = std::move(*value);
}

/**
 * Reads a JSON string that must be one of `names` (index = enum value); adds pydantic's
 * `Input should be 'A', 'B' or 'C'` otherwise.
 */
template<typename Enum>
[[nodiscard]] std::optional<Enum> readEnum(const QJsonValue &value, ValidationContext &ctx, const QStringList &names)
{
    if (value.isString()) {
        const qsizetype index = names.indexOf(value.toString());
        if (index >= 0)
            return static_cast<Enum>(index);
    }
    ctx.addInvalid(messages::enumChoices(names));
    return std::nullopt;
}

/** Either a validated model or the validation errors. */
template<typename T> class [[nodiscard]] Validated
{
public:
    Validated(T value) : m_data(std::in_place_index<0>, std::move(value)) { } // NOLINT: implicit
    Validated(ValidationErrors errors) : m_data(std::in_place_index<1>, std::move(errors)) { } // NOLINT

    [[nodiscard]] bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const T &value() const & { return std::get<0>(m_data); }
    [[nodiscard]] T &value() & { return std::get<0>(m_data); }
    [[nodiscard]] T &&value() && { return std::get<0>(std::move(m_data)); }
    [[nodiscard]] const ValidationErrors &errors() const { return std::get<1>(m_data); }

private:
    std::variant<T, ValidationErrors> m_data;
};

/**
 * Validates `json` as model T (any type with `static std::optional<T> fromJson(const QJsonValue &,
 * ValidationContext &)`). `basePath` prefixes the error fields; a JSONL line is validated with an
 * empty one, so its errors are relative to the defect object (contract §1.4).
 */
template<typename T> [[nodiscard]] Validated<T> validate(const QJsonValue &json, QStringList basePath = {})
{
    ValidationContext ctx(std::move(basePath));
    std::optional<T> model = T::fromJson(json, ctx);
    if (ctx.hasErrors() || !model)
        return ctx.errors();
    return std::move(*model);
}

} // namespace tbds::defects
