// SPDX-License-Identifier: Apache-2.0
#include "ui/models/configdocument.h"

#include "core/config/atomicfile.h"
#include "uitestutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using tbds::ui::ConfigDocument;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QStringList servicePath(const QString &key)
{
    return ConfigDocument::serviceRoot() << key;
}
} // namespace

class tst_ConfigDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTheSampleWithoutErrors()
    {
        QTemporaryDir dir;
        const QString path = tbds::test::copyJsonlSample(dir.path());
        ConfigDocument doc;
        QVERIFY(doc.load(path).ok());
        QVERIFY(doc.isParsable());
        QVERIFY2(doc.validation().ok(), qPrintable(doc.validation().report()));
        QVERIFY(!doc.isModified());
        QCOMPARE(doc.text(), readAll(path));
    }

    void keychainSecretsSatisfyTheCredentialRules()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("jira.toml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                "[testbench-defect-service.client_config]\nserver_url = \"https://jira.example.com\"\n"
                "username = \"svc\"\n");
        f.close();
        qunsetenv("JIRA_PASSWORD");
        ConfigDocument doc;
        QVERIFY(doc.load(path).ok());
        QVERIFY(!doc.validation().ok()); // no password anywhere
        QVERIFY(doc.validation().report().contains(QStringLiteral("Jira password must be provided")));
        QSignalSpy changed(&doc, &ConfigDocument::textChanged);
        doc.setExternalSecrets({{QStringLiteral("password"), QStringLiteral("from-keychain")}});
        QVERIFY2(doc.validation().ok(), qPrintable(doc.validation().report()));
        QCOMPARE(changed.size(), 1);
        // The validated config carries the value (the Jira pages and the engine use it) …
        QCOMPARE(doc.validation().config->jira->password, std::optional<QString>(QStringLiteral("from-keychain")));
        // … but the text never does.
        QVERIFY(!doc.text().contains("from-keychain"));
        doc.setExternalSecrets({});
        QVERIFY(!doc.validation().ok());
    }

    void editChangesOnlyTheValueAndUndoes()
    {
        QTemporaryDir dir;
        const QString path = tbds::test::copyJsonlSample(dir.path());
        ConfigDocument doc;
        QVERIFY(doc.load(path).ok());
        const QByteArray before = doc.text();
        QSignalSpy modified(&doc, &ConfigDocument::modifiedChanged);

        QVERIFY(doc.setValue(servicePath(QStringLiteral("port")), qint64(8040)).ok());
        QVERIFY(doc.isModified());
        QCOMPARE(modified.count(), 1);
        QByteArray expected = before;
        expected.replace("port = 8030", "port = 8040");
        QCOMPARE(doc.text(), expected); // comments and everything else byte-for-byte
        QCOMPARE(doc.validation().config->port, 8040);

        // Setting the same value again is no step.
        QVERIFY(doc.setValue(servicePath(QStringLiteral("port")), qint64(8040)).ok());
        QCOMPARE(doc.undoStack()->count(), 1);

        doc.undoStack()->undo();
        QCOMPARE(doc.text(), before);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QCOMPARE(doc.text(), expected);
    }

    void invalidValuesShowDiagnosticsWithPositions()
    {
        QTemporaryDir dir;
        ConfigDocument doc;
        QVERIFY(doc.load(tbds::test::copyJsonlSample(dir.path())).ok());
        QVERIFY(doc.setValue(ConfigDocument::clientRoot() << QStringLiteral("defects_path"), QStringLiteral("nowhere")).ok());
        QVERIFY(!doc.validation().ok());
        const QString report = doc.validation().report();
        QVERIFY2(report.contains(QStringLiteral("config.toml:")), qPrintable(report));
    }

    void rawEditsMergeAndMayBeInvalidToml()
    {
        QTemporaryDir dir;
        ConfigDocument doc;
        QVERIFY(doc.load(tbds::test::copyJsonlSample(dir.path())).ok());
        const QByteArray before = doc.text();
        doc.setText(before + "\n# a");
        doc.setText(before + "\n# ab");
        doc.setText(before + "\n[broken");
        QCOMPARE(doc.undoStack()->count(), 1);
        QVERIFY(!doc.isParsable());
        QVERIFY(!doc.syntaxError().isEmpty());
        QVERIFY(!doc.setValue(servicePath(QStringLiteral("port")), qint64(1)).ok());
        doc.undoStack()->undo();
        QCOMPARE(doc.text(), before);
        QVERIFY(doc.isParsable());
    }

    void multiStepEditIsOneUndoStepAndAllOrNothing()
    {
        QTemporaryDir dir;
        ConfigDocument doc;
        QVERIFY(doc.load(tbds::test::copyJsonlSample(dir.path())).ok());
        const QByteArray before = doc.text();
        QVERIFY(doc.edit(QStringLiteral("two"), [](tbds::config::TomlEditor &e) -> tbds::Result<void> {
                        if (auto r = e.setValue(servicePath(QStringLiteral("host")), QStringLiteral("0.0.0.0")); !r)
                            return r;
                        return e.setValue(servicePath(QStringLiteral("debug")), true);
                    }).ok());
        QCOMPARE(doc.undoStack()->count(), 1);
        const QByteArray afterTwo = doc.text();
        // The second operation fails (a value where a table is): nothing changes.
        QVERIFY(!doc.edit(QStringLiteral("bad"), [](tbds::config::TomlEditor &e) -> tbds::Result<void> {
                         if (auto r = e.setValue(servicePath(QStringLiteral("port")), qint64(1)); !r)
                             return r;
                         return e.setValue(ConfigDocument::clientRoot(), true);
                     }).ok());
        QCOMPARE(doc.text(), afterTwo);
        doc.undoStack()->undo();
        QCOMPARE(doc.text(), before);
    }

    void savesAtomicallyWithBackup()
    {
        QTemporaryDir dir;
        const QString path = tbds::test::copyJsonlSample(dir.path());
        ConfigDocument doc;
        QVERIFY(doc.load(path).ok());
        const QByteArray original = doc.text();
        QVERIFY(doc.setValue(servicePath(QStringLiteral("debug")), true).ok());
        QSignalSpy saved(&doc, &ConfigDocument::saved);
        QVERIFY(doc.save().ok());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!doc.isModified());
        QCOMPARE(readAll(path), doc.text());
        QCOMPARE(readAll(tbds::config::backupPathFor(path)), original);
        QCOMPARE(doc.savedText(), doc.text());

        const QString other = dir.path() + QStringLiteral("/copy.toml");
        QSignalSpy moved(&doc, &ConfigDocument::pathChanged);
        QVERIFY(doc.saveAs(other).ok());
        QCOMPARE(moved.count(), 1);
        QCOMPARE(doc.path(), other);
        QCOMPARE(readAll(other), doc.text());
    }

    void separateClientFileIsEditedAndSavedInPlace()
    {
        // client_config_path: the form's client paths edit that file; both files save together.
        QTemporaryDir dir;
        const QByteArray clientText = "# Jira settings, kept apart\nserver_url = \"https://jira.example.com\"\n"
                                      "username = \"svc\" # the service account\npassword = \"pw\"\ntimeout = 30\n";
        const QString clientPath = dir.filePath(QStringLiteral("jira-client.toml"));
        QFile c(clientPath);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(clientText);
        c.close();
        const QByteArray mainText = "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                                    "client_config_path = \"jira-client.toml\"\n";
        const QString path = dir.filePath(QStringLiteral("config.toml"));
        QFile m(path);
        QVERIFY(m.open(QIODevice::WriteOnly));
        m.write(mainText);
        m.close();

        ConfigDocument doc;
        QVERIFY(doc.load(path).ok());
        QVERIFY2(doc.validation().ok(), qPrintable(doc.validation().report()));
        QCOMPARE(doc.clientFilePath(), clientPath);
        const QStringList timeout = ConfigDocument::clientRoot() << QStringLiteral("timeout");
        QCOMPARE(doc.value(timeout), tbds::config::TomlEditor::TomlValue(qint64(30)));
        QVERIFY(doc.contains(ConfigDocument::clientRoot() << QStringLiteral("server_url")));

        // An edit goes to the client text; the main text stays as it is.
        QVERIFY(doc.setValue(timeout, qint64(45)).ok());
        QCOMPARE(doc.text(), mainText);
        QVERIFY(doc.clientText().contains("timeout = 45\n"));
        QVERIFY(doc.clientText().contains("username = \"svc\" # the service account\n"));
        QVERIFY(doc.isModified());
        QCOMPARE(doc.validation().config->jira->timeout, 45); // validated from memory, not from disk
        // The same with a path that is not in its shortest form.
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("sub")));
        QVERIFY(doc.setValue(servicePath(QStringLiteral("client_config_path")), QStringLiteral("./sub/../jira-client.toml")).ok());
        QCOMPARE(doc.clientFilePath(), clientPath);
        QCOMPARE(doc.validation().config->jira->timeout, 45);
        doc.undoStack()->undo();
        // A bad value in the client file is a finding at its position in that file.
        QVERIFY(doc.setValue(timeout, qint64(0)).ok());
        QVERIFY(!doc.validation().ok());
        QVERIFY2(doc.validation().report().contains(clientPath + QStringLiteral(":5:")), qPrintable(doc.validation().report()));
        doc.undoStack()->undo();
        QVERIFY(doc.validation().ok());

        // Overrides live with the client settings too.
        QVERIFY(doc.edit(QStringLiteral("override"),
                         [](tbds::config::TomlEditor &e) {
                             return e.setValue(ConfigDocument::clientRoot() << QStringLiteral("projects")
                                                                             << QStringLiteral("KEY") << QStringLiteral("readonly"),
                                               true);
                         },
                         ConfigDocument::clientRoot())
                    .ok());
        QVERIFY(doc.clientText().contains("[projects.KEY]\nreadonly = true\n"));
        // A service key written through the client scope is refused and changes nothing.
        const QByteArray before = doc.clientText();
        QVERIFY(!doc.edit(QStringLiteral("wrong"),
                          [](tbds::config::TomlEditor &e) { return e.setValue(servicePath(QStringLiteral("port")), qint64(1)); },
                          ConfigDocument::clientRoot())
                     .ok());
        QCOMPARE(doc.clientText(), before);

        // Save writes the client file (with its .bak) and leaves the unchanged main file alone.
        QVERIFY(doc.save().ok());
        QVERIFY(!doc.isModified());
        QCOMPARE(readAll(clientPath), doc.clientText());
        QCOMPARE(readAll(tbds::config::backupPathFor(clientPath)), clientText);
        QCOMPARE(readAll(path), mainText);
        QVERIFY(!QFileInfo::exists(tbds::config::backupPathFor(path)));

        // Undo after saving goes back in the client file too.
        doc.undoStack()->undo();
        QVERIFY(!doc.clientText().contains("[projects.KEY]"));
        QVERIFY(doc.isModified());
    }

    void clientFileThatCannotBeEditedSaysWhy()
    {
        QTemporaryDir dir;
        QFile c(dir.filePath(QStringLiteral("jira.properties")));
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("server_url=https://jira.example.com\nusername=svc\npassword=pw\n");
        c.close();
        const QString path = dir.filePath(QStringLiteral("config.toml"));
        QFile m(path);
        QVERIFY(m.open(QIODevice::WriteOnly));
        const QByteArray mainText = "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                                    "client_config_path = \"jira.properties\"\n";
        m.write(mainText);
        m.close();
        ConfigDocument doc;
        QVERIFY(doc.load(path).ok());
        QVERIFY(doc.validation().ok()); // the loader reads .properties fine
        QVERIFY(doc.clientFilePath().isEmpty());
        QVERIFY(doc.clientFileProblem().contains(QStringLiteral(".toml")));
        // An edit of a client key would land nowhere the service looks: refused, nothing changes.
        const auto refused = doc.setValue(ConfigDocument::clientRoot() << QStringLiteral("timeout"), qint64(5));
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("jira.properties")));
        QCOMPARE(doc.text(), mainText);
        QVERIFY(!doc.isModified());
        // Service keys still edit the main file.
        QVERIFY(doc.setValue(servicePath(QStringLiteral("port")), qint64(8031)).ok());
        QVERIFY(doc.text().contains("port = 8031"));
    }

    void loadFailureKeepsTheDocument()
    {
        ConfigDocument doc;
        QVERIFY(!doc.load(QStringLiteral("/nonexistent/config.toml")).ok());
        QVERIFY(!doc.isOpen());
    }
};

QTEST_GUILESS_MAIN(tst_ConfigDocument)
#include "tst_configdocument.moc"
