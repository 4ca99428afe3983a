// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/config/serviceconfig.h"
#include "core/defects/protocol.h"

#include <QFuture>
#include <QObject>

#include <chrono>

namespace tbds::service {

/**
 * Runs the presync/postsync hook scripts of contract §6.9: the script is started directly with
 * argv `[project, syncType]` (no shell), inherits the service's environment, and reports into a
 * Protocol. Unlike the reference it has a deadline: a script still running then is killed and
 * the kill is reported, so one hanging script cannot block synchronisation for ever.
 */
class HookRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HookRunner)

public:
    enum class Phase { Presync, Postsync };

    explicit HookRunner(QObject *parent = nullptr);
    ~HookRunner() override;

    void setDeadline(std::chrono::milliseconds deadline) { m_deadline = deadline; }

    /**
     * Runs the hook the effective `commands` name for `syncType`; the future finishes on this
     * object's thread with the protocol to return to TestBench.
     */
    [[nodiscard]] QFuture<defects::Protocol> run(Phase phase, const QString &project, const QString &syncType,
                                                 const std::optional<config::CommandsConfig> &commands);

private:
    std::chrono::milliseconds m_deadline{120000};
};

} // namespace tbds::service
