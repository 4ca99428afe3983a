// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/proxyresolver.h"

#include <QList>
#include <QRegularExpression>

#include <utility>

namespace tbds::service::http {

namespace {

using Pair = std::pair<QByteArray, QByteArray>;
using Element = QList<Pair>;

/**
 * Splits an RFC 7239 `Forwarded` value into elements (',') of pairs (';'), honouring
 * quoted-strings with backslash escapes. Malformed pairs (no '=') are skipped, as Sanic's
 * regex-based parser skips what it cannot match.
 */
QList<Element> parseForwarded(QByteArrayView text)
{
    QList<Element> elements;
    Element current;
    QByteArray key;
    QByteArray value;
    bool inKey = true;
    bool inQuotes = false;

    const auto finishPair = [&] {
        const QByteArray k = key.trimmed().toLower();
        if (!inKey && !k.isEmpty())
            current.append({ k, value.trimmed() });
        key.clear();
        value.clear();
        inKey = true;
    };

    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inQuotes) {
            if (c == '\\' && i + 1 < text.size()) {
                value += text[++i];
            } else if (c == '"') {
                inQuotes = false;
            } else {
                value += c;
            }
            continue;
        }
        if (c == '"' && !inKey) {
            inQuotes = true;
        } else if (c == '=' && inKey) {
            inKey = false;
        } else if (c == ';') {
            finishPair();
        } else if (c == ',') {
            finishPair();
            elements.append(std::exchange(current, {}));
        } else if (inKey) {
            key += c;
        } else {
            value += c;
        }
    }
    finishPair();
    elements.append(current);
    return elements;
}

} // namespace

QString ProxyResolver::normalizeForwardedAddress(QByteArrayView value)
{
    const QByteArray addr = value.toByteArray().trimmed();
    if (addr.isEmpty() || addr == "unknown")
        return {};
    if (addr.startsWith('_'))
        return QString::fromLatin1(addr); // obfuscated identifier, case is significant
    static const QRegularExpression ipv6(QStringLiteral("\\A(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}\\z"));
    QString result = QString::fromLatin1(addr);
    if (ipv6.match(result).hasMatch())
        result = QLatin1Char('[') + result + QLatin1Char(']');
    return result.toLower();
}

QHostAddress ProxyResolver::canonicalPeer(const QHostAddress &peer)
{
    if (peer.protocol() == QAbstractSocket::IPv6Protocol) {
        bool isV4 = false;
        const quint32 v4 = peer.toIPv4Address(&isV4);
        if (isV4)
            return QHostAddress(v4);
    }
    return peer;
}

std::optional<QString> ProxyResolver::fromForwarded(const HttpHeaders &headers) const
{
    const QByteArray &secret = m_config.forwardedSecret;
    if (secret.isEmpty())
        return std::nullopt;
    const QList<QByteArray> fields = headers.values("forwarded");
    if (fields.isEmpty())
        return std::nullopt;
    const QByteArray joined = fields.join(',');
    if (!joined.contains(secret))
        return std::nullopt;
    const QList<Element> elements = parseForwarded(joined);
    // Right to left: the element our own proxy appended is the last one carrying the secret.
    for (auto it = elements.crbegin(); it != elements.crend(); ++it) {
        bool found = false;
        QByteArray forValue;
        bool hasFor = false;
        for (const Pair &p : *it) {
            if ((p.first == "secret" || p.first == "by") && p.second == secret)
                found = true;
            if (p.first == "for" && !hasFor) {
                forValue = p.second;
                hasFor = true;
            }
        }
        if (found)
            return hasFor ? normalizeForwardedAddress(forValue) : QString();
    }
    return std::nullopt;
}

QString ProxyResolver::fromXForwarded(const HttpHeaders &headers) const
{
    if (!m_config.realIpHeader.isEmpty()) {
        const QByteArray real = headers.value(m_config.realIpHeader).trimmed();
        if (!real.isEmpty())
            return normalizeForwardedAddress(real);
    }
    if (m_config.proxiesCount <= 0)
        return {};
    QList<QByteArray> proxies;
    for (const QByteArray &field : headers.values("x-forwarded-for")) {
        for (const QByteArray &part : field.split(',')) {
            const QByteArray p = part.trimmed();
            if (!p.isEmpty())
                proxies.append(p);
        }
    }
    if (proxies.size() < m_config.proxiesCount)
        return {};
    return normalizeForwardedAddress(proxies.at(proxies.size() - m_config.proxiesCount));
}

QString ProxyResolver::forwardedAddress(const HttpHeaders &headers) const
{
    // Sanic: parse_forwarded(...) or parse_xforwarded(...). A matching Forwarded element
    // decides even when it names no usable `for` (then there is no forwarded address and the
    // socket peer is used; X-Forwarded-For is not consulted).
    if (std::optional<QString> fwd = fromForwarded(headers))
        return *fwd;
    return fromXForwarded(headers);
}

QString ProxyResolver::clientAddress(const HttpHeaders &headers, const QHostAddress &peer) const
{
    const QString forwarded = forwardedAddress(headers);
    return forwarded.isEmpty() ? canonicalPeer(peer).toString() : forwarded;
}

} // namespace tbds::service::http
