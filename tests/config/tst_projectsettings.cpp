// SPDX-License-Identifier: Apache-2.0
#include "core/config/configloader.h"
#include "core/config/projectsettings.h"
#include "tests/support/testutil.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tbds::config;

class TestProjectSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    ServiceConfig load(const QByteArray &text)
    {
        LoadOptions o;
        o.environment = QProcessEnvironment();
        const LoadResult r = ConfigLoader::loadText(text, m_dir.filePath(QStringLiteral("config.toml")), o);
        if (!r.ok())
            qWarning("%s", qPrintable(r.report()));
        return r.config.value_or(ServiceConfig());
    }

    static QByteArray jira(const QByteArray &extra)
    {
        return "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
               "[testbench-defect-service.client_config]\nserver_url = \"https://x.example.com\"\n"
               "username = \"u\"\npassword = \"p\"\n"
               + extra;
    }

private slots:
    void initTestCase() { QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("defects"))); }

    void bareKey()
    {
        QCOMPARE(ProjectSettings::bareKey(QStringLiteral("Jira Scrum (JS)")), QStringLiteral("JS"));
        QCOMPARE(ProjectSettings::bareKey(QStringLiteral("Car (Configurator) (CC)")), QStringLiteral("CC"));
        QCOMPARE(ProjectSettings::bareKey(QStringLiteral("Plain")), QString());
    }

    void overrideByFullNameAndBareKey_data()
    {
        QTest::addColumn<QStringList>("configured");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("expected");
        QTest::newRow("full name") << QStringList{QStringLiteral("Jira Scrum (JS)")} << QStringLiteral("Jira Scrum (JS)") << QStringLiteral("Jira Scrum (JS)");
        QTest::newRow("bare key") << QStringList{QStringLiteral("JS")} << QStringLiteral("Jira Scrum (JS)") << QStringLiteral("JS");
        QTest::newRow("full name wins") << QStringList{QStringLiteral("JS"), QStringLiteral("Jira Scrum (JS)")} << QStringLiteral("Jira Scrum (JS)") << QStringLiteral("Jira Scrum (JS)");
        QTest::newRow("case sensitive") << QStringList{QStringLiteral("js")} << QStringLiteral("Jira Scrum (JS)") << QString();
        QTest::newRow("other project") << QStringList{QStringLiteral("KAN")} << QStringLiteral("Jira Scrum (JS)") << QString();
        QTest::newRow("jsonl dir name") << QStringList{QStringLiteral("CarConfigurator")} << QStringLiteral("CarConfigurator") << QStringLiteral("CarConfigurator");
    }
    void overrideByFullNameAndBareKey()
    {
        QFETCH(QStringList, configured);
        QFETCH(QString, project);
        QFETCH(QString, expected);
        QCOMPARE(ProjectSettings::findOverrideKey(configured, project).value_or(QString()), expected);
    }

    void sourcesAreReported()
    {
        const ServiceConfig c = load(jira("readonly = false\n"
                                          "[testbench-defect-service.client_config.projects.JS]\nreadonly = true\n"
                                          "defect_jql = \"project = {project} AND type = Bug\"\n"
                                          "[testbench-defect-service.client_config.projects.\"Jira Scrum (JS)\"]\nattributes = [\"title\"]\n"));
        QVERIFY(c.jira);
        // "Jira Scrum (JS)" exists under its full name, so the bare "JS" table does not apply at all.
        const ProjectSettings js(c, QStringLiteral("Jira Scrum (JS)"));
        QCOMPARE(js.overrideKey().value(), QStringLiteral("Jira Scrum (JS)"));
        QCOMPARE(js.attributes().value, QStringList{QStringLiteral("title")});
        QCOMPARE(js.attributes().source, ValueSource::Project);
        QCOMPARE(js.readonly().value, false);
        QCOMPARE(js.readonly().source, ValueSource::Global);
        QCOMPARE(js.defectJql().source, ValueSource::Default);

        const ServiceConfig c2 = load(jira("[testbench-defect-service.client_config.projects.JS]\nreadonly = true\n"
                                           "defect_jql = \"project = {project} AND type = Bug\"\n"));
        const ProjectSettings js2(c2, QStringLiteral("Jira Scrum (JS)"));
        QCOMPARE(js2.overrideKey().value(), QStringLiteral("JS"));
        QCOMPARE(js2.readonly().value, true);
        QCOMPARE(js2.readonly().source, ValueSource::Project);
        QCOMPARE(js2.readonly().overrideKey, QStringLiteral("JS"));
        QCOMPARE(js2.defectJql().value, QStringLiteral("project = {project} AND type = Bug"));
        QCOMPARE(js2.attributes().source, ValueSource::Default);
        QCOMPARE(js2.enableSharedAuth().value, std::optional<bool>());
        QCOMPARE(js2.attachmentsRoot().value, std::optional<QString>());
        QCOMPARE(js2.attachmentsRoot().source, ValueSource::Default);

        const ProjectSettings other(c2, QStringLiteral("Kanban (KAN)"));
        QVERIFY(!other.overrideKey());
        QCOMPARE(other.readonly().value, false);
        QCOMPARE(other.readonly().source, ValueSource::Default);
    }

    void jsonlOverridesReplaceWholeTables()
    {
        const ServiceConfig c = load("[testbench-defect-service]\n[testbench-defect-service.client_config]\n"
                                     "defects_path = \"defects\"\ncontrol_fields = { status = [\"open\", \"closed\"], priority = [\"high\"] }\n"
                                     "[testbench-defect-service.client_config.projects.Car.control_fields]\nstatus = [\"new\"]\n"
                                     "[testbench-defect-service.client_config.projects.Car]\nreadonly = true\n");
        QVERIFY(c.jsonl);
        const ProjectSettings car(c, QStringLiteral("Car"));
        QCOMPARE(car.jsonlControlFields().source, ValueSource::Project);
        QCOMPARE(car.jsonlControlFields().value.size(), 1); // replaced as a whole, not merged
        QCOMPARE(car.readonly().value, true);
        const ProjectSettings other(c, QStringLiteral("Other"));
        QCOMPARE(other.jsonlControlFields().value.size(), 2);
        QCOMPARE(other.jsonlControlFields().source, ValueSource::Global);
        QCOMPARE(other.supportsChangesTimestamps().value, true);
        QCOMPARE(other.supportsChangesTimestamps().source, ValueSource::Default);
    }
};

QTEST_GUILESS_MAIN(TestProjectSettings)
#include "tst_projectsettings.moc"
