// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiraauth.h"
#include "core/jira/jirarequest.h"
#include "core/jira/jiraresponse.h"
#include "core/jira/retrypolicy.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTimer>

#include <chrono>
#include <memory>

class QNetworkReply;

namespace tbds::jira {

/** What every exchange of one client shares; owned by the client, immutable while calls run. */
struct ExchangeSettings
{
    QPointer<QNetworkAccessManager> network; ///< guarded: calls may outlive their client
    std::shared_ptr<const JiraAuth> auth;
    QSslConfiguration tls;
    RetryPolicy retry;
    std::chrono::milliseconds timeout{30000};
    QByteArray userAgent;
};

/**
 * One logical request: sends it, waits out 429/503 per the retry policy (on a timer, never by
 * blocking), and reports the final response once through done(). The Authorization header is
 * rebuilt for every attempt because an OAuth signature is single-use.
 */
class HttpExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpExchange)

public:
    HttpExchange(std::shared_ptr<const ExchangeSettings> settings, JiraRequest request, QObject *parent = nullptr);
    ~HttpExchange() override;

    void start();
    /** Aborts the running attempt or the wait before the next; done() follows synchronously. */
    void abort();
    [[nodiscard]] const JiraRequest &request() const { return m_request; }

signals:
    void done(const tbds::jira::JiraResponse &response);

private:
    void sendAttempt();
    void onReplyFinished();
    void finish(JiraResponse response);

    std::shared_ptr<const ExchangeSettings> m_settings;
    JiraRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QList<QSslError> m_sslErrors;
    QTimer m_retryTimer;
    QElapsedTimer m_clock;
    int m_retries = 0;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace tbds::jira
