// SPDX-License-Identifier: Apache-2.0
// PermissionsModel, JqlResultsModel, ControlFieldsModel, ConnectionTestModel hints: model
// contracts (QAbstractItemModelTester) and their texts; JqlResultsModel also against the
// simulator, page by page.
#include "core/jira/jiraclient.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"
#include "ui/models/connectiontestmodel.h"
#include "ui/models/controlfieldsmodel.h"
#include "ui/models/jiraconnection.h"
#include "ui/models/jqlresultsmodel.h"
#include "ui/models/permissionsmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QTest>

using namespace tbds::ui;
namespace demo = tbds::fakejira::demo;

class tst_JiraPageModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void permissionsReadonlyAware()
    {
        PermissionsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProjects({QStringLiteral("A (A)"), QStringLiteral("B")}, {false, true});
        QCOMPARE(model.cell(0, 0), PermissionsModel::Cell::Unknown);
        const QHash<QString, bool> browseOnly{{QStringLiteral("BROWSE_PROJECTS"), true},
                                              {QStringLiteral("USER_PICKER"), true},
                                              {QStringLiteral("DELETE_OWN_ATTACHMENTS"), true}};
        model.setPermissions(QStringLiteral("A (A)"), browseOnly);
        model.setPermissions(QStringLiteral("B"), browseOnly);
        QCOMPARE(model.cell(0, 0), PermissionsModel::Cell::Granted);
        QCOMPARE(model.cell(0, 2), PermissionsModel::Cell::Missing);
        QCOMPARE(model.cell(0, 7), PermissionsModel::Cell::Granted); // own attachments suffice
        QCOMPARE(model.cell(1, 2), PermissionsModel::Cell::NotRequired);
        QCOMPARE(model.missing(0).size(), 5);
        QVERIFY(model.missing(1).isEmpty());
        const QString request = model.adminRequest(QStringLiteral("svc"));
        QVERIFY(request.contains(QStringLiteral("A (A)")));
        QVERIFY(!request.contains(QStringLiteral("project B")));
        model.setError(QStringLiteral("B"), QStringLiteral("boom"));
        QVERIFY(model.report(QStringLiteral("https://jira"), QStringLiteral("svc")).contains(QStringLiteral("boom")));
    }

    void controlFieldsResolve()
    {
        ControlFieldsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ControlFieldsModel::JiraMeta meta;
        meta.statuses = {QStringLiteral("Open")};
        meta.priorities = {QStringLiteral("High")};
        meta.issueTypes = {QStringLiteral("Bug")};
        QJsonObject field{{QStringLiteral("fieldId"), QStringLiteral("customfield_1")},
                          {QStringLiteral("name"), QStringLiteral("Severity")},
                          {QStringLiteral("allowedValues"),
                           QJsonArray{QJsonObject{{QStringLiteral("value"), QStringLiteral("S1")}}}}};
        meta.fields = {field};
        model.setEntries(ControlFieldsModel::resolve(
            {QStringLiteral("status"), QStringLiteral("severity"), QStringLiteral("customfield_1"), QStringLiteral("nope")},
            meta));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.entries().at(0).values, QStringList{QStringLiteral("Open")});
        QCOMPARE(model.entries().at(1).values, QStringList{QStringLiteral("S1")});
        QCOMPARE(model.entries().at(2).values, QStringList{QStringLiteral("S1")});
        QCOMPARE(model.entries().at(3).state, ControlFieldsModel::State::Unknown);
        QVERIFY(model.index(3, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("nope")));
    }

    void connectionHints()
    {
        using Kind = tbds::jira::JiraError::Kind;
        const auto hint = [](Kind kind, tbds::jira::Flavour flavour, tbds::config::JiraAuthType auth) {
            return ConnectionTestModel::hintFor(tbds::jira::JiraError::make(kind, QStringLiteral("x")), flavour, auth);
        };
        using tbds::config::JiraAuthType;
        using tbds::jira::Flavour;
        QVERIFY(hint(Kind::Unauthorized, Flavour::Cloud, JiraAuthType::Token).contains(QStringLiteral("personal access")));
        QVERIFY(hint(Kind::Unauthorized, Flavour::Cloud, JiraAuthType::Basic).contains(QStringLiteral("API token")));
        QVERIFY(hint(Kind::TokenExpired, Flavour::DataCenter, JiraAuthType::Token).contains(QStringLiteral("expired")));
        QVERIFY(hint(Kind::Captcha, Flavour::DataCenter, JiraAuthType::Basic).contains(QStringLiteral("CAPTCHA")));
        QVERIFY(hint(Kind::Tls, Flavour::Unknown, JiraAuthType::Basic).contains(QStringLiteral("ssl_ca_cert_path")));
        QVERIFY(hint(Kind::Other, Flavour::Unknown, JiraAuthType::Basic).contains(QStringLiteral("proxy")));
        ConnectionTestModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 5);
    }

    void textRules()
    {
        QCOMPARE(JiraConnection::projectKey(QStringLiteral("Demo Project (DEMO)")), QStringLiteral("DEMO"));
        QCOMPARE(JiraConnection::projectKey(QStringLiteral("KAN")), QStringLiteral("KAN"));
        QCOMPARE(JiraConnection::substituteProject(QStringLiteral("project = '{project}'"), QStringLiteral("X")),
                 QStringLiteral("project = 'X'"));
        QCOMPARE(JiraConnection::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
        QCOMPARE(JqlResultsModel::indentJson("{\"a\":[1,2],\"b\":{}}"), QByteArray("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}"));
    }

    void jqlResultsStreamFromSimulator()
    {
        tbds::fakejira::FakeJira jira;
        jira.loadDemoData();
        QVERIFY(jira.start().ok());
        tbds::config::JiraClientConfig config;
        config.serverUrl = jira.baseUrl().toString();
        config.username = QString::fromLatin1(demo::kCloudEmail);
        config.password = QString::fromLatin1(demo::kCloudApiToken);
        tbds::jira::JiraClient client(config);

        JqlResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({{QStringLiteral("labels"), QStringLiteral("labels")}});
        tbds::jira::JqlSearch::Options options;
        options.jql = QStringLiteral("project = BULK");
        options.pageSize = 100;
        options.autoFetch = false;
        model.setSearch(client.searchJql(options, &model));
        QVERIFY(QTest::qWaitFor([&] { return model.canFetchMore({}) || !model.isRunning(); }, 20000));
        QCOMPARE(model.rowCount(), 100);
        while (model.canFetchMore({}) || model.isRunning()) {
            model.fetchMore({});
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), demo::kBulkIssueCount);
        QCOMPARE(model.columnCount(), JqlResultsModel::FirstUdfColumn + 1);
        const QByteArray defect = model.defectJson(0);
        QVERIFY2(defect.startsWith("{\"title\":"), defect.constData());
        QVERIFY(defect.contains("\"id\":\"BULK-"));
        QVERIFY(model.toCsv().startsWith("id,title,status,priority,classification,reporter,lastEdited,labels\r\n"));
    }
};

QTEST_GUILESS_MAIN(tst_JiraPageModels)
#include "tst_jirapagemodels.moc"
