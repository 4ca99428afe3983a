// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <exception>
#include <utility>

namespace tbds {

/**
 * Runs `onResult(value)` on `context`'s thread when `future` finishes, or `onFailure()` when it
 * was cancelled or threw; nothing runs if `context` is destroyed first.
 *
 * Why not QFuture::then(context, …): in Qt 6.4 a context continuation whose future is finished
 * from a pool thread can run on a destroyed continuation state under load (seen as a crash in
 * QFutureInterfaceBase::reportStarted with 32 concurrent clients). QFutureWatcher is the
 * long-standing, signal-based path and has no such race.
 */
template<typename T, typename OnResult, typename OnFailure>
void whenFinished(QObject *context, const QFuture<T> &future, OnResult onResult, OnFailure onFailure)
{
    if (future.isFinished()) {
        // Already done (a cheap operation answered at once): skip the watcher and the event loop.
        if (future.isCanceled() || future.resultCount() == 0) {
            onFailure();
            return;
        }
        try {
            onResult(future.result());
        } catch (...) {
            onFailure();
        }
        return;
    }
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, onResult = std::move(onResult), onFailure = std::move(onFailure)]() mutable {
                         watcher->deleteLater();
                         QFuture<T> f = watcher->future();
                         if (f.isCanceled() || f.resultCount() == 0) {
                             onFailure();
                             return;
                         }
                         try {
                             onResult(f.result());
                         } catch (...) {
                             onFailure();
                         }
                     });
    watcher->setFuture(future);
}

} // namespace tbds
