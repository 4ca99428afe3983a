// SPDX-License-Identifier: Apache-2.0
#include "ui/models/configdocument.h"

#include "core/config/atomicfile.h"
#include "uitestutil.h"

#include <QFile>
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

    void loadFailureKeepsTheDocument()
    {
        ConfigDocument doc;
        QVERIFY(!doc.load(QStringLiteral("/nonexistent/config.toml")).ok());
        QVERIFY(!doc.isOpen());
    }
};

QTEST_GUILESS_MAIN(tst_ConfigDocument)
#include "tst_configdocument.moc"
