// SPDX-License-Identifier: Apache-2.0
#include "core/service/http/httpresponder.h"

#include "core/service/http/httpconnection.h"

#include <QPointer>

namespace tbds::service::http {

struct HttpResponder::State
{
    QPointer<HttpConnection> connection;
    quint64 slot = 0;
    quint64 connectionId = 0;
    bool answered = false;

    State() = default;
    Q_DISABLE_COPY_MOVE(State)

    ~State()
    {
        if (answered || !connection || !connection->isWaitingFor(slot))
            return;
        connection->deliver(slot, HttpResponse::error(500, QStringLiteral("The request handler did not answer.")));
    }
};

HttpResponder HttpResponder::create(HttpConnection *connection, quint64 slot, quint64 connectionId)
{
    auto state = std::make_shared<State>();
    state->connection = connection;
    state->slot = slot;
    state->connectionId = connectionId;
    return HttpResponder(std::move(state));
}

bool HttpResponder::respond(HttpResponse response) const
{
    if (!d || d->answered)
        return false;
    d->answered = true;
    if (!d->connection)
        return false;
    return d->connection->deliver(d->slot, std::move(response));
}

bool HttpResponder::abort() const
{
    if (!d || d->answered)
        return false;
    d->answered = true;
    if (!d->connection)
        return false;
    return d->connection->abortAt(d->slot);
}

bool HttpResponder::isAnswered() const
{
    return d && d->answered;
}

bool HttpResponder::isWaiting() const
{
    return d && !d->answered && d->connection && d->connection->isWaitingFor(d->slot);
}

quint64 HttpResponder::connectionId() const
{
    return d ? d->connectionId : 0;
}

} // namespace tbds::service::http
