// SPDX-License-Identifier: Apache-2.0
#include "core/jira/httpexchange.h"

#include "core/common/logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

namespace tbds::jira {

HttpExchange::HttpExchange(std::shared_ptr<const ExchangeSettings> settings, JiraRequest request, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_request(std::move(request))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpExchange::sendAttempt);
}

HttpExchange::~HttpExchange()
{
    if (m_reply) {
        // Deleting the owner of a running request cancels it quietly; nobody listens any more.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpExchange::start()
{
    m_clock.start();
    sendAttempt();
}

void HttpExchange::abort()
{
    if (m_done)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort(); // emits finished synchronously → onReplyFinished → finish
        return;
    }
    m_retryTimer.stop();
    JiraResponse cancelled;
    cancelled.cancelled = true;
    cancelled.retries = m_retries;
    finish(std::move(cancelled));
}

void HttpExchange::sendAttempt()
{
    if (!m_settings->network) {
        JiraResponse gone;
        gone.networkError = QNetworkReply::OperationNotImplementedError;
        gone.networkErrorString = tr("The Jira client was shut down");
        gone.retries = m_retries;
        finish(std::move(gone));
        return;
    }
    QNetworkRequest request(m_request.url);
    // Jira never challenges (contract §2.3), so credentials go out with the first request.
    request.setRawHeader("Authorization", m_settings->auth->authorizationHeader(m_request.method, m_request.url));
    // Qt's default "Mozilla/5.0" looks like a browser and trips Jira's XSRF checks (contract §6.7).
    request.setRawHeader("User-Agent", m_settings->userAgent);
    request.setRawHeader("X-Atlassian-Token", "no-check");
    request.setRawHeader("Accept", "application/json,*/*;q=0.9");
    request.setRawHeader("Cache-Control", "no-cache");
    if (!m_request.contentType.isEmpty())
        request.setRawHeader("Content-Type", m_request.contentType);
    request.setTransferTimeout(int(m_settings->timeout.count()));
    request.setSslConfiguration(m_settings->tls);
    // A redirect is reported, not followed: following would carry the credentials to wherever
    // it points (an SSO page, http instead of https) and hide a wrong server_url.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // Stateless: a JSESSIONID cookie would make Jira apply browser XSRF rules and outlive a
    // credential change.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    m_sslErrors.clear();
    m_reply = m_settings->network->sendCustomRequest(request, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onReplyFinished);
}

void HttpExchange::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();

    JiraResponse response;
    response.networkError = reply->error();
    response.networkErrorString = reply->errorString();
    response.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.headers = reply->rawHeaderPairs();
    if (reply->isOpen()) // an aborted reply is closed; reading it only produces a warning
        response.body = reply->readAll();
    response.sslErrors = m_sslErrors;
    response.cancelled = m_cancelled;
    // Qt 6.4 reports its own transfer timeout as OperationCanceledError; we did not cancel.
    response.timedOut = !m_cancelled && response.networkError == QNetworkReply::OperationCanceledError;
    response.retries = m_retries;

    qCDebug(lcJira).noquote() << m_request.operation << "→" << response.httpStatus << response.networkError
                              << "request id" << response.requestId() << "after" << m_clock.elapsed() << "ms";

    if (!m_cancelled && RetryPolicy::isRetryableStatus(response.httpStatus)) {
        const auto retryAfter = RetryPolicy::parseRetryAfter(response.header("Retry-After"),
                                                             QDateTime::currentDateTimeUtc());
        const RetryPolicy::Decision decision = m_settings->retry.decide(
            m_request.idempotent, response.httpStatus, retryAfter, m_retries, QRandomGenerator::global()->generateDouble());
        if (decision.retry) {
            ++m_retries;
            qCInfo(lcJira).noquote() << m_request.operation << "got HTTP" << response.httpStatus << "- retry"
                                     << m_retries << "of" << m_settings->retry.maxRetries << "in"
                                     << decision.delay.count() << "ms";
            m_retryTimer.start(decision.delay);
            return;
        }
    }
    finish(std::move(response));
}

void HttpExchange::finish(JiraResponse response)
{
    if (m_done)
        return;
    m_done = true;
    emit done(response);
}

} // namespace tbds::jira
