// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/httpheaders.h"

namespace tbds::service::http {

bool HttpHeaders::nameEquals(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

void HttpHeaders::add(QByteArray name, QByteArray value)
{
    m_entries.append({ std::move(name), std::move(value) });
}

void HttpHeaders::set(QByteArray name, QByteArray value)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (nameEquals(m_entries.at(i).first, name)) {
            m_entries[i].second = std::move(value);
            // Drop the remaining duplicates so exactly one field is left.
            for (qsizetype j = m_entries.size() - 1; j > i; --j) {
                if (nameEquals(m_entries.at(j).first, name))
                    m_entries.removeAt(j);
            }
            return;
        }
    }
    add(std::move(name), std::move(value));
}

qsizetype HttpHeaders::remove(QByteArrayView name)
{
    return m_entries.removeIf([name](const Entry &e) { return nameEquals(e.first, name); });
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const Entry &e : m_entries) {
        if (nameEquals(e.first, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(QByteArrayView name, const QByteArray &defaultValue) const
{
    for (const Entry &e : m_entries) {
        if (nameEquals(e.first, name))
            return e.second;
    }
    return defaultValue;
}

QList<QByteArray> HttpHeaders::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const Entry &e : m_entries) {
        if (nameEquals(e.first, name))
            result.append(e.second);
    }
    return result;
}

QByteArray HttpHeaders::combinedValue(QByteArrayView name) const
{
    return values(name).join(QByteArrayView(", "));
}

bool HttpHeaders::containsToken(QByteArrayView name, QByteArrayView token) const
{
    for (const Entry &e : m_entries) {
        if (!nameEquals(e.first, name))
            continue;
        for (const QByteArray &part : e.second.split(',')) {
            if (nameEquals(part.trimmed(), token))
                return true;
        }
    }
    return false;
}

} // namespace tbds::service::http
