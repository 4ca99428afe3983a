// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/jira/jiraerror.h"
#include "core/jira/serverinfo.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace tbds::jira {

class JiraCall;
class JiraClient;

/**
 * Streams the issues of one JQL query page by page, hiding the two paging styles (contract §4):
 * Cloud's enhanced search (`GET /rest/api/3/search/jql`, opaque `nextPageToken`, no total) and
 * Data Center's `GET /rest/api/2/search` (`startAt`/`total`). It never assumes the server
 * honoured the requested page size: the next offset is the previous one plus what actually
 * came back, so a server-side cap below `pageSize` loses nothing.
 *
 * Exactly one of finished() or failed() is emitted; cancel() leads to failed(Kind::Cancelled).
 * With `autoFetch` off the pager stops after each page until fetchMore() (for
 * QAbstractItemModel::canFetchMore/fetchMore).
 */
class JqlSearch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JqlSearch)

public:
    struct Options
    {
        QString jql;
        /** Always sent: Cloud returns only `id` without it. */
        QStringList fields{QStringLiteral("*navigable")};
        QStringList expand;
        int pageSize = 100; ///< requested; servers may return fewer
        int maxIssues = 0;  ///< stop after this many (0: all)
        bool autoFetch = true;
    };

    ~JqlSearch() override;

    [[nodiscard]] const Options &options() const { return m_options; }
    [[nodiscard]] int totalSoFar() const { return m_totalSoFar; }
    /** Data Center's `total` from the last page; -1 when unknown (always on Cloud). */
    [[nodiscard]] int total() const { return m_total; }
    [[nodiscard]] int pagesFetched() const { return m_pages; }
    [[nodiscard]] bool isFinished() const { return m_state == State::Finished || m_state == State::Failed; }
    [[nodiscard]] bool canFetchMore() const { return m_state == State::Paused; }
    [[nodiscard]] const JiraError &error() const { return m_error; }

    /** Requests the next page when paused (autoFetch off); does nothing otherwise. */
    void fetchMore();
    void cancel();

signals:
    void pageReady(const QList<QJsonObject> &issues, int totalSoFar);
    void finished();
    void failed(const tbds::jira::JiraError &error);

private:
    friend class JiraClient;
    enum class State { Waiting, Fetching, Delivering, Paused, Finished, Failed };

    JqlSearch(JiraClient *client, Options options, QObject *parent);
    void begin(Flavour flavour);
    void fetchPage();
    void onPage(JiraCall *call);
    void fail(JiraError error);
    void complete();

    QPointer<JiraClient> m_client;
    Options m_options;
    Flavour m_flavour = Flavour::Unknown;
    QPointer<JiraCall> m_current;
    JiraError m_error;
    State m_state = State::Waiting;
    QString m_nextPageToken;
    int m_startAt = 0;
    int m_total = -1;
    int m_totalSoFar = 0;
    int m_pages = 0;
};

} // namespace tbds::jira
