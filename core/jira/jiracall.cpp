// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jiracall.h"

#include "core/jira/httpexchange.h"

#include <QTimer>

namespace tbds::jira {

JiraCall::JiraCall(QString operation, QObject *parent) : QObject(parent), m_operation(std::move(operation)) {}

JiraCall::~JiraCall() = default;

void JiraCall::abort()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_exchange)
        m_exchange->abort(); // its done() handler fails this call with Kind::Cancelled
    if (!m_finished)
        fail(JiraError::make(JiraError::Kind::Cancelled, JiraError::tr("The Jira request was cancelled (%1).").arg(m_operation)));
}

void JiraCall::setExchange(HttpExchange *exchange)
{
    if (m_exchange && m_exchange != exchange)
        m_exchange->deleteLater();
    m_exchange = exchange;
}

void JiraCall::succeed(QJsonValue result)
{
    Q_ASSERT_X(!m_finished, "JiraCall", "finished twice");
    if (m_finished)
        return;
    m_finished = true;
    m_result = std::move(result);
    setExchange(nullptr);
    emit finished();
}

void JiraCall::fail(JiraError error)
{
    Q_ASSERT_X(!m_finished, "JiraCall", "finished twice");
    if (m_finished)
        return;
    m_finished = true;
    m_failed = true;
    m_error = std::move(error);
    setExchange(nullptr);
    emit finished();
}

void JiraCall::failLater(JiraError error)
{
    QTimer::singleShot(0, this, [this, e = std::move(error)]() mutable {
        if (!m_finished)
            fail(std::move(e));
    });
}

} // namespace tbds::jira
