// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <utility>

namespace tbds::defects {

/** Separator style of the produced JSON. */
enum class JsonStyle {
    /** `,` and `:` — HTTP responses (Sanic's compact dumps). */
    Compact,
    /** `, ` and `: ` — Python's `json.dumps` default, used for JSONL lines (contract §6.2). */
    Python,
};

/**
 * A streaming JSON writer that keeps the order in which keys are written.
 *
 * QJsonObject sorts its keys, but the contract fixes the field order (§3.11) so that responses
 * and JSONL lines can be diffed byte for byte against the reference. Strings are escaped exactly
 * like Python's `json.dumps(ensure_ascii=True)`: everything outside printable ASCII becomes
 * `\uXXXX` (lower-case hex, surrogate pairs for astral characters).
 *
 * The writer does not police its caller: writing a value without a key inside an object
 * produces invalid JSON. Model writers are tested byte-exactly instead.
 */
class JsonWriter
{
public:
    explicit JsonWriter(JsonStyle style = JsonStyle::Compact);

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    /** Writes an object key; the next call writes its value. */
    JsonWriter &key(QStringView name);

    JsonWriter &string(QStringView text);
    JsonWriter &string(const QString &text) { return string(QStringView(text)); }
    JsonWriter &string(const std::optional<QString> &text);
    JsonWriter &boolean(bool value);
    JsonWriter &boolean(std::optional<bool> value);
    JsonWriter &integer(qint64 value);
    /** Python float repr (`1.0`, `0.1`, `1e+16`). */
    JsonWriter &number(double value);
    JsonWriter &null();
    JsonWriter &stringList(const QStringList &values);
    /** Any QJsonValue; objects come out in QJsonObject's (sorted) key order. */
    JsonWriter &json(const QJsonValue &value);
    /** Inserts already serialised JSON as one value. */
    JsonWriter &raw(const QByteArray &json);

    /**
     * Reserves room for `bytes` of output. Generous estimates are cheap: pages of a large
     * allocation that are never written are not resident, while growing a 50 MB buffer by
     * reallocation briefly holds two copies.
     */
    void reserve(qsizetype bytes) { m_out.reserve(bytes); }

    [[nodiscard]] const QByteArray &data() const { return m_out; }
    [[nodiscard]] QByteArray take() { return std::exchange(m_out, {}); }
    [[nodiscard]] JsonStyle style() const { return m_style; }

    /** Appends `text` as a quoted, Python-escaped JSON string. */
    static void appendQuoted(QByteArray &out, QStringView text);
    [[nodiscard]] static QByteArray quoted(QStringView text);

private:
    void beforeValue();

    QByteArray m_out;
    QList<bool> m_firstInContainer;
    bool m_afterKey = false;
    JsonStyle m_style;
};

/** Serialises any model that has `void writeJson(JsonWriter &) const`. */
template<typename T> [[nodiscard]] QByteArray toJson(const T &model, JsonStyle style = JsonStyle::Compact)
{
    JsonWriter writer(style);
    model.writeJson(writer);
    return writer.take();
}

/** Serialises a list of models as a JSON array (e.g. `GET /projects/udfs`). */
template<typename T> [[nodiscard]] QByteArray toJson(const QList<T> &models, JsonStyle style = JsonStyle::Compact)
{
    JsonWriter writer(style);
    writer.beginArray();
    for (const T &model : models)
        model.writeJson(writer);
    writer.endArray();
    return writer.take();
}

/** Writes `[a, b, …]` of models, or null for an absent list. */
template<typename T> void writeModelList(JsonWriter &writer, const std::optional<QList<T>> &models)
{
    if (!models) {
        writer.null();
        return;
    }
    writer.beginArray();
    for (const T &model : *models)
        model.writeJson(writer);
    writer.endArray();
}

template<typename T> void writeModelList(JsonWriter &writer, const QList<T> &models)
{
    writer.beginArray();
    for (const T &model : models)
        model.writeJson(writer);
    writer.endArray();
}

} // namespace tbds::defects
