// SPDX-License-Identifier: Apache-2.0
// The Jira defect client against the Jira simulator, both flavours (Cloud REST v3 with ADF,
// Data Center REST v2 with capped offset paging), and every route end to end through the
// engine's HTTP API with the Jira client behind it.
#include "core/config/configloader.h"
#include "core/defects/jiradefectclient.h"
#include "core/defects/jiraissuemapper.h"
#include "core/jira/jiraclient.h"
#include "core/service/serviceengine.h"
#include "tests/fakejira/demodata.h"
#include "tests/fakejira/fakejira.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace tbds;
using fakejira::Fault;
using fakejira::FakeJira;
using fakejira::Flavor;
using service::ServiceEngine;
namespace demo = fakejira::demo;

Q_DECLARE_METATYPE(fakejira::Flavor)

namespace {

const QByteArray AdminAuth = "Basic " + QByteArray("admin:admin").toBase64();

struct Reply
{
    int status = 0;
    QByteArray body;
    [[nodiscard]] QJsonValue json() const
    {
        return QJsonDocument::fromJson("[" + body + "]").array().first();
    }
    [[nodiscard]] QJsonObject object() const { return json().toObject(); }
    [[nodiscard]] QJsonObject protocol() const
    {
        const QJsonObject o = object();
        return o.contains(QStringLiteral("protocol")) ? o.value(QStringLiteral("protocol")).toObject() : o;
    }
    /** All "code: message" lines of one protocol group ("generalErrors", or "warnings" flattened). */
    [[nodiscard]] QStringList entries(const QString &group) const
    {
        QStringList out;
        const QJsonValue g = protocol().value(group);
        auto add = [&out](const QJsonArray &list, const QString &prefix) {
            for (const QJsonValue &e : list)
                out.append(prefix + e.toObject().value(QStringLiteral("code")).toString() + QStringLiteral(": ")
                           + e.toObject().value(QStringLiteral("message")).toString());
        };
        if (g.isArray()) {
            add(g.toArray(), {});
        } else {
            const QJsonObject keyed = g.toObject();
            for (auto it = keyed.begin(); it != keyed.end(); ++it)
                add(it.value().toArray(), it.key() + QStringLiteral(" "));
        }
        return out;
    }
};

QByteArray defectBody(const QJsonObject &defect)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("defect"), defect}, {QStringLiteral("syncContext"), QJsonObject()}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject defect(const QString &title, const QString &status, const QString &classification,
                   const QString &priority, const QJsonObject &principal = {})
{
    QJsonObject d{{QStringLiteral("title"), title},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("classification"), classification},
                  {QStringLiteral("priority"), priority},
                  {QStringLiteral("lastEdited"), QStringLiteral("2026-01-07T07:45:00Z")},
                  {QStringLiteral("principal"), principal.isEmpty()
                                                    ? QJsonObject{{QStringLiteral("username"), QStringLiteral("tb")},
                                                                  {QStringLiteral("password"), QStringLiteral("tb")}}
                                                    : principal}};
    return d;
}

QString enc(const QString &project)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(project));
}

/** Writes `content` to `path` (creating folders) with the given modification time. */
bool writeFile(const QString &path, const QByteArray &content, const QDateTime &modified)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return false;
    return file.setFileTime(modified, QFileDevice::FileModificationTime);
}

bool touch(const QString &path, const QDateTime &modified)
{
    QFile file(path);
    return file.open(QIODevice::ReadWrite) && file.setFileTime(modified, QFileDevice::FileModificationTime);
}

const QString Demo = QStringLiteral("Demo Project (DEMO)");
const QString Bulk = QStringLiteral("Bulk Load (BULK)");
const QString ReadOnly = QStringLiteral("Read Only Project (RO)");

} // namespace

class TestJiraDefectClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeJira> m_jira;
    std::unique_ptr<ServiceEngine> m_engine;
    QNetworkAccessManager m_nam;

    /** Starts the simulator (demo data) and the engine with a Jira client_config for it. */
    void start(Flavor flavor, const QByteArray &clientExtra = "enable_shared_auth = true\n",
               const QByteArray &tables = {})
    {
        m_engine.reset();
        m_jira = std::make_unique<FakeJira>();
        m_jira->loadDemoData();
        fakejira::FakeJiraOptions options;
        options.flavor = flavor;
        QVERIFY(m_jira->start(options).ok());
        const bool cloud = flavor == Flavor::Cloud;
        QByteArray text = "[testbench-defect-service]\n"
                          "client_class = \"JiraDefectClient\"\n"
                          "password_hash = \"ad5aa5aa5506ab8e2cc61c04359f9b488e6e3c3ac7aae410712b24f208d0a308\"\n"
                          "salt = \"AAECAwQFBgcICQoLDA0ODw==\"\n"
                          "[testbench-defect-service.client_config]\n";
        text += "server_url = \"" + m_jira->baseUrl().toString().toUtf8() + "\"\n";
        text += "username = \"" + QByteArray(cloud ? demo::kCloudEmail : demo::kDcUser) + "\"\n";
        text += "password = \"" + QByteArray(cloud ? demo::kCloudApiToken : demo::kDcPassword) + "\"\n";
        text += "timeout = 10\nmax_retries = 0\n";
        text += clientExtra;
        text += tables;
        config::LoadOptions loadOptions;
        loadOptions.environment = QProcessEnvironment();
        const config::LoadResult loaded = config::ConfigLoader::loadText(text, QStringLiteral("/tmp/tbds-jira-test.toml"),
                                                                        loadOptions);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        m_engine = std::make_unique<ServiceEngine>();
        ServiceEngine::Overrides o;
        o.port = 0;
        const Result<void> started = m_engine->start(*loaded.config, o);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().toString()));
    }

    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest req(QUrl(m_engine->url().toString() + path));
        req.setRawHeader("Authorization", AdminAuth);
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *r = m_nam.sendCustomRequest(req, method, body);
        QSignalSpy done(r, &QNetworkReply::finished);
        if (!r->isFinished())
            done.wait(60000);
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->readAll();
        r->deleteLater();
        return out;
    }
    Reply defects(const QString &project, const QByteArray &body = "{}")
    {
        return call("POST", QStringLiteral("/projects/%1/defects").arg(enc(project)), body);
    }
    Reply batch(const QString &project, const QStringList &ids)
    {
        const QJsonObject body{{QStringLiteral("defectIds"), QJsonArray::fromStringList(ids)},
                               {QStringLiteral("syncContext"), QJsonObject()}};
        return call("POST", QStringLiteral("/projects/%1/defects/batch").arg(enc(project)),
                    QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    /** The one defect of a batch answer for `id` (empty object if absent). */
    QJsonObject fetch(const QString &project, const QString &id)
    {
        const QJsonArray values = batch(project, {id}).object().value(QStringLiteral("value")).toArray();
        return values.isEmpty() ? QJsonObject() : values.first().toObject();
    }
    static QString udf(const QJsonObject &defect, const QString &name)
    {
        const QJsonArray udfs = defect.value(QStringLiteral("userDefinedFields")).toArray();
        for (const QJsonValue &u : udfs) {
            if (u.toObject().value(QStringLiteral("name")).toString() == name)
                return u.toObject().value(QStringLiteral("value")).toString();
        }
        return QStringLiteral("<absent>");
    }

    /** The simulator's attachments of `key` as "name=content" (sorted) and their ids by name. */
    QStringList attachments(const QString &key, QHash<QString, QString> *ids = nullptr)
    {
        QStringList out;
        const fakejira::Issue *issue = m_jira->data().issue(key);
        if (!issue)
            return {QStringLiteral("<no issue>")};
        for (const fakejira::Attachment &a : issue->attachments) {
            out.append(a.filename + QLatin1Char('=') + QString::fromUtf8(a.content));
            if (ids)
                ids->insert(a.filename, a.id);
        }
        out.sort();
        return out;
    }
    Reply createWith(const QJsonArray &references)
    {
        QJsonObject d = defect(QStringLiteral("With files"), QStringLiteral("To Do"), QStringLiteral("Bug"),
                               QStringLiteral("Low"));
        d.insert(QStringLiteral("references"), references);
        return call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)), defectBody(d));
    }
    Reply updateWith(const QString &key, const QJsonArray &references)
    {
        QJsonObject d = defect(QStringLiteral("With files"), QStringLiteral("To Do"), QStringLiteral("Bug"),
                               QStringLiteral("Low"));
        d.insert(QStringLiteral("references"), references);
        return call("PUT", QStringLiteral("/projects/%1/defects/%2/update").arg(enc(Demo), key), defectBody(d));
    }
    static QByteArray rootSetting(const QString &root)
    {
        return "enable_shared_auth = true\nattachments_root = \"" + root.toUtf8() + "\"\n";
    }

    static void flavours()
    {
        QTest::addColumn<Flavor>("flavor");
        QTest::newRow("cloud") << Flavor::Cloud;
        QTest::newRow("dc") << Flavor::DataCenter;
    }

