// SPDX-License-Identifier: Apache-2.0
#include "core/service/hookrunner.h"

#include "core/common/logging.h"

#include <QFileInfo>
#include <QProcess>
#include <QPromise>
#include <QTimer>

#include <memory>

#if defined(Q_OS_UNIX)
#include <csignal>
#include <unistd.h>
#endif

namespace tbds::service {

using defects::Protocol;
using defects::ProtocolCode;

HookRunner::HookRunner(QObject *parent) : QObject(parent) {}

HookRunner::~HookRunner()
{
    // Hooks still running at shutdown are stopped with everything they started; QProcess's
    // destructor kills the script itself and the destroyed() handler in run() finishes its future.
#if defined(Q_OS_UNIX)
    for (QProcess *process : findChildren<QProcess *>())
        if (process->processId() > 0)
            ::kill(-pid_t(process->processId()), SIGKILL);
#endif
}

QFuture<Protocol> HookRunner::run(Phase phase, const QString &project, const QString &syncType,
                                  const std::optional<config::CommandsConfig> &commands)
{
    auto promise = std::make_shared<QPromise<Protocol>>();
    QFuture<Protocol> future = promise->future();
    promise->start();
    auto finish = [promise](const Protocol &protocol) {
        if (promise->future().isFinished())
            return;
        promise->addResult(protocol);
        promise->finish();
    };

    const QString label = phase == Phase::Presync ? QStringLiteral("Presync") : QStringLiteral("Postsync");
    std::optional<config::HookCommands> hooks;
    if (commands)
        hooks = phase == Phase::Presync ? commands->presync : commands->postsync;
    const std::optional<QString> script = hooks ? hooks->forSyncType(syncType) : std::nullopt;

    Protocol protocol;
    if (!script || script->isEmpty()) {
        protocol.addSuccess(project, ProtocolCode::PublishSuccess,
                            QStringLiteral("%1 hook acknowledged; no command configured.").arg(label));
        finish(protocol);
        return future;
    }
    const QFileInfo info(*script);
    const QString suffix = info.suffix().toLower();
    if (suffix != QLatin1String("bat") && suffix != QLatin1String("sh") && suffix != QLatin1String("exe")) {
        // The reference returns an empty protocol here; we say why, so the admin can see it in TestBench.
        qCWarning(lcHooks).noquote() << label << "hook" << *script << "ignored: only .sh, .bat and .exe files run";
        protocol.addGeneralWarning(ProtocolCode::PublishError,
                                   QStringLiteral("%1 hook '%2' was not run: only .sh, .bat and .exe files are allowed.")
                                       .arg(label, info.fileName()));
        finish(protocol);
        return future;
    }
    if (!info.exists()) {
        qCWarning(lcHooks).noquote() << label << "hook" << *script << "does not exist";
        protocol.addGeneralWarning(ProtocolCode::PublishError,
                                   QStringLiteral("%1 hook '%2' was not run: the file does not exist.")
                                       .arg(label, info.fileName()));
        finish(protocol);
        return future;
    }

    auto *process = new QProcess(this);
    process->setProgram(info.absoluteFilePath());
    process->setArguments({project, syncType});
    process->setProcessChannelMode(QProcess::ForwardedChannels);
#if defined(Q_OS_UNIX)
    // Its own process group, so a timeout also stops whatever the script started (a `sleep`
    // left behind would keep running and hold the service's stdout open).
    process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    auto timedOut = std::make_shared<bool>(false);
    const QString name = info.fileName();
    const double deadlineSeconds = double(m_deadline.count()) / 1000.0;

    connect(timer, &QTimer::timeout, process, [process, timedOut] {
        *timedOut = true;
#if defined(Q_OS_UNIX)
        if (process->processId() > 0)
            ::kill(-pid_t(process->processId()), SIGKILL);
#endif
        process->kill();
    });
    connect(process, &QProcess::finished, this, [=](int exitCode, QProcess::ExitStatus status) {
        Protocol p;
        if (*timedOut) {
            qCWarning(lcHooks).noquote() << label << "hook" << name << "killed after" << deadlineSeconds << "s";
            p.addGeneralError(ProtocolCode::PublishError,
                              QStringLiteral("%1 hook '%2' did not finish within %3 seconds and was stopped.")
                                  .arg(label, name)
                                  .arg(deadlineSeconds));
        } else if (status == QProcess::NormalExit && exitCode == 0) {
            p.addSuccess(project, ProtocolCode::PublishSuccess,
                         QStringLiteral("%1 hook '%2' executed successfully.").arg(label, name));
        } else {
            const int rc = status == QProcess::NormalExit ? exitCode : -1;
            p.addGeneralError(ProtocolCode::PublishError,
                              QStringLiteral("%1 hook '%2' failed with return code %3.").arg(label, name).arg(rc));
        }
        finish(p);
        process->deleteLater();
    });
    connect(process, &QProcess::errorOccurred, this, [=](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // crashes and kills arrive through finished()
        Protocol p;
        p.addGeneralError(ProtocolCode::PublishError, QStringLiteral("%1 hook '%2' could not be executed: %3.")
                                                          .arg(label, name, process->errorString()));
        finish(p);
        process->deleteLater();
    });
    connect(process, &QObject::destroyed, this, [=] {
        Protocol p;
        p.addGeneralError(ProtocolCode::PublishError,
                          QStringLiteral("%1 hook '%2' was stopped because the service shut down.").arg(label, name));
        finish(p);
    });
    qCInfo(lcHooks).noquote() << "running" << label << "hook" << name << "for project" << project;
    timer->start(m_deadline);
    process->start();
    return future;
}

} // namespace tbds::service
