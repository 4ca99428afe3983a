// SPDX-License-Identifier: Apache-2.0
#include "ui/enginecontroller.h"

#include <QMetaObject>
#include <QThread>

namespace tbds::ui {

EngineController::EngineController(QObject *parent) : QObject(parent), m_thread(new QThread(this))
{
    qRegisterMetaType<tbds::service::RequestLogEntry>();
    qRegisterMetaType<tbds::service::ServiceEngine::State>();
    m_thread->setObjectName(QStringLiteral("tbds-engine"));
    m_engine = new service::ServiceEngine; // no parent: it moves to the engine thread
    m_engine->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);

    // Cross-thread connections are queued: the engine never blocks on the GUI, nor the GUI on it.
    connect(m_engine, &service::ServiceEngine::requestLogged, this, &EngineController::requestLogged);
    connect(m_engine, &service::ServiceEngine::stateChanged, this, [this](State state) {
        m_state = state;
        if (state == State::Stopped)
            m_url.clear();
        Q_EMIT stateChanged(state);
    });
    connect(m_engine, &service::ServiceEngine::stopped, this, &EngineController::stopped);
    m_thread->start();
}

EngineController::~EngineController()
{
    // The engine is deleted on its own thread when the thread finishes (deleteLater above).
    m_thread->quit();
    m_thread->wait();
}

void EngineController::start(const config::ServiceConfig &config, const service::ServiceEngine::Overrides &overrides)
{
    if (m_starting || m_state != State::Stopped)
        return;
    m_starting = true;
    service::ServiceEngine *engine = m_engine;
    // The controller outlives every call it posts: its destructor waits for the thread.
    QMetaObject::invokeMethod(
        engine,
        [this, engine, config, overrides] {
            const Result<void> result = engine->start(config, overrides);
            const QUrl url = engine->url();
            const QString error = result ? QString() : result.error().toString();
            QMetaObject::invokeMethod(
                this,
                [this, url, error] {
                    m_starting = false;
                    if (error.isEmpty()) {
                        m_url = url;
                        Q_EMIT started(url);
                    } else {
                        Q_EMIT startFailed(error);
                    }
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void EngineController::stop(std::chrono::milliseconds grace)
{
    service::ServiceEngine *engine = m_engine;
    QMetaObject::invokeMethod(engine, [engine, grace] { engine->stop(grace); }, Qt::QueuedConnection);
}

} // namespace tbds::ui
