// SPDX-License-Identifier: Apache-2.0
#include "core/service/router.h"

#include <QTest>

using namespace tbds::service;

Q_DECLARE_METATYPE(tbds::service::Endpoint)

class TestRouter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<Endpoint>("endpoint");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("defectId");
        QTest::newRow("root") << QByteArray("GET") << QByteArray("/") << Endpoint::Root << QString() << QString();
        QTest::newRow("settings slash") << QByteArray("GET") << QByteArray("/settings/") << Endpoint::Settings << QString() << QString();
        QTest::newRow("control fields is not a project") << QByteArray("GET") << QByteArray("/projects/control-fields")
                                                         << Endpoint::ControlFields << QString() << QString();
        QTest::newRow("encoded project") << QByteArray("POST") << QByteArray("/projects/Jira%20Scrum%20(JS)/defects")
                                         << Endpoint::Defects << QStringLiteral("Jira Scrum (JS)") << QString();
        QTest::newRow("plus stays plus") << QByteArray("POST") << QByteArray("/projects/a+b/defects") << Endpoint::Defects
                                         << QStringLiteral("a+b") << QString();
        QTest::newRow("encoded slash in name") << QByteArray("POST") << QByteArray("/projects/a%2Fb/defects/batch")
                                               << Endpoint::Batch << QStringLiteral("a/b") << QString();
        QTest::newRow("utf-8") << QByteArray("POST") << QByteArray("/projects/%C3%A9t%C3%A9/defects/create")
                               << Endpoint::Create << QStringLiteral("été") << QString();
        QTest::newRow("correct decodes") << QByteArray("POST") << QByteArray("/projects/Car%20(CC)/defects/correct")
                                         << Endpoint::Correct << QStringLiteral("Car (CC)") << QString();
        QTest::newRow("update") << QByteArray("PUT") << QByteArray("/projects/P/defects/BUG-1/update") << Endpoint::Update
                                << QStringLiteral("P") << QStringLiteral("BUG-1");
        QTest::newRow("delete") << QByteArray("POST") << QByteArray("/projects/P/defects/K%2D1/delete") << Endpoint::Delete
                                << QStringLiteral("P") << QStringLiteral("K-1");
        QTest::newRow("extended") << QByteArray("POST") << QByteArray("/projects/P/defects/X/extended") << Endpoint::Extended
                                  << QStringLiteral("P") << QStringLiteral("X");
        QTest::newRow("sync before") << QByteArray("POST") << QByteArray("/projects/P/sync/before") << Endpoint::SyncBefore
                                     << QStringLiteral("P") << QString();
        QTest::newRow("head of get") << QByteArray("HEAD") << QByteArray("/projects") << Endpoint::Projects << QString() << QString();
    }
    void matches()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(Endpoint, endpoint);
        QFETCH(QString, project);
        QFETCH(QString, defectId);
        const auto r = Router::match(method, path);
        QVERIFY(std::holds_alternative<RouteMatch>(r));
        const RouteMatch m = std::get<RouteMatch>(r);
        QCOMPARE(m.endpoint, endpoint);
        QCOMPARE(m.project, project);
        QCOMPARE(m.defectId, defectId);
        QCOMPARE(m.head, method == "HEAD");
    }

    void failures_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("unknown") << QByteArray("GET") << QByteArray("/nope") << 404 << QByteArray();
        QTest::newRow("openapi.yaml has no route") << QByteArray("GET") << QByteArray("/openapi.yaml") << 404 << QByteArray();
        QTest::newRow("empty project segment") << QByteArray("POST") << QByteArray("/projects//defects") << 404 << QByteArray();
        QTest::newRow("get on post route") << QByteArray("GET") << QByteArray("/projects/P/defects") << 405 << QByteArray("POST,OPTIONS");
        QTest::newRow("post on get route") << QByteArray("POST") << QByteArray("/projects") << 405 << QByteArray("GET,HEAD,OPTIONS");
        QTest::newRow("post on control fields") << QByteArray("POST") << QByteArray("/projects/control-fields") << 405
                                                << QByteArray("GET,HEAD,OPTIONS");
        QTest::newRow("trace") << QByteArray("TRACE") << QByteArray("/settings") << 405 << QByteArray("GET,HEAD,OPTIONS");
    }
    void failures()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QByteArray, allow);
        const auto r = Router::match(method, path);
        QVERIFY(std::holds_alternative<RouteFailure>(r));
        QCOMPARE(std::get<RouteFailure>(r).status, status);
        QCOMPARE(std::get<RouteFailure>(r).allow, allow);
    }

    void options()
    {
        const auto r = Router::match("OPTIONS", "/projects/P/defects/X/update");
        QVERIFY(std::holds_alternative<RouteMatch>(r));
        QVERIFY(std::get<RouteMatch>(r).options);
        QCOMPARE(std::get<RouteMatch>(r).allow, QByteArray("PUT,OPTIONS"));
    }

    void authExemptions()
    {
        for (const char *p : {"/", "/settings", "/docs", "/docs/openapi.json", "/static/x.css", "/favicon.ico", "/openapi.yaml"})
            QVERIFY2(Router::isAuthExempt(p), p);
        for (const char *p : {"/projects", "/check-login", "/settingsx", "/projects/docs/defects"})
            QVERIFY2(!Router::isAuthExempt(p), p);
    }
};

QTEST_APPLESS_MAIN(TestRouter)
#include "tst_router.moc"
