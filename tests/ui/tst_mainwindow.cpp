// SPDX-License-Identifier: Apache-2.0
#include "core/config/atomicfile.h"
#include "ui/aboutdialog.h"
#include "ui/enginecontroller.h"
#include "ui/configurationpage.h"
#include "ui/mainwindow.h"
#include "ui/preferencesdialog.h"
#include "ui/messagebox.h"
#include "ui/models/configdocument.h"
#include "ui/models/logmodel.h"
#include "ui/models/projectoverridesmodel.h"
#include "ui/models/requestlogmodel.h"
#include "ui/projectspage.h"
#include "uitestutil.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

using tbds::ui::ConfigDocument;
using tbds::ui::MainWindow;
using tbds::ui::MessageBox;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

template<typename T>
T *find(QWidget *root, const char *name)
{
    T *w = root->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning("widget %s not found", name);
    return w;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    QString m_screenshots;

    void screenshot(QWidget *window, const QString &name)
    {
        QCoreApplication::processEvents();
        const QString path = m_screenshots + QLatin1Char('/') + name + QStringLiteral(".png");
        QVERIFY2(window->grab().save(path), qPrintable(path));
    }

    /** A window on a fresh copy of the JSONL sample. */
    static std::unique_ptr<MainWindow> openSample(const QTemporaryDir &dir, QString *configPath = nullptr)
    {
        const QString path = tbds::test::copyJsonlSample(dir.path());
        auto window = std::make_unique<MainWindow>();
        window->resize(1200, 820);
        window->show();
        if (!window->openFile(path))
            return nullptr;
        if (configPath)
            *configPath = path;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("tbds-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        m_screenshots = qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR)) + QStringLiteral("/screenshots");
        QVERIFY(QDir().mkpath(m_screenshots));
    }

    void firstStartOffersOpenAndDemo()
    {
        MainWindow window;
        window.resize(1200, 820);
        window.show();
        auto *central = find<QStackedWidget>(&window, "centralStack");
        QCOMPARE(central->currentWidget()->objectName(), QStringLiteral("welcomePage"));
        QVERIFY(find<QPushButton>(&window, "welcomeOpenButton"));
        QVERIFY(!find<QAction>(&window, "actionSave")->isEnabled());
        screenshot(&window, QStringLiteral("welcome"));

        // The demo is copied out of the resources into a writable folder, then opened.
        QDir(MainWindow::demoFolder()).removeRecursively();
        find<QPushButton>(&window, "welcomeDemoButton")->click();
        QVERIFY(window.document()->isOpen());
        QCOMPARE(window.document()->path(), MainWindow::demoFolder() + QStringLiteral("/config.toml"));
        QVERIFY2(window.document()->validation().ok(), qPrintable(window.document()->validation().report()));
        QCOMPARE(central->currentWidget()->objectName(), QStringLiteral("workspaceSplitter"));
        QVERIFY(window.recentFiles().contains(window.document()->path()));
    }

    void editUndoRedoAndSaveWithDiffPreview()
    {
        QTemporaryDir dir;
        QString path;
        auto window = openSample(dir, &path);
        QVERIFY(window);
        const QByteArray original = readAll(path);
        QVERIFY(!window->isWindowModified());
        QVERIFY(window->windowTitle().contains(QStringLiteral("config.toml")));

        auto *port = find<QSpinBox>(window.get(), "portSpin");
        QCOMPARE(port->value(), 8030);
        port->setValue(8041);
        Q_EMIT port->editingFinished();
        QByteArray expected = original;
        expected.replace("port = 8030", "port = 8041");
        QCOMPARE(window->document()->text(), expected); // only the value's bytes changed
        QVERIFY(window->isWindowModified());
        QVERIFY(find<QPlainTextEdit>(window.get(), "rawTomlEdit")->toPlainText().contains(QStringLiteral("port = 8041")));

        auto *name = find<QLineEdit>(window.get(), "jsonlNameEdit");
        QCOMPARE(name->text(), QStringLiteral("JSONL sample"));
        name->setText(QStringLiteral("Demo defects"));
        Q_EMIT name->editingFinished();
        QVERIFY(window->document()->text().contains("name = \"Demo defects\""));
        QCOMPARE(window->document()->undoStack()->count(), 2);

        auto *undo = find<QAction>(window.get(), "actionUndo");
        auto *redo = find<QAction>(window.get(), "actionRedo");
        undo->trigger();
        QCOMPARE(window->document()->text(), expected);
        QCOMPARE(name->text(), QStringLiteral("JSONL sample")); // the form follows undo
        undo->trigger();
        QCOMPARE(window->document()->text(), original);
        QCOMPARE(port->value(), 8030);
        QVERIFY(!window->isWindowModified());
        redo->trigger();
        QCOMPARE(window->document()->text(), expected);

        // Debug via the combo (index 1 = yes) adds a key at the end of its table.
        auto *debug = find<QComboBox>(window.get(), "debugCombo");
        debug->setCurrentIndex(1);
        Q_EMIT debug->activated(1);
        QVERIFY(window->document()->text().contains("port = 8041\ndebug = true\n") ||
                window->document()->text().contains("debug = true"));

        screenshot(window.get(), QStringLiteral("configuration"));

        // Cancelled diff preview: nothing written.
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QVERIFY(!window->save());
        QCOMPARE(readAll(path), original);
        // Accepted: written atomically with a backup; the history is clean again.
        MessageBox::setNextAnswer(QMessageBox::Save);
        QVERIFY(window->save());
        QCOMPARE(readAll(path), window->document()->text());
        QCOMPARE(readAll(tbds::config::backupPathFor(path)), original);
        QVERIFY(!window->isWindowModified());
        QVERIFY(window->document()->text().contains("# The web shop is maintained elsewhere")); // comments kept
    }

    void formCoversEveryKey()
    {
        // Every key of contract §5 has a form field; the Jira secrets and the service login live on
        // the Credentials page, the projects table on Projects & overrides, client_class in its combo.
        MainWindow window;
        auto *page = qobject_cast<tbds::ui::ConfigurationPage *>(window.pageWidget(MainWindow::Page::Configuration));
        QVERIFY(page);
        QVERIFY(find<QComboBox>(page, "clientCombo"));
        QSet<QString> fields;
        for (const QStringList &path : page->fieldPaths())
            fields.insert(path.join(QLatin1Char('.')));
        const QString root = QStringLiteral("testbench-defect-service.");
        const QString client = root + QStringLiteral("client_config.");
        QStringList expected;
        for (const char *key : {"client_config_path", "host", "port", "debug", "ssl_cert", "ssl_key", "ssl_ca_cert",
                                "proxies_count", "real_ip_header", "forwarded_secret", "server.keep_alive_timeout",
                                "logging.console.log_level", "logging.console.log_format", "logging.file.log_level",
                                "logging.file.log_format", "logging.file.file_path"})
            expected << root + QString::fromLatin1(key);
        for (const char *key :
             {"name", "description", "defects_path", "readonly", "control_fields", "supports_changes_timestamps",
              "attributes", "server_url", "auth_type", "username", "oauth1_key_cert_path", "verify_ssl",
              "ssl_ca_cert_path", "client_cert_path", "client_key_path", "defect_jql", "show_change_history",
              "enable_shared_auth", "timeout", "max_retries", "attachments_root", "commands.presync.scheduled",
              "commands.presync.manual", "commands.presync.partial", "commands.postsync.scheduled",
              "commands.postsync.manual", "commands.postsync.partial"})
            expected << client + QString::fromLatin1(key);
        QStringList missing;
        for (const QString &key : std::as_const(expected))
            if (!fields.contains(key))
                missing << key;
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }

    void clientSettingsFileFieldMovesTheClientSettings()
    {
        // Naming a client file in the form: the client fields now show and edit that file.
        QTemporaryDir dir;
        QString path;
        auto window = openSample(dir, &path);
        QVERIFY(window);
        QFile c(dir.filePath(QStringLiteral("client.toml")));
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("name = \"From the client file\"\ndefects_path = \".\"\ncontrol_fields = {}\n");
        c.close();
        auto *file = find<QLineEdit>(window.get(), "clientConfigPathEdit");
        QVERIFY(file->text().isEmpty());
        file->setText(QStringLiteral("client.toml"));
        Q_EMIT file->editingFinished();
        QVERIFY(window->document()->text().contains("client_config_path = \"client.toml\""));
        QCOMPARE(find<QLineEdit>(window.get(), "jsonlNameEdit")->text(), QStringLiteral("From the client file"));
        QVERIFY(find<QLabel>(window.get(), "clientNote")->isVisible());
        find<QAction>(window.get(), "actionUndo")->trigger();
        QCOMPARE(find<QLineEdit>(window.get(), "jsonlNameEdit")->text(), QStringLiteral("JSONL sample"));
    }

    void separateClientFileIsEditedInTheForm()
    {
        // client_config_path names a .toml file: the Jira fields show and edit it, Save writes it
        // after its own diff preview, and the main file is left alone.
        QTemporaryDir dir;
        const QString clientPath = dir.filePath(QStringLiteral("jira.toml"));
        const QByteArray clientText = "# kept apart\nserver_url = \"https://jira.example.com\"\nusername = \"svc\"\n"
                                      "password = \"pw\"\n";
        QFile c(clientPath);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(clientText);
        c.close();
        const QString path = dir.filePath(QStringLiteral("config.toml"));
        const QByteArray mainText = "[testbench-defect-service]\nclient_class = \"JiraDefectClient\"\n"
                                    "client_config_path = \"jira.toml\"\n";
        QFile m(path);
        QVERIFY(m.open(QIODevice::WriteOnly));
        m.write(mainText);
        m.close();
        auto window = std::make_unique<MainWindow>();
        window->resize(1100, 760);
        window->show();
        QVERIFY(window->openFile(path));

        auto *server = find<QLineEdit>(window.get(), "jiraServerUrlEdit");
        QCOMPARE(server->text(), QStringLiteral("https://jira.example.com"));
        QVERIFY(find<QLabel>(window.get(), "clientNote")->text().contains(QStringLiteral("jira.toml")));
        server->setText(QStringLiteral("https://jira2.example.com"));
        Q_EMIT server->editingFinished();
        QCOMPARE(window->document()->text(), mainText);
        QVERIFY(window->isWindowModified());
        screenshot(window.get(), QStringLiteral("configuration-client-file"));

        MessageBox::setNextAnswer(QMessageBox::Save);
        QVERIFY(window->save());
        QByteArray expected = clientText;
        expected.replace("jira.example.com", "jira2.example.com");
        QCOMPARE(readAll(clientPath), expected);
        QCOMPARE(readAll(path), mainText);
        QVERIFY(!window->isWindowModified());
        find<QAction>(window.get(), "actionUndo")->trigger();
        QCOMPARE(server->text(), QStringLiteral("https://jira.example.com"));
    }

    void showsLoaderDiagnosticsNextToTheField()
    {
        QTemporaryDir dir;
        auto window = openSample(dir);
        QVERIFY(window);
        auto *list = find<QListWidget>(window.get(), "diagnosticsList");
        QCOMPARE(list->count(), 0);
        auto *defects = find<QLineEdit>(window.get(), "defectsPathEdit");
        defects->setText(QStringLiteral("missing-folder"));
        Q_EMIT defects->editingFinished();
        QVERIFY(!window->document()->validation().ok());
        QVERIFY(list->count() > 0);
        QVERIFY2(list->item(0)->text().contains(QStringLiteral("config.toml:")), qPrintable(list->item(0)->text()));
        QVERIFY(find<QLabel>(window.get(), "defectsPathEditProblem")->isVisibleTo(window.get()));
        screenshot(window.get(), QStringLiteral("configuration-errors"));

        // The raw text is an editor too: a syntax error shows up, undo brings the text back.
        find<QAction>(window.get(), "actionUndo")->trigger();
        QVERIFY(window->document()->validation().ok());
        QVERIFY(!find<QLabel>(window.get(), "defectsPathEditProblem")->isVisibleTo(window.get()));
        auto *raw = find<QPlainTextEdit>(window.get(), "rawTomlEdit");
        raw->setPlainText(raw->toPlainText() + QStringLiteral("\n[broken\n"));
        QTRY_VERIFY(!window->document()->isParsable());
        QVERIFY(list->count() > 0);
        find<QAction>(window.get(), "actionUndo")->trigger();
        QVERIFY(window->document()->isParsable());
        QVERIFY(!raw->toPlainText().contains(QStringLiteral("[broken")));
    }

    void serviceRunsInProcessAndLogsTheSelfTest()
    {
        QTemporaryDir dir;
        auto window = openSample(dir);
        QVERIFY(window);
        window->showPage(MainWindow::Page::Service);
        QWidget *page = window->pageWidget(MainWindow::Page::Service);
        find<QCheckBox>(page, "anyPortCheck")->setChecked(true);
        auto *start = find<QPushButton>(page, "startButton");
        QVERIFY(start->isEnabled());
        start->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->engine()->state(), tbds::ui::EngineController::State::Running, 10000);
        QTRY_VERIFY(!window->engine()->url().isEmpty());
        const QString url = window->engine()->url().toString();
        QTRY_COMPARE(find<QLineEdit>(page, "dmproxySnippetEdit")->text(), QStringLiteral("server.url=") + url);
        QVERIFY(find<QLabel>(window.get(), "engineStatusLabel")->text().contains(url));

        find<QLineEdit>(page, "selfTestUserEdit")->setText(QStringLiteral("admin"));
        find<QLineEdit>(page, "selfTestPasswordEdit")->setText(QStringLiteral("admin"));
        auto *selfTest = find<QPushButton>(page, "selfTestButton");
        QTRY_VERIFY(selfTest->isEnabled());
        selfTest->click();
        auto *result = find<QLabel>(page, "selfTestResultLabel");
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("200")), 10000);

        auto *view = find<QTableView>(page, "requestLogView");
        QTRY_VERIFY(view->model()->rowCount() >= 1);
        const int last = view->model()->rowCount() - 1;
        using Col = tbds::ui::RequestLogModel::Column;
        QCOMPARE(view->model()->index(last, Col::PathColumn).data().toString(), QStringLiteral("/check-login"));
        QCOMPARE(view->model()->index(last, Col::StatusColumn).data().toInt(), 200);
        QCOMPARE(view->model()->index(last, Col::UserColumn).data().toString(), QStringLiteral("admin"));
        QVERIFY(find<QLabel>(page, "countersLabel")->text().contains(QStringLiteral("1")));

        // A wrong password is a logged 401 and an error in the counters.
        find<QLineEdit>(page, "selfTestPasswordEdit")->setText(QStringLiteral("wrong"));
        QTRY_VERIFY(selfTest->isEnabled());
        selfTest->click();
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("401")), 10000);
        QTRY_COMPARE(view->model()->rowCount(), 2);
        find<QLineEdit>(page, "requestFilterEdit")->setText(QStringLiteral("401"));
        QCOMPARE(view->model()->rowCount(), 1);
        find<QLineEdit>(page, "requestFilterEdit")->clear();
        screenshot(window.get(), QStringLiteral("service"));

        find<QPushButton>(page, "stopButton")->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->engine()->state(), tbds::ui::EngineController::State::Stopped, 15000);
        QTRY_VERIFY(start->isEnabled());
        QVERIFY(find<QLineEdit>(page, "dmproxySnippetEdit")->text().isEmpty());
    }

    void projectsShowEffectiveValuesAndEditOverrides()
    {
        QTemporaryDir dir;
        auto window = openSample(dir);
        QVERIFY(window);
        window->showPage(MainWindow::Page::Projects);
        auto *page = static_cast<tbds::ui::ProjectsPage *>(window->pageWidget(MainWindow::Page::Projects));
        auto *projects = find<QListWidget>(page, "projectList");
        QCOMPARE(projects->count(), 2);
        page->selectProject(QStringLiteral("Web Shop (WS)"));
        tbds::ui::ProjectOverridesModel *model = page->model();
        using M = tbds::ui::ProjectOverridesModel;
        const int readonlyRow = model->rowForKey(QStringLiteral("readonly"));
        QCOMPARE(model->index(readonlyRow, M::ValueColumn).data().toString(), QStringLiteral("true"));
        QCOMPARE(model->index(readonlyRow, 0).data(M::SourceRole).toInt(), int(tbds::config::ValueSource::Project));
        QCOMPARE(model->index(model->rowForKey(QStringLiteral("attributes")), 0).data(M::SourceRole).toInt(),
                 int(tbds::config::ValueSource::Global));
        page->selectSetting(QStringLiteral("readonly"));
        screenshot(window.get(), QStringLiteral("projects"));

        // Add an override to the other project, as one undoable step.
        const QByteArray before = window->document()->text();
        page->selectProject(QStringLiteral("car_configurator"));
        page->selectSetting(QStringLiteral("attributes"));
        find<QLineEdit>(page, "overrideValueEdit")->setText(QStringLiteral("title, status"));
        find<QPushButton>(page, "setOverrideButton")->click();
        QVERIFY(window->document()->text().contains("[testbench-defect-service.client_config.projects.car_configurator]\n"
                                                    "attributes = [\"title\", \"status\"]"));
        QVERIFY(window->document()->text().startsWith(before.left(before.size() - 1)));
        const int attributesRow = model->rowForKey(QStringLiteral("attributes"));
        QCOMPARE(model->index(attributesRow, 0).data(M::SourceRole).toInt(), int(tbds::config::ValueSource::Project));
        QVERIFY(find<QPushButton>(page, "removeOverrideButton")->isEnabled());
        find<QPushButton>(page, "removeOverrideButton")->click();
        QCOMPARE(model->index(attributesRow, 0).data(M::SourceRole).toInt(), int(tbds::config::ValueSource::Global));
        window->document()->undoStack()->undo();
        window->document()->undoStack()->undo();
        QCOMPARE(window->document()->text(), before);
    }

    void closePromptsForUnsavedChanges()
    {
        QTemporaryDir dir;
        QString path;
        auto window = openSample(dir, &path);
        QVERIFY(window);
        QVERIFY(window->document()->setValue(ConfigDocument::serviceRoot() << QStringLiteral("port"), qint64(9000)).ok());
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        // Save from the prompt goes through the diff preview too: two answers.
        MessageBox::setNextAnswer(QMessageBox::Save);
        MessageBox::setNextAnswer(QMessageBox::Save);
        QVERIFY(window->close());
        QVERIFY(readAll(path).contains("port = 9000"));
        QVERIFY(QSettings().contains(QStringLiteral("window/geometry")));

        auto second = std::make_unique<MainWindow>();
        second->show();
        QVERIFY(second->openFile(path));
        QVERIFY(second->document()->setValue(ConfigDocument::serviceRoot() << QStringLiteral("port"), qint64(9001)).ok());
        MessageBox::setNextAnswer(QMessageBox::Discard);
        QVERIFY(second->close());
        QVERIFY(!readAll(path).contains("port = 9001"));
    }

    void germanPagesWhenTheTranslationIsBuilt()
    {
        // The .qm files are a product of the tbds-admin target; without them there is nothing to look at.
        QTranslator translator;
        if (!translator.load(qEnvironmentVariable("TBDS_BINARY_DIR", QStringLiteral(TBDS_BINARY_DIR))
                             + QStringLiteral("/app/tbds_de.qm")))
            QSKIP("tbds_de.qm not built (build tbds-admin first)");
        QCoreApplication::installTranslator(&translator);
        QTemporaryDir dir;
        auto window = openSample(dir);
        QVERIFY(window);
        QCOMPARE(find<QListWidget>(window.get(), "pageList")->item(0)->text(), QStringLiteral("Konfiguration"));
        screenshot(window.get(), QStringLiteral("de-configuration"));
        window->showPage(MainWindow::Page::Service);
        screenshot(window.get(), QStringLiteral("de-service"));
        window->showPage(MainWindow::Page::Projects);
        screenshot(window.get(), QStringLiteral("de-projects"));
        QCoreApplication::removeTranslator(&translator);
    }

    void preferencesKeepLanguageAndReopen()
    {
        // Edit ▸ Preferences: the language override (read by main() at start) and "open the last
        // configuration at start"; Cancel changes nothing, "System default" removes the override.
        QSettings().remove(tbds::ui::PreferencesDialog::languageKey());
        QSettings().remove(tbds::ui::PreferencesDialog::reopenLastKey());
        QVERIFY(tbds::ui::PreferencesDialog::reopenLast()); // the default
        MainWindow window;
        QVERIFY(find<QAction>(&window, "actionPreferences"));
        {
            tbds::ui::PreferencesDialog dialog;
            auto *language = find<QComboBox>(&dialog, "languageCombo");
            QCOMPARE(language->currentData().toString(), QString());
            language->setCurrentIndex(language->findData(QStringLiteral("de")));
            find<QCheckBox>(&dialog, "reopenLastCheck")->setChecked(false);
            dialog.reject(); // Cancel
        }
        QVERIFY(!QSettings().contains(tbds::ui::PreferencesDialog::languageKey()));
        {
            tbds::ui::PreferencesDialog dialog;
            auto *language = find<QComboBox>(&dialog, "languageCombo");
            language->setCurrentIndex(language->findData(QStringLiteral("de")));
            find<QCheckBox>(&dialog, "reopenLastCheck")->setChecked(false);
            find<QDialogButtonBox>(&dialog, "preferencesButtons")->button(QDialogButtonBox::Ok)->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(QSettings().value(tbds::ui::PreferencesDialog::languageKey()).toString(), QStringLiteral("de"));
        QVERIFY(!tbds::ui::PreferencesDialog::reopenLast());
        {
            tbds::ui::PreferencesDialog dialog; // shows what is stored
            auto *language = find<QComboBox>(&dialog, "languageCombo");
            QCOMPARE(language->currentData().toString(), QStringLiteral("de"));
            QVERIFY(!find<QCheckBox>(&dialog, "reopenLastCheck")->isChecked());
            language->setCurrentIndex(0); // System default
            find<QCheckBox>(&dialog, "reopenLastCheck")->setChecked(true);
            dialog.apply();
        }
        QVERIFY(!QSettings().contains(tbds::ui::PreferencesDialog::languageKey()));
        QVERIFY(tbds::ui::PreferencesDialog::reopenLast());
        // What main() opens when started without a file.
        QTemporaryDir dir;
        QString path;
        {
            auto opened = openSample(dir, &path);
            QVERIFY(opened);
        }
        QCOMPARE(window.fileToReopen(), window.recentFiles().first());
        QCOMPARE(QFileInfo(window.fileToReopen()).canonicalFilePath(), QFileInfo(path).canonicalFilePath());
        QSettings().setValue(tbds::ui::PreferencesDialog::reopenLastKey(), false);
        QVERIFY(window.fileToReopen().isEmpty());
        QSettings().setValue(tbds::ui::PreferencesDialog::reopenLastKey(), true);
        QVERIFY(QFile::remove(path)); // gone since: the welcome page, not an error at start
        QVERIFY(window.fileToReopen().isEmpty());
    }

    void logDockAndAbout()
    {
        QTemporaryDir dir;
        auto window = openSample(dir);
        QVERIFY(window);
        auto *log = find<QTableView>(window.get(), "logView");
        QTRY_VERIFY(log->model()->rowCount() >= 1); // "Opened …"
        auto *filter = find<QLineEdit>(window.get(), "logFilterEdit");
        filter->setText(QStringLiteral("no such message"));
        QCOMPARE(log->model()->rowCount(), 0);
        filter->clear();

        const QString versions = tbds::ui::AboutDialog::versionText();
        for (const char *lib : {"Qt ", "QtKeychain ", "toml++ ", "OpenSSL "})
            QVERIFY2(versions.contains(QLatin1String(lib)), qPrintable(versions));
        tbds::ui::AboutDialog about(window.get());
        about.show();
        screenshot(&about, QStringLiteral("about"));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
