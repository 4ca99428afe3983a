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
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tbds::ui;
namespace demo = tbds::fakejira::demo;

namespace {

/** Issues with what JSON text can hold at its edges: escapes, Unicode, numbers, ADF, UDF shapes. */
QList<QJsonObject> awkwardIssues()
{
    const QJsonObject adf { { QStringLiteral("type"), QStringLiteral("doc") },
                            { QStringLiteral("version"), 1 },
                            { QStringLiteral("content"),
                              QJsonArray { QJsonObject { { QStringLiteral("type"), QStringLiteral("paragraph") },
                                                         { QStringLiteral("content"), QJsonArray {} } } } } };
    QJsonObject fields1 {
        { QStringLiteral("summary"), QStringLiteral("Quotes \" backslash \\ tab\t newline\n ctrl\u0001 end") },
        { QStringLiteral("description"),
          QStringLiteral("Grüße, 日本語, emoji \U0001F600, combining e\u0301, nbsp\u00a0.") },
        { QStringLiteral("status"),
          QJsonObject { { QStringLiteral("name"), QStringLiteral("In Progress") },
                        { QStringLiteral("id"), QStringLiteral("3") } } },
        { QStringLiteral("priority"), QJsonObject { { QStringLiteral("name"), QStringLiteral("Höchste") } } },
        { QStringLiteral("issuetype"),
          QJsonObject { { QStringLiteral("name"), QStringLiteral("Bug") }, { QStringLiteral("subtask"), false } } },
        { QStringLiteral("reporter"),
          QJsonObject { { QStringLiteral("displayName"), QStringLiteral("Zoë \"Z\" O'Neil") } } },
        { QStringLiteral("updated"), QStringLiteral("2024-02-29T23:59:59.999+0530") },
        { QStringLiteral("customfield_1"),
          QJsonObject { { QStringLiteral("value"), QStringLiteral("S1, critical") } } },
        { QStringLiteral("customfield_2"),
          QJsonArray { QStringLiteral("a"), 2, true, QJsonValue::Null,
                       QJsonObject { { QStringLiteral("name"), QStringLiteral("n") } } } },
        { QStringLiteral("customfield_3"), 0.1 },
        { QStringLiteral("customfield_4"), QJsonValue::Null },
        { QStringLiteral("numbers"),
          QJsonArray { qint64(9007199254740993), -42, 1.5e300, 1e-7, -2.25, 0, 123456789012.0 } },
        { QStringLiteral("empty"),
          QJsonObject { { QStringLiteral("a"), QJsonArray {} },
                        { QStringLiteral("o"), QJsonObject {} },
                        { QStringLiteral("s"), QString() } } },
        { QStringLiteral("ключ"), QStringLiteral("value with key in Cyrillic") },
    };
    QJsonObject fields2 {
        { QStringLiteral("summary"), QString() },
        { QStringLiteral("description"), adf },
        { QStringLiteral("reporter"), QJsonObject { { QStringLiteral("name"), QStringLiteral("jdoe") } } },
        { QStringLiteral("updated"), QStringLiteral("not a date") },
        { QStringLiteral("customfield_3"), 7 },
        { QStringLiteral("customfield_2"), false },
    };
    return { QJsonObject {
                 { QStringLiteral("key"), QStringLiteral("ODD-10") },
                 { QStringLiteral("id"), QStringLiteral("10010") },
                 { QStringLiteral("self"), QStringLiteral("https://jira.example.com/rest/api/2/issue/10010") },
                 { QStringLiteral("fields"), fields1 } },
             QJsonObject { { QStringLiteral("key"), QStringLiteral("ODD-9") }, { QStringLiteral("fields"), fields2 } },
             QJsonObject { { QStringLiteral("key"), QStringLiteral("ODD-8") } } };
}

} // namespace

