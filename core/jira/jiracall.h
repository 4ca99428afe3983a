// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiraerror.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>

#include <utility>

namespace tbds::jira {

class HttpExchange;

/**
 * One asynchronous Jira operation (which may span several HTTP requests, e.g. all pages of a
 * paged list). It emits finished() exactly once, never from inside the function that created
 * it, after which either result() or error() is meaningful.
 *
 * Ownership: the call is a child of its JiraClient; the caller deletes it (deleteLater) when done
 * with it. abort() cancels it: finished() is then emitted synchronously with Kind::Cancelled.
 * Deleting a running call cancels it silently.
 */
class JiraCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JiraCall)

public:
    ~JiraCall() override;

    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] bool isOk() const { return m_finished && !m_failed; }
    [[nodiscard]] const QJsonValue &result() const { return m_result; }
    [[nodiscard]] QJsonObject object() const { return m_result.toObject(); }
    [[nodiscard]] QJsonArray array() const { return m_result.toArray(); }
    [[nodiscard]] const JiraError &error() const { return m_error; }
    [[nodiscard]] const QString &operation() const { return m_operation; }

    void abort();

    /**
     * Runs `fn(JiraCall *)` once when the call finishes, on `context`'s thread, and not at all if
     * `context` is gone by then (qBittorrent-style context-guarded callback).
     */
    template<typename Fn>
    void onFinished(const QObject *context, Fn &&fn)
    {
        connect(this, &JiraCall::finished, context, [this, f = std::forward<Fn>(fn)]() mutable { f(this); },
                Qt::SingleShotConnection);
    }

signals:
    void finished();

private:
    friend class JiraClient;
    explicit JiraCall(QString operation, QObject *parent);

    void setExchange(HttpExchange *exchange);
    void succeed(QJsonValue result);
    void fail(JiraError error);
    /** For failures known before anything was sent: delivered from the event loop. */
    void failLater(JiraError error);
    [[nodiscard]] bool isCancelled() const { return m_cancelled; }

    QString m_operation;
    QJsonValue m_result;
    JiraError m_error;
    QPointer<HttpExchange> m_exchange;
    bool m_finished = false;
    bool m_failed = false;
    bool m_cancelled = false;
};

} // namespace tbds::jira
