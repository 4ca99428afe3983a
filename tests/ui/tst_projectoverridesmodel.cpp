// SPDX-License-Identifier: Apache-2.0
#include "ui/models/projectoverridesmodel.h"

#include "core/config/configloader.h"
#include "core/config/tomleditor.h"
#include "uitestutil.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>

using tbds::config::ConfigLoader;
using tbds::config::TomlEditor;
using tbds::config::ValueSource;
using tbds::ui::ProjectOverridesModel;

namespace {
const QByteArray JiraConfig = "[testbench-defect-service]\n"
                              "client_class = \"JiraDefectClient\"\n"
                              "[testbench-defect-service.client_config]\n"
                              "server_url = \"https://jira.example\"\n"
                              "auth_type = \"token\"\n"
                              "token = \"t\"\n"
                              "readonly = true\n"
                              "[testbench-defect-service.client_config.projects.\"Scrum (JS)\"]\n"
                              "defect_jql = \"project = JS\"\n"
                              "[testbench-defect-service.client_config.projects.OPS]\n"
                              "show_change_history = true\n";

QString sourceOf(const ProjectOverridesModel &model, const QString &key)
{
    const int row = model.rowForKey(key);
    return row < 0 ? QString() : model.index(row, ProjectOverridesModel::SourceColumn).data().toString();
}
QString valueOf(const ProjectOverridesModel &model, const QString &key)
{
    const int row = model.rowForKey(key);
    return row < 0 ? QString() : model.index(row, ProjectOverridesModel::ValueColumn).data().toString();
}
int sourceRole(const ProjectOverridesModel &model, const QString &key)
{
    return model.index(model.rowForKey(key), 0).data(ProjectOverridesModel::SourceRole).toInt();
}
} // namespace

