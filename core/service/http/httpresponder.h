// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/service/http/httprequest.h"
#include "core/service/http/httpresponse.h"

#include <functional>
#include <memory>

namespace tbds::service::http {

class HttpConnection;

/**
 * A copyable handle through which a handler answers one request, now or later.
 *
 * All copies share one state; the first respond() wins, later ones return false. The handle
 * only holds a weak reference to its connection, so answering after the client went away, or
 * after the server was destroyed, is a harmless no-op (returns false).
 *
 * When the last copy is destroyed without an answer while the client still waits, the
 * transport answers 500 itself: a forgotten responder must not stall the connection (its
 * pipelined successors are queued behind it).
 *
 * Instead of answering, a handler may abort(): the connection closes without any answer to
 * this request (what a crashed upstream or a proxy dropping the connection looks like to the
 * client; the Jira simulator's "dropped connection" fault).
 *
 * Use it on the thread that owns the HttpServer; from another thread, hop back first
 * (QMetaObject::invokeMethod(server, ...)).
 */
class HttpResponder
{
public:
    /** An empty handle (isValid() false); respond() does nothing. */
    HttpResponder() = default;

    /** Sends the answer; false if already answered (or aborted) or the connection is gone. */
    bool respond(HttpResponse response) const;

    /**
     * Closes the connection without answering this request. Pipelined requests received
     * before it still get their answers first (responses never overtake each other); this
     * request and every one pipelined behind it get none, the client sees the connection end.
     * Settles the request like respond() does: a later respond() or abort() is a no-op, and
     * no automatic 500 follows. False (and nothing happens) when already answered or the
     * connection is gone.
     */
    bool abort() const;

    [[nodiscard]] bool isValid() const { return static_cast<bool>(d); }
    /** True once respond() or abort() was called (whether or not it reached the client). */
    [[nodiscard]] bool isAnswered() const;
    /** True while the client is connected and still waits for this answer. */
    [[nodiscard]] bool isWaiting() const;
    [[nodiscard]] quint64 connectionId() const;

private:
    friend class HttpConnection;
    struct State;
    explicit HttpResponder(std::shared_ptr<State> state) : d(std::move(state)) { }
    [[nodiscard]] static HttpResponder create(HttpConnection *connection, quint64 slot, quint64 connectionId);

    std::shared_ptr<State> d;
};

/** What HttpServer calls for every complete request (on the server's thread). */
using HttpHandler = std::function<void(const HttpRequest &request, HttpResponder responder)>;

} // namespace tbds::service::http