class tst_JiraPageModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_jirapagemodels"));
        QSettings().clear();
    }

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

    void controlFieldsMarkRejectedTestBenchValues()
    {
        using Verdict = ControlFieldsModel::Verdict;
        ControlFieldsModel::JiraMeta meta;
        meta.statuses = { QStringLiteral("Open"), QStringLiteral("In Progress"), QStringLiteral("Done"),
                          QStringLiteral("R\u00e9opened") };
        meta.priorities = { QStringLiteral("High") };
        meta.issueTypes = { QStringLiteral("Bug") };
        meta.fields = { QJsonObject { { QStringLiteral("fieldId"), QStringLiteral("customfield_2") },
                                      { QStringLiteral("name"), QStringLiteral("Notes") } } }; // free text
        const QList<ControlFieldsModel::Entry> entries
            = ControlFieldsModel::resolve({ QStringLiteral("status"), QStringLiteral("priority"),
                                            QStringLiteral("NoSuchField"), QStringLiteral("Notes") },
                                          meta);
        ControlFieldsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setScope(QStringLiteral("https://jira.example.com/"), QStringLiteral("DEMO"));
        model.setEntries(entries);
        const int status = model.rowOf(QStringLiteral("status"));
        const int priority = model.rowOf(QStringLiteral("priority"));
        const int unknown = model.rowOf(QStringLiteral("NoSuchField"));
        const int freeText = model.rowOf(QStringLiteral("Notes"));
        QCOMPARE(model.entries().at(freeText).state, ControlFieldsModel::State::NoValues);
        QVERIFY(model.testBenchValues(status).isEmpty());
        QCOMPARE(model.summary(status), QStringLiteral("no TestBench values entered"));

        // Bad input: an empty line and a whitespace-only line are no values (dropped); the second
        // "Open" is a duplicate (kept once); " Done" keeps its space, which is why Jira rejects it.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTestBenchValues(
            status,
            ControlFieldsModel::parseValues(QStringLiteral("Open\r\nin progress\n\n   \n Done\nOpen\n"
                                                           "Closed\nRe\u0301opened\n  in progress \n")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.testBenchValues(status),
                 QStringList({ QStringLiteral("Open"), QStringLiteral("in progress"), QStringLiteral(" Done"),
                               QStringLiteral("Closed"), QStringLiteral("Re\u0301opened"),
                               QStringLiteral("  in progress ") }));
        model.setTestBenchValues(status, model.testBenchValues(status));
        QCOMPARE(changed.size(), 1); // nothing changed, nothing signalled

        const QList<ControlFieldsModel::ValueCheck> checks = model.checks(status);
        QCOMPARE(checks.size(), 6);
        QCOMPARE(checks.at(0).verdict, Verdict::Accepted);
        QCOMPARE(checks.at(1).verdict, Verdict::Rejected); // exact compare: case matters
        QCOMPARE(checks.at(1).suggestion, QStringLiteral("In Progress"));
        QCOMPARE(checks.at(1).difference, QStringLiteral("letter case"));
        QCOMPARE(checks.at(2).suggestion, QStringLiteral("Done"));
        QCOMPARE(checks.at(2).difference, QStringLiteral("spaces"));
        QCOMPARE(checks.at(3).verdict, Verdict::Rejected);
        QVERIFY(checks.at(3).suggestion.isEmpty()); // nothing near
        QCOMPARE(checks.at(4).suggestion, QStringLiteral("R\u00e9opened")); // decomposed vs precomposed
        QCOMPARE(checks.at(4).difference, QStringLiteral("Unicode form"));
        QCOMPARE(checks.at(5).suggestion, QStringLiteral("In Progress"));
        QCOMPARE(checks.at(5).difference, QStringLiteral("letter case and spaces"));
        QCOMPARE(model.rejectedCount(status), 5);
        QVERIFY2(model.summary(status).contains(QStringLiteral("5 of 6 value")), qPrintable(model.summary(status)));
        QCOMPARE(model.index(status, 0).data(ControlFieldsModel::RejectedCountRole).toInt(), 5);

        // Marked in the cells, in words and signs, not only in colour.
        const QString shown = model.index(status, ControlFieldsModel::TestBenchColumn).data().toString();
        QVERIFY2(shown.startsWith(QStringLiteral("\u2714 Open, \u2718 in progress, \u2718 \u201c Done\u201d")),
                 qPrintable(shown));
        QCOMPARE(model.index(status, ControlFieldsModel::CheckColumn).data().toString(), model.summary(status));
        const QString details = model.index(status, ControlFieldsModel::CheckColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(
            details.contains(QStringLiteral("Did you mean \u201cIn Progress\u201d? (differs only in letter case)")),
            qPrintable(details));
        QVERIFY(details.contains(
            QStringLiteral("\u201cClosed\u201d: would be rejected, it is none of the allowed values")));
        // The rejected verdict takes the brush of the Unknown state; accepted ones take none.
        const QVariant unknownBrush = model.index(unknown, ControlFieldsModel::FieldColumn).data(Qt::ForegroundRole);
        QVERIFY(unknownBrush.isValid());
        QCOMPARE(model.index(status, ControlFieldsModel::CheckColumn).data(Qt::ForegroundRole), unknownBrush);
        model.setTestBenchValues(priority, { QStringLiteral("High") });
        QVERIFY(model.summary(priority).contains(QStringLiteral("all 1 value")));
        QVERIFY(!model.index(priority, ControlFieldsModel::CheckColumn).data(Qt::ForegroundRole).isValid());

        // No list, no verdict: a field Jira does not know, and a free-text field.
        model.setTestBenchValues(unknown, { QStringLiteral("x") });
        model.setTestBenchValues(freeText, { QStringLiteral("anything") });
        QCOMPARE(model.checks(unknown).first().verdict, Verdict::Unchecked);
        QCOMPARE(model.rejectedCount(unknown), 0);
        QVERIFY(model.summary(unknown).contains(QStringLiteral("does not know")));
        QCOMPARE(model.checks(freeText).first().verdict, Verdict::Unchecked);
        QVERIFY(model.summary(freeText).contains(QStringLiteral("no fixed list")));

        const QString report = model.report(QStringLiteral("https://jira.example.com"), QStringLiteral("DEMO"));
        QVERIFY(report.contains(QStringLiteral("5 of 6 value")));
        QVERIFY(report.contains(QStringLiteral("    \u2718 \u201cin progress\u201d: would be rejected. Did you mean")));
        QVERIFY(report.contains(QStringLiteral("5 TestBench value(s) would be rejected")));

        // Kept per server, project and field: a new model in the same scope finds them (the
        // server URL with or without its trailing slash), another project or server does not.
        const QString key = ControlFieldsModel::settingsKey(QStringLiteral("https://jira.example.com"),
                                                            QStringLiteral("DEMO"), QStringLiteral("status"));
        QCOMPARE(key, QStringLiteral("controlFields/testBenchValues/https%3A%2F%2Fjira.example.com/DEMO/status"));
        QCOMPARE(QSettings().value(key).toStringList(), model.testBenchValues(status));
        {
            ControlFieldsModel again;
            QAbstractItemModelTester againTester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
            again.setScope(QStringLiteral("https://jira.example.com"), QStringLiteral("DEMO"));
            again.setEntries(entries);
            QCOMPARE(again.testBenchValues(status), model.testBenchValues(status));
            QCOMPARE(again.testBenchValues(priority), QStringList { QStringLiteral("High") });
            QCOMPARE(again.testBenchValues(unknown), QStringList { QStringLiteral("x") });
            QCOMPARE(again.rejectedCount(status), 5);
            again.setScope(QStringLiteral("https://jira.example.com"), QStringLiteral("OTHER"));
            again.setEntries(entries);
            QVERIFY(again.testBenchValues(status).isEmpty());
            again.setScope(QStringLiteral("https://other.example.com"), QStringLiteral("DEMO"));
            again.setEntries(entries);
            QVERIFY(again.testBenchValues(status).isEmpty());
            again.setScope(QString(), QString()); // no scope: kept in memory only
            again.setEntries(entries);
            again.setTestBenchValues(status, { QStringLiteral("Open") });
        }
        QCOMPARE(QSettings().value(key).toStringList(), model.testBenchValues(status));
        // Emptied: the setting goes away.
        model.setTestBenchValues(status, { QStringLiteral("  "), QString() });
        QVERIFY(model.testBenchValues(status).isEmpty());
        QVERIFY(!QSettings().contains(key));
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
        QVERIFY(hint(Kind::Proxy, Flavour::Unknown, JiraAuthType::Basic).contains(QStringLiteral("NO_PROXY")));
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

    void jqlResultsKeepIssuesLossless()
    {
        // The model keeps each issue as compressed compact JSON and parses it again only when the
        // raw or mapped JSON is asked for: what comes back must be what went in, to the byte.
        JqlResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reset({ { QStringLiteral("customfield_1"), QStringLiteral("Severity") },
                      { QStringLiteral("customfield_2"), QStringLiteral("Mixed") },
                      { QStringLiteral("customfield_3"), QStringLiteral("Number") },
                      { QStringLiteral("customfield_4"), QStringLiteral("Empty") } });
        const QList<QJsonObject> issues = awkwardIssues();
        model.appendIssues(issues);
        QCOMPARE(model.rowCount(), issues.size());
        for (int row = 0; row < issues.size(); ++row) {
            QCOMPARE(model.issue(row), issues.at(row));
            // What the model showed when it held the QJsonObject itself.
            QCOMPARE(model.index(row, 0).data(JqlResultsModel::RawJsonRole).toString(),
                     QString::fromUtf8(QJsonDocument(issues.at(row)).toJson(QJsonDocument::Indented)));
        }
        // Mapped defects as the QJsonObject-holding model produced them.
        QCOMPARE(model.defectJson(0),
                 QByteArray(
                     "{\"title\":\"Quotes \\\" backslash \\\\ tab\\t newline\\n ctrl\\u0001 "
                     "end\",\"description\":\"Gr\\u00fc\\u00dfe, \\u65e5\\u672c\\u8a9e, emoji \\ud83d\\ude00, "
                     "combining e\\u0301, nbsp\\u00a0.\",\"reporter\":\"Zo\\u00eb \\\"Z\\\" O'Neil\",\"status\":\"In "
                     "Progress\",\"classification\":\"Bug\",\"priority\":\"H\\u00f6chste\",\"userDefinedFields\":[{"
                     "\"name\":\"Severity\",\"value\":\"S1, "
                     "critical\",\"mustField\":false},{\"name\":\"Mixed\",\"value\":\"a, 2, True, , "
                     "n\",\"mustField\":false},{\"name\":\"Number\",\"value\":\"0.1\",\"mustField\":false},{\"name\":"
                     "\"Empty\",\"value\":null,\"mustField\":false}],\"lastEdited\":\"2024-02-29T23:59:59.999000+05:"
                     "30\",\"references\":[],\"principal\":{\"username\":\"\",\"password\":\"\"},\"id\":\"ODD-10\"}"));
        QCOMPARE(
            model.defectJson(1),
            QByteArray(
                "{\"title\":\"\",\"description\":null,\"reporter\":\"jdoe\",\"status\":\"\",\"classification\":\"\","
                "\"priority\":\"\",\"userDefinedFields\":[{\"name\":\"Severity\",\"value\":null,\"mustField\":false},{"
                "\"name\":\"Mixed\",\"value\":\"False\",\"mustField\":false},{\"name\":\"Number\",\"value\":\"7\","
                "\"mustField\":false},{\"name\":\"Empty\",\"value\":null,\"mustField\":false}],\"lastEdited\":null,"
                "\"references\":[],\"principal\":{\"username\":\"\",\"password\":\"\"},\"id\":\"ODD-9\"}"));
        QCOMPARE(
            model.defectJson(2),
            QByteArray(
                "{\"title\":\"\",\"description\":null,\"reporter\":\"\",\"status\":\"\",\"classification\":\"\","
                "\"priority\":\"\",\"userDefinedFields\":[{\"name\":\"Severity\",\"value\":null,\"mustField\":false},{"
                "\"name\":\"Mixed\",\"value\":null,\"mustField\":false},{\"name\":\"Number\",\"value\":null,"
                "\"mustField\":false},{\"name\":\"Empty\",\"value\":null,\"mustField\":false}],\"lastEdited\":null,"
                "\"references\":[],\"principal\":{\"username\":\"\",\"password\":\"\"},\"id\":\"ODD-8\"}"));
        QCOMPARE(model.index(0, 0).data(JqlResultsModel::DefectJsonRole).toString(),
                 QString::fromUtf8(JqlResultsModel::indentJson(model.defectJson(0))));
        QCOMPARE(model.toCsv(),
                 QByteArray("id,title,status,priority,classification,reporter,lastEdited,Severity,Mixed,Number,"
                            "Empty\r\nODD-10,\"Quotes \"\" backslash \\ tab\t newline\n ctrl\x01"
                            " end\",In Progress,H\xc3"
                            "\xb6"
                            "chste,Bug,\"Zo\xc3"
                            "\xab"
                            " \"\"Z\"\" O'Neil\",2024-02-29T23:59:59.999000+05:30,\"S1, critical\",\"a, 2, True, , "
                            "n\",0.1,\r\nODD-9,,,,,jdoe,not a date,,False,7,\r\nODD-8,,,,,,,,,,\r\n"));
        // Shown and sort values.
        QCOMPARE(model.index(0, JqlResultsModel::TitleColumn).data().toString(),
                 issues.at(0)[QStringLiteral("fields")][QStringLiteral("summary")].toString());
        QCOMPARE(model.index(0, JqlResultsModel::LastEditedColumn).data(JqlResultsModel::SortRole).toLongLong(),
                 Q_INT64_C(1709231399999000));
        QCOMPARE(model.index(1, JqlResultsModel::LastEditedColumn).data().toString(), QStringLiteral("not a date"));
        QCOMPARE(model.index(1, JqlResultsModel::LastEditedColumn).data(JqlResultsModel::SortRole).toLongLong(),
                 Q_INT64_C(0));
        QCOMPARE(model.index(1, JqlResultsModel::IdColumn).data(JqlResultsModel::SortRole).toString(),
                 QStringLiteral("ODD-000000000009"));
        QCOMPARE(model.index(1, JqlResultsModel::ReporterColumn).data().toString(), QStringLiteral("jdoe"));
        QCOMPARE(model.index(0, JqlResultsModel::FirstUdfColumn + 1).data().toString(),
                 QStringLiteral("a, 2, True, , n"));
        QCOMPARE(model.index(2, JqlResultsModel::StatusColumn).data().toString(), QString());
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
        tbds::jira::JqlSearch *search = client.searchJql(options, &model);
        QList<QJsonObject> sent; // the issues as the search handed them out
        connect(search, &tbds::jira::JqlSearch::pageReady, this,
                [&sent](const QList<QJsonObject> &issues) { sent.append(issues); });
        model.setSearch(search);
        QVERIFY(QTest::qWaitFor([&] { return model.canFetchMore({}) || !model.isRunning(); }, 20000));
        QCOMPARE(model.rowCount(), 100);
        while (model.canFetchMore({}) || model.isRunning()) {
            model.fetchMore({});
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), demo::kBulkIssueCount);
        QCOMPARE(sent.size(), demo::kBulkIssueCount);
        for (int row = 0; row < sent.size(); ++row)
            QCOMPARE(model.issue(row), sent.at(row));
        QCOMPARE(model.index(7, 0).data(JqlResultsModel::RawJsonRole).toString(),
                 QString::fromUtf8(QJsonDocument(sent.at(7)).toJson(QJsonDocument::Indented)));
        QCOMPARE(model.columnCount(), JqlResultsModel::FirstUdfColumn + 1);
        const QByteArray defect = model.defectJson(0);
        QVERIFY2(defect.startsWith("{\"title\":"), defect.constData());
        QVERIFY(defect.contains("\"id\":\"BULK-"));
        QVERIFY(model.toCsv().startsWith("id,title,status,priority,classification,reporter,lastEdited,labels\r\n"));
    }
};

QTEST_GUILESS_MAIN(tst_JiraPageModels)
#include "tst_jirapagemodels.moc"