class tst_ProjectOverridesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonlSampleShowsSources()
    {
        QTemporaryDir dir;
        const QString path = tbds::test::copyJsonlSample(dir.path());
        const auto loaded = ConfigLoader::loadFile(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        const QStringList projects = ProjectOverridesModel::knownProjects(*loaded.config);
        QCOMPARE(projects, QStringList({QStringLiteral("Web Shop (WS)"), QStringLiteral("car_configurator")}));

        ProjectOverridesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProject(loaded.config, QStringLiteral("Web Shop (WS)"));
        QCOMPARE(model.rowCount(), ProjectOverridesModel::settingKeys(tbds::config::ClientKind::Jsonl).size());
        QCOMPARE(valueOf(model, QStringLiteral("readonly")), QStringLiteral("true"));
        QCOMPARE(sourceRole(model, QStringLiteral("readonly")), int(ValueSource::Project));
        QVERIFY(sourceOf(model, QStringLiteral("readonly")).contains(QStringLiteral("Web Shop (WS)")));
        QCOMPARE(valueOf(model, QStringLiteral("attributes")), QStringLiteral("title, status, Sprint"));
        QCOMPARE(sourceRole(model, QStringLiteral("attributes")), int(ValueSource::Global));
        QCOMPARE(sourceRole(model, QStringLiteral("supports_changes_timestamps")), int(ValueSource::Default));
        QVERIFY(valueOf(model, QStringLiteral("control_fields")).contains(QStringLiteral("status: open, in_progress")));

        model.setProject(loaded.config, QStringLiteral("car_configurator"));
        QCOMPARE(valueOf(model, QStringLiteral("readonly")), QStringLiteral("false"));
        QCOMPARE(sourceRole(model, QStringLiteral("readonly")), int(ValueSource::Global));
        QCOMPARE(model.overrideKeyForWriting(), QStringLiteral("car_configurator"));

        model.setProject(std::nullopt, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void jiraOverridesByFullNameAndBareKey()
    {
        const auto loaded = ConfigLoader::loadText(JiraConfig, QStringLiteral("/tmp/config.toml"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        QCOMPARE(ProjectOverridesModel::knownProjects(*loaded.config),
                 QStringList({QStringLiteral("OPS"), QStringLiteral("Scrum (JS)")}));
        ProjectOverridesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProject(loaded.config, QStringLiteral("Scrum (JS)"));
        QCOMPARE(valueOf(model, QStringLiteral("defect_jql")), QStringLiteral("project = JS"));
        QCOMPARE(sourceRole(model, QStringLiteral("defect_jql")), int(ValueSource::Project));
        QCOMPARE(sourceRole(model, QStringLiteral("readonly")), int(ValueSource::Global));
        QCOMPARE(valueOf(model, QStringLiteral("enable_shared_auth")), model.tr("(not set)"));

        model.setProject(loaded.config, QStringLiteral("Operations (OPS)"));
        QCOMPARE(model.overrideKeyForWriting(), QStringLiteral("OPS"));
        QCOMPARE(valueOf(model, QStringLiteral("show_change_history")), QStringLiteral("true"));
        QCOMPARE(sourceRole(model, QStringLiteral("defect_jql")), int(ValueSource::Default));
        QCOMPARE(model.rowForKey(QStringLiteral("supports_changes_timestamps")), -1);
    }

    void writesAndRemovesOverrides()
    {
        auto editor = TomlEditor::fromText(JiraConfig);
        QVERIFY(editor.ok());
        TomlEditor e = editor.value();
        using K = tbds::config::ClientKind;
        QVERIFY(ProjectOverridesModel::writeOverride(e, K::Jira, QStringLiteral("OPS"), QStringLiteral("readonly"),
                                                     QStringLiteral("false")).ok());
        QVERIFY(ProjectOverridesModel::writeOverride(e, K::Jira, QStringLiteral("OPS"), QStringLiteral("attributes"),
                                                     QStringLiteral("title, status ,priority")).ok());
        QVERIFY(!ProjectOverridesModel::writeOverride(e, K::Jira, QStringLiteral("OPS"), QStringLiteral("readonly"),
                                                      QStringLiteral("maybe")).ok());
        QVERIFY(!ProjectOverridesModel::writeOverride(e, K::Jira, QStringLiteral("OPS"), QStringLiteral("commands"),
                                                      QStringLiteral("x")).ok());
        const auto loaded = ConfigLoader::loadText(e.text(), QStringLiteral("/tmp/config.toml"));
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        QCOMPARE(loaded.config->jira->projects.value(QStringLiteral("OPS")).readonly, std::optional<bool>(false));
        QCOMPARE(*loaded.config->jira->projects.value(QStringLiteral("OPS")).attributes,
                 QStringList({QStringLiteral("title"), QStringLiteral("status"), QStringLiteral("priority")}));
        QVERIFY(e.text().startsWith(JiraConfig.left(JiraConfig.indexOf("[testbench-defect-service.client_config.projects.OPS]"))));

        QVERIFY(ProjectOverridesModel::removeOverride(e, QStringLiteral("OPS"), QStringLiteral("readonly")).ok());
        QVERIFY(!e.contains({QStringLiteral("testbench-defect-service"), QStringLiteral("client_config"),
                             QStringLiteral("projects"), QStringLiteral("OPS"), QStringLiteral("readonly")}));
    }

    void writesJsonlControlFieldsAsATable()
    {
        QTemporaryDir dir;
        const QString path = tbds::test::copyJsonlSample(dir.path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto editor = TomlEditor::fromText(f.readAll());
        QVERIFY(editor.ok());
        TomlEditor e = editor.value();
        QVERIFY(ProjectOverridesModel::writeOverride(e, tbds::config::ClientKind::Jsonl, QStringLiteral("car_configurator"),
                                                     QStringLiteral("control_fields"),
                                                     QStringLiteral("status: new, done; priority: p1")).ok());
        const auto loaded = ConfigLoader::loadText(e.text(), path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.report()));
        const auto fields = *loaded.config->jsonl->projects.value(QStringLiteral("car_configurator")).controlFields;
        QCOMPARE(fields.value(QStringLiteral("status")), QStringList({QStringLiteral("new"), QStringLiteral("done")}));
        QCOMPARE(fields.value(QStringLiteral("priority")), QStringList({QStringLiteral("p1")}));
        QVERIFY(!ProjectOverridesModel::writeOverride(e, tbds::config::ClientKind::Jsonl, QStringLiteral("x"),
                                                      QStringLiteral("control_fields"), QStringLiteral("nocolon")).ok());
    }
};

QTEST_GUILESS_MAIN(tst_ProjectOverridesModel)
#include "tst_projectoverridesmodel.moc"
