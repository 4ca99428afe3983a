// SPDX-License-Identifier: Apache-2.0
#include "core/jira/jqlsearch.h"
#include "tests/jira/jiratestutil.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace tbds::test::jira;
using tbds::fakejira::FakeJiraOptions;
using tbds::jira::JiraError;
using tbds::jira::JqlSearch;
using Kind = tbds::jira::JiraError::Kind;
namespace demo = tbds::fakejira::demo;

namespace {

/** Collects what a search streams. */
struct Collector
{
    explicit Collector(JqlSearch *search)
    {
        QObject::connect(search, &JqlSearch::pageReady, search, [this](const QList<QJsonObject> &issues, int soFar) {
            pageSizes.append(int(issues.size()));
            for (const QJsonObject &issue : issues)
                keys.append(issue.value(QLatin1String("key")).toString());
            lastTotalSoFar = soFar;
        });
        QObject::connect(search, &JqlSearch::finished, search, [this] { ++finished; });
        QObject::connect(search, &JqlSearch::failed, search, [this](const JiraError &e) {
            ++failed;
            error = e;
        });
    }
    [[nodiscard]] bool done() const { return finished + failed > 0; }

    QList<int> pageSizes;
    QStringList keys;
    int lastTotalSoFar = 0;
    int finished = 0;
    int failed = 0;
    JiraError error;
};

JqlSearch::Options bulk(int pageSize = 100)
{
    JqlSearch::Options o;
    o.jql = QStringLiteral("project = \"BULK\" ORDER BY key ASC");
    o.fields = {QStringLiteral("summary"), QStringLiteral("status")};
    o.pageSize = pageSize;
    return o;
}

} // namespace

class TstJqlSearch : public QObject
{
    Q_OBJECT

private slots:
    void dataCenterPagesPastTheServerCap();
    void cloudPagesByToken();
    void maxIssuesStopsEarly();
    void manualFetch();
    void cancelAfterFirstPage();
    void emptyResult();
    void invalidJqlFails();
    void pageErrorFailsOnce();
};

void TstJqlSearch::dataCenterPagesPastTheServerCap()
{
    FakeJiraOptions options;
    options.flavor = Flavor::DataCenter;
    options.dcPageCap = 50; // asks for 100, gets 50: the pager must not skip the rest
    Env env = startEnv(options);
    QVERIFY(env.jira);
    JqlSearch *search = env.client->searchJql(bulk(100));
    Collector c(search);
    QVERIFY(QTest::qWaitFor([&] { return c.done(); }, 30000));
    QCOMPARE(c.failed, 0);
    QCOMPARE(c.finished, 1);
    QCOMPARE(c.keys.size(), demo::kBulkIssueCount);
    QCOMPARE(QSet<QString>(c.keys.begin(), c.keys.end()).size(), demo::kBulkIssueCount);
    QCOMPARE(c.lastTotalSoFar, demo::kBulkIssueCount);
    QCOMPARE(search->total(), demo::kBulkIssueCount);
    QCOMPARE(c.pageSizes, (QList<int>{50, 50, 50, 50, 50, 10}));
    QList<int> startAts;
    for (const auto &request : env.jira->requestsMatching(QStringLiteral("/rest/api/2/search$"))) {
        const QUrlQuery q = request.urlQuery();
        startAts.append(q.queryItemValue(QStringLiteral("startAt")).toInt());
        QCOMPARE(q.queryItemValue(QStringLiteral("maxResults")), QStringLiteral("100"));
    }
    QCOMPARE(startAts, (QList<int>{0, 50, 100, 150, 200, 250}));
    QVERIFY(search->isFinished());
    QVERIFY(!search->canFetchMore());
}

void TstJqlSearch::cloudPagesByToken()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira);
    JqlSearch *search = env.client->searchJql(bulk(100));
    Collector c(search);
    QVERIFY(QTest::qWaitFor([&] { return c.done(); }, 30000));
    QVERIFY2(c.failed == 0, qPrintable(c.error.toString()));
    QCOMPARE(c.keys.size(), demo::kBulkIssueCount);
    QCOMPARE(QSet<QString>(c.keys.begin(), c.keys.end()).size(), demo::kBulkIssueCount);
    QCOMPARE(search->total(), -1);
    QVERIFY(c.pageSizes.size() >= 3);
    const auto requests = env.jira->requestsMatching(QStringLiteral("/rest/api/3/search/jql$"));
    QCOMPARE(requests.size(), c.pageSizes.size());
    for (int i = 0; i < requests.size(); ++i) {
        const QUrlQuery q = requests.at(i).urlQuery();
        QVERIFY(!q.hasQueryItem(QStringLiteral("startAt")));
        QCOMPARE(q.queryItemValue(QStringLiteral("fields")), QStringLiteral("summary,status"));
        QCOMPARE(q.hasQueryItem(QStringLiteral("nextPageToken")), i > 0);
    }
    // The JQL arrives intact, quotes and spaces included.
    QCOMPARE(requests.first().urlQuery().queryItemValue(QStringLiteral("jql"), QUrl::FullyDecoded),
             QStringLiteral("project = \"BULK\" ORDER BY key ASC"));
}

