// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/http/httpheaders.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace tbds::service::http {

/**
 * Which forwarding headers to believe; the config keys `proxies_count`, `real_ip_header` and
 * `forwarded_secret` (Sanic's PROXIES_COUNT, REAL_IP_HEADER, FORWARDED_SECRET).
 * Everything empty/0 means: trust no header, the client is the socket peer.
 */
struct ProxyConfig
{
    int proxiesCount = 0; ///< 0 (or negative) = ignore X-Forwarded-For
    QByteArray realIpHeader; ///< e.g. "X-Real-IP"; empty = not used
    QByteArray forwardedSecret; ///< RFC 7239 `Forwarded` element must carry secret=/by= this
};

/**
 * Decides the client address of a request the way Sanic's `request.remote_addr` /
 * `request.client_ip` do, so logs and hooks see the same address as with the reference service:
 *
 * 1. `forwardedSecret` set: the right-most `Forwarded` element whose `secret` (or `by`) equals
 *    the secret is taken; its `for` is the client (none ⇒ socket peer, no fallback to the
 *    X- headers). Sanic tries this before REAL_IP_HEADER, and so do we.
 * 2. `realIpHeader` set and present (non-empty): its first value.
 * 3. `proxiesCount` > 0: all `X-Forwarded-For` entries (every field, comma-split, blanks
 *    dropped); the one `proxiesCount` from the right; nothing if the list is shorter.
 * 4. Otherwise, or when the chosen value is unusable (`unknown`, empty): the socket peer.
 *
 * Forwarded values are normalised like Sanic's `fwd_normalize_address`: bare IPv6 gets brackets,
 * obfuscated identifiers (`_hidden`) stay as they are, everything else is lower-cased. The
 * socket peer is written without brackets (Sanic's `request.ip`).
 */
class ProxyResolver
{
public:
    ProxyResolver() = default;
    explicit ProxyResolver(ProxyConfig config) : m_config(std::move(config)) { }

    [[nodiscard]] const ProxyConfig &config() const { return m_config; }

    /** The client address for a request with these headers, received from `peer`. */
    [[nodiscard]] QString clientAddress(const HttpHeaders &headers, const QHostAddress &peer) const;

    /** The forwarded address only; empty when no trusted header names one. */
    [[nodiscard]] QString forwardedAddress(const HttpHeaders &headers) const;

    /** Sanic's fwd_normalize_address; empty for values that must be ignored ("unknown"). */
    [[nodiscard]] static QString normalizeForwardedAddress(QByteArrayView value);

    /** Peer address for display: IPv4-mapped IPv6 (::ffff:1.2.3.4) shown as IPv4. */
    [[nodiscard]] static QHostAddress canonicalPeer(const QHostAddress &peer);

private:
    /** nullopt: no Forwarded element carries the secret; otherwise its (maybe empty) `for`. */
    [[nodiscard]] std::optional<QString> fromForwarded(const HttpHeaders &headers) const;
    [[nodiscard]] QString fromXForwarded(const HttpHeaders &headers) const;

    ProxyConfig m_config;
};

} // namespace tbds::service::http
