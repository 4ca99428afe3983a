// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jqlsearch.h"

#include "core/common/logging.h"
#include "core/jira/jiracall.h"
#include "core/jira/jiraclient.h"

#include <QJsonArray>

#include <algorithm>

namespace tbds::jira {

JqlSearch::JqlSearch(JiraClient *client, Options options, QObject *parent)
    : QObject(parent), m_client(client), m_options(std::move(options))
{
    m_options.pageSize = std::max(1, m_options.pageSize);
}

JqlSearch::~JqlSearch() = default;

void JqlSearch::begin(Flavour flavour)
{
    if (isFinished())
        return;
    m_flavour = flavour;
    fetchPage();
}

void JqlSearch::fetchMore()
{
    if (m_state == State::Paused)
        fetchPage();
}

void JqlSearch::cancel()
{
    if (isFinished())
        return;
    if (m_current)
        m_current->abort(); // finishes the page call → onPage → failed(Cancelled)
    if (!isFinished())
        fail(JiraError::make(JiraError::Kind::Cancelled, JiraError::tr("The Jira search was cancelled.")));
}

void JqlSearch::fetchPage()
{
    if (!m_client) {
        fail(JiraError::make(JiraError::Kind::Cancelled, JiraError::tr("The Jira client was shut down.")));
        return;
    }
    int size = m_options.pageSize;
    if (m_options.maxIssues > 0)
        size = std::min(size, m_options.maxIssues - m_totalSoFar);
    JiraClient::QueryItems query{{QStringLiteral("jql"), m_options.jql}};
    if (!m_options.fields.isEmpty())
        query.append({QStringLiteral("fields"), m_options.fields.join(QLatin1Char(','))});
    if (!m_options.expand.isEmpty())
        query.append({QStringLiteral("expand"), m_options.expand.join(QLatin1Char(','))});
    query.append({QStringLiteral("maxResults"), QString::number(size)});
    QString path;
    if (m_flavour == Flavour::Cloud) {
        // The old Cloud /search answers 410 since 2025 (CHANGE-2046); enhanced search pages by token.
        path = QStringLiteral("search/jql");
        if (!m_nextPageToken.isEmpty())
            query.append({QStringLiteral("nextPageToken"), m_nextPageToken});
    } else {
        path = QStringLiteral("search");
        query.append({QStringLiteral("startAt"), QString::number(m_startAt)});
    }
    JiraRequest request = JiraClient::jsonRequest("GET", m_client->apiUrl(path, query));
    m_state = State::Fetching;
    m_current = m_client->send(std::move(request), this);
    JiraCall *call = m_current;
    connect(call, &JiraCall::finished, this, [this, call] { onPage(call); });
}

void JqlSearch::onPage(JiraCall *call)
{
    call->deleteLater();
    if (m_current == call)
        m_current = nullptr;
    if (isFinished())
        return;
    if (!call->isOk()) {
        fail(call->error());
        return;
    }
    const QJsonObject page = call->object();
    const QJsonArray issues = page.value(QLatin1String("issues")).toArray();
    QList<QJsonObject> batch;
    batch.reserve(issues.size());
    for (const QJsonValue &issue : issues) {
        if (m_options.maxIssues > 0 && m_totalSoFar + batch.size() >= m_options.maxIssues)
            break;
        batch.append(issue.toObject());
    }
    const int received = int(issues.size());
    m_totalSoFar += int(batch.size());
    ++m_pages;

    bool more = false;
    if (m_flavour == Flavour::Cloud) {
        // Loop on the token, not on isLast: the token's absence is what marks the last page.
        const QString token = page.value(QLatin1String("nextPageToken")).toString();
        if (!token.isEmpty() && token == m_nextPageToken) {
            fail(JiraError::make(JiraError::Kind::BadResponse,
                                 JiraError::tr("Jira returned the same search page token twice; stopped to avoid an "
                                               "endless loop.")));
            return;
        }
        m_nextPageToken = token;
        more = !token.isEmpty();
    } else {
        const QJsonValue total = page.value(QLatin1String("total"));
        if (total.isDouble())
            m_total = total.toInt();
        // Advance by what came back, not by what was asked: servers cap page sizes.
        m_startAt += received;
        more = received > 0 && (m_total < 0 || m_startAt < m_total);
    }
    if (m_options.maxIssues > 0 && m_totalSoFar >= m_options.maxIssues)
        more = false;

    qCDebug(lcJira) << "JQL page" << m_pages << "with" << received << "issues," << m_totalSoFar << "so far"
                    << (more ? "(more)" : "(last)");
    // While the page is handed out, neither fetchMore() nor a second page may start; the
    // receiver may still cancel() or delete the search.
    m_state = State::Delivering;
    if (!batch.isEmpty()) {
        const QPointer<JqlSearch> self(this);
        emit pageReady(batch, m_totalSoFar);
        if (!self || m_state != State::Delivering)
            return;
    }
    if (!more)
        complete();
    else if (m_options.autoFetch)
        fetchPage();
    else
        m_state = State::Paused;
}

void JqlSearch::fail(JiraError error)
{
    if (isFinished())
        return;
    m_state = State::Failed;
    m_error = std::move(error);
    emit failed(m_error);
}

void JqlSearch::complete()
{
    m_state = State::Finished;
    emit finished();
}

} // namespace tbds::jira
