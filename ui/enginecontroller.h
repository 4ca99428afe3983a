// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/service/requestlogentry.h"
#include "core/service/serviceengine.h"

#include <QObject>
#include <QUrl>

#include <chrono>

class QThread;

namespace tbds::ui {

/**
 * Runs a service::ServiceEngine on its own QThread and talks to it only through queued calls,
 * so a slow client or a hook never freezes a window and the GUI never waits for the engine.
 * Lives on the GUI thread; its signals arrive there.
 */
class EngineController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineController)

public:
    using State = service::ServiceEngine::State;

    explicit EngineController(QObject *parent = nullptr);
    /** Quits the engine thread (open connections are closed) and waits for it to end. */
    ~EngineController() override;

    /** Asks the engine to start; started() or startFailed() follows. */
    void start(const config::ServiceConfig &config, const service::ServiceEngine::Overrides &overrides = {});
    /** Asks the engine to stop; stopped() follows once in-flight requests are done or `grace` passed. */
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    /** The engine's last reported state (Stopped until it reports otherwise). */
    [[nodiscard]] State state() const { return m_state; }
    /** True between start() and the engine's answer. */
    [[nodiscard]] bool isStarting() const { return m_starting; }
    /** The bound URL while running. */
    [[nodiscard]] QUrl url() const { return m_url; }

Q_SIGNALS:
    void stateChanged(tbds::service::ServiceEngine::State state);
    void started(const QUrl &url);
    void startFailed(const QString &message);
    void stopped();
    void requestLogged(const tbds::service::RequestLogEntry &entry);

private:
    QThread *m_thread = nullptr;
    service::ServiceEngine *m_engine = nullptr; // lives on m_thread; touched only there
    State m_state = State::Stopped;
    bool m_starting = false;
    QUrl m_url;
};

} // namespace tbds::ui