void TstJqlSearch::maxIssuesStopsEarly()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    JqlSearch::Options o = bulk(40);
    o.maxIssues = 70;
    JqlSearch *search = env.client->searchJql(o);
    Collector c(search);
    QVERIFY(QTest::qWaitFor([&] { return c.done(); }, 30000));
    QCOMPARE(c.finished, 1);
    QCOMPARE(c.keys.size(), 70);
    QCOMPARE(c.pageSizes, (QList<int>{40, 30}));
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("/search$")).last().urlQuery().queryItemValue(
                 QStringLiteral("maxResults")),
             QStringLiteral("30"));
}

void TstJqlSearch::manualFetch()
{
    Env env = startEnv(Flavor::Cloud);
    QVERIFY(env.jira);
    JqlSearch::Options o = bulk(100);
    o.autoFetch = false;
    JqlSearch *search = env.client->searchJql(o);
    Collector c(search);
    QVERIFY(QTest::qWaitFor([&] { return search->canFetchMore(); }, 20000));
    const qsizetype afterFirst = c.keys.size();
    QVERIFY(afterFirst > 0);
    QTest::qWait(100);
    QCOMPARE(c.keys.size(), afterFirst); // nothing without fetchMore()
    while (!c.done()) {
        QVERIFY(QTest::qWaitFor([&] { return search->canFetchMore() || c.done(); }, 20000));
        search->fetchMore();
        search->fetchMore(); // a second call while fetching does nothing
    }
    QCOMPARE(c.finished, 1);
    QCOMPARE(c.keys.size(), demo::kBulkIssueCount);
}

void TstJqlSearch::cancelAfterFirstPage()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    JqlSearch *search = env.client->searchJql(bulk(50));
    Collector c(search);
    connect(search, &JqlSearch::pageReady, search, [search] { search->cancel(); });
    QVERIFY(QTest::qWaitFor([&] { return c.done(); }, 20000));
    QTest::qWait(200);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.finished, 0);
    QCOMPARE(c.error.kind, Kind::Cancelled);
    QCOMPARE(c.pageSizes.size(), 1);
    QCOMPARE(env.jira->requestsMatching(QStringLiteral("/search$")).size(), 1);
    search->cancel(); // harmless
    QCOMPARE(c.failed, 1);
}

void TstJqlSearch::emptyResult()
{
    for (Flavor flavor : {Flavor::Cloud, Flavor::DataCenter}) {
        Env env = startEnv(flavor);
        QVERIFY(env.jira);
        JqlSearch::Options o;
        o.jql = QStringLiteral("project = \"RO\" AND summary ~ \"no such words anywhere\"");
        JqlSearch *search = env.client->searchJql(o);
        Collector c(search);
        QVERIFY(QTest::qWaitFor([&] { return c.done(); }, 20000));
        QVERIFY2(c.finished == 1, qPrintable(c.error.toString()));
        QVERIFY(c.pageSizes.isEmpty());
        QCOMPARE(search->totalSoFar(), 0);
    }
}

void TstJqlSearch::invalidJqlFails()
{
    for (Flavor flavor : {Flavor::Cloud, Flavor::DataCenter}) {
        Env env = startEnv(flavor);
        QVERIFY(env.jira);
        JqlSearch::Options o;
        o.jql = QStringLiteral("project = INT");
        JqlSearch *search = env.client->searchJql(o);
        QSignalSpy failed(search, &JqlSearch::failed);
        QVERIFY(failed.wait(20000));
        const JiraError error = failed.first().first().value<JiraError>();
        QCOMPARE(error.kind, Kind::BadRequest);
        QVERIFY2(error.toString().contains(QLatin1String("reserved JQL word")), qPrintable(error.toString()));
    }
}

void TstJqlSearch::pageErrorFailsOnce()
{
    Env env = startEnv(Flavor::DataCenter);
    QVERIFY(env.jira);
    JqlSearch *search = env.client->searchJql(bulk(50));
    Collector c(search);
    // The second page breaks: the first stays delivered, then exactly one failure.
    connect(search, &JqlSearch::pageReady, env.jira.get(), [&env] {
        env.jira->injectFault({tbds::fakejira::Fault::Kind::HtmlError, QStringLiteral("/search$"), {}, 1, -1, 0, 500});
    }, Qt::SingleShotConnection);
    QVERIFY(QTest::qWaitFor([&] { return c.done(); }, 20000));
    QTest::qWait(100);
    QCOMPARE(c.pageSizes.size(), 1);
    QCOMPARE(c.failed, 1);
    QCOMPARE(c.finished, 0);
    QCOMPARE(c.error.kind, Kind::Server);
    QCOMPARE(search->error().kind, Kind::Server);
}

QTEST_GUILESS_MAIN(TstJqlSearch)
#include "tst_jqlsearch.moc"