private slots:
    void cleanup()
    {
        if (m_engine && m_engine->state() == ServiceEngine::State::Running) {
            QSignalSpy stopped(m_engine.get(), &ServiceEngine::stopped);
            m_engine->stop(std::chrono::seconds(2));
            QVERIFY(stopped.wait(5000));
        }
        m_engine.reset();
        m_jira.reset();
    }

    // ---- pure mapping ------------------------------------------------------------------------

    void renderValue()
    {
        using defects::JiraIssueMapper;
        QCOMPARE(JiraIssueMapper::renderValue(QJsonValue::Null), QString());
        QCOMPARE(JiraIssueMapper::renderValue(3.0), QStringLiteral("3"));
        QCOMPARE(JiraIssueMapper::renderValue(5.5), QStringLiteral("5.5"));
        QCOMPARE(JiraIssueMapper::renderValue(true), QStringLiteral("True"));
        const QJsonObject option{{QStringLiteral("self"), QStringLiteral("x")}, {QStringLiteral("value"), QStringLiteral("Major")},
                                 {QStringLiteral("id"), QStringLiteral("1")}};
        QCOMPARE(JiraIssueMapper::renderValue(option), QStringLiteral("Major"));
        QCOMPARE(JiraIssueMapper::renderValue(QJsonArray{option, option}), QStringLiteral("Major, Major"));
        QCOMPARE(JiraIssueMapper::renderValue(QJsonArray{QStringLiteral("a"), QStringLiteral("b")}), QStringLiteral("a, b"));
        QCOMPARE(JiraIssueMapper::renderValue(QJsonArray{1, 2}), QStringLiteral("[1, 2]"));
        QVERIFY(!JiraIssueMapper::renderValue(QJsonObject{{QStringLiteral("percent"), 5}}).has_value());
        QCOMPARE(JiraIssueMapper::capitalize(QStringLiteral("customfield_10010")), QStringLiteral("Customfield_10010"));
    }

    void planWriteNeverSendsNone()
    {
        defects::Defect d;
        d.status = QStringLiteral("Open");
        const QList<QJsonObject> fields{
            QJsonObject{{QStringLiteral("fieldId"), QStringLiteral("summary")}, {QStringLiteral("name"), QStringLiteral("Summary")},
                        {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}},
            QJsonObject{{QStringLiteral("fieldId"), QStringLiteral("description")},
                        {QStringLiteral("name"), QStringLiteral("Description")},
                        {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}};
        const defects::JiraWritePlan plan = defects::JiraIssueMapper::planWrite(d, fields, false, true);
        QVERIFY(plan.fields.isEmpty());
        d.title = QStringLiteral("T");
        d.description = QStringLiteral("line");
        const defects::JiraWritePlan cloud = defects::JiraIssueMapper::planWrite(d, fields, true, true);
        QCOMPARE(cloud.fields.value(QStringLiteral("summary")).toString(), QStringLiteral("T"));
        QCOMPARE(cloud.fields.value(QStringLiteral("description")).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("doc"));
    }

    // ---- read routes -------------------------------------------------------------------------

    void projectsSettingsCheckLogin_data() { flavours(); }
    void projectsSettingsCheckLogin()
    {
        QFETCH(Flavor, flavor);
        start(flavor);
        Reply r = call("GET", QStringLiteral("/projects"));
        QCOMPARE(r.status, 200);
        QStringList projects;
        for (const QJsonValue &v : r.json().toArray())
            projects.append(v.toString());
        // in Jira's order (Cloud's project/search sorts by name); SECRET is invisible
        projects.sort();
        QCOMPARE(projects, (QStringList{Bulk, Demo, QStringLiteral("Integration (INT)"), ReadOnly}));
        r = call("GET", QStringLiteral("/settings"));
        QCOMPARE(r.object().value(QStringLiteral("name")).toString(), QStringLiteral("Jira"));
        QCOMPARE(r.object().value(QStringLiteral("description")).toString(),
                 QStringLiteral("Service enabling communication between the Testbench defect manager wrapper and a Jira "
                                "instance"));
        QCOMPARE(call("GET", QStringLiteral("/check-login")).body, QByteArray("true"));
        QCOMPARE(call("GET", QStringLiteral("/check-login?project=") + enc(Demo)).body, QByteArray("true"));
        QCOMPARE(call("GET", QStringLiteral("/check-login?project=Nope%20(NO)")).body, QByteArray("false"));
        QCOMPARE(call("GET", QStringLiteral("/check-login?project=") + enc(QStringLiteral("Hidden Project (SECRET)"))).body,
                 QByteArray("false"));
        QCOMPARE(call("GET", QStringLiteral("/supports-changes-timestamps")).body, QByteArray("true"));
        // Jira refusing the service account: check-login is false, never an HTTP error.
        m_jira->injectFault({Fault::Kind::Unauthorized, QStringLiteral("/myself"), {}, -1});
        r = call("GET", QStringLiteral("/check-login?project=") + enc(Demo));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, QByteArray("false"));
    }

    void defectsMapping_data() { flavours(); }
    void defectsMapping()
    {
        QFETCH(Flavor, flavor);
        start(flavor);
        const Reply r = defects(Demo);
        QCOMPARE(r.status, 200);
        const QJsonArray values = r.object().value(QStringLiteral("value")).toArray();
        // standardIssueTypes() leaves the sub-task DEMO-3 out
        QCOMPARE(values.size(), 11);
        QVERIFY(r.entries(QStringLiteral("generalErrors")).isEmpty());
        QJsonObject d1;
        for (const QJsonValue &v : values) {
            if (v.toObject().value(QStringLiteral("id")).toString() == QLatin1String("DEMO-1"))
                d1 = v.toObject();
        }
        QCOMPARE(d1.value(QStringLiteral("title")).toString(), QStringLiteral("Order entry fails with a timeout"));
        QVERIFY2(d1.value(QStringLiteral("description")).toString().startsWith(QLatin1String("Order entry fails with a timeout.")),
                 qPrintable(d1.value(QStringLiteral("description")).toString()));
        QCOMPARE(d1.value(QStringLiteral("reporter")).toString(), QStringLiteral("TestBench Service"));
        QCOMPARE(d1.value(QStringLiteral("status")).toString(), QStringLiteral("In Progress"));
        QCOMPARE(d1.value(QStringLiteral("classification")).toString(), QStringLiteral("Bug"));
        QCOMPARE(d1.value(QStringLiteral("priority")).toString(), QStringLiteral("High"));
        QCOMPARE(udf(d1, QStringLiteral("Severity")), QStringLiteral("Major"));
        QCOMPARE(udf(d1, QStringLiteral("Affected Platforms")), QStringLiteral("Windows, Linux"));
        QCOMPARE(udf(d1, QStringLiteral("Story Points")), QStringLiteral("3"));
        QCOMPARE(udf(d1, QStringLiteral("Tester")), QStringLiteral("Dora Tester"));
        QCOMPARE(udf(d1, QStringLiteral("Test Environment")), QStringLiteral("Staging, Firefox 128"));
        // required fields are must-fields
        for (const QJsonValue &u : d1.value(QStringLiteral("userDefinedFields")).toArray()) {
            if (u.toObject().value(QStringLiteral("name")).toString() == QLatin1String("Summary"))
                QCOMPARE(u.toObject().value(QStringLiteral("mustField")).toBool(), true);
        }
        const QDateTime edited = QDateTime::fromString(d1.value(QStringLiteral("lastEdited")).toString(), Qt::ISODateWithMs);
        QCOMPARE(edited.toUTC(), QDateTime(QDate(2025, 3, 3), QTime(8, 45, 30, 125), Qt::UTC));
        const QJsonArray refs = d1.value(QStringLiteral("references")).toArray();
        QCOMPARE(refs.size(), 3);
        QCOMPARE(refs.at(0).toString(), m_jira->baseUrl().toString() + QStringLiteral("/browse/DEMO-1"));
        QCOMPARE(d1.value(QStringLiteral("principal")).toObject().value(QStringLiteral("password")).toString(), QString());
    }

    void pagingOverBulk_data() { flavours(); }
    void pagingOverBulk()
    {
        QFETCH(Flavor, flavor);
        start(flavor);
        const Reply r = defects(Bulk);
        QCOMPARE(r.object().value(QStringLiteral("value")).toArray().size(), demo::kBulkIssueCount);
        const int pages = int(m_jira->requestsMatching(QStringLiteral("/search")).size());
        QVERIFY2(pages >= (flavor == Flavor::Cloud ? 3 : 6), qPrintable(QString::number(pages)));
    }

    void perProjectJqlAndLiteralBraces()
    {
        start(Flavor::DataCenter, "enable_shared_auth = true\n",
              "[testbench-defect-service.client_config.projects.\"BULK\"]\n"
              "defect_jql = \"project = '{project}' AND summary != '{not a key}' AND priority = Highest\"\n");
        const Reply r = defects(Bulk);
        QVERIFY2(r.entries(QStringLiteral("generalErrors")).isEmpty(), r.body.constData());
        const QJsonArray values = r.object().value(QStringLiteral("value")).toArray();
        QCOMPARE(values.size(), demo::kBulkIssueCount / 5);
        for (const QJsonValue &v : values)
            QCOMPARE(v.toObject().value(QStringLiteral("priority")).toString(), QStringLiteral("Highest"));
        const QByteArray query = m_jira->requestsMatching(QStringLiteral("/search")).first().query;
        QVERIFY(QUrl::fromPercentEncoding(query).contains(QLatin1String("'{not a key}'")));
    }

    void controlFieldsAndUdfs_data() { flavours(); }
    void controlFieldsAndUdfs()
    {
        QFETCH(Flavor, flavor);
        start(flavor, "enable_shared_auth = true\n",
              "[testbench-defect-service.client_config.projects.\"Demo Project (DEMO)\"]\n"
              "control_fields = [\"priority\", \"status\", \"classification\", \"Severity\", \"No Such Field\"]\n");
        Reply r = call("GET", QStringLiteral("/projects/control-fields?project=") + enc(Demo));
        QCOMPARE(r.status, 200);
        // key order and values: metadata matches first, then classification, then status
        const QByteArray expected = "{\"Priority\":[\"Highest\",\"High\",\"Medium\",\"Low\",\"Lowest\"],"
                                    "\"Severity\":[\"Critical\",\"Major\",\"Minor\",\"Trivial\",\"Legacy\"],"
                                    "\"classification\":[\"Bug\",\"Task\",\"Story\",\"Sub-task\"],"
                                    "\"status\":[\"Done\",\"In Progress\",\"In Review\",\"To Do\"]}";
        QCOMPARE(r.body, expected);
        // RO: the account may not create issues, so there is no create metadata; priority and
        // classification come from the instance and the project's workflow instead.
        r = call("GET", QStringLiteral("/projects/control-fields?project=") + enc(ReadOnly));
        QCOMPARE(r.body, QByteArray("{\"Priority\":[\"Highest\",\"High\",\"Medium\",\"Low\",\"Lowest\"],"
                                    "\"classification\":[\"Bug\",\"Task\"],\"status\":[\"Done\",\"Open\"]}"));
        r = call("GET", QStringLiteral("/projects/control-fields"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.object().contains(QStringLiteral("status")));

        r = call("GET", QStringLiteral("/projects/udfs?project=") + enc(QStringLiteral("Integration (INT)")));
        QCOMPARE(r.status, 200);
        QJsonObject releaseTrain;
        QJsonObject severity;
        for (const QJsonValue &v : r.json().toArray()) {
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("Release Train"))
                releaseTrain = v.toObject();
            if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("Severity"))
                severity = v.toObject();
        }
        QCOMPARE(releaseTrain.value(QStringLiteral("valueType")).toString(), QStringLiteral("STRING"));
        QCOMPARE(releaseTrain.value(QStringLiteral("mustField")).toBool(), true);
        QCOMPARE(severity.value(QStringLiteral("mustField")).toBool(true), false);
        r = call("GET", QStringLiteral("/projects/udfs"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().toArray().size() > 5);
    }

    void batchRefusesOtherProjects_data() { flavours(); }
    void batchRefusesOtherProjects()
    {
        QFETCH(Flavor, flavor);
        start(flavor);
        const Reply r = batch(Demo, {QStringLiteral("DEMO-2"), QString(), QStringLiteral("DEMO-999"), QStringLiteral("BULK-1"),
                                     QStringLiteral("DEMO-2")});
        QCOMPARE(r.status, 200);
        const QJsonArray values = r.object().value(QStringLiteral("value")).toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(values.at(0).toObject().value(QStringLiteral("description")).toString(),
                 QStringLiteral("Collect the changes since the last release.\n\nUse the *changelog* macro."));
        const QStringList warnings = r.entries(QStringLiteral("warnings"));
        QVERIFY(warnings.contains(QStringLiteral("DEMO-999 DEFECT_NOT_FOUND: Issue not found in Jira")));
        QVERIFY(warnings.contains(
            QStringLiteral("BULK-1 DEFECT_NOT_FOUND: Issue 'BULK-1' belongs to Jira project 'BULK', not to 'Demo Project (DEMO)'.")));
    }

    void extendedStaticAndHistory_data() { flavours(); }
    void extendedStaticAndHistory()
    {
        QFETCH(Flavor, flavor);
        const QByteArray override = "[testbench-defect-service.client_config.projects.\"DEMO\"]\n"
                                    "show_change_history = true\n"
                                    "attributes = [\"title\", \"status\", \"customfield_10011\"]\n";
        start(flavor, "enable_shared_auth = true\n", override);
        // BULK has no override: static attributes as in JSONL
        Reply r = call("POST", QStringLiteral("/projects/%1/defects/BULK-7/extended").arg(enc(Bulk)), "{}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("attributes")).toObject(),
                 (QJsonObject{{QStringLiteral("title"), QStringLiteral("Bulk issue 7")},
                              {QStringLiteral("status"), QStringLiteral("Done")}}));
        // DEMO: change history since lastSync, in the history's own offset
        r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-1/extended").arg(enc(Demo)), "{}");
        QCOMPARE(r.status, 200);
        const QJsonObject all = r.object().value(QStringLiteral("attributes")).toObject();
        const bool cloud = flavor == Flavor::Cloud;
        const QString statusKey = cloud ? QStringLiteral("Status: 03.03.2025 01:35:30") : QStringLiteral("Status: 03.03.2025 10:35:30");
        const QString severityKey = cloud ? QStringLiteral("Customfield_10011: 03.03.2025 01:40:30")
                                          : QStringLiteral("Customfield_10011: 03.03.2025 10:40:30");
        QCOMPARE(all, (QJsonObject{{statusKey, QStringLiteral("To Do \u2192 In Progress")},
                                   {severityKey, QStringLiteral("Minor \u2192 Major")}}));
        r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-1/extended").arg(enc(Demo)),
                 "{\"lastSync\": \"2025-03-03T08:37:00Z\"}");
        QCOMPARE(r.object().value(QStringLiteral("attributes")).toObject().keys(), QStringList{severityKey});
        // errors are HTTP errors here
        r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-999/extended").arg(enc(Demo)), "{}");
        QCOMPARE(r.status, 404);
        QCOMPARE(r.object().value(QStringLiteral("message")).toString(), QStringLiteral("Issue with id 'DEMO-999' not found in Jira"));
        r = call("POST", QStringLiteral("/projects/%1/defects/BULK-1/extended").arg(enc(Demo)), "{}");
        QCOMPARE(r.status, 404);
    }

    // ---- faults ------------------------------------------------------------------------------

    void faultsBecomeProtocolErrors_data()
    {
        QTest::addColumn<Flavor>("flavor");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("cause");
        QTest::newRow("401 cloud") << Flavor::Cloud << int(Fault::Kind::Unauthorized) << "READ_ACCESS_ERROR" << "401";
        QTest::newRow("401 dc") << Flavor::DataCenter << int(Fault::Kind::Unauthorized) << "READ_ACCESS_ERROR" << "401";
        QTest::newRow("captcha dc") << Flavor::DataCenter << int(Fault::Kind::Captcha) << "READ_ACCESS_ERROR" << "CAPTCHA";
        QTest::newRow("429 cloud") << Flavor::Cloud << int(Fault::Kind::TooManyRequests) << "INSERT_ERROR" << "429";
        QTest::newRow("503 dc") << Flavor::DataCenter << int(Fault::Kind::ServiceUnavailable) << "INSERT_ERROR" << "503";
    }
    void faultsBecomeProtocolErrors()
    {
        QFETCH(Flavor, flavor);
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(QString, cause);
        start(flavor);
        QCOMPARE(call("GET", QStringLiteral("/projects")).status, 200); // project list cached
        m_jira->injectFault({Fault::Kind(kind), QStringLiteral("/search"), {}, -1});
        const Reply r = defects(Demo);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("value")).toArray().size(), 0);
        const QStringList errors = r.entries(QStringLiteral("generalErrors"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(code + QStringLiteral(": Failed to fetch defects for project 'Demo Project (DEMO)': ")),
                 qPrintable(errors.first()));
        QVERIFY2(errors.first().contains(cause, Qt::CaseInsensitive), qPrintable(errors.first()));
        QVERIFY(!r.body.contains("NO_DEFECT_FOUND"));
    }

    void jqlErrorIsReported()
    {
        start(Flavor::Cloud, "enable_shared_auth = true\ndefect_jql = \"project = '{project}' AND bogus ~~ 1\"\n");
        const Reply r = defects(Demo);
        const QStringList errors = r.entries(QStringLiteral("generalErrors"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QLatin1String("INSERT_ERROR: Failed to fetch defects")), qPrintable(errors.first()));
        QVERIFY2(errors.first().contains(QLatin1String("JQL: project = 'DEMO' AND bogus ~~ 1")), qPrintable(errors.first()));
    }

    void projectListErrorsAreReported()
    {
        start(Flavor::DataCenter);
        m_jira->injectFault({Fault::Kind::Unauthorized, QStringLiteral("/project"), {}, -1});
        Reply r = call("GET", QStringLiteral("/projects"));
        QCOMPARE(r.status, 401);
        QVERIFY(r.object().value(QStringLiteral("message")).toString().contains(QLatin1String("Details:")));
        r = defects(Demo);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.entries(QStringLiteral("generalErrors")).first().startsWith(QLatin1String("READ_ACCESS_ERROR: ")), r.body.constData());
    }

    // ---- writes ------------------------------------------------------------------------------

    void createTransitionAndUpdate_data() { flavours(); }
    void createTransitionAndUpdate()
    {
        QFETCH(Flavor, flavor);
        start(flavor);
        QJsonObject d = defect(QStringLiteral("Created from TestBench"), QStringLiteral("In Progress"), QStringLiteral("Bug"),
                               QStringLiteral("High"));
        d.insert(QStringLiteral("description"), QStringLiteral("First line\nsecond line"));
        d.insert(QStringLiteral("reporter"), QStringLiteral("alice"));
        d.insert(QStringLiteral("userDefinedFields"),
                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Severity")}, {QStringLiteral("value"), QStringLiteral("Critical")}},
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Story Points")}, {QStringLiteral("value"), QStringLiteral("8")}},
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Affected Platforms")},
                                        {QStringLiteral("value"), QStringLiteral("Linux, macOS")}}});
        d.insert(QStringLiteral("references"), QJsonArray{QStringLiteral("/etc/passwd"), QStringLiteral("https://example.com/x")});
        Reply r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)), defectBody(d));
        QCOMPARE(r.status, 200);
        const QString key = r.object().value(QStringLiteral("value")).toString();
        QCOMPARE(key, QStringLiteral("DEMO-13"));
        QCOMPARE(r.entries(QStringLiteral("successes")),
                 QStringList{QStringLiteral("DEMO-13 INSERT_SUCCESS: Defect created successfully in Jira")});
        // the local path is refused, the URL ignored
        const QStringList warnings = r.entries(QStringLiteral("warnings"));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QLatin1String("'/etc/passwd' was not uploaded")));
        QVERIFY2(warnings.first().contains(QLatin1String("no attachments_root is configured")), qPrintable(warnings.first()));
        QVERIFY(m_jira->requestsMatching(QStringLiteral("/attachments")).isEmpty());

        QJsonObject created = fetch(Demo, key);
        QCOMPARE(created.value(QStringLiteral("title")).toString(), QStringLiteral("Created from TestBench"));
        QCOMPARE(created.value(QStringLiteral("description")).toString(), QStringLiteral("First line\nsecond line"));
        QCOMPARE(created.value(QStringLiteral("status")).toString(), QStringLiteral("In Progress"));
        QCOMPARE(created.value(QStringLiteral("priority")).toString(), QStringLiteral("High"));
        QCOMPARE(udf(created, QStringLiteral("Severity")), QStringLiteral("Critical"));
        QCOMPARE(udf(created, QStringLiteral("Story Points")), QStringLiteral("8"));
        QCOMPARE(udf(created, QStringLiteral("Affected Platforms")), QStringLiteral("Linux, macOS"));
        QCOMPARE(udf(created, QStringLiteral("Reporter")), QStringLiteral("Alice Example"));

        // update: null title/description leave summary and description alone; status via workflow
        QJsonObject u = defect(QString(), QStringLiteral("In Review"), QStringLiteral("Bug"), QStringLiteral("Low"));
        u.insert(QStringLiteral("title"), QJsonValue::Null);
        r = call("PUT", QStringLiteral("/projects/%1/defects/%2/update").arg(enc(Demo), key), defectBody(u));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.entries(QStringLiteral("successes")), QStringList{key + QStringLiteral(" PUBLISH_SUCCESS: Issue updated successfully")});
        QVERIFY2(r.entries(QStringLiteral("warnings")).isEmpty(), r.body.constData());
        created = fetch(Demo, key);
        QCOMPARE(created.value(QStringLiteral("title")).toString(), QStringLiteral("Created from TestBench"));
        QCOMPARE(created.value(QStringLiteral("description")).toString(), QStringLiteral("First line\nsecond line"));
        QCOMPARE(created.value(QStringLiteral("status")).toString(), QStringLiteral("In Review"));
        QCOMPARE(created.value(QStringLiteral("priority")).toString(), QStringLiteral("Low"));
        QVERIFY(!r.body.contains("None"));

        // Done needs a resolution on the transition screen: filled in from its allowed values
        r = call("PUT", QStringLiteral("/projects/%1/defects/%2/update").arg(enc(Demo), key),
                 defectBody(defect(QStringLiteral("Renamed"), QStringLiteral("Done"), QStringLiteral("Bug"), QStringLiteral("Low"))));
        QVERIFY2(r.entries(QStringLiteral("warnings")).isEmpty(), r.body.constData());
        created = fetch(Demo, key);
        QCOMPARE(created.value(QStringLiteral("title")).toString(), QStringLiteral("Renamed"));
        QCOMPARE(created.value(QStringLiteral("status")).toString(), QStringLiteral("Done"));
    }

    // ---- attachments (contract §7.8, §10.3-33/38) -------------------------------------------

    void attachmentsCreateAndUpdate_data() { flavours(); }
    void attachmentsCreateAndUpdate()
    {
        QFETCH(Flavor, flavor);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.path() + QStringLiteral("/root");
        const QString outside = tmp.path() + QStringLiteral("/outside");
        // older than any upload, so Jira's copies count as current afterwards
        const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QVERIFY(writeFile(root + QStringLiteral("/a.txt"), "alpha", old));
        QVERIFY(writeFile(root + QStringLiteral("/sub/b.log"), "beta", old));
        QVERIFY(writeFile(outside + QStringLiteral("/secret.txt"), "secret", old));
        QVERIFY(QFile::link(outside + QStringLiteral("/secret.txt"), root + QStringLiteral("/link.txt")));
        start(flavor, rootSetting(root));

        const QString browse = m_jira->baseUrl().toString() + QStringLiteral("/browse/DEMO-1");
        Reply r = createWith({browse, root + QStringLiteral("/a.txt"), root + QStringLiteral("/sub/b.log"),
                              outside + QStringLiteral("/secret.txt"), root + QStringLiteral("/../outside/secret.txt"),
                              root + QStringLiteral("/link.txt"), root + QStringLiteral("/missing.txt"), root});
        QCOMPARE(r.status, 200);
        const QString key = r.object().value(QStringLiteral("value")).toString();
        QCOMPARE(key, QStringLiteral("DEMO-13"));
        QCOMPARE(attachments(key), (QStringList{QStringLiteral("a.txt=alpha"), QStringLiteral("b.log=beta")}));
        const QList<fakejira::LoggedRequest> uploads = m_jira->requestsMatching(QStringLiteral("/attachments$"));
        QCOMPARE(uploads.size(), 2);
        for (const fakejira::LoggedRequest &upload : uploads) {
            QCOMPARE(upload.status, 200);
            QVERIFY(!upload.body.contains("secret"));
        }
        const QString prefix = key + QStringLiteral(" INSERT_WARNING: Attachment '");
        QCOMPARE(r.entries(QStringLiteral("warnings")),
                 (QStringList{prefix + outside + QStringLiteral("/secret.txt' was not uploaded: the file is outside attachments_root."),
                              prefix + root + QStringLiteral("/../outside/secret.txt' was not uploaded: the file is outside "
                                                             "attachments_root."),
                              prefix + root + QStringLiteral("/link.txt' was not uploaded: the file is outside attachments_root "
                                                             "(symbolic link)."),
                              prefix + root + QStringLiteral("/missing.txt' was not uploaded: the file was not found."),
                              prefix + root + QStringLiteral("' was not uploaded: the file is outside attachments_root.")}));

        // update: a.txt touched (newer than Jira's copy) → replaced; b.log unchanged → left;
        // c.txt new → uploaded. A relative path is taken below the root.
        QHash<QString, QString> before;
        attachments(key, &before);
        QVERIFY(touch(root + QStringLiteral("/a.txt"), QDateTime::currentDateTimeUtc().addSecs(3600)));
        QVERIFY(writeFile(root + QStringLiteral("/c.txt"), "gamma", old));
        m_jira->clearRequestLog();
        r = updateWith(key, {root + QStringLiteral("/a.txt"), root + QStringLiteral("/sub/b.log"), QStringLiteral("c.txt")});
        QCOMPARE(r.entries(QStringLiteral("successes")), QStringList{key + QStringLiteral(" PUBLISH_SUCCESS: Issue updated successfully")});
        QVERIFY2(r.entries(QStringLiteral("warnings")).isEmpty(), r.body.constData());
        QHash<QString, QString> after;
        QCOMPARE(attachments(key, &after),
                 (QStringList{QStringLiteral("a.txt=alpha"), QStringLiteral("b.log=beta"), QStringLiteral("c.txt=gamma")}));
        QVERIFY(after.value(QStringLiteral("a.txt")) != before.value(QStringLiteral("a.txt")));
        QCOMPARE(after.value(QStringLiteral("b.log")), before.value(QStringLiteral("b.log")));
        QCOMPARE(m_jira->requestsMatching(QStringLiteral("/attachments$")).size(), 2);
        const QList<fakejira::LoggedRequest> deletes = m_jira->requestsMatching(QStringLiteral("/attachment/"));
        QCOMPARE(deletes.size(), 1);
        QCOMPARE(deletes.first().method, QByteArray("DELETE"));
        QVERIFY(deletes.first().path.endsWith("/attachment/" + before.value(QStringLiteral("a.txt")).toUtf8()));

        // nothing newer: no upload, no delete; unreferenced attachments are kept
        m_jira->clearRequestLog();
        r = updateWith(key, {root + QStringLiteral("/c.txt")});
        QVERIFY2(r.entries(QStringLiteral("warnings")).isEmpty(), r.body.constData());
        QCOMPARE(attachments(key).size(), 3);
        QVERIFY(m_jira->requestsMatching(QStringLiteral("/attachment")).isEmpty());

        // same name twice: the last one wins
        QVERIFY(writeFile(root + QStringLiteral("/sub/c.txt"), "delta", QDateTime::currentDateTimeUtc().addSecs(7200)));
        r = updateWith(key, {root + QStringLiteral("/c.txt"), root + QStringLiteral("/sub/c.txt")});
        QVERIFY2(r.entries(QStringLiteral("warnings")).isEmpty(), r.body.constData());
        QCOMPARE(attachments(key),
                 (QStringList{QStringLiteral("a.txt=alpha"), QStringLiteral("b.log=beta"), QStringLiteral("c.txt=delta")}));
    }

    void attachmentFailuresAreWarnings_data() { flavours(); }
    void attachmentFailuresAreWarnings()
    {
        QFETCH(Flavor, flavor);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = QDir(tmp.path()).canonicalPath();
        const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QVERIFY(writeFile(root + QStringLiteral("/one.txt"), "1", old));
        QVERIFY(writeFile(root + QStringLiteral("/two.txt"), "2", old));
        // per project: the DEMO table sets the root, the global setting is absent
        start(flavor, "enable_shared_auth = true\n",
              "[testbench-defect-service.client_config.projects.\"DEMO\"]\nattachments_root = \"" + root.toUtf8() + "\"\n");

        // the first upload fails: a warning with Jira's cause, the other file still goes up,
        // and the created issue's key comes back (§10.3-33)
        m_jira->injectFault({Fault::Kind::HtmlError, QStringLiteral("/attachments$"), "POST", 1, -1, 0, 500});
        Reply r = createWith({root + QStringLiteral("/one.txt"), root + QStringLiteral("/two.txt")});
        const QString key = r.object().value(QStringLiteral("value")).toString();
        QCOMPARE(key, QStringLiteral("DEMO-13"));
        QCOMPARE(r.entries(QStringLiteral("successes")),
                 QStringList{key + QStringLiteral(" INSERT_SUCCESS: Defect created successfully in Jira")});
        QStringList warnings = r.entries(QStringLiteral("warnings"));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().startsWith(key + QStringLiteral(" INSERT_WARNING: Attachment 'one.txt' was not uploaded to ") + key
                                             + QStringLiteral(": ")),
                 qPrintable(warnings.first()));
        QVERIFY2(warnings.first().contains(QLatin1String("500")), qPrintable(warnings.first()));
        QCOMPARE(attachments(key), QStringList{QStringLiteral("two.txt=2")});

        // a failed re-upload keeps Jira's outdated copy (upload before delete)
        QHash<QString, QString> ids;
        attachments(key, &ids);
        QVERIFY(touch(root + QStringLiteral("/two.txt"), QDateTime::currentDateTimeUtc().addSecs(3600)));
        m_jira->injectFault({Fault::Kind::HtmlError, QStringLiteral("/attachments$"), "POST", 1, -1, 0, 403});
        m_jira->clearRequestLog();
        r = updateWith(key, {root + QStringLiteral("/two.txt")});
        QCOMPARE(r.entries(QStringLiteral("successes")), QStringList{key + QStringLiteral(" PUBLISH_SUCCESS: Issue updated successfully")});
        warnings = r.entries(QStringLiteral("warnings"));
        QVERIFY2(warnings.size() == 1 && warnings.first().contains(QLatin1String("'two.txt' was not uploaded")), r.body.constData());
        QVERIFY(m_jira->requestsMatching(QStringLiteral("/attachment/")).isEmpty());
        QHash<QString, QString> kept;
        QCOMPARE(attachments(key, &kept), QStringList{QStringLiteral("two.txt=2")});
        QCOMPARE(kept, ids);

        // a failed delete: the new copy is there, the old one stays, and the protocol says so
        m_jira->injectFault({Fault::Kind::HtmlError, QStringLiteral("/attachment/"), "DELETE", 1, -1, 0, 500});
        r = updateWith(key, {root + QStringLiteral("/two.txt")});
        warnings = r.entries(QStringLiteral("warnings"));
        QVERIFY2(warnings.size() == 1 && warnings.first().contains(QLatin1String("outdated attachment 'two.txt'")),
                 r.body.constData());
        QCOMPARE(attachments(key), (QStringList{QStringLiteral("two.txt=2"), QStringLiteral("two.txt=2")}));

        // another project without a root refuses local files
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Bulk)),
                 defectBody([&root] {
                     QJsonObject d = defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low"));
                     d.insert(QStringLiteral("references"), QJsonArray{root + QStringLiteral("/one.txt")});
                     return d;
                 }()));
        warnings = r.entries(QStringLiteral("warnings"));
        QVERIFY2(warnings.size() == 1 && warnings.first().contains(QLatin1String("no attachments_root is configured")),
                 r.body.constData());
    }

    void createProblemsAfterCreationAreWarnings()
    {
        start(Flavor::DataCenter);
        // "In Review" cannot be reached from "To Do" in one step
        Reply r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)),
                       defectBody(defect(QStringLiteral("Unreachable"), QStringLiteral("In Review"), QStringLiteral("Task"),
                                         QStringLiteral("Low"))));
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QStringLiteral("DEMO-13"));
        QCOMPARE(r.entries(QStringLiteral("warnings")),
                 QStringList{QStringLiteral("DEMO-13 INSERT_WARNING: Status 'In Review' cannot be reached from 'To Do' in the "
                                            "Jira workflow; the issue stays in 'To Do'.")});
        // the transition itself fails after the issue exists: the key still comes back
        m_jira->injectFault({Fault::Kind::HtmlError, QStringLiteral("/transitions"), "POST", 1, -1, 0, 500});
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)),
                 defectBody(defect(QStringLiteral("Half"), QStringLiteral("In Progress"), QStringLiteral("Task"), QStringLiteral("Low"))));
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QStringLiteral("DEMO-14"));
        QVERIFY2(r.entries(QStringLiteral("warnings")).first().startsWith(
                     QLatin1String("DEMO-14 INSERT_WARNING: Status not changed to 'In Progress': ")),
                 r.body.constData());
        // null title: Jira's own reason, never a summary "None"
        QJsonObject d = defect(QString(), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low"));
        d.insert(QStringLiteral("title"), QJsonValue::Null);
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)), defectBody(d));
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QString());
        const QStringList errors = r.entries(QStringLiteral("generalErrors"));
        QVERIFY2(errors.size() == 1 && errors.first().startsWith(QLatin1String("INSERT_ERROR: Failed to create Jira issue: "))
                     && errors.first().contains(QLatin1String("summary")),
                 r.body.constData());
        for (const fakejira::LoggedRequest &req : m_jira->requestsMatching(QStringLiteral("/issue$")))
            QVERIFY(!req.body.contains("\"None\""));
        // unknown issue type
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)),
                 defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Epic"), QStringLiteral("Low"))));
        QVERIFY(r.entries(QStringLiteral("generalErrors")).first().contains(QLatin1String("issue type 'Epic' is not available")));
    }

    void updateAndDeleteRefuseOtherProjects()
    {
        start(Flavor::Cloud);
        const QByteArray body = defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low")));
        Reply r = call("PUT", QStringLiteral("/projects/%1/defects/BULK-1/update").arg(enc(Demo)), body);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")),
                 QStringList{QStringLiteral("NO_DEFECT_FOUND: Issue 'BULK-1' belongs to Jira project 'BULK', not to 'Demo Project (DEMO)'.")});
        r = call("POST", QStringLiteral("/projects/%1/defects/BULK-1/delete").arg(enc(Demo)), body);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")).size(), 1);
        QVERIFY(m_jira->requestsMatching(QStringLiteral("/issue/BULK-1")).size() == 2);
        for (const fakejira::LoggedRequest &req : m_jira->requestsMatching(QStringLiteral("/issue/BULK-1")))
            QCOMPARE(req.method, QByteArray("GET"));
        r = call("PUT", QStringLiteral("/projects/%1/defects/DEMO-999/update").arg(enc(Demo)), body);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{QStringLiteral("NO_DEFECT_FOUND: No matching issues found to update")});
        r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-999/delete").arg(enc(Demo)), body);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{QStringLiteral("NO_DEFECT_FOUND: No matching issues found to delete")});
    }

    void deleteAndPermissions_data() { flavours(); }
    void deleteAndPermissions()
    {
        QFETCH(Flavor, flavor);
        start(flavor);
        const QByteArray body = defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low")));
        Reply r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-6/delete").arg(enc(Demo)), body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.entries(QStringLiteral("successes")), QStringList{QStringLiteral("DEMO-6 PUBLISH_SUCCESS: Issue deleted successfully")});
        r = batch(Demo, {QStringLiteral("DEMO-6")});
        QCOMPARE(r.entries(QStringLiteral("warnings")), QStringList{QStringLiteral("DEMO-6 DEFECT_NOT_FOUND: Issue not found in Jira")});
        // RO: Jira forbids deleting and creating; both come back as protocol errors with the cause
        r = call("POST", QStringLiteral("/projects/%1/defects/RO-1/delete").arg(enc(ReadOnly)), body);
        QCOMPARE(r.status, 200);
        QStringList errors = r.entries(QStringLiteral("generalErrors"));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QLatin1String("PUBLISH_ACCESS_ERROR: Failed to delete Jira issue 'RO-1': ")),
                 qPrintable(errors.first()));
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(ReadOnly)), body);
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QString());
        errors = r.entries(QStringLiteral("generalErrors"));
        QVERIFY2(errors.size() == 1 && errors.first().startsWith(QLatin1String("INSERT_ACCESS_ERROR: ")), r.body.constData());
        // RO may still be read
        QCOMPARE(defects(ReadOnly).object().value(QStringLiteral("value")).toArray().size(), 3);
    }

    void readonlyConfig()
    {
        start(Flavor::DataCenter, "enable_shared_auth = true\n",
              "[testbench-defect-service.client_config.projects.\"Demo Project (DEMO)\"]\nreadonly = true\n");
        const QByteArray body = defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low")));
        Reply r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)), body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.entries(QStringLiteral("errors")),
                 QStringList{Demo + QStringLiteral(" INSERT_ACCESS_ERROR: Cannot create issue because the Jira project "
                                                   "'Demo Project (DEMO)' has been configured as read-only")});
        r = call("PUT", QStringLiteral("/projects/%1/defects/DEMO-1/update").arg(enc(Demo)), body);
        QVERIFY(r.entries(QStringLiteral("errors")).first().contains(QLatin1String("PUBLISH_ERROR: Cannot update issue")));
        r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-1/delete").arg(enc(Demo)), body);
        QVERIFY(r.entries(QStringLiteral("errors")).first().contains(QLatin1String("PUBLISH_ERROR: Cannot delete the issue")));
        QCOMPARE(m_jira->requestsMatching(QStringLiteral("/issue")).size(), 0);
        // other projects stay writable; settings report the global flag
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Bulk)), body);
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QStringLiteral("BULK-261"));
        QCOMPARE(call("GET", QStringLiteral("/settings")).object().value(QStringLiteral("readonly")).toBool(), false);
    }

    void perUserAuthForWrites_data() { flavours(); }
    void perUserAuthForWrites()
    {
        QFETCH(Flavor, flavor);
        start(flavor, QByteArray()); // enable_shared_auth unset: the TestBench user's login writes
        const bool cloud = flavor == Flavor::Cloud;
        m_jira->setCredential(cloud ? QStringLiteral("alice@example.com") : QStringLiteral("alice"), QStringLiteral("alice-secret"));
        const QJsonObject alice{{QStringLiteral("username"), cloud ? QStringLiteral("alice@example.com") : QStringLiteral("alice")},
                                {QStringLiteral("password"), QStringLiteral("alice-secret")}};
        Reply r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(enc(Demo)),
                       defectBody(defect(QStringLiteral("By Alice"), QStringLiteral("To Do"), QStringLiteral("Bug"),
                                         QStringLiteral("Low"), alice)));
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QStringLiteral("DEMO-13"));
        const QList<fakejira::LoggedRequest> posts = m_jira->requestsMatching(QStringLiteral("/rest/api/[23]/issue$"));
        QCOMPARE(posts.size(), 1);
        QCOMPARE(posts.first().userKey, QStringLiteral("JIRAUSER10101"));
        QCOMPARE(fetch(Demo, QStringLiteral("DEMO-13")).value(QStringLiteral("reporter")).toString(), QStringLiteral("Alice Example"));
        // a wrong TestBench login: a protocol error with Jira's answer, not an HTTP 401
        const QJsonObject wrong{{QStringLiteral("username"), alice.value(QStringLiteral("username"))},
                                {QStringLiteral("password"), QStringLiteral("nope")}};
        r = call("PUT", QStringLiteral("/projects/%1/defects/DEMO-13/update").arg(enc(Demo)),
                 defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low"), wrong)));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.entries(QStringLiteral("generalErrors")).first().startsWith(
                     QLatin1String("PUBLISH_ACCESS_ERROR: Failed to update Jira issue 'DEMO-13': ")),
                 r.body.constData());
        // no login at all
        const QJsonObject none{{QStringLiteral("username"), QString()}, {QStringLiteral("password"), QString()}};
        r = call("POST", QStringLiteral("/projects/%1/defects/DEMO-13/delete").arg(enc(Demo)),
                 defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low"), none)));
        QVERIFY(r.entries(QStringLiteral("generalErrors")).first().contains(QLatin1String("enable_shared_auth")));
    }

    // ---- correct and the unknown-project matrix ---------------------------------------------

    void correct()
    {
        start(Flavor::Cloud);
        auto item = [](const QString &status, const QString &classification, const QString &priority) {
            QJsonObject d = defect(QStringLiteral("t"), status, classification, priority);
            d.insert(QStringLiteral("localPk"), QStringLiteral("pk"));
            return d;
        };
        const QJsonObject body{
            {QStringLiteral("remote"),
             QJsonObject{{QStringLiteral("create"),
                          QJsonArray{item(QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("High")),
                                     item(QStringLiteral("Bogus"), QStringLiteral("Bug"), QStringLiteral("High")),
                                     item(QStringLiteral("To Do"), QStringLiteral("Epic"), QStringLiteral("High")),
                                     item(QStringLiteral("To Do"), QStringLiteral("Bug"), QString())}},
                         {QStringLiteral("update"), QJsonValue::Null}}}};
        const Reply r = call("POST", QStringLiteral("/projects/%1/defects/correct").arg(enc(Demo)),
                             QJsonDocument(body).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 200);
        const QJsonObject remote = r.object().value(QStringLiteral("remote")).toObject();
        QCOMPARE(remote.value(QStringLiteral("create")).toArray().size(), 1);
        QCOMPARE(remote.value(QStringLiteral("update")).toArray().size(), 0);
        QVERIFY(remote.value(QStringLiteral("delete")).isNull());
        QVERIFY(r.object().value(QStringLiteral("local")).isNull());
    }

    void unknownProjectMatrix()
    {
        start(Flavor::DataCenter);
        const QString p = QStringLiteral("Nope (NO)");
        const QString e = enc(p);
        const QByteArray body = defectBody(defect(QStringLiteral("x"), QStringLiteral("To Do"), QStringLiteral("Bug"), QStringLiteral("Low")));
        const QString unknown = QStringLiteral("PROJECT_NOT_FOUND: Unknown project 'Nope (NO)': 'Nope (NO)'");
        const QByteArray notFound = "Project 'Nope (NO)' not found or access denied";

        QCOMPARE(call("GET", QStringLiteral("/check-login?project=") + e).body, QByteArray("false"));
        Reply r = call("GET", QStringLiteral("/projects/control-fields?project=") + e);
        QCOMPARE(r.status, 404);
        QVERIFY(r.body.contains(notFound));
        r = call("GET", QStringLiteral("/projects/udfs?project=") + e);
        QCOMPARE(r.status, 404);
        r = defects(p);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{unknown});
        r = batch(p, {QStringLiteral("NO-1")});
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{unknown});
        r = call("POST", QStringLiteral("/projects/%1/defects/create").arg(e), body);
        QCOMPARE(r.object().value(QStringLiteral("value")).toString(), QString());
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{unknown});
        r = call("PUT", QStringLiteral("/projects/%1/defects/NO-1/update").arg(e), body);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{unknown});
        r = call("POST", QStringLiteral("/projects/%1/defects/NO-1/delete").arg(e), body);
        QCOMPARE(r.entries(QStringLiteral("generalErrors")), QStringList{unknown});
        r = call("POST", QStringLiteral("/projects/%1/defects/NO-1/extended").arg(e), "{}");
        QCOMPARE(r.status, 404); // the reference answered 500
        QVERIFY(r.body.contains(notFound));
        r = call("POST", QStringLiteral("/projects/%1/defects/correct").arg(e), "{}");
        QCOMPARE(r.status, 404);
        // sync hooks: no hook for a project the backend does not know
        r = call("POST", QStringLiteral("/projects/%1/sync/before").arg(e), "{\"syncType\": \"manual\", \"syncContext\": {}}");
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("PROJECT_NOT_FOUND"));
        // the real project, percent-encoded with spaces and parentheses, works on the same routes
        r = call("POST", QStringLiteral("/projects/Demo%20Project%20%28DEMO%29/sync/before"), "{\"syncType\": \"manual\", \"syncContext\": {}}");
        QCOMPARE(r.status, 200);
        QVERIFY(!r.body.contains("PROJECT_NOT_FOUND"));
        r = call("POST", QStringLiteral("/projects/Demo%20Project%20%28DEMO%29/defects/DEMO-2/extended"), "{}");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("id")).toString(), QStringLiteral("DEMO-2"));
    }
};

QTEST_GUILESS_MAIN(TestJiraDefectClient)
#include "tst_jiradefectclient.moc"
