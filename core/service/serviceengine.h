// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/result.h"
#include "core/config/serviceconfig.h"
#include "core/service/requestlogentry.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>

namespace tbds::defects {
class DefectClient;
}

namespace tbds::service {

namespace http {
class HttpServer;
struct HttpRequest;
class HttpResponder;
} // namespace http

class BasicAuthenticator;
class HookRunner;

/**
 * The TestBench defect service: HTTP transport, routing, Basic auth, the defect client and sync
 * hooks, as one QObject. The GUI (on its own thread) and tbds-service construct and drive it
 * the same way; it knows nothing of windows. All I/O is asynchronous on the owning thread.
 */
class ServiceEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceEngine)

public:
    enum class State { Stopped, Running, Stopping };
    Q_ENUM(State)

    /** Values given on the command line; they win over the file (contract §5.3). */
    struct Overrides
    {
        std::optional<QString> host;
        std::optional<int> port; // 0 = any free port
    };

    explicit ServiceEngine(QObject *parent = nullptr);
    ~ServiceEngine() override;

    /**
     * Binds and starts serving `config`. Fails with an admin-readable error (port in use,
     * unreadable certificate, unsupported client) and stays Stopped then.
     */
    [[nodiscard]] Result<void> start(const config::ServiceConfig &config, const Overrides &overrides = {});

    /**
     * Stops accepting, lets in-flight requests finish for up to `grace`, then closes every
     * connection; stopped() follows.
     */
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

    [[nodiscard]] State state() const { return m_state; }
    /** `http(s)://host:port` actually bound (the real port when 0 was asked for). */
    [[nodiscard]] QUrl url() const { return m_url; }

    /** Tuning for tests: body limit, hook deadline, auth throttle. */
    struct Tuning
    {
        qint64 maxBodyBytes = 8 * 1024 * 1024;
        std::chrono::milliseconds hookDeadline{120000};
        int authMaxFailures = 10;
        std::chrono::seconds authWindow{60};
    };
    void setTuning(const Tuning &tuning) { m_tuning = tuning; }

Q_SIGNALS:
    void stateChanged(tbds::service::ServiceEngine::State state);
    void stopped();
    void requestLogged(const tbds::service::RequestLogEntry &entry);

private:
    void handle(const http::HttpRequest &request, http::HttpResponder responder);
    void setState(State state);

    State m_state = State::Stopped;
    QUrl m_url;
    Tuning m_tuning;
    std::unique_ptr<config::ServiceConfig> m_config;
    std::unique_ptr<defects::DefectClient> m_client;
    http::HttpServer *m_server = nullptr;
    BasicAuthenticator *m_auth = nullptr;
    HookRunner *m_hooks = nullptr;
};

} // namespace tbds::service
