// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace tbds::service::http {

/**
 * An ordered list of HTTP header fields.
 *
 * Names compare case-insensitively (RFC 9110 §5.1). Repeated fields are kept as separate
 * entries in arrival order, because some of them (X-Forwarded-For, Forwarded, Set-Cookie)
 * carry meaning in their repetition and must not be folded by the transport.
 */
class HttpHeaders
{
public:
    using Entry = std::pair<QByteArray, QByteArray>;

    /** Appends a field, keeping any earlier fields of the same name. */
    void add(QByteArray name, QByteArray value);
    /** Replaces every field of that name by one field (appended when absent). */
    void set(QByteArray name, QByteArray value);
    /** Removes every field of that name; returns how many were removed. */
    qsizetype remove(QByteArrayView name);

    [[nodiscard]] bool contains(QByteArrayView name) const;
    /** Value of the first field of that name, or `defaultValue`. */
    [[nodiscard]] QByteArray value(QByteArrayView name, const QByteArray &defaultValue = {}) const;
    /** Values of all fields of that name, in arrival order. */
    [[nodiscard]] QList<QByteArray> values(QByteArrayView name) const;
    /** All values of that name joined with ", " (the list form of RFC 9110 §5.3). */
    [[nodiscard]] QByteArray combinedValue(QByteArrayView name) const;
    /**
     * True when the comma-separated list in the fields of that name contains `token`
     * (case-insensitive), e.g. `Connection: keep-alive, Upgrade` contains "upgrade".
     */
    [[nodiscard]] bool containsToken(QByteArrayView name, QByteArrayView token) const;

    [[nodiscard]] const QList<Entry> &entries() const { return m_entries; }
    [[nodiscard]] qsizetype size() const { return m_entries.size(); }
    [[nodiscard]] bool isEmpty() const { return m_entries.isEmpty(); }
    void clear() { m_entries.clear(); }

    [[nodiscard]] QList<Entry>::const_iterator begin() const { return m_entries.cbegin(); }
    [[nodiscard]] QList<Entry>::const_iterator end() const { return m_entries.cend(); }

    /** Case-insensitive comparison of two header names. */
    [[nodiscard]] static bool nameEquals(QByteArrayView a, QByteArrayView b);

private:
    QList<Entry> m_entries;
};

} // namespace tbds::service::http
